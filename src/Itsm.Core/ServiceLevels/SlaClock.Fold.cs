using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>The clock's evaluation: one fold over its events up to an instant, on a business calendar.</summary>
public sealed partial class SlaClock
{
    private (SlaClockStatus Status, Instant? BeyondFrom) FoldEvents(Instant at, BusinessCalendar calendar, bool strict)
    {
        Preconditions.CheckNotNull(calendar);
        var count = 0;
        while (count < Events.Length && Events[count].At <= at)
        {
            count++;
        }

        if (count == 0)
        {
            var target = ((SlaClockStarted)Events[0]).Target;
            return (new SlaClockStatus { At = at, State = SlaClockState.NotStarted, Target = target, Elapsed = Duration.Zero, ThresholdsCrossed = [] }, null);
        }

        // Retroactive: the last retroactive re-target's target replaces every earlier target.
        Duration? retroactiveTarget = null;
        var retroactiveIndex = -1;
        for (var i = count - 1; i >= 0; i--)
        {
            if (Events[i] is SlaClockRetargeted { Policy: var p } r && ReferenceEquals(p, SlaRetargetPolicy.Retroactive))
            {
                retroactiveTarget = r.Target;
                retroactiveIndex = i;
                break;
            }
        }

        var fold = new Fold(calendar, strict);
        for (var i = 0; i < count; i++)
        {
            var e = Events[i];
            var effective = i < retroactiveIndex ? retroactiveTarget : null;
            switch (e)
            {
                case SlaClockStarted s:
                    fold.Begin(s.At, Duration.Zero, effective ?? s.Target);
                    break;
                case SlaClockPaused p:
                    fold.Close(p.At);
                    fold.Paused = true;
                    break;
                case SlaClockResumed r:
                    fold.Paused = false;
                    fold.Begin(r.At, fold.Elapsed, fold.Target);
                    break;
                case SlaClockStopped st:
                    if (!fold.Paused)
                    {
                        fold.Close(st.At);
                    }

                    fold.Stopped = true;
                    break;
                case SlaClockRetargeted rt:
                    var newTarget = effective ?? rt.Target;
                    var restart = ReferenceEquals(rt.Policy, SlaRetargetPolicy.Restart);
                    if (fold.Paused)
                    {
                        fold.Target = newTarget;
                        fold.Elapsed = restart ? Duration.Zero : fold.Elapsed;
                    }
                    else
                    {
                        fold.Close(rt.At);
                        fold.Begin(rt.At, restart ? Duration.Zero : fold.Elapsed, newTarget);
                    }

                    break;
            }
        }

        var running = !fold.Paused && !fold.Stopped;
        Instant? due = null;
        Instant? projected = null;
        if (running)
        {
            due = fold.SpanDue;
            projected = fold.BreachedAt is null ? fold.SpanBreach : null;
            fold.Close(at);
        }

        var crossed = WarningThresholds.Where(t => fold.Elapsed.ToInt64Nanoseconds() * 100.0 >= t * (double)fold.Target.ToInt64Nanoseconds()).ToImmutableArray();
        var state = fold.BreachedAt is not null ? SlaClockState.Breached
            : fold.Stopped ? SlaClockState.Met
            : fold.Paused ? SlaClockState.Paused
            : SlaClockState.Running;
        return (new SlaClockStatus
        {
            At = at,
            State = state,
            Target = fold.Target,
            Elapsed = fold.Elapsed,
            Due = due,
            BreachedAt = fold.BreachedAt,
            ProjectedBreach = projected,
            ThresholdsCrossed = crossed,
        }, fold.BeyondFrom);
    }

    /// <summary>The running totals of the fold.</summary>
    private sealed class Fold(BusinessCalendar calendar, bool strict)
    {
        /// <summary>Where a span began whose due instant lies beyond the calendar's horizon (only when not strict).</summary>
        public Instant? BeyondFrom;

        public Duration Elapsed;
        public Duration Target;
        public bool Paused;
        public bool Stopped;
        public Instant? BreachedAt;
        public Instant SpanStart;
        public Instant SpanDue;
        public Instant SpanBreach;
        public bool SpanBreachImmediate;

        /// <summary>Opens a running span at <paramref name="at"/> and works out when it would be due and breach.</summary>
        public void Begin(Instant at, Duration elapsed, Duration target)
        {
            SpanStart = at;
            Elapsed = elapsed;
            Target = target;
            if (elapsed > target)
            {
                // Already over target (a lower target kept the elapsed time): breached as soon as it runs.
                SpanDue = at;
                SpanBreach = at;
                SpanBreachImmediate = true;
            }
            else
            {
                SpanBreachImmediate = false;
                if (strict)
                {
                    SpanDue = calendar.Add(at, target - elapsed);
                    SpanBreach = calendar.NextWorkingInstant(SpanDue);
                }
                else if (!calendar.TryAdd(at, target - elapsed, out SpanDue) || SpanDue >= BusinessCalendar.MaxSupportedInstant
                    || !calendar.TryNextWorkingInstant(SpanDue, out SpanBreach))
                {
                    BeyondFrom ??= at;
                    SpanDue = SpanBreach = BusinessCalendar.MaxSupportedInstant - Duration.Epsilon;
                }
            }
        }

        /// <summary>Closes the running span at <paramref name="at"/>: adds its business time and notes a breach inside it.</summary>
        public void Close(Instant at)
        {
            Elapsed += calendar.BusinessTimeBetween(SpanStart, at);
            if (BreachedAt is null && (SpanBreach < at || (SpanBreachImmediate && SpanBreach <= at)))
            {
                BreachedAt = SpanBreach;
            }

            SpanStart = at;
        }
    }
}
