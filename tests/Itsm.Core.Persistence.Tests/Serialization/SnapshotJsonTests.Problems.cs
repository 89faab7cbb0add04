using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    /// <summary>A problem through its whole lifecycle, its known error and a pushed workaround survive the stored form, and the restore replays the history through the table.</summary>
    [Fact]
    public void ProblemAndKnownError_WholeLifecycle_RoundTripWithTheirHistory()
    {
        var by = UserId.From("problem-manager");
        var at = Monday0900;
        var decision = PriorityPolicy.Default.Decide(Impact.FromLevel(1), Urgency.FromLevel(2), IncidentFacts.None).Value;
        var problem = Problem.Log(ProblemId.New(), "Mail bounces nightly", ConfigurationItemId.From("svc-mail"), [ConfigurationItemId.From("san-01")], "mail", decision, by, at).Value;
        var incident = Incident.Open(IncidentId.New(), "Mail bounces", Agent, ConfigurationItemId.From("svc-mail"), decision, Agent, at).Value;
        Assert.True(problem.Investigate(by, at += Duration.FromMinutes(1)).IsSuccess);
        Assert.True(problem.Assign(Agent, by, at).IsSuccess);
        Assert.True(problem.LinkIncident(incident, by, at).IsSuccess);
        Assert.True(problem.RecordRootCause("Controller firmware", by, at += Duration.FromMinutes(1)).IsSuccess);
        Assert.True(problem.RecordWorkaround("Fail over", by, at).IsSuccess);
        var knownError = problem.PublishKnownError(KnownErrorId.New(), "Mail stays in the outbox", "SAN-17", at + Duration.FromDays(30), by, at).Value;
        Assert.True(problem.PushWorkaround([incident], WorkaroundPushPolicy.NoteOnly, by, at += Duration.FromMinutes(1)).IsSuccess);
        Assert.True(problem.ResolveByChange(new ResolvingChange(ChangeId.New(), ChangeStatus.Implemented, true), null, by, at += Duration.FromHours(1)).IsSuccess);
        Assert.True(problem.Close(by, at).IsSuccess);

        var restored = Problem.Restore(RoundTrip(problem.ToSnapshot(), out var json)).Value;
        var restoredKnownError = KnownError.Restore(RoundTrip(knownError.ToSnapshot(), out _)).Value;
        var restoredIncident = Incident.FromSnapshot(RoundTrip(incident.ToSnapshot(), out var incidentJson));

        Assert.Equal(problem.History.Select(e => e.ToString()), restored.History.Select(e => e.ToString()));
        Assert.Equal((problem.State, problem.RootCause, problem.Workaround, problem.KnownError, problem.ResolvedByChange), (restored.State, restored.RootCause, restored.Workaround, restored.KnownError, restored.ResolvedByChange));
        Assert.Equal(problem.Incidents, restored.Incidents);
        Assert.True(restored.HasReached(incident.Id, 1));
        Assert.Contains("\"event\":\"workaround-pushed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"workaround-applied\"", incidentJson, StringComparison.Ordinal);
        Assert.Equal(knownError.History.Select(e => e.ToString()), restoredKnownError.History.Select(e => e.ToString()));
        Assert.Equal((knownError.Status, knownError.PublishedFrom, knownError.ValidUntil, knownError.Workaround), (restoredKnownError.Status, restoredKnownError.PublishedFrom, restoredKnownError.ValidUntil, restoredKnownError.Workaround));
        Assert.Equal(incident.History.Select(e => e.ToString()), restoredIncident.History.Select(e => e.ToString()));
    }
}
