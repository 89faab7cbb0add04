using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.Common;

namespace Itsm.Core.Tests;

/// <summary>Random command scripts for the lifecycle properties of every aggregate, and mutations of their histories.</summary>
internal static partial class Arbitraries
{
    /// <summary>
    /// Scripts of up to a few dozen commands: any command in any state (so most are refused), now and then one dated
    /// before the latest record, time moving by zero minutes (several commands at one instant), minutes or days.
    /// </summary>
    public static Arbitrary<LifecycleScript> LifecycleScripts() =>
        (from seed in Gen.Choose(0, 3)
         from steps in Gen.ListOf(LifecycleStepGen)
         select new LifecycleScript(seed, [.. steps])).ToArbitrary();

    /// <summary>A mutation kind and where to apply it (taken modulo the history's length).</summary>
    public static Arbitrary<HistoryMutation> HistoryMutations() =>
        (from kind in Gen.Elements(MutationKind.TimeBackwards, MutationKind.SwapAdjacent, MutationKind.DropFirst, MutationKind.DropFromLastStateChange)
         from position in Gen.Choose(0, 1000)
         select new HistoryMutation(kind, position)).ToArbitrary();

    private static Gen<LifecycleStep> LifecycleStepGen =>
        from op in Gen.Choose(0, 13)
        from minutes in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 90), Gen.Choose(0, 60 * 72))
        from level in Gen.Choose(1, 4)
        from backwards in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new LifecycleStep(op, minutes, level, backwards);
}
