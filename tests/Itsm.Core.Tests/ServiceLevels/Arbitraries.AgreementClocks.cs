using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Tests;

/// <summary>
/// Incidents opened on London office hours around the 2026 clock change (29 March), under an agreement whose version 2 comes
/// into force at the start of the opening day (before or exactly at the opening, so the clock starts under it) or up to a week
/// later, with targets from a quarter of an hour to a working week, often equal to the business time elapsed at the change.
/// </summary>
internal static partial class Arbitraries
{
    /// <summary>The cases of the clocks-under-the-version-in-force properties.</summary>
    public static Arbitrary<VersionChangeCase> VersionChangeCases() =>
        (from day in Gen.Choose(0, 27)
         from minute in Gen.Frequency(
             (1, Gen.Constant(0)),
             (2, Gen.Elements(9 * 60, 17 * 60, (17 * 60) - 15, 12 * 60)),
             (4, Gen.Choose(0, (24 * 4) - 1).Select(q => q * 15)))
         from v1 in Target()
         from v2 in Gen.Frequency((3, Target()), (1, Gen.Constant(-1)))
         from days in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 7)))
         select new VersionChangeCase(new LocalDate(2026, 3, 16).PlusDays(day).At(LocalTime.FromMinutesSinceMidnight(minute)), v1, v2, days)).ToArbitrary();

    /// <summary>A target in quarter-hours: 15 minutes to 40 business hours.</summary>
    private static Gen<int> Target() => Gen.Choose(1, 160).Select(q => q * 15);
}
