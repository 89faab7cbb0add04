using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Xunit;
using Result = Ardalis.Result.Result;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>Random command sequences against the aggregate: the lifecycle and the approval rules always hold.</summary>
public sealed class ChangeRequestPropertyTests
{
    private static readonly UserId[] Actors = [Requester, Manager, Ecab, .. CabMembers];

    private static readonly Gen<Command> CommandGen = Gen.OneOf(
        Gen.Constant<Command>(new Submit()),
        Gen.Elements(Enum.GetValues<RiskClass>()).Select(c => (Command)new Assess(c)),
        from actor in Gen.Elements(Actors)
        from authority in Gen.Choose(0, 7)
        from approve in Gen.Elements(true, true, true, false)
        select (Command)new Decide(actor, (ChangeAuthority)authority, approve),
        Gen.Elements<Command>(new Schedule(), new Start(), new Complete(), new Review(), new Close()),
        Gen.Elements(Enum.GetValues<FailureRemediation>()).Select(r => (Command)new Fail(r)));

    private static readonly Gen<(ChangeType Type, int Quorum, Command[] Commands)> ScenarioGen =
        from type in Gen.Elements(Enum.GetValues<ChangeType>())
        from quorum in Gen.Choose(1, 3)
        from commands in Gen.ArrayOf(CommandGen).Resize(40)
        select (type, quorum, commands);

    [Fact]
    public void RandomCommandSequences_NeverReachAnIllegalState()
    {
        PropertyTesting.Check(Prop.ForAll(ScenarioGen.ToArbitrary(), scenario =>
        {
            var policy = new ApprovalPolicy(cabQuorum: scenario.Quorum, emergencyQuorum: scenario.Quorum);
            var change = Raise(scenario.Type);
            var wasEmergency = scenario.Type == ChangeType.Emergency;
            foreach (var command in scenario.Commands)
            {
                var before = change.ToSnapshot();
                var allowedNext = change.NextStates();
                var result = Apply(change, command, policy);
                if (result.IsSuccess)
                {
                    Assert.True(allowedNext.Contains(change.Status), $"{before.Status} -> {change.Status} by {command}");
                }
                else
                {
                    Assert.Equal(before, change.ToSnapshot());
                    Assert.NotEmpty(result.Message);
                }

                AssertInvariants(change, wasEmergency);
            }
        }));
    }

    [Fact]
    public void Requester_CanNeverBeAnApprover()
    {
        PropertyTesting.Check(Prop.ForAll(ScenarioGen.ToArbitrary(), scenario =>
        {
            var change = Raise(scenario.Type);
            foreach (var command in scenario.Commands)
            {
                var result = Apply(change, command, ApprovalPolicy.Default);
                if (command is Decide { Actor: var actor } && actor == Requester && change.Status is not ChangeStatus.Draft)
                {
                    Assert.False(result.IsSuccess);
                }

                Assert.DoesNotContain(change.Decisions, d => d.Approver == change.Requester);
            }
        }));
    }

    [Fact]
    public void EmergencyChange_IsNeverImplementedWithoutEmergencyAuthority()
    {
        var gen = from quorum in Gen.Choose(1, 3)
                  from commands in Gen.ArrayOf(CommandGen).Resize(40)
                  select (quorum, commands);
        var implemented = 0;
        PropertyTesting.Check(Prop.ForAll(gen.ToArbitrary(), scenario =>
        {
            var policy = new ApprovalPolicy(emergencyQuorum: scenario.quorum);
            var change = Raise(ChangeType.Emergency);
            foreach (var command in scenario.commands)
            {
                Apply(change, command, policy);
                if (change.ImplementationStartedAt is not null)
                {
                    Assert.True(
                        change.Decisions.Where(d => d.Approved && d.Authority == ChangeAuthority.EmergencyAuthority).Select(d => d.Approver).Distinct().Count() >= scenario.quorum,
                        "An emergency change started implementing without its emergency authority quorum.");
                }
            }

            implemented += change.ImplementationStartedAt is null ? 0 : 1;
        }));

        // The generator must reach the interesting case, or the property proves nothing.
        Assert.True(implemented > 0, "No generated sequence reached implementation.");
    }

    private static void AssertInvariants(ChangeRequest change, bool wasEmergency)
    {
        Assert.DoesNotContain(change.Decisions, d => d.Approver == change.Requester);
        Assert.Equal(wasEmergency, change.Type == ChangeType.Emergency);
        if (change.ImplementationStartedAt is not null)
        {
            Assert.True(change.HasRequiredApprovals());
        }

        if (change.Type == ChangeType.Standard && change.Requirement is not null)
        {
            Assert.True(change.Requirement.IsPreApproved);
            Assert.Equal(RiskClass.Low, change.Assessment!.Class);
        }

        if (change.Status == ChangeStatus.Closed && change.ImplementationEndedAt is not null && change.RequiresReview)
        {
            Assert.NotNull(change.Review);
        }

        if (change.Status == ChangeStatus.Rejected)
        {
            Assert.False(change.Decisions[^1].Approved);
        }
    }

    private static Result Apply(ChangeRequest change, Command command, ApprovalPolicy policy) => command switch
    {
        Submit => change.Submit(Requester, T0),
        Assess a => change.AssessRisk(Assessed(a.Risk), policy, Manager, T0),
        Decide { Approve: true } d => change.Approve(d.Actor, d.Authority, "reason", T0),
        Decide d => change.Reject(d.Actor, d.Authority, "reason", T0),
        Schedule => change.Schedule(Manager, T0),
        Start => change.StartImplementation(Requester, T0),
        Complete => change.Complete(Requester, null, T0),
        Fail f => change.Fail(Requester, f.Remediation, "went wrong", T0),
        Review => change.ReviewOutcome(Manager, "findings", T0),
        _ => change.Close(Manager, T0),
    };

    private abstract record Command;

    private sealed record Submit : Command;

    private sealed record Assess(RiskClass Risk) : Command;

    private sealed record Decide(UserId Actor, ChangeAuthority Authority, bool Approve) : Command;

    private sealed record Schedule : Command;

    private sealed record Start : Command;

    private sealed record Complete : Command;

    private sealed record Fail(FailureRemediation Remediation) : Command;

    private sealed record Review : Command;

    private sealed record Close : Command;
}
