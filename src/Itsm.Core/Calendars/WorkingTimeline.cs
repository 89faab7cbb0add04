namespace Itsm.Core.Calendars;

/// <summary>
/// The compiled form of a calendar over a window <c>[From, To)</c> of the instant line: sorted,
/// disjoint working intervals (nanoseconds since the Unix epoch) with the cumulative working
/// time before each and a per-day index, so that working time up to any instant takes a few comparisons.
/// </summary>
/// <remarks>
/// <para>
/// <c>Cumulative[k]</c> is the working time in <c>[From, Starts[k])</c>; <c>Cumulative[Count]</c> is
/// the total. Work before <c>t</c> is <c>Cumulative[i] + min(t, Ends[i]) - Starts[i]</c> with
/// <c>i</c> the last interval starting at or before <c>t</c>, found through the per-day index; the
/// instant by which <c>w</c> of work has accumulated is found by galloping from a known interval
/// over <c>Cumulative</c>, O(log distance). Neither allocates.
/// </para>
/// <para>Immutable once built, so it is shared between threads without locks.</para>
/// </remarks>
internal sealed class WorkingTimeline
{
    private const long NanosPerDay = TimelineMath.NanosPerDay;
    private const int LinearScanLimit = 8;

    /// <summary>For day k of the window, the last interval starting at or before the day's first instant (or -1).</summary>
    private readonly int[] dayIndex;

    private WorkingTimeline(long from, long to, long[] starts, long[] ends, long[] cumulative)
    {
        From = from;
        To = to;
        Starts = starts;
        Ends = ends;
        Cumulative = cumulative;
        var days = (int)((to - from) / NanosPerDay) + 2;
        dayIndex = new int[days];
        var i = -1;
        for (var k = 0; k < days; k++)
        {
            var dayStart = from + (k * NanosPerDay);
            while (i + 1 < starts.Length && starts[i + 1] <= dayStart)
            {
                i++;
            }

            dayIndex[k] = i;
        }
    }

    public long From { get; }

    public long To { get; }

    public long[] Starts { get; }

    public long[] Ends { get; }

    public long[] Cumulative { get; }

    public int Count => Starts.Length;

    public long Total => Cumulative[^1];

    public static WorkingTimeline Build(long from, long to, List<WorkingInterval> intervals)
    {
        var starts = new long[intervals.Count];
        var ends = new long[intervals.Count];
        var cumulative = new long[intervals.Count + 1];
        for (var k = 0; k < intervals.Count; k++)
        {
            starts[k] = intervals[k].Start;
            ends[k] = intervals[k].End;
            cumulative[k + 1] = cumulative[k] + (ends[k] - starts[k]);
        }

        return new WorkingTimeline(from, to, starts, ends, cumulative);
    }

    /// <summary>Copies the intervals into <paramref name="output"/>.</summary>
    public void CopyTo(List<WorkingInterval> output)
    {
        for (var k = 0; k < Starts.Length; k++)
        {
            output.Add(new WorkingInterval(Starts[k], Ends[k]));
        }
    }

    public bool Covers(long from, long to) => from >= From && to < To;

    /// <summary>
    /// The index of the last interval starting at or before <paramref name="t"/> (which must be in
    /// <c>[From, To]</c>), or -1. A per-day index narrows the search to the intervals that start on
    /// t's day: a few steps instead of a binary search over the whole window.
    /// </summary>
    public int LastStartingAtOrBefore(long t)
    {
        var day = (int)((t - From) / NanosPerDay);
        var low = dayIndex[day];
        var high = dayIndex[day + 1];
        var starts = Starts;
        if (high - low <= LinearScanLimit)
        {
            while (low < high && starts[low + 1] <= t)
            {
                low++;
            }

            return low;
        }

        // Invariant: starts[low] <= t (or low == -1), and the answer is at most high.
        while (low < high)
        {
            var mid = (int)((uint)(low + high + 1) >> 1);
            if (starts[mid] <= t)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>Working time in <c>[From, t)</c>; also gives the interval index found.</summary>
    public long WorkBefore(long t, out int index)
    {
        var i = LastStartingAtOrBefore(t);
        index = i;
        return i < 0 ? 0 : Cumulative[i] + Math.Min(t, Ends[i]) - Starts[i];
    }

    /// <summary>Working time in <c>[From, t)</c>.</summary>
    public long WorkBefore(long t) => WorkBefore(t, out _);

    /// <summary>
    /// The earliest instant by which <paramref name="work"/> (0 &lt; work &lt;= Total) has accumulated
    /// since From, searching from interval <paramref name="hint"/> onwards (the answer must not lie
    /// before it): galloping, so short durations take a step or two and long ones O(log distance).
    /// </summary>
    public long InstantAtWork(long work, int hint)
    {
        // First k >= hint with Cumulative[k + 1] >= work.
        var cumulative = Cumulative;
        var low = Math.Max(hint, 0);
        var last = Starts.Length - 1;
        var step = 1;
        var high = low;
        while (high < last && cumulative[high + 1] < work)
        {
            low = high + 1;
            high = Math.Min(last, high + step);
            step <<= 1;
        }

        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (cumulative[mid + 1] >= work)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return Starts[low] + (work - cumulative[low]);
    }

    public bool IsWorking(long t)
    {
        var i = LastStartingAtOrBefore(t);
        return i >= 0 && Ends[i] > t;
    }
}
