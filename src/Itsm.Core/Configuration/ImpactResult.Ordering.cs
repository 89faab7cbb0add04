using System.Buffers;

namespace Itsm.Core.Configuration;

/// <content>
/// The impacted items in the order reports print: nearest first and, at one distance, by id in ordinal order.
/// </content>
/// <remarks>
/// The first ordered answer on a snapshot ranks its ids once (a sort of all ids, O(n log n), which also lays out
/// every id as UTF-8 in rank order); after that an answer orders integer keys (rank, position) within each distance,
/// which the breadth-first walk already answers in order, and skips the sort where a distance's items already come in
/// id order (as they do when ids were numbered in the order the items were added).
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
        Order(keys, snapshot.OrdinalRanks);
        for (var i = 0; i < count; i++)
        {
            var p = (int)(uint)keys[i];
            var v = nodes[p];
            destination[i] = new ImpactedConfigurationItem(snapshot.Ids[v], snapshot.ClassTable[snapshot.Classes[v]], states[p], depths[p]);
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

    /// <summary>Fills <paramref name="keys"/> (one per impacted item: its id's rank, then its position) in the order of <see cref="ByDistanceThenId"/>.</summary>
    private void Order(Span<long> keys, int[] ranks)
    {
        var count = keys.Length;
        var (byDistance, sorted) = (true, true);
        var (previous, previousDepth) = (long.MinValue, int.MinValue);
        for (var i = 0; i < count; i++)
        {
            var p = failedCount + i;
            var key = ((long)ranks[nodes[p]] << 32) | (uint)p;
            keys[i] = key;
            var depth = depths[p];
            byDistance &= depth >= previousDepth;
            sorted &= depth != previousDepth || key > previous;
            (previous, previousDepth) = (key, depth);
        }

        if (!byDistance)
        {
            var d = depths;
            keys.Sort((a, b) => d[(int)(uint)a] != d[(int)(uint)b] ? d[(int)(uint)a].CompareTo(d[(int)(uint)b]) : a.CompareTo(b));
            return;
        }

        // The breadth-first order has non-decreasing distances, so only each run of one distance is sorted, and only when it is out of order.
        for (var start = 0; !sorted && start < count;)
        {
            var distance = depths[failedCount + start];
            var (end, inOrder) = (start + 1, true);
            while (end < count && depths[failedCount + end] == distance)
            {
                inOrder &= keys[end] > keys[end - 1];
                end++;
            }

            if (!inOrder)
            {
                keys[start..end].Sort();
            }

            start = end;
        }
    }

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
                if (keys is null || (uint)index >= (uint)count)
                {
                    throw new InvalidOperationException("The enumerator is not on an item.");
                }

                var key = keys[index];
                var p = (int)(uint)key;
                return new ImpactedItemUtf8(ids!.IdOfRank((int)(key >> 32)), result.states[p], result.depths[p]);
            }
        }

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
