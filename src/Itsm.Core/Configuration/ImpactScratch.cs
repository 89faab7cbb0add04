namespace Itsm.Core.Configuration;

/// <summary>Per-query working arrays, reused across queries through <see cref="CmdbSnapshot"/>'s pool.</summary>
/// <remarks>
/// "Reached" and "down" in this query are bitsets (an eighth of a megabyte each for a million
/// items), so the tests the walk makes for every relationship hit the processor's cache instead of
/// memory, and a query clears only the bits the previous one set. What only the down propagation
/// needs (<see cref="Down"/>) is kept apart and initialised lazily, so the breadth-first walk writes
/// nothing at random but those bits.
/// </remarks>
internal sealed class ImpactScratch
{
    private readonly ulong[] reached;
    private readonly ulong[] down;
    private int reachedCount;
    private RankBits? rankBits;

    internal ImpactScratch(int n)
    {
        reached = new ulong[(n + 63) >> 6];
        down = new ulong[(n + 63) >> 6];
        Down = new DownSlot[n];
        Order = new int[n];
        Depth = new int[n];
        Parent = new int[n];
        State = new ImpactState[n];
        Stack = new int[n];
    }

    /// <summary>The down-propagation state per item, valid where <c>Down[v].Mark == DownEpoch</c>.</summary>
    internal DownSlot[] Down { get; }

    /// <summary>The epoch of <see cref="Down"/> for the current query.</summary>
    internal int DownEpoch { get; private set; }

    internal int[] Order { get; }

    internal int[] Depth { get; }

    internal int[] Parent { get; }

    internal ImpactState[] State { get; }

    internal int[] Stack { get; }

    /// <summary>Bits over the ids' ranks for ordering an answer (see <see cref="Configuration.RankBits"/>), made on first use.</summary>
    internal RankBits RankBits => rankBits ??= new RankBits(State.Length);

    /// <summary>True when <paramref name="v"/> was reached in the current query.</summary>
    internal bool IsReached(int v) => (reached[v >> 6] & (1UL << v)) != 0;

    /// <summary>True when <paramref name="v"/> is down in the current query (a root, or down by propagation).</summary>
    internal bool IsDown(int v) => (down[v >> 6] & (1UL << v)) != 0;

    /// <summary>Marks <paramref name="v"/> down.</summary>
    internal void SetDown(int v) => down[v >> 6] |= 1UL << v;

    /// <summary>Marks <paramref name="v"/> reached; false when it already was.</summary>
    internal bool TryReach(int v)
    {
        ref var word = ref reached[v >> 6];
        var bit = 1UL << v;
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
        return true;
    }

    /// <summary>
    /// Starts a new query: clears the bits the last one set (the items it reached are the first entries
    /// of <see cref="Order"/>, as <see cref="End"/> recorded) and moves to a new down epoch.
    /// </summary>
    internal void Begin()
    {
        for (var i = 0; i < reachedCount; i++)
        {
            var v = Order[i];
            reached[v >> 6] &= ~(1UL << v);
            down[v >> 6] &= ~(1UL << v);
        }

        reachedCount = 0;
        if (DownEpoch == int.MaxValue)
        {
            Array.Clear(Down);
            DownEpoch = 0;
        }

        DownEpoch++;
    }

    /// <summary>Records that the query reached the first <paramref name="count"/> items of <see cref="Order"/>, for the next <see cref="Begin"/>.</summary>
    internal void End(int count) => reachedCount = count;
}

/// <summary>
/// Two bits per rank of a snapshot's ids (present and down, interleaved a word each) and one bit per word of them that is
/// not zero, for ordering a run of one distance; all zero between uses, so a use clears only the words it set. About two
/// bits per item (25 KB for 100,000 items), kept by a pooled <see cref="ImpactScratch"/> (so an ordering on the thread that
/// just analysed finds them in its cache), or made alone when every pooled one is in use, so an ordering never allocates a
/// whole query's working arrays.
/// </summary>
internal sealed class RankBits
{
    internal RankBits(int n)
    {
        var words = (n + 63) >> 6;
        Bits = new ulong[2 * words];
        Summary = new ulong[(words + 63) >> 6];
    }

    /// <summary>Per 64 ranks, two words: the ranks present, then which of them are down.</summary>
    internal ulong[] Bits { get; }

    /// <summary>Per 64 words of 64 ranks, one bit per word that has a rank present.</summary>
    internal ulong[] Summary { get; }
}

/// <summary>What the down propagation keeps per item, initialised on first touch in a query.</summary>
internal struct DownSlot
{
    /// <summary>Equals the scratch's down epoch when the other fields belong to the current query.</summary>
    public int Mark;

    /// <summary>How many distinct items it depends on are down.</summary>
    public int Count;

    /// <summary>The down item last counted against it, so parallel relationships count once.</summary>
    public int LastCounted;
}
