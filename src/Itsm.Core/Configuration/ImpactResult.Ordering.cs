using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Itsm.Core.Configuration;

/// <content>
/// The impacted items in the order reports print: nearest first and, at one distance, by id in ordinal order.
/// </content>
/// <remarks>
/// The first ordered answer on a snapshot ranks its ids once (a sort of all ids, O(n log n), which also lays out
/// every id as UTF-8 in rank order); after that an answer orders each distance's items by rank (the breadth-first walk
/// already answers the distances in order): it skips the work where they already come in id order (as they do when ids
/// were numbered in the order the items were added), reads a long, dense run's ranks back from bits, and sorts a short or sparse one.
/// </remarks>
public sealed partial class ImpactResult
{
    /// <summary>
    /// The impacted items nearest first and, at one distance, by id in ordinal order
    /// (<see cref="string.CompareOrdinal(string, string)"/>): the order reports print, the same on every run.
    /// </summary>
    public ImpactedConfigurationItem[] ByDistanceThenId()
    {
        var items = new ImpactedConfigurationItem[Count];
        CopyByDistanceThenIdTo(items);
        return items;
    }

    /// <summary>
    /// Copies the impacted items into <paramref name="destination"/> in the order of <see cref="ByDistanceThenId"/>,
    /// without allocating for results of up to a few hundred items.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Count"/>.</exception>
    public void CopyByDistanceThenIdTo(Span<ImpactedConfigurationItem> destination)
    {
        var count = Count;
        if (destination.Length < count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} items; the result has {count}.", nameof(destination));
        }

        var rented = count > 256 ? ArrayPool<long>.Shared.Rent(count) : null;
        var keys = rented is null ? stackalloc long[count] : rented.AsSpan(0, count);
        var ordinal = snapshot.Ordinal;
        Order(keys, ordinal.Ranks);
        var items = ordinal.Items;
        for (var i = 0; i < count; i++)
        {
            var key = keys[i];
            var v = items[RankOf(key)];
            destination[i] = new ImpactedConfigurationItem(snapshot.Ids[v], snapshot.ClassTable[snapshot.Classes[v]], StateOf(key), DistanceOf(key));
        }

        if (rented is not null)
        {
            ArrayPool<long>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The impacted items in the order of <see cref="ByDistanceThenId"/>, each with its id as UTF-8 bytes: for writers
    /// of large answers (CSV, JSON), which then neither encode a string nor build an
    /// <see cref="ImpactedConfigurationItem"/> per item.
    /// </summary>
    /// <remarks>
    /// The enumerator orders the items when it is created, in a buffer rented from <see cref="ArrayPool{T}.Shared"/>
    /// that <see cref="Utf8Enumerator.Dispose"/> returns (<c>foreach</c> does); each item's <see cref="ImpactedItemUtf8.Id"/>
    /// is a view of bytes the snapshot keeps, valid as long as the snapshot.
    /// </remarks>
    public Utf8Enumerator EnumerateUtf8ByDistanceThenId() => new(this);

    /// <summary>
    /// Fills <paramref name="keys"/> with one ordered key per impacted item (see <see cref="RankOf"/>, <see cref="StateOf(long)"/>
    /// and <see cref="DistanceOf"/>), in the order of <see cref="ByDistanceThenId"/>.
    /// </summary>
    /// <remarks>
    /// The breadth-first walk answers distances in non-decreasing order, so only each run of one distance is ordered, and
    /// only when it is out of id order. A run of more than 16 items whose ranks span fewer than <c>16,384 n</c> ranks (every
    /// such run in a CMDB of up to a quarter of a million items) is ordered by marking its ranks in bits kept clear between
    /// uses and reading the marked words back in order, which costs a few nanoseconds an item and one word read per 4,096
    /// ranks in the range, against about <c>n log2 n</c> comparisons for a sort; a short or sparse run is sorted.
    /// </remarks>
    private void Order(Span<long> keys, int[] ranks)
    {
        var count = keys.Length;
        var byDistance = true;
        var previousDepth = int.MinValue;
        for (var i = 0; i < count; i++)
        {
            var p = failedCount + i;
            keys[i] = ((long)ranks[nodes[p]] << 32) | (uint)p;
            var depth = depths[p];
            byDistance &= depth >= previousDepth;
            previousDepth = depth;
        }

        if (!byDistance)
        {
            var d = depths;
            keys.Sort((a, b) => d[(int)(uint)a] != d[(int)(uint)b] ? d[(int)(uint)a].CompareTo(d[(int)(uint)b]) : a.CompareTo(b));
            Finish(keys);
            return;
        }

        (RankBits Bits, ImpactScratch? Owner)? bits = null;
        for (var start = 0; start < count;)
        {
            var distance = depths[failedCount + start];
            var (end, inOrder) = (start + 1, true);
            var (lowest, highest) = (RankOf(keys[start]), RankOf(keys[start]));
            while (end < count && depths[failedCount + end] == distance)
            {
                inOrder &= keys[end] > keys[end - 1];
                var rank = RankOf(keys[end]);
                (lowest, highest) = (Math.Min(lowest, rank), Math.Max(highest, rank));
                end++;
            }

            var run = keys[start..end];
            if (inOrder)
            {
                Finish(run);
            }
            else if (run.Length > 16 && ((highest - lowest) >> 12) < 4L * run.Length)
            {
                OrderByBitmap(run, lowest, highest, distance, (bits ??= snapshot.RentRankBits()).Bits);
            }
            else
            {
                run.Sort();
                Finish(run);
            }

            start = end;
        }

        if (bits is { } lent)
        {
            snapshot.ReturnRankBits(lent.Owner);
        }
    }

    /// <summary>Turns keys (rank, position), already in order, into ordered keys (rank, state, distance).</summary>
    private void Finish(Span<long> keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var p = (int)(uint)keys[i];
            keys[i] = Key(RankOf(keys[i]), states[p], depths[p]);
        }
    }

    /// <summary>
    /// Orders a run of one distance whose ranks lie in <c>[lowest, highest]</c>: marks each item's rank (and, beside it,
    /// whether it is down) in bits over all ranks that the snapshot lends, and one bit per word of them that is
    /// not zero, then reads the words so marked in rank order as ordered keys, clearing them as it goes.
    /// </summary>
    private void OrderByBitmap(Span<long> run, int lowest, int highest, int distance, RankBits rankBits)
    {
        var (bits, summary) = (rankBits.Bits, rankBits.Summary);
        foreach (var key in run)
        {
            var r = RankOf(key);
            var w = r >> 6;
            bits[2 * w] |= 1UL << r;
            bits[(2 * w) + 1] |= (states[(int)(uint)key] == ImpactState.Down ? 1UL : 0UL) << r;
            summary[w >> 6] |= 1UL << w;
        }

        var i = 0;
        for (var s = lowest >> 12; s <= highest >> 12; s++)
        {
            for (var words = summary[s]; words != 0; words &= words - 1)
            {
                var w = (s << 6) + BitOperations.TrailingZeroCount(words);
                var (present, down) = (bits[2 * w], bits[(2 * w) + 1]);
                bits[2 * w] = 0;
                bits[(2 * w) + 1] = 0;
                for (; present != 0; present &= present - 1)
                {
                    var b = BitOperations.TrailingZeroCount(present);
                    run[i++] = Key((w << 6) + b, ((down >> b) & 1) != 0 ? ImpactState.Down : ImpactState.Degraded, distance);
                }
            }

            summary[s] = 0;
        }
    }

    /// <summary>An ordered key: the id's rank in the upper 32 bits, then one bit for down, then the distance (below 2^31).</summary>
    private static long Key(int rank, ImpactState state, int distance) =>
        ((long)rank << 32) | (state == ImpactState.Down ? 1L << 31 : 0L) | (uint)distance;

    /// <summary>The rank of a key's id (of an ordered key, or of a key (rank, position) before it is ordered).</summary>
    private static int RankOf(long key) => (int)(key >> 32);

    /// <summary>The state of an ordered key's item: down or degraded.</summary>
    private static ImpactState StateOf(long key) => (key & (1L << 31)) != 0 ? ImpactState.Down : ImpactState.Degraded;

    /// <summary>The distance of an ordered key's item.</summary>
    private static int DistanceOf(long key) => (int)(key & int.MaxValue);

    /// <summary>
    /// Enumerates an <see cref="ImpactResult"/>'s impacted items in the order of <see cref="ByDistanceThenId"/> with their ids
    /// as UTF-8 (see <see cref="EnumerateUtf8ByDistanceThenId"/>).
    /// </summary>
    /// <remarks>
    /// For <c>foreach</c>, which disposes it: <see cref="Dispose"/> returns the rented buffer of ordered keys. Not
    /// thread-safe; the result it enumerates is.
    /// </remarks>
    public sealed class Utf8Enumerator : IDisposable
    {
        private readonly ImpactResult result;
        private readonly OrdinalIds? ids;
        private readonly int count;
        private long[]? keys;
        private int index = -1;

        internal Utf8Enumerator(ImpactResult result)
        {
            this.result = result;
            count = result.Count;
            if (count > 0)
            {
                ids = result.snapshot.Ordinal;
                keys = ArrayPool<long>.Shared.Rent(count);
                result.Order(keys.AsSpan(0, count), ids.Ranks);
            }
        }

        /// <summary>The current item.</summary>
        /// <exception cref="InvalidOperationException"><see cref="MoveNext"/> has not answered true, or the enumerator is disposed.</exception>
        public ImpactedItemUtf8 Current
        {
            get
            {
                var at = keys;
                if (at is null || (uint)index >= (uint)count)
                {
                    NotOnAnItem();
                }

                var key = at![index];
                return new ImpactedItemUtf8(ids!.IdOfRank(RankOf(key)), StateOf(key), DistanceOf(key));
            }
        }

        [DoesNotReturn]
        private static void NotOnAnItem() => throw new InvalidOperationException("The enumerator is not on an item.");

        /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
        public Utf8Enumerator GetEnumerator() => this;

        /// <summary>Moves to the next item; false after the last, and once disposed.</summary>
        public bool MoveNext() => keys is not null && ++index < count;

        /// <summary>Returns the rented buffer; the enumerator then enumerates nothing more.</summary>
        public void Dispose()
        {
            if (keys is not null)
            {
                ArrayPool<long>.Shared.Return(keys);
                keys = null;
            }
        }
    }
}

/// <summary>
/// An impacted item with its id as UTF-8 bytes, as <see cref="ImpactResult.EnumerateUtf8ByDistanceThenId"/> answers it.
/// The <c>default</c> value has an empty id, state <see cref="ImpactState.Up"/> and distance 0.
/// </summary>
public readonly ref struct ImpactedItemUtf8
{
    internal ImpactedItemUtf8(ReadOnlySpan<byte> id, ImpactState state, int distance)
    {
        Id = id;
        State = state;
        Distance = distance;
    }

    /// <summary>The item's id as UTF-8 (a view of the snapshot's bytes).</summary>
    public ReadOnlySpan<byte> Id { get; }

    /// <summary>Down or degraded.</summary>
    public ImpactState State { get; }

    /// <summary>The fewest relationships between a failed item and this one (at least 1).</summary>
    public int Distance { get; }
}
