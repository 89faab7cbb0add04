using FsCheck.Xunit;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>The clock laws of the issue, on generated histories.</summary>
public sealed class SlaClockPropertyTests
{
    [Property]
    public bool NoPauses_DueAtAddOfStartAndTarget(ClockWithoutRetargets history)
    {
        var c = history.Case;
        var clock = SlaClock.Start(SlaMetric.Response, c.Start, c.Target).Value;
        var due = c.Calendar.Add(c.Start, c.Target);
        return clock.Evaluate(c.Start, c.Calendar).Due == due
            && c.EvaluateAt.Where(t => t <= due).All(t => clock.Evaluate(t, c.Calendar).Due == due);
    }

    [Property]
    public bool PausedSpans_AddNothing(ClockKeepingElapsed history)
    {
        var c = history.Case;
        var clock = c.Clock;
        return c.EvaluateAt.All(t => clock.Evaluate(t, c.Calendar).Elapsed == RunningTime(c, t));
    }

    [Property]
    public bool Elapsed_IsMonotoneAndNeverAboveWallClock(ClockNeverRestarting history)
    {
        var c = history.Case;
        var clock = c.Clock;
        var statuses = c.EvaluateAt.Where(t => t >= c.Start).Order().Select(t => clock.Evaluate(t, c.Calendar)).ToArray();
        return statuses.Zip(statuses.Skip(1)).All(p => p.First.Elapsed <= p.Second.Elapsed)
            && statuses.All(s => s.Elapsed <= s.At - c.Start);
    }

    [Property]
    public bool NeverBreachesWhilePausedOrAfterStop(ClockWithAnyRetargets history)
    {
        var c = history.Case;
        var clock = c.Clock;
        var ok = c.EvaluateAt.All(t => clock.Evaluate(t, c.Calendar).BreachedAt is not { } b || b <= t);

        // Over each quiet span (from a pause to the next event, or from the stop on), nothing changes.
        for (var i = 0; i < c.Events.Length; i++)
        {
            if (c.Events[i] is not (SlaClockPaused or SlaClockStopped))
            {
                continue;
            }

            var from = c.Events[i].At;
            var next = c.Events.Skip(i + 1).FirstOrDefault(e => e.At > from)?.At ?? from + Duration.FromDays(30);
            if (c.Events.Skip(i + 1).Any(e => e.At == from))
            {
                continue; // something else happened at the same instant; the span is not quiet
            }

            var atPause = clock.Evaluate(from, c.Calendar);
            foreach (var t in c.EvaluateAt.Append(next - Duration.Epsilon).Where(t => t >= from && t < next))
            {
                var later = clock.Evaluate(t, c.Calendar);
                ok &= later.BreachedAt == atPause.BreachedAt && later.Elapsed == atPause.Elapsed && later.State == atPause.State;
            }
        }

        return ok;
    }

    [Property]
    public bool WithoutRetargets_BreachedExactlyWhenElapsedExceedsTarget(ClockWithoutRetargets history)
    {
        var c = history.Case;
        var clock = c.Clock;
        return c.EvaluateAt.Where(t => t >= c.Start).All(t =>
        {
            var status = clock.Evaluate(t, c.Calendar);
            return status.IsBreached == (status.Elapsed > c.Target)
                && (status.State != SlaClockState.Met || status.Elapsed <= c.Target);
        });
    }

    [Property]
    public bool LateAndOutOfOrderEvents_GiveTheReplayAnswer(ClockArrivingShuffled history)
    {
        var (c, seed) = (history.Case, history.ShuffleSeed);
        // Events arrive in a random order; a consumer buffers what the clock refuses and offers the
        // buffer again with the next arrival, as RecordAll allows.
        var replay = c.Clock;
        var random = new Random(seed);
        var clock = SlaClock.Replay(SlaMetric.Resolution, [50, 75, 90], [c.Events[0]]).Value;
        var buffer = new List<SlaClockEvent>();
        var unchangedOnRefusal = true;
        foreach (var e in c.Events.Skip(1).OrderBy(_ => random.Next()))
        {
            buffer.Add(e);
            var recorded = clock.RecordAll(buffer);
            if (recorded.IsSuccess)
            {
                clock = recorded.Value;
                buffer.Clear();
            }
            else
            {
                unchangedOnRefusal &= recorded.Status == ResultStatus.Conflict;
            }
        }

        var shuffled = SlaClock.Replay(SlaMetric.Resolution, [50, 75, 90], c.Events.OrderBy(_ => random.Next())).Value;
        return buffer.Count == 0 && unchangedOnRefusal && c.EvaluateAt.All(t =>
            clock.Evaluate(t, c.Calendar).Equals(replay.Evaluate(t, c.Calendar))
            && shuffled.Evaluate(t, c.Calendar).Equals(replay.Evaluate(t, c.Calendar)));
    }

    /// <summary>The reference for elapsed time: business time of the running spans up to <paramref name="at"/>.</summary>
    private static Duration RunningTime(ClockCase c, Instant at)
    {
        var total = Duration.Zero;
        Instant? runningSince = null;
        foreach (var e in c.Events.Where(e => e.At <= at))
        {
            switch (e)
            {
                case SlaClockStarted or SlaClockResumed:
                    runningSince = e.At;
                    break;
                case SlaClockPaused or SlaClockStopped when runningSince is not null:
                    total += c.Calendar.BusinessTimeBetween(runningSince.Value, e.At);
                    runningSince = null;
                    break;
            }
        }

        return runningSince is { } since && at >= since ? total + c.Calendar.BusinessTimeBetween(since, at) : total;
    }
}
