using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// An index of running SLA clocks by the instant each will breach if it keeps running
/// (<see cref="SlaClockStatus.ProjectedBreach"/>), answering "which clocks breach before X" for a
/// scheduler without looking at every clock.
/// </summary>
/// <typeparam name="TKey">What identifies a clock to the caller, such as an incident id and metric.</typeparam>
/// <remarks>
/// <para>
/// The index is two parallel arrays sorted by breach instant (ties in no particular order), so a
/// query is one binary search, O(log n), and the answer is a span over the index with no copying
/// or allocation. Building is O(n log n). The index is an immutable snapshot: rebuild it (or keep
/// one per scheduling period) when clocks change; a paused or stopped clock has no projected
/// breach and does not belong in it.
/// </para>
/// <para>Immutable and thread-safe. A class, so there is no <c>default</c>.</para>
/// </remarks>
public sealed class BreachForecastIndex<TKey>
{
    private readonly long[] breachTicks;
    private readonly TKey[] keys;

    private BreachForecastIndex(long[] breachTicks, TKey[] keys)
    {
        this.breachTicks = breachTicks;
        this.keys = keys;
    }

    /// <summary>The number of clocks in the index.</summary>
    public int Count => keys.Length;

    /// <summary>Builds the index from each clock's key and projected breach instant.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="clocks"/> is null.</exception>
    public static BreachForecastIndex<TKey> Build(IEnumerable<(TKey Key, Instant ProjectedBreach)> clocks)
    {
        Preconditions.CheckNotNull(clocks);
        var list = clocks as IReadOnlyCollection<(TKey Key, Instant ProjectedBreach)> ?? clocks.ToList();
        var ticks = new long[list.Count];
        var keys = new TKey[list.Count];
        var i = 0;
        foreach (var (key, breach) in list)
        {
            // Tick precision is plenty for scheduling and keeps the sort on a primitive array.
            ticks[i] = breach.ToUnixTimeTicks();
            keys[i] = key;
            i++;
        }

        Array.Sort(ticks, keys);
        return new BreachForecastIndex<TKey>(ticks, keys);
    }

    /// <summary>How many clocks breach strictly before <paramref name="instant"/>.</summary>
    public int CountBreachingBefore(Instant instant) => LowerBound(instant.ToUnixTimeTicks());

    /// <summary>The clocks that breach strictly before <paramref name="instant"/>, soonest first. Allocates nothing.</summary>
    public ReadOnlySpan<TKey> BreachingBefore(Instant instant) => keys.AsSpan(0, LowerBound(instant.ToUnixTimeTicks()));

    /// <summary>The clocks that breach in <c>[from, to)</c>, soonest first. Allocates nothing.</summary>
    public ReadOnlySpan<TKey> BreachingBetween(Instant from, Instant to)
    {
        var start = LowerBound(from.ToUnixTimeTicks());
        var end = Math.Max(start, LowerBound(to.ToUnixTimeTicks()));
        return keys.AsSpan(start, end - start);
    }

    /// <summary>The projected breach instant of the clock at <paramref name="index"/> in breach order (tick precision).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Count"/>).</exception>
    public Instant BreachAt(int index)
    {
        Preconditions.CheckArgumentRange(index, 0, Count - 1);
        return Instant.FromUnixTimeTicks(breachTicks[index]);
    }

    private int LowerBound(long ticks)
    {
        int low = 0, high = breachTicks.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (breachTicks[mid] < ticks)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
