using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Tests.Changes;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests;

/// <summary>Command sequences against change requests, risk inputs, and calendars of planned changes.</summary>
internal static partial class Arbitraries
{
    private static readonly UserId[] ChangeActors = [Requester, Manager, Ecab, .. CabMembers];

    public static Arbitrary<ChangeScenario> ChangeScenarios() =>
        (from type in Gen.Elements(Enum.GetValues<ChangeType>())
         from quorum in Gen.Choose(1, 3)
         from commands in ChangeCommandsGen
         select new ChangeScenario(type, quorum, commands)).ToArbitrary();

    public static Arbitrary<EmergencyScenario> EmergencyScenarios() => EmergencyScenarioGen.ToArbitrary();

    public static Arbitrary<WorsenedLikelihood> WorsenedLikelihoods() =>
        (from input in RiskInputGen
         from which in Gen.Choose(0, 5)
         select new WorsenedLikelihood(input, Worsen(input, which))).ToArbitrary();

    public static Arbitrary<RaisedImpact> RaisedImpacts() =>
        (from input in RiskInputGen
         from extra in ImpactGen
         from escalate in Gen.Elements(true, false)
         select new RaisedImpact(input, new RiskInput(
             new ImpactSummary(
                 input.Impact.Services.Select(s => escalate ? s with { Effect = ServiceEffect.Down } : s).Concat(extra.Services),
                 input.Impact.AffectedItemCount + extra.AffectedItemCount),
             input.HasTestEvidence, input.HasBackoutPlan, input.History, input.OutsideMaintenanceWindow, input.InsideBlackoutWindow, input.ConflictCount))).ToArbitrary();

    public static Arbitrary<PlannedChangeSet> PlannedChangeSets() =>
        (from count in Gen.Choose(0, 25)
         from changes in Gen.ArrayOf(
             from start in Gen.Choose(0, 40)
             from length in Gen.Choose(1, 8)
             from items in Gen.SubListOf(PlannedChangeSet.Items).Where(l => l.Count > 0)
             select new PlannedChange(ChangeId.New(), Window(start, length), items), count)
         select new PlannedChangeSet(changes)).ToArbitrary();

    /// <summary>The emergency scenarios, also sampled to check that they reach implementation.</summary>
    internal static Gen<EmergencyScenario> EmergencyScenarioGen =>
        from quorum in Gen.Choose(1, 3)
        from commands in ChangeCommandsGen
        select new EmergencyScenario(quorum, commands);

    private static Gen<ChangeCommand> ChangeCommandGen => Gen.OneOf(
        Gen.Constant<ChangeCommand>(new ChangeCommand.Submit()),
        Gen.Elements(Enum.GetValues<RiskClass>()).Select(c => (ChangeCommand)new ChangeCommand.Assess(c)),
        from actor in Gen.Elements(ChangeActors)
        from authority in Gen.Choose(0, 7)
        from approve in Gen.Elements(true, true, true, false)
        select (ChangeCommand)new ChangeCommand.Decide(actor, (ChangeAuthority)authority, approve),
        Gen.Elements<ChangeCommand>(new ChangeCommand.Schedule(), new ChangeCommand.Start(), new ChangeCommand.Complete(), new ChangeCommand.Review(), new ChangeCommand.Close()),
        Gen.Elements(Enum.GetValues<FailureRemediation>()).Select(r => (ChangeCommand)new ChangeCommand.Fail(r)));

    /// <summary>Sequences sized up to 40 whatever the run's size, so that many reach implementation and beyond.</summary>
    private static Gen<ChangeCommand[]> ChangeCommandsGen => Gen.ArrayOf(ChangeCommandGen).Resize(40);

    private static Gen<ImpactSummary> ImpactGen =>
        from services in Gen.ArrayOf(
            from n in Gen.Choose(0, 5)
            from c in Gen.Elements(Enum.GetValues<ServiceCriticality>())
            from e in Gen.Elements(Enum.GetValues<ServiceEffect>())
            select new ImpactedService(ConfigurationItemId.From($"svc-{n}"), c, e))
        from items in Gen.Choose(0, 60)
        select new ImpactSummary(services, items);

    private static Gen<RiskInput> RiskInputGen =>
        from impact in ImpactGen
        from test in Gen.Elements(true, false)
        from backout in Gen.Elements(true, false)
        from implemented in Gen.Choose(0, 10)
        from failed in Gen.Choose(0, 10)
        from outside in Gen.Elements(true, false)
        from blackout in Gen.Elements(true, false)
        from conflicts in Gen.Choose(0, 5)
        select new RiskInput(impact, test, backout, new ChangeHistory(implemented, failed), outside, blackout, conflicts);

    /// <summary><paramref name="i"/> with one likelihood factor added: no test evidence, no back-out plan, a failure more, outside the window, in a blackout, or a conflict more.</summary>
    private static RiskInput Worsen(RiskInput i, int which) => which switch
    {
        0 => new RiskInput(i.Impact, false, i.HasBackoutPlan, i.History, i.OutsideMaintenanceWindow, i.InsideBlackoutWindow, i.ConflictCount),
        1 => new RiskInput(i.Impact, i.HasTestEvidence, false, i.History, i.OutsideMaintenanceWindow, i.InsideBlackoutWindow, i.ConflictCount),
        2 => new RiskInput(i.Impact, i.HasTestEvidence, i.HasBackoutPlan, new ChangeHistory(i.History.Implemented, i.History.Failed + 1), i.OutsideMaintenanceWindow, i.InsideBlackoutWindow, i.ConflictCount),
        3 => new RiskInput(i.Impact, i.HasTestEvidence, i.HasBackoutPlan, i.History, true, i.InsideBlackoutWindow, i.ConflictCount),
        4 => new RiskInput(i.Impact, i.HasTestEvidence, i.HasBackoutPlan, i.History, i.OutsideMaintenanceWindow, true, i.ConflictCount),
        _ => new RiskInput(i.Impact, i.HasTestEvidence, i.HasBackoutPlan, i.History, i.OutsideMaintenanceWindow, i.InsideBlackoutWindow, i.ConflictCount + 1),
    };
}
