using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;
using static Itsm.Core.Tests.Incidents.IncidentFixture;

namespace Itsm.Core.Tests.Incidents;

public class IncidentTests
{
    private static Instant At(int hours, int minutes = 0) => Monday0900 + Duration.FromHours(hours) + Duration.FromMinutes(minutes);

    [Fact]
    public void Open_StartsResponseAndResolutionClocksForThePriority()
    {
        var incident = Open(impact: 2, urgency: 2); // P3: 4h response, 16h resolution

        Assert.Equal(IncidentState.New, incident.State);
        Assert.Equal(Priority.FromRank(3), incident.Priority);
        var (response, resolution) = incident.SlaStatus(OfficeHours, At(1));
        Assert.Equal(Duration.FromHours(4), response!.Target);
        Assert.Equal(Duration.FromHours(16), resolution!.Target);
        Assert.Equal(Duration.FromHours(1), resolution.Elapsed);
        Assert.IsType<IncidentOpened>(Assert.Single(incident.History));
    }

    [Fact]
    public void Open_PriorityWithoutTargets_RunsNoClockAndSaysWhy()
    {
        var incident = Open(impact: 3, urgency: 3); // P5

        Assert.Null(incident.ResolutionClock);
        Assert.Contains(incident.History, e => e is IncidentSlaNotApplied n && n.Why.Contains("no targets for P5", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_WithoutTitle_IsInvalid()
    {
        var result = Incident.Open(IncidentId.New(), " ", Caller, Email, Decision(1, 1), Agent, Monday0900);

        Assert.Equal("Title", Assert.Single(result.ValidationErrors).Identifier);
    }

    [Fact]
    public void Assign_StopsTheResponseClock()
    {
        var incident = Open();

        Assert.True(incident.Assign(Agent, Agent, At(0, 30)).IsSuccess);

        Assert.Equal(IncidentState.Assigned, incident.State);
        var response = incident.SlaStatus(OfficeHours, At(5)).Response!;
        Assert.Equal(SlaClockState.Met, response.State);
        Assert.Equal(Duration.FromMinutes(30), response.Elapsed);
    }

    [Fact]
    public void OnHold_PausesResolutionAndResumeContinuesIt()
    {
        var incident = Open();
        incident.Assign(Agent, Agent, At(0));
        incident.StartWork(Agent, At(1));
        incident.PutOnHold(HoldReason.AwaitingCustomer, Agent, At(2));

        Assert.Equal(SlaClockState.Paused, incident.SlaStatus(OfficeHours, At(5)).Resolution!.State);
        Assert.Equal(Duration.FromHours(2), incident.SlaStatus(OfficeHours, At(5)).Resolution!.Elapsed);

        Assert.True(incident.Resume(Agent, At(5)).IsSuccess);
        Assert.Equal(Duration.FromHours(3), incident.SlaStatus(OfficeHours, At(6)).Resolution!.Elapsed);
    }

    [Fact]
    public void Resolve_StopsTheClockAsMet()
    {
        var incident = Open();
        incident.Assign(Agent, Agent, At(0));
        incident.StartWork(Agent, At(0, 10));

        Assert.True(incident.Resolve("restarted the mail relay", Agent, At(3)).IsSuccess);

        var resolution = incident.SlaStatus(OfficeHours, At(30)).Resolution!;
        Assert.Equal(SlaClockState.Met, resolution.State);
        Assert.Equal(Duration.FromHours(3), resolution.Elapsed);
        Assert.Equal(At(3), incident.ResolvedAt);
    }

    [Fact]
    public void Reopen_WithinWindow_ContinuesTheClockWithoutTheResolvedInterval()
    {
        var incident = Open();
        incident.Assign(Agent, Agent, At(0));
        incident.StartWork(Agent, At(0));
        incident.Resolve("fixed", Agent, At(2));

        Assert.True(incident.Reopen("mail stuck again", Agent, At(4)).IsSuccess);

        Assert.Equal(IncidentState.InProgress, incident.State);
        var resolution = incident.SlaStatus(OfficeHours, At(5)).Resolution!;
        Assert.Equal(SlaClockState.Running, resolution.State);
        Assert.Equal(Duration.FromHours(3), resolution.Elapsed); // 2h before resolving + 1h after reopening
    }

    [Fact]
    public void Reopen_AfterWindow_IsConflictAndChangesNothing()
    {
        var incident = Open();
        incident.Assign(Agent, Agent, At(0));
        incident.Resolve("fixed", Agent, At(1));
        var before = incident.History.Count;

        var result = incident.Reopen("again", Agent, At(1) + Duration.FromDays(6));

        Assert.Equal("incident.reopen-window", result.ErrorCode);
        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal(before, incident.History.Count);
    }

    [Fact]
    public void IllegalTransition_NamesCurrentAndAllowedStates()
    {
        var incident = Open();

        var result = incident.Resume(Agent, At(1));

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal("incident.illegal-transition", result.ErrorCode);
        Assert.Contains("while it is New", result.Message, StringComparison.Ordinal);
        Assert.Contains("only when it is OnHold", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangePriority_RetargetsRunningClocksKeepingElapsed()
    {
        var incident = Open(impact: 2, urgency: 2); // P3: 16h resolution
        incident.Assign(Agent, Agent, At(0));

        var result = incident.ChangePriority(Decision(1, 1), "whole office affected", Agent, At(2));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(Priority.FromRank(1), incident.Priority);
        var resolution = incident.SlaStatus(OfficeHours, At(3)).Resolution!;
        Assert.Equal(Duration.FromHours(4), resolution.Target);
        Assert.Equal(Duration.FromHours(3), resolution.Elapsed);
        var changed = Assert.Single(incident.History.OfType<IncidentPriorityChanged>());
        Assert.Equal(Priority.FromRank(3), changed.From);
        Assert.Equal("whole office affected", changed.Reason);
    }

    [Fact]
    public void Resume_AfterPriorityChangeDuringHold_ResumesTheClock()
    {
        // Regression: found by the random-sequence property. A re-target recorded while paused
        // made the clock look running, so Resume did not resume it and time was lost.
        var incident = Open();
        incident.Assign(Agent, Agent, At(0));
        incident.StartWork(Agent, At(0));
        incident.PutOnHold(HoldReason.AwaitingSupplier, Agent, At(1));
        incident.ChangePriority(Decision(1, 2), "supplier outage widened", Agent, At(2));

        incident.Resume(Agent, At(3));

        var resolution = incident.SlaStatus(OfficeHours, At(4)).Resolution!;
        Assert.Equal(SlaClockState.Running, resolution.State);
        Assert.Equal(Duration.FromHours(2), resolution.Elapsed);
    }

    [Fact]
    public void Cancel_AtTheOpeningInstant_StopsTheClocks()
    {
        // Regression: clock events at one instant need distinct sequence numbers.
        var incident = Open();

        Assert.True(incident.Cancel("raised in error", Agent, Monday0900).IsSuccess);

        Assert.True(incident.ResolutionClock!.IsStopped);
    }

    [Fact]
    public void ClosedIncident_CannotChange()
    {
        var incident = Open();
        incident.Assign(Agent, Agent, At(0));
        incident.Resolve("fixed", Agent, At(1));
        incident.Close(Agent, At(2));

        Assert.Equal("incident.illegal-transition", incident.Cancel("dup", Agent, At(3)).ErrorCode);
        Assert.Equal("incident.illegal-transition", incident.ChangePriority(Decision(1, 1), "x", Agent, At(3)).ErrorCode);
    }

    [Fact]
    public void EventBeforeLastChange_IsRefused()
    {
        var incident = Open();
        incident.Assign(Agent, Agent, At(2));

        Assert.Equal("incident.time-order", incident.StartWork(Agent, At(1)).ErrorCode);
    }

    [Fact]
    public void ProjectSla_GivesTheEarliestBreachOfARunningClock()
    {
        var incident = Open(impact: 1, urgency: 1); // P1: 1h response, 4h resolution

        incident.ProjectSla(OfficeHours, Monday0900);

        Assert.Equal(At(1), incident.NextBreachAt);
        incident.Assign(Agent, Agent, At(0, 10));
        incident.ProjectSla(OfficeHours, At(0, 10));
        Assert.Equal(At(4), incident.NextBreachAt);
    }

    [Fact]
    public void Snapshot_RoundTrips()
    {
        var incident = Open();
        incident.Assign(Agent, Agent, At(0));

        var restored = Incident.FromSnapshot(incident.ToSnapshot());

        Assert.Equal(incident.ToSnapshot(), restored.ToSnapshot());
        Assert.Equal(IncidentState.Assigned, restored.State);
    }
}
