using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Testing;
using Xunit;
using Result = Ardalis.Result.Result;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>Random command sequences against the aggregate: the lifecycle and the approval rules always hold.</summary>
public sealed class ChangeRequestPropertyTests
{
    [Property]
    public void RandomCommandSequences_NeverReachAnIllegalState(ChangeScenario scenario)
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
    }

    /// <summary>Whatever was accepted is in the history, in order, and the snapshot restores with it.</summary>
    [Property]
    public void RandomCommandSequences_HistoryHoldsEveryAcceptedEventAndRestores(ChangeScenario scenario)
    {
        var policy = new ApprovalPolicy(cabQuorum: scenario.Quorum, emergencyQuorum: scenario.Quorum);
        var change = Raise(scenario.Type);
        foreach (var command in scenario.Commands)
        {
            Apply(change, command, policy);
        }

        Assert.Equal(change.Events, change.History);
        var restored = ChangeRequest.Restore(change.ToSnapshot());
        Assert.True(restored.IsSuccess, string.Join("; ", restored.ValidationErrors.Select(e => e.ErrorMessage)));
        Assert.Equal(change.History, restored.Value.History);
        Assert.Empty(restored.Value.Events);
    }

    [Property]
    public void Requester_CanNeverBeAnApprover(ChangeScenario scenario)
    {
        var change = Raise(scenario.Type);
        foreach (var command in scenario.Commands)
        {
            var result = Apply(change, command, ApprovalPolicy.Default);
            if (command is ChangeCommand.Decide { Actor: var actor } && actor == Requester && change.Status is not ChangeStatus.Draft)
            {
                Assert.False(result.IsSuccess);
            }

            Assert.DoesNotContain(change.Decisions, d => d.Approver == change.Requester);
        }
    }

    [Property]
    public void EmergencyChange_IsNeverImplementedWithoutEmergencyAuthority(EmergencyScenario scenario)
    {
        var policy = new ApprovalPolicy(emergencyQuorum: scenario.Quorum);
        var change = Raise(ChangeType.Emergency);
        foreach (var command in scenario.Commands)
        {
            Apply(change, command, policy);
            if (change.ImplementationStartedAt is not null)
            {
                Assert.True(
                    change.Decisions.Where(d => d.Approved && d.Authority == ChangeAuthority.EmergencyAuthority).Select(d => d.Approver).Distinct().Count() >= scenario.Quorum,
                    "An emergency change started implementing without its emergency authority quorum.");
            }
        }
    }

    /// <summary>
    /// The generator of <see cref="EmergencyChange_IsNeverImplementedWithoutEmergencyAuthority"/> must
    /// reach implementation, or that property proves nothing: as many scenarios as it runs, sampled at
    /// its sizes, get at least one emergency change implemented.
    /// </summary>
    [Fact]
    public void EmergencyScenarios_ReachImplementation()
    {
        var implemented = Arbitraries.EmergencyScenarioGen.Sample(PropertyRuns.Runs, 100).Count(scenario =>
        {
            var change = Raise(ChangeType.Emergency);
            foreach (var command in scenario.Commands)
            {
                Apply(change, command, new ApprovalPolicy(emergencyQuorum: scenario.Quorum));
            }

            return change.ImplementationStartedAt is not null;
        });

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

    private static Result Apply(ChangeRequest change, ChangeCommand command, ApprovalPolicy policy) => command switch
    {
        ChangeCommand.Submit => change.Submit(Requester, T0),
        ChangeCommand.Assess a => change.AssessRisk(Assessed(a.Risk), policy, Manager, T0),
        ChangeCommand.Decide { Approve: true } d => change.Approve(d.Authority, "reason", d.Actor, T0),
        ChangeCommand.Decide d => change.Reject(d.Authority, "reason", d.Actor, T0),
        ChangeCommand.Schedule => change.Schedule([], Manager, T0),
        ChangeCommand.Start => change.StartImplementation(Requester, T0),
        ChangeCommand.Complete => change.Complete(null, Requester, T0),
        ChangeCommand.Fail f => change.Fail(f.Remediation, "went wrong", Requester, T0),
        ChangeCommand.Review => change.ReviewOutcome("findings", Manager, T0),
        _ => change.Close(Manager, T0),
    };
}
