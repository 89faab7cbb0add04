using System.Collections.Immutable;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Testing;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;
using ImpactedService = Itsm.Core.Changes.ImpactedService;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    private static readonly UserId ChangeRequester = UserId.From("alice");
    private static readonly UserId ChangeManager = UserId.From("bob");

    /// <summary>
    /// Random changes, driven through random legal and illegal command sequences, round-trip to
    /// identical text at any point of their life with their whole history, restore (the history
    /// passes validation), and then behave like the original: the same commands give the same text.
    /// </summary>
    [Property]
    public void Property_RandomChanges_RoundTripWithTheirHistoryAndBehaveLikeTheOriginal(ChangeScenario s)
    {
        var at = Monday0900;
        var template = s.Type == ChangeType.Standard ? new StandardChangeTemplate("os-patch", "Monthly OS patch", new ChangePlans("patch", "smoke tests", "reinstall")) : null;
        var original = ChangeRequest.Raise(
            ChangeId.New(), s.Type, "Random change", ChangeRequester, [ConfigurationItemId.From("db-01")], [ConfigurationItemId.From("db-01")],
            new Interval(at, at + Duration.FromHours(2)), template is null ? new ChangePlans("apply", null, "restore") : null, at, template).Value;
        var policy = new ApprovalPolicy(cabQuorum: s.Quorum, emergencyQuorum: s.Quorum);
        var split = s.Steps.Length * s.Split / 100;
        foreach (var step in s.Steps[..split])
        {
            at = Apply(original, step, at, policy);
        }

        var json = SnapshotJson.Serialize(original.ToSnapshot());
        var restoredSnapshot = SnapshotJson.Deserialize<ChangeRequestSnapshot>(json);
        Assert.Equal(json, SnapshotJson.Serialize(restoredSnapshot));
        AssertSameHistory(original.History, restoredSnapshot.History);
        var restored = ChangeRequest.Restore(restoredSnapshot);
        Assert.True(restored.IsSuccess, string.Join("; ", restored.ValidationErrors.Select(e => e.ErrorMessage)));

        var continued = at;
        foreach (var step in s.Steps[split..])
        {
            var next = Apply(original, step, continued, policy);
            Assert.Equal(next, Apply(restored.Value, step, continued, policy));
            continued = next;
        }

        Assert.Equal(SnapshotJson.Serialize(original.ToSnapshot()), SnapshotJson.Serialize(restored.Value.ToSnapshot()));
        AssertSameHistory(original.History, restored.Value.History);
    }

    /// <summary>
    /// The change generator must reach the long histories, or the property above proves little: in
    /// as many scenarios as it runs, some changes are implemented, some closed and some rejected.
    /// </summary>
    [Fact]
    public void ChangeScenarios_ReachImplementationClosureAndRejection()
    {
        var reached = Arbitraries.ChangeScenarioGen.Sample(PropertyRuns.Runs, 100).Select(s =>
        {
            var at = Monday0900;
            var template = s.Type == ChangeType.Standard ? new StandardChangeTemplate("os-patch", "Monthly OS patch", new ChangePlans("patch", "smoke tests", "reinstall")) : null;
            var change = ChangeRequest.Raise(
                ChangeId.New(), s.Type, "Random change", ChangeRequester, [ConfigurationItemId.From("db-01")], [ConfigurationItemId.From("db-01")],
                new Interval(at, at + Duration.FromHours(2)), template is null ? new ChangePlans("apply", null, "restore") : null, at, template).Value;
            foreach (var step in s.Steps)
            {
                at = Apply(change, step, at, new ApprovalPolicy(cabQuorum: s.Quorum, emergencyQuorum: s.Quorum));
            }

            return change.History;
        }).ToList();

        Assert.Contains(reached, h => h.OfType<ChangeImplementationStarted>().Any());
        Assert.Contains(reached, h => h.OfType<ChangeClosed>().Any());
        Assert.Contains(reached, h => h.OfType<ChangeRejected>().Any());
    }

    /// <summary>Applies one random command (legal or not, possibly back in time) and returns the new current instant.</summary>
    private static Instant Apply(ChangeRequest change, (int Op, int Minutes, int Level) step, Instant now, ApprovalPolicy policy)
    {
        now += Duration.FromMinutes(step.Minutes);
        var all = ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard | ChangeAuthority.EmergencyAuthority;
        _ = step.Op switch
        {
            0 => change.Submit(ChangeRequester, now),
            1 => change.AssessRisk(RiskFor(step.Level), policy, ChangeManager, now),
            2 => change.Approve(all, "fine", UserId.From($"cab{step.Level}"), now),
            3 => change.Reject(all, "not now", UserId.From("cab1"), now),
            4 => change.Approve(all, "my own", ChangeRequester, now), // refused: segregation of duties
            5 => change.Schedule([], ChangeManager, now),
            6 => change.StartImplementation(ChangeRequester, now),
            7 => change.Complete(step.Level == 1 ? null : "done", ChangeRequester, now),
            8 => change.Fail(step.Level == 1 ? FailureRemediation.BackedOut : FailureRemediation.FixedForward, "went wrong", ChangeRequester, now),
            9 => change.ReviewOutcome("lessons", UserId.From("dave"), now),
            10 => change.Close(ChangeManager, now),
            11 => change.ReviewOutcome(" ", UserId.From("dave"), now), // invalid: refused, changes nothing
            _ => change.Submit(ChangeRequester, now - Duration.FromMinutes(step.Level)), // may go back in time: refused
        };
        return now;
    }

    private static RiskAssessment RiskFor(int level) => RiskModel.Default.Assess(level switch
    {
        1 => new RiskInput(ImpactSummary.None),
        2 => new RiskInput(new ImpactSummary([new ImpactedService(Email, ServiceCriticality.Medium, ServiceEffect.Down)], 3), hasTestEvidence: false),
        _ => new RiskInput(new ImpactSummary([new ImpactedService(Email, ServiceCriticality.High, ServiceEffect.Down)], 3), hasTestEvidence: false),
    });

    /// <summary>One generated change life.</summary>
    public sealed record ChangeScenario(ChangeType Type, int Quorum, ImmutableArray<(int Op, int Minutes, int Level)> Steps, int Split)
    {
        /// <summary>A readable counter-example.</summary>
        public override string ToString() =>
            $"{Type} quorum={Quorum} split={Split}% steps=[{string.Join(", ", Steps.Select(t => $"op{t.Op}+{t.Minutes}m/L{t.Level}"))}]";
    }
}
