using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Calendars.CalendarFixtures;

namespace Itsm.Core.Tests.ServiceLevels;

public sealed class SlaClockTests
{
    private const string London = "Europe/London";
    private static readonly BusinessCalendar Calendar = UkOffice;
    private static readonly Duration TwoDays = Duration.FromMinutes(2 * 450);

    private static SlaClock Started(string local, Duration target) =>
        SlaClock.Start(SlaMetric.Resolution, Local(London, local), target, [50, 75, 90]).Value;

    [Fact]
    public void Evaluate_Running_DueAtAddOfTarget()
    {
        var clock = Started("2026-03-02T07:00", TwoDays);
        var status = clock.Evaluate(Local(London, "2026-03-02T10:00"), Calendar);
        Assert.Equal(SlaClockState.Running, status.State);
        Assert.Equal(Duration.FromHours(1), status.Elapsed);
        Assert.Equal(Local(London, "2026-03-03T17:30"), status.Due);
        Assert.Equal(Local(London, "2026-03-04T09:00"), status.ProjectedBreach);
        Assert.Equal(TwoDays - Duration.FromHours(1), status.Remaining);
    }

    [Fact]
    public void Evaluate_StoppedAfterClosingOnDueDay_IsMetNotBreached()
    {
        var clock = Started("2026-03-02T07:00", TwoDays).Stop(Local(London, "2026-03-03T19:00")).Value;
        var status = clock.Evaluate(Local(London, "2026-03-05T12:00"), Calendar);
        Assert.Equal(SlaClockState.Met, status.State);
        Assert.Null(status.BreachedAt);
        Assert.Equal(TwoDays, status.Elapsed);
        Assert.Equal(100.0, status.Percentage, 9);
    }

    [Fact]
    public void Evaluate_AfterNextOpening_IsBreachedAtNextWorkingInstantAfterDue()
    {
        var clock = Started("2026-03-02T07:00", TwoDays);
        var status = clock.Evaluate(Local(London, "2026-03-04T09:01"), Calendar);
        Assert.Equal(SlaClockState.Breached, status.State);
        Assert.Equal(Local(London, "2026-03-04T09:00"), status.BreachedAt);
    }

    [Fact]
    public void Evaluate_AtExactlyBreachInstant_IsNotYetBreached()
    {
        var clock = Started("2026-03-02T07:00", TwoDays);
        Assert.Equal(SlaClockState.Running, clock.Evaluate(Local(London, "2026-03-04T09:00"), Calendar).State);
    }

    [Fact]
    public void Evaluate_PausedSpan_AddsNothingAndNeverBreaches()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(1))
            .Pause(Local(London, "2026-03-02T09:30"), "OnHold").Value;
        var status = clock.Evaluate(Local(London, "2026-03-20T09:00"), Calendar);
        Assert.Equal(SlaClockState.Paused, status.State);
        Assert.Equal(Duration.FromMinutes(30), status.Elapsed);
        Assert.Null(status.Due);
        Assert.Null(status.BreachedAt);
    }

    [Fact]
    public void Evaluate_ThresholdsCrossed_ListsReachedPercentages()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(2));
        Assert.Equal([50, 75], (IEnumerable<int>)clock.Evaluate(Local(London, "2026-03-02T10:40"), Calendar).ThresholdsCrossed);
    }

    [Fact]
    public void Evaluate_BeforeStart_IsNotStarted()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(2));
        Assert.Equal(SlaClockState.NotStarted, clock.Evaluate(Local(London, "2026-03-01T09:00"), Calendar).State);
    }

    [Fact]
    public void Retarget_KeepElapsed_CountsElapsedAgainstNewTarget()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(8))
            .Retarget(Local(London, "2026-03-02T11:00"), Duration.FromHours(4), "P3 -> P2").Value;
        var status = clock.Evaluate(Local(London, "2026-03-02T11:00"), Calendar);
        Assert.Equal(Duration.FromHours(2), status.Elapsed);
        Assert.Equal(Local(London, "2026-03-02T14:00"), status.Due);
    }

    [Fact]
    public void Retarget_Restart_StartsFromZero()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(8))
            .Retarget(Local(London, "2026-03-02T11:00"), Duration.FromHours(4), "P3 -> P2", SlaRetargetPolicy.Restart).Value;
        var status = clock.Evaluate(Local(London, "2026-03-02T11:00"), Calendar);
        Assert.Equal(Duration.Zero, status.Elapsed);
        Assert.Equal(Local(London, "2026-03-02T16:00"), status.Due);
    }

    [Fact]
    public void Retarget_KeepElapsedBelowElapsed_BreachesAtRetargetInstant()
    {
        var at = Local(London, "2026-03-02T13:00");
        var clock = Started("2026-03-02T09:00", Duration.FromHours(8)).Retarget(at, Duration.FromHours(1), "P3 -> P1").Value;
        var status = clock.Evaluate(Local(London, "2026-03-02T13:01"), Calendar);
        Assert.Equal(SlaClockState.Breached, status.State);
        Assert.Equal(at, status.BreachedAt);
    }

    [Fact]
    public void Retarget_Retroactive_DatesBreachAsIfNewTargetAppliedFromStart()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(8))
            .Retarget(Local(London, "2026-03-02T13:00"), Duration.FromHours(1), "P3 -> P1", SlaRetargetPolicy.Retroactive).Value;
        var status = clock.Evaluate(Local(London, "2026-03-02T13:01"), Calendar);
        Assert.Equal(Local(London, "2026-03-02T10:00"), status.BreachedAt);
    }

    [Fact]
    public void Retarget_RetroactiveLonger_ForgetsBreachUnderOldTarget()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(1))
            .Retarget(Local(London, "2026-03-02T13:00"), Duration.FromHours(8), "P1 -> P3", SlaRetargetPolicy.Retroactive).Value;
        Assert.Equal(SlaClockState.Running, clock.Evaluate(Local(London, "2026-03-02T13:30"), Calendar).State);

        var kept = Started("2026-03-02T09:00", Duration.FromHours(1))
            .Retarget(Local(London, "2026-03-02T13:00"), Duration.FromHours(8), "P1 -> P3").Value;
        Assert.Equal(Local(London, "2026-03-02T10:00"), kept.Evaluate(Local(London, "2026-03-02T13:30"), Calendar).BreachedAt);
    }

    [Fact]
    public void Record_ResumeWhileRunning_IsConflictNamingStateAndAllowedMoves()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(8));
        var result = clock.Resume(Local(London, "2026-03-02T10:00"));
        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal("sla-clock.illegal-transition", result.ErrorCode);
        Assert.Contains("running", result.Message, StringComparison.Ordinal);
        Assert.Contains("pause, stop, re-target", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_AfterStop_IsConflict()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(8)).Stop(Local(London, "2026-03-02T10:00")).Value;
        Assert.Equal(ResultStatus.Conflict, clock.Pause(Local(London, "2026-03-02T11:00"), "OnHold").Status);
    }

    [Fact]
    public void Record_LateEventsBeforeExistingOnes_GiveTheInOrderAnswer()
    {
        var inOrder = Started("2026-03-02T09:00", Duration.FromHours(8))
            .Pause(Local(London, "2026-03-02T10:00"), "OnHold", 1).Value
            .Resume(Local(London, "2026-03-02T12:00"), 2).Value
            .Stop(Local(London, "2026-03-02T15:00"), 3).Value;
        var late = Started("2026-03-02T09:00", Duration.FromHours(8))
            .Stop(Local(London, "2026-03-02T15:00"), 3).Value
            .Resume(Local(London, "2026-03-02T12:00"), 2);
        Assert.Equal(ResultStatus.Conflict, late.Status);

        var reordered = Started("2026-03-02T09:00", Duration.FromHours(8))
            .Stop(Local(London, "2026-03-02T15:00"), 3).Value
            .Pause(Local(London, "2026-03-02T10:00"), "OnHold", 1).Value
            .Resume(Local(London, "2026-03-02T12:00"), 2).Value;
        var at = Local(London, "2026-03-03T00:00");
        Assert.Equal(Duration.FromHours(3), inOrder.Evaluate(at, Calendar).Elapsed);
        Assert.Equal(inOrder.Evaluate(at, Calendar), reordered.Evaluate(at, Calendar));
    }

    [Fact]
    public void Start_NonPositiveTarget_IsInvalid()
    {
        Assert.Equal(ResultStatus.Invalid, SlaClock.Start(SlaMetric.Response, Instant.FromUtc(2026, 1, 1, 0, 0), Duration.Zero).Status);
    }

    [Fact]
    public void Snapshot_RoundTrips()
    {
        var clock = Started("2026-03-02T09:00", Duration.FromHours(8)).Pause(Local(London, "2026-03-02T10:00"), "OnHold").Value;
        var restored = SlaClock.FromSnapshot(clock.ToSnapshot());
        Assert.Equal(clock.Events.AsEnumerable(), restored.Events.AsEnumerable());
        Assert.Equal(clock.Evaluate(Local(London, "2026-03-05T10:00"), Calendar), restored.Evaluate(Local(London, "2026-03-05T10:00"), Calendar));
    }

    [Fact]
    public void Evaluate_StoppedWhilePaused_CountsNoPausedTimeAndDoesNotBreach()
    {
        // Regression (found by NeverBreachesWhilePausedOrAfterStop): a stop recorded while paused
        // used to add the paused span to elapsed time and could breach.
        var clock = Started("2026-03-02T09:00", Duration.FromMinutes(21))
            .Pause(Local(London, "2026-03-02T09:00"), "OnHold", 1).Value
            .Stop(Local(London, "2026-03-02T15:00"), 2).Value;
        var status = clock.Evaluate(Local(London, "2026-03-03T09:00"), Calendar);
        Assert.Equal(SlaClockState.Met, status.State);
        Assert.Equal(Duration.Zero, status.Elapsed);
        Assert.Null(status.BreachedAt);
    }

    [Fact]
    public void Evaluate_LowerTargetWhilePaused_BreachesOnlyWhenResumed()
    {
        var resume = Local(London, "2026-03-03T10:00");
        var clock = Started("2026-03-02T09:00", Duration.FromHours(8))
            .Pause(Local(London, "2026-03-02T11:00"), "OnHold", 1).Value
            .Retarget(Local(London, "2026-03-02T12:00"), Duration.FromHours(1), "P3 -> P1", sequence: 2).Value
            .Resume(resume, 3).Value;
        Assert.Equal(SlaClockState.Paused, clock.Evaluate(resume - Duration.FromMinutes(1), Calendar).State);
        var status = clock.Evaluate(resume + Duration.FromMinutes(1), Calendar);
        Assert.Equal(SlaClockState.Breached, status.State);
        Assert.Equal(resume, status.BreachedAt);
    }
}
