using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.Calendars;
using Itsm.Core.Tests.Requests;

namespace Itsm.Core.Tests;

/// <summary>Generators of the request fulfilment properties.</summary>
internal static partial class Arbitraries
{
    /// <summary>
    /// Task graphs of 1 to 14 tasks (sparse and dense, long chains and wide parallel branches, zero efforts), listed in any
    /// order, done by one to three groups on the generated calendars (real DST zones, holidays, empty days), started on or
    /// near a DST transition of the first calendar.
    /// </summary>
    public static Arbitrary<TaskGraphCase> TaskGraphCases() =>
        (from groups in Gen.Choose(1, 3)
         from specs in Gen.ListOf(CalendarSpecGen, groups)
         from count in Gen.Frequency((2, Gen.Choose(1, 4)), (3, Gen.Choose(5, 9)), (1, Gen.Choose(10, 14)))
         from density in Gen.Elements(0.0, 0.15, 0.35, 0.7)
         from edges in Gen.ListOf(Gen.Choose(0, 99), count * count)
         from efforts in Gen.ListOf(Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 3000))), count)
         from owners in Gen.ListOf(Gen.Choose(0, groups - 1), count)
         from order in Gen.Shuffle(Enumerable.Range(0, count))
         from offset in Gen.Choose(-3 * 1440, 3 * 1440)
         from extra in Gen.ListOf(Gen.Choose(0, 99), count)
         from extraEffort in Gen.Choose(0, 3000)
         from extraOwner in Gen.Choose(0, groups - 1)
         select TaskGraphCase.Build([.. specs], count, density, [.. edges], [.. efforts], [.. owners], [.. order], offset, [.. extra], extraEffort, extraOwner)).ToArbitrary();

    /// <summary>
    /// Approval stages (one to three, sequential or parallel with any quorum, one to four approvers each) with each
    /// approver's decision (approve, reject or no vote), and two orders of the parallel votes.
    /// </summary>
    public static Arbitrary<ApprovalCase> ApprovalCases()
    {
        var stage =
            from parallel in Gen.Elements(true, false)
            from size in Gen.Choose(1, 4)
            from quorum in Gen.Choose(1, size)
            from decisions in Gen.ListOf(Gen.Frequency((6, Gen.Constant(Decision.Approve)), (1, Gen.Constant(Decision.Reject)), (2, Gen.Constant(Decision.None))), size)
            from first in Gen.Shuffle(Enumerable.Range(0, size))
            from second in Gen.Shuffle(Enumerable.Range(0, size))
            select new StageCase(parallel, quorum, [.. decisions], [.. first], [.. second]);
        return (from stages in Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(stage, n)) select new ApprovalCase([.. stages])).ToArbitrary();
    }
}
