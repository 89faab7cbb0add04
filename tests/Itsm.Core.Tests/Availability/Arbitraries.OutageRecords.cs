using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.Availability;

namespace Itsm.Core.Tests;

/// <summary>Generators of the outage record properties.</summary>
internal static partial class Arbitraries
{
    /// <summary>
    /// Scripts of up to a dozen steps on one outage record: ends and corrections, some refused (ending twice, an end before the
    /// start, a step dated before the last, a correction that changes nothing or has no reason), with starts, ends and kinds that
    /// collide.
    /// </summary>
    public static Arbitrary<OutageScript> OutageScripts()
    {
        var minute = Gen.Choose(-5, 30);
        var step =
            from kind in Gen.Choose(0, 2)
            from start in minute
            from end in Gen.Frequency((1, Gen.Constant<int?>(null)), (4, minute.Select(m => (int?)m)))
            from planned in Gen.Elements(false, true)
            from item in Gen.Choose(0, 2)
            from cause in Gen.Choose(0, 2)
            from reason in Gen.Elements<string?>("typo", null, " ", "wrong item")
            from delay in Gen.Frequency((1, Gen.Choose(-3, -1)), (6, Gen.Choose(0, 10)))
            select new OutageStep(kind, start, end, planned, item, cause, reason, delay);
        return (from first in step
                from steps in step.ArrayOf().Select(a => a.Take(12).ToArray())
                select new OutageScript(first, steps)).ToArbitrary();
    }
}
