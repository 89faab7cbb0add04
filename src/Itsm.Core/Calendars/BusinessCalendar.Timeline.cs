using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Calendars;

/// <summary>How a calendar compiles, extends and reads its working timeline, lazily and thread-safely, and checks the instants it is asked about.</summary>
public sealed partial class BusinessCalendar
{
    /// <summary>Appends this calendar's working intervals in <c>[from, to)</c>, read from its compiled timeline.</summary>
    internal void CopyIntervals(long from, long to, List<WorkingInterval> output)
    {
        var current = Ensure(from, to - 1);
        for (var i = Math.Max(0, current.LastStartingAtOrBefore(from)); i < current.Count && current.Starts[i] < to; i++)
        {
            var start = Math.Max(from, current.Starts[i]);
            var end = Math.Min(to, current.Ends[i]);
            if (end > start)
            {
                output.Add(new WorkingInterval(start, end));
            }
        }
    }

    /// <summary>Checks both ends of <c>[from, to]</c> and their order; returns them as nanoseconds.</summary>
    private static (long From, long To) CheckRange(Instant from, Instant to)
    {
        CheckInstant(from, nameof(from));
        CheckInstant(to, nameof(to));
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end {to} is before the start {from}.");
        }

        return (TimelineMath.ToNanos(from), TimelineMath.ToNanos(to));
    }

    private static void CheckInstant(Instant instant, string paramName)
    {
        if (instant < MinSupportedInstant || instant >= MaxSupportedInstant)
        {
            throw new ArgumentOutOfRangeException(paramName, instant, $"Business calendars answer for instants from {MinSupportedInstant} up to {MaxSupportedInstant}.");
        }
    }

    /// <summary>Returns a timeline covering <c>[from, to]</c>, compiling or extending it if needed.</summary>
    private WorkingTimeline Ensure(long from, long to)
    {
        var current = timeline;
        if (current is not null && current.Covers(from, to))
        {
            return current;
        }

        return Extend(from, to, exact: false);
    }

    private WorkingTimeline Extend(long from, long to, bool exact)
    {
        lock (gate)
        {
            var current = timeline;
            if (current is not null && current.Covers(from, to))
            {
                return current;
            }

            var intervals = new List<WorkingInterval>();
            WorkingTimeline next;
            if (current is null)
            {
                var newFrom = exact ? from : Math.Max(MinNanos, from - NanosPerYear);
                var newTo = exact ? to + 1 : Math.Min(MaxNanos, Math.Max(to, from) + (2 * NanosPerYear));
                source.Generate(newFrom, newTo, intervals);
                next = WorkingTimeline.Build(newFrom, newTo, intervals);
            }
            else
            {
                // Grow geometrically so that repeated extension costs amortised linear time.
                var span = current.To - current.From;
                var newFrom = from < current.From ? Math.Max(MinNanos, Math.Min(from - NanosPerYear, current.From - span)) : current.From;
                var newTo = to >= current.To ? Math.Min(MaxNanos, Math.Max(to + NanosPerYear, current.To + span)) : current.To;
                if (newFrom < current.From)
                {
                    source.Generate(newFrom, current.From, intervals);
                }

                AppendMerged(intervals, current);
                if (newTo > current.To)
                {
                    var after = new List<WorkingInterval>();
                    source.Generate(current.To, newTo, after);
                    AppendMerged(intervals, after);
                }

                next = WorkingTimeline.Build(newFrom, newTo, intervals);
            }

            timeline = next;
            return next;
        }
    }

    private static void AppendMerged(List<WorkingInterval> intervals, WorkingTimeline timeline)
    {
        var tail = new List<WorkingInterval>(timeline.Count);
        timeline.CopyTo(tail);
        AppendMerged(intervals, tail);
    }

    private static void AppendMerged(List<WorkingInterval> intervals, List<WorkingInterval> tail)
    {
        foreach (var interval in tail)
        {
            if (intervals.Count > 0 && intervals[^1].End == interval.Start)
            {
                intervals[^1] = new WorkingInterval(intervals[^1].Start, interval.End);
            }
            else
            {
                intervals.Add(interval);
            }
        }
    }
}
