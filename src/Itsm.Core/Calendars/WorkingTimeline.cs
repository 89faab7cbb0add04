namespace Itsm.Core.Calendars;

/// <summary>
/// The compiled form of a calendar over a window <c>[From, To)</c> of the instant line: sorted,
/// disjoint working intervals (nanoseconds since the Unix epoch) with the cumulative working
/// time before each, so that working time up to any instant is one binary search.
/// </summary>
/// <remarks>
/// <para>
/// <c>Cumulative[k]</c> is the working time in <c>[From, Starts[k])</c>; <c>Cumulative[Count]</c> is
/// the total. Work before <c>t</c> is <c>Cumulative[i] + min(t, Ends[i]) - Starts[i]</c> with
/// <c>i</c> the last interval starting at or before <c>t</c>; the instant by which <c>w</c> of work
/// has accumulated is found by a binary search over <c>Cumulative</c>. Both are O(log n) and
/// allocate nothing.
/// </para>
/// <para>Immutable once built, so it is shared between threads without locks.</para>
/// </remarks>
internal sealed class WorkingTimeline
{
    private WorkingTimeline(long from, long to, long[] starts, long[] ends, long[] cumulative)
    {
        From = from;
        To = to;
        Starts = starts;
        Ends = ends;
        Cumulative = cumulative;
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

    /// <summary>The index of the last interval starting at or before <paramref name="t"/>, or -1.</summary>
    public int LastStartingAtOrBefore(long t)
    {
        var starts = Starts;
        int low = 0, high = starts.Length - 1;
        while (low <= high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (starts[mid] <= t)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low - 1;
    }

    /// <summary>Working time in <c>[From, t)</c>.</summary>
    public long WorkBefore(long t)
    {
        var i = LastStartingAtOrBefore(t);
        return i < 0 ? 0 : Cumulative[i] + Math.Min(t, Ends[i]) - Starts[i];
    }

    /// <summary>The earliest instant by which <paramref name="work"/> (0 &lt; work &lt;= Total) has accumulated since From.</summary>
    public long InstantAtWork(long work)
    {
        // First k with Cumulative[k + 1] >= work.
        var cumulative = Cumulative;
        int low = 1, high = cumulative.Length - 1;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (cumulative[mid] >= work)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        var k = low - 1;
        return Starts[k] + (work - cumulative[k]);
    }

    public bool IsWorking(long t)
    {
        var i = LastStartingAtOrBefore(t);
        return i >= 0 && Ends[i] > t;
    }
}
