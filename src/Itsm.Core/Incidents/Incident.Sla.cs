using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Incidents;

// The incident's priority changes and SLA clocks: re-targeting, projection, evaluation and the clock bookkeeping of transitions.
public sealed partial class Incident
{
    /// <summary>
    /// Changes the priority to <paramref name="decision"/>'s, with a mandatory reason, and re-targets
    /// the clocks that have not stopped under the SLA's re-target policy. Allowed while open. When the SLA
    /// has no targets for the new priority, the clocks keep theirs and an <see cref="IncidentSlaNotApplied"/>
    /// note at the same instant says so.
    /// </summary>
    /// <param name="decision">The new priority decision.</param>
    /// <param name="reason">Why the priority changes.</param>
    /// <param name="by">Who changes it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decision"/> is null.</exception>
    public Result ChangePriority(PriorityDecision decision, string? reason, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(decision);
        var check = Require(IncidentTransition.ChangePriority, "change the priority of", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Invalid(Failure.Field("Reason", "Say why the priority changes.", "incident.priority-reason"));
        }

        var previous = Priority;
        var response = ResponseClock;
        var resolution = ResolutionClock;
        var note = (IncidentEvent?)null;
        if (Sla is { } sla && decision.Priority != previous)
        {
            if (sla.TargetsAt(OpenedAt, at, decision.Priority.Rank) is { } targets)
            {
                var why = $"priority {previous} -> {decision.Priority}: {reason.Trim()}";
                var retargeted = Retarget(response, targets.Response, why, sla.RetargetPolicy, at);
                if (!retargeted.IsSuccess)
                {
                    return retargeted.AsFailure();
                }

                response = retargeted.Value;
                retargeted = Retarget(resolution, targets.Resolution, why, sla.RetargetPolicy, at);
                if (!retargeted.IsSuccess)
                {
                    return retargeted.AsFailure();
                }

                resolution = retargeted.Value;
            }
            else
            {
                note = new IncidentSlaNotApplied(at, by, $"{(sla.VersionAt(OpenedAt, at) is null ? "SLA" : sla.SourceAt(OpenedAt, at))} has no targets for {decision.Priority}; the clocks keep their {previous} targets");
            }
        }

        Decision = decision;
        ResponseClock = response;
        ResolutionClock = resolution;
        Append(new IncidentPriorityChanged(at, by, previous, decision, reason.Trim()));
        if (note is not null)
        {
            History = History.Add(note);
        }

        return Result.Success();
    }

    /// <summary>
    /// Recomputes <see cref="NextBreachAt"/> from the clocks over <paramref name="calendar"/> as of
    /// <paramref name="at"/>. Call it after each change, before saving, so breach forecasting can use an index.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public void ProjectSla(BusinessCalendar calendar, Instant at)
    {
        Preconditions.CheckNotNull(calendar);
        Instant? next = null;
        foreach (var clock in new[] { ResponseClock, ResolutionClock })
        {
            if (clock is not null && clock.Evaluate(at, calendar).ProjectedBreach is { } breach && (next is null || breach < next))
            {
                next = breach;
            }
        }

        NextBreachAt = next;
    }

    /// <summary>Evaluates both clocks at <paramref name="at"/> over <paramref name="calendar"/>; null where there is no clock.</summary>
    public (SlaClockStatus? Response, SlaClockStatus? Resolution) SlaStatus(BusinessCalendar calendar, Instant at)
    {
        Preconditions.CheckNotNull(calendar);
        return (ResponseClock?.Evaluate(at, calendar), ResolutionClock?.Evaluate(at, calendar));
    }

    /// <summary>True when the clock's last pause, resume or stop (in event order) is a pause; a re-target in between does not resume it.</summary>
    private static bool IsPaused(SlaClock clock) =>
        clock.Events.Where(e => e is SlaClockPaused or SlaClockResumed or SlaClockStopped)
            .OrderBy(e => e.At).ThenBy(e => e.Sequence)
            .LastOrDefault() is SlaClockPaused;

    /// <summary>
    /// The sequence for the <paramref name="offset"/>-th clock event of the transition being made:
    /// events at one instant are ordered by sequence, so each transition gets its own block.
    /// </summary>
    private long Sequence(int offset = 0) => (History.Count * 4L) + offset;

    private SlaClock? StopIfRunning(SlaClock? clock, Instant at) =>
        clock is { IsStopped: false } ? (IsPaused(clock) ? clock.Resume(at, Sequence()).Value : clock).Stop(at, Sequence(1)).Value : clock;

    private Result<SlaClock?> Retarget(SlaClock? clock, Duration target, string reason, SlaRetargetPolicy policy, Instant at)
    {
        if (clock is null || clock.IsStopped)
        {
            return clock;
        }

        var retargeted = clock.Retarget(at, target, reason, policy, Sequence(2));
        return retargeted.IsSuccess ? retargeted.Value : retargeted.AsFailure<SlaClock?>();
    }

    private void StopResponseClock(Instant at) => ResponseClock = StopIfRunning(ResponseClock, at);
}
