using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Incidents;

// Resolving, closing, reopening and cancelling an incident.
public sealed partial class Incident
{
    /// <summary>Resolves the incident (from Assigned, InProgress or OnHold), stopping both clocks.</summary>
    /// <param name="resolution">How service was restored.</param>
    /// <param name="by">Who resolves it.</param>
    /// <param name="at">When.</param>
    public Result Resolve(string? resolution, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.Resolve, "resolve", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(resolution))
        {
            return Result.Invalid(Failure.Field("Resolution", "Say how service was restored.", "incident.resolution"));
        }

        StopResponseClock(at);
        if (ResolutionClock is { IsStopped: false } clock)
        {
            ResolutionClock = StopIfRunning(clock, at);
        }

        State = Target(IncidentTransition.Resolve);
        Hold = null;
        ResolvedAt = at;
        Resolution = resolution.Trim();
        return Append(new IncidentResolved(at, by, Resolution));
    }

    /// <summary>Closes a resolved incident.</summary>
    /// <param name="by">Who closes it.</param>
    /// <param name="at">When.</param>
    public Result Close(UserId by, Instant at)
    {
        var check = Require(IncidentTransition.Close, "close", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        State = Target(IncidentTransition.Close);
        return Append(new IncidentClosed(at, by));
    }

    /// <summary>
    /// Reopens a resolved incident within <paramref name="window"/> of its resolution (default
    /// <see cref="DefaultReopenWindow"/>): Resolved -> InProgress. The resolution clock continues
    /// with the resolved interval excluded.
    /// </summary>
    /// <param name="reason">Why it is reopened.</param>
    /// <param name="by">Who reopens it.</param>
    /// <param name="at">When.</param>
    /// <param name="window">How long after resolution it may be reopened; null for <see cref="DefaultReopenWindow"/>.</param>
    public Result Reopen(string? reason, UserId by, Instant at, Duration? window = null)
    {
        var check = Require(IncidentTransition.Reopen, "reopen", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Invalid(Failure.Field("Reason", "Say why the incident is reopened.", "incident.reopen-reason"));
        }

        var limit = window ?? DefaultReopenWindow;
        if (at - ResolvedAt!.Value > limit)
        {
            return Failure.Conflict(
                $"Incident {Id} was resolved at {ResolvedAt} and may be reopened only within {limit.TotalHours:0.#} hours; open a new incident instead.",
                "incident.reopen-window");
        }

        if (ResolutionClock is { IsStopped: true } clock)
        {
            var resolvedAt = clock.Events[^1].At;
            var events = clock.Events.RemoveAt(clock.Events.Length - 1)
                .Add(new SlaClockPaused(resolvedAt, clock.Events[^1].Sequence, "resolved"))
                .Add(new SlaClockResumed(at, Sequence()));
            var continued = SlaClock.Replay(clock.Metric, clock.WarningThresholds, events);
            if (!continued.IsSuccess)
            {
                return continued.AsFailure();
            }

            ResolutionClock = continued.Value;
        }

        State = Target(IncidentTransition.Reopen);
        ResolvedAt = null;
        Resolution = null;
        return Append(new IncidentReopened(at, by, reason.Trim()));
    }

    /// <summary>Cancels an open incident, stopping its clocks.</summary>
    /// <param name="reason">Why it is cancelled.</param>
    /// <param name="by">Who cancels it.</param>
    /// <param name="at">When.</param>
    public Result Cancel(string? reason, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.Cancel, "cancel", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Invalid(Failure.Field("Reason", "Say why the incident is cancelled.", "incident.cancel-reason"));
        }

        ResponseClock = StopIfRunning(ResponseClock, at);
        ResolutionClock = StopIfRunning(ResolutionClock, at);
        State = Target(IncidentTransition.Cancel);
        Hold = null;
        return Append(new IncidentCancelled(at, by, reason.Trim()));
    }
}
