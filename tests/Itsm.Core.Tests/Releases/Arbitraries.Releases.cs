using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.Releases;

namespace Itsm.Core.Tests;

/// <summary>
/// Release cases that reach the hard cases: blackouts that touch the production window at either end, overlap it by a
/// minute or cover it; bundles mixing approved and unapproved changes, and changes whose approved window ends a minute
/// early; version sequences over two units with many equal and smaller versions.
/// </summary>
internal static partial class Arbitraries
{
    /// <summary>Which of one to four changes are approved, a blackout relative to the production window [24h, 26h) or none.</summary>
    public static Arbitrary<GateCase> GateCases() =>
        (from n in Gen.Choose(1, 4)
         from approved in Gen.Frequency((1, Gen.Constant(false)), (4, Gen.Constant(true))).ArrayOf(n)
         from narrow in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false))).ArrayOf(n)
         from hasBlackout in Gen.Elements(true, true, false)
         from start in Gen.Frequency((3, Gen.Elements(-60, -1, 0, 119, 120, 121)), (2, Gen.Choose(-240, 240)))
         from length in Gen.Frequency((2, Gen.Elements(1, 60, 120)), (2, Gen.Choose(1, 300)))
         from order in Gen.Shuffle(Enumerable.Range(0, n).ToArray())
         select new GateCase(approved, narrow, hasBlackout ? (start, length) : null, [.. order])).ToArbitrary();

    /// <summary>Up to twelve releases over two units with versions drawn from a small range, so repeats and decreases are common.</summary>
    public static Arbitrary<VersionScript> VersionScripts() =>
        (from steps in (from unit in Gen.Choose(0, 1) from major in Gen.Choose(0, 2) from minor in Gen.Choose(0, 2) from patch in Gen.Choose(0, 1) select (unit, major, minor, patch)).ListOf()
         select new VersionScript([.. steps.Take(12)])).ToArbitrary();
}
