using System.Text;
using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// An immutable, compiled picture of the CMDB for impact analysis: configuration items numbered
/// 0..n-1 and the impact edges in compressed sparse row (CSR) arrays, in both directions.
/// </summary>
/// <remarks>
/// <para>
/// Layout: for item <c>v</c>, the items that depend on it (its dependents, which a failure of
/// <c>v</c> impacts) are <c>forward[forwardOffsets[v] .. forwardOffsets[v+1])</c>; the items it
/// depends on are <c>reverse[reverseOffsets[v] .. reverseOffsets[v+1])</c>; a parallel
/// <c>ushort</c> array gives each edge's relationship type. Every relationship therefore costs
/// 12 bytes (two <c>int</c>s and two <c>ushort</c>s) plus 8 bytes per item for the offsets;
/// per item there are also its identifier, class, criticality, redundancy tolerance (over its
/// members only) and maintenance flag. Informational relationships (<see cref="ImpactDirection.None"/>) are not stored.
/// </para>
/// <para>
/// Create one with <see cref="CmdbSnapshotBuilder"/>; query it with <see cref="ImpactAnalysis"/>.
/// A snapshot never changes, so it is safe to share between threads; concurrent queries each
/// borrow their own scratch buffers from a small pool inside the snapshot.
/// </para>
/// </remarks>
public sealed class CmdbSnapshot
{
    private readonly ImpactScratch?[] scratchPool = new ImpactScratch?[Math.Max(2, Environment.ProcessorCount)];
    private int[]? ordinalRanks;

    internal CmdbSnapshot(
        ConfigurationItemId[] ids,
        Dictionary<ConfigurationItemId, int> index,
        ushort[] classes,
        ConfigurationItemClass[] classTable,
        BusinessCriticality[] criticality,
        int[] tolerance,
        bool[] inMaintenance,
        RelationshipType[] types,
        bool[] membershipTypes,
        int[] forwardOffsets,
        int[] forward,
        ushort[] forwardTypes,
        int[] reverseOffsets,
        int[] reverse,
        ushort[] reverseTypes,
        int informationalCount,
        RedundancyShortfall[] shortfalls)
    {
        Shortfalls = shortfalls;
        Ids = ids;
        Index = index;
        Classes = classes;
        ClassTable = classTable;
        Criticality = criticality;
        Tolerance = tolerance;
        InMaintenance = inMaintenance;
        Types = types;
        MembershipTypes = membershipTypes;
        ForwardOffsets = forwardOffsets;
        Forward = forward;
        ForwardTypes = forwardTypes;
        ReverseOffsets = reverseOffsets;
        Reverse = reverse;
        ReverseTypes = reverseTypes;
        InformationalRelationshipCount = informationalCount;
    }

    /// <summary>The number of configuration items.</summary>
    public int Count => Ids.Length;

    /// <summary>The number of relationships that carry impact (informational ones are not counted).</summary>
    public int RelationshipCount => Forward.Length;

    /// <summary>The number of informational relationships that were added but are not stored.</summary>
    public int InformationalRelationshipCount { get; }

    /// <summary>
    /// The groups whose redundancy rule asks for more members than they have (a cluster that needs 3
    /// members up and has 1), in item order: each is down with no failure at all, and every impact
    /// query that reaches it reports it down (see <see cref="RedundancyRule"/>).
    /// </summary>
    public IReadOnlyList<RedundancyShortfall> Shortfalls { get; }

    internal ConfigurationItemId[] Ids { get; }

    internal Dictionary<ConfigurationItemId, int> Index { get; }

    internal ushort[] Classes { get; }

    internal ConfigurationItemClass[] ClassTable { get; }

    internal BusinessCriticality[] Criticality { get; }

    internal int[] Tolerance { get; }

    internal bool[] InMaintenance { get; }

    internal RelationshipType[] Types { get; }

    /// <summary>Per entry of <see cref="Types"/>: true for a membership type, whose providers a redundancy rule counts.</summary>
    internal bool[] MembershipTypes { get; }

    internal int[] ForwardOffsets { get; }

    internal int[] Forward { get; }

    internal ushort[] ForwardTypes { get; }

    internal int[] ReverseOffsets { get; }

    internal int[] Reverse { get; }

    internal ushort[] ReverseTypes { get; }

    /// <summary>True when the snapshot has an item with <paramref name="id"/>.</summary>
    public bool Contains(ConfigurationItemId id) => Index.ContainsKey(id);

    /// <summary>The class of item <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">The snapshot has no such item.</exception>
    public ConfigurationItemClass ClassOf(ConfigurationItemId id) => ClassTable[Classes[IndexOf(id)]];

    /// <summary>The business criticality of item <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">The snapshot has no such item.</exception>
    public BusinessCriticality CriticalityOf(ConfigurationItemId id) => Criticality[IndexOf(id)];

    /// <summary>True when item <paramref name="id"/> was in planned maintenance when the snapshot was built.</summary>
    /// <exception cref="KeyNotFoundException">The snapshot has no such item.</exception>
    public bool IsInMaintenance(ConfigurationItemId id) => InMaintenance[IndexOf(id)];

    /// <summary>The identifiers of the items <paramref name="id"/> directly depends on, with the relationship type.</summary>
    /// <exception cref="KeyNotFoundException">The snapshot has no such item.</exception>
    public IReadOnlyList<(ConfigurationItemId Provider, RelationshipType Type)> DirectDependenciesOf(ConfigurationItemId id)
    {
        var v = IndexOf(id);
        var list = new List<(ConfigurationItemId, RelationshipType)>(ReverseOffsets[v + 1] - ReverseOffsets[v]);
        for (var e = ReverseOffsets[v]; e < ReverseOffsets[v + 1]; e++)
        {
            list.Add((Ids[Reverse[e]], Types[ReverseTypes[e]]));
        }

        return list;
    }

    /// <summary>
    /// If adding <paramref name="relationship"/> would close a cycle of containment-like
    /// relationships, the existing path from its target back to its source (as text, ending with
    /// the new relationship); otherwise null. Non-containment relationships never close one.
    /// </summary>
    /// <remarks>A breadth-first search over containment edges from the target: O(items + relationships) at worst.</remarks>
    public string? FindContainmentCycleClosedBy(Relationship relationship)
    {
        Preconditions.CheckNotNull(relationship.Type);
        if (!relationship.Type.IsContainment
            || !Index.TryGetValue(relationship.Source, out var source)
            || !Index.TryGetValue(relationship.Target, out var target))
        {
            return null;
        }

        // Breadth-first search in the written direction (source -> target) of containment edges.
        var parent = new Dictionary<int, (int From, ushort Type)> { [target] = (-1, 0) };
        var queue = new Queue<int>();
        queue.Enqueue(target);
        while (queue.Count > 0)
        {
            var x = queue.Dequeue();
            if (x == source)
            {
                var path = new List<string>();
                for (var y = source; parent[y].From >= 0; y = parent[y].From)
                {
                    path.Add($" -[{Types[parent[y].Type]}]-> {Ids[y]}");
                }

                path.Reverse();
                return $"{Ids[target]}{string.Concat(path)} -[{relationship.Type}]-> {Ids[target]}";
            }

            foreach (var (y, type) in ContainmentSuccessors(x))
            {
                if (parent.TryAdd(y, (x, type)))
                {
                    queue.Enqueue(y);
                }
            }
        }

        return null;
    }

    /// <summary>A cycle of containment edges as text, or null; used when building.</summary>
    internal string? FindContainmentCycle()
    {
        // Peel off items without outgoing containment edges (Kahn's algorithm on sinks); whatever
        // remains has a containment successor that also remains, so walking forward from any
        // remaining item must revisit one: that is a cycle.
        var n = Count;
        int[]? outDegree = null;
        for (var x = 0; x < n; x++)
        {
            foreach (var _ in ContainmentSuccessors(x))
            {
                outDegree ??= new int[n];
                outDegree[x]++;
            }
        }

        if (outDegree is null)
        {
            return null;
        }

        var stack = new Stack<int>();
        for (var x = 0; x < n; x++)
        {
            if (outDegree[x] == 0)
            {
                stack.Push(x);
            }
        }

        while (stack.Count > 0)
        {
            var y = stack.Pop();
            foreach (var x in ContainmentPredecessors(y))
            {
                if (--outDegree[x] == 0)
                {
                    stack.Push(x);
                }
            }
        }

        var start = Array.FindIndex(outDegree, d => d > 0);
        if (start < 0)
        {
            return null;
        }

        var seenAt = new Dictionary<int, int>();
        var walk = new List<(int Node, ushort Type)>();
        var current = start;
        ushort via = 0;
        while (!seenAt.ContainsKey(current))
        {
            seenAt[current] = walk.Count;
            walk.Add((current, via));
            foreach (var (y, type) in ContainmentSuccessors(current))
            {
                if (outDegree[y] > 0)
                {
                    current = y;
                    via = type;
                    break;
                }
            }
        }

        var text = new StringBuilder(Ids[current].Value);
        for (var i = seenAt[current] + 1; i < walk.Count; i++)
        {
            text.Append(" -[").Append(Types[walk[i].Type].Name).Append("]-> ").Append(Ids[walk[i].Node].Value);
        }

        text.Append(" -[").Append(Types[via].Name).Append("]-> ").Append(Ids[current].Value);
        return text.ToString();
    }

    /// <summary>
    /// The rank of each item's id among all ids in ordinal order, computed once on first use (a sort of the ids,
    /// O(n log n)), so that results can be put in id order by sorting integers instead of comparing strings.
    /// </summary>
    internal int[] OrdinalRanks => LazyInitializer.EnsureInitialized(ref ordinalRanks, RankIds);

    private int[] RankIds()
    {
        var keys = new string[Count];
        var order = new int[Count];
        for (var v = 0; v < keys.Length; v++)
        {
            keys[v] = Ids[v].Value;
            order[v] = v;
        }

        Array.Sort(keys, order, StringComparer.Ordinal);
        var ranks = new int[Count];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }

    internal int IndexOf(ConfigurationItemId id) =>
        Index.TryGetValue(id, out var v) ? v : throw new KeyNotFoundException($"Configuration item '{id}' is not in the snapshot.");

    internal ImpactScratch RentScratch()
    {
        for (var i = 0; i < scratchPool.Length; i++)
        {
            var scratch = Interlocked.Exchange(ref scratchPool[i], null);
            if (scratch is not null)
            {
                return scratch;
            }
        }

        return new ImpactScratch(Count);
    }

    internal void ReturnScratch(ImpactScratch scratch)
    {
        for (var i = 0; i < scratchPool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref scratchPool[i], scratch, null) is null)
            {
                return;
            }
        }
    }

    // Containment edges in the direction they were written (source -> target), whatever their impact direction.
    private IEnumerable<(int Node, ushort Type)> ContainmentSuccessors(int x)
    {
        for (var e = ReverseOffsets[x]; e < ReverseOffsets[x + 1]; e++)
        {
            var type = Types[ReverseTypes[e]];
            if (type.IsContainment && type.Direction == ImpactDirection.SourceDependsOnTarget)
            {
                yield return (Reverse[e], ReverseTypes[e]);
            }
        }

        for (var e = ForwardOffsets[x]; e < ForwardOffsets[x + 1]; e++)
        {
            var type = Types[ForwardTypes[e]];
            if (type.IsContainment && type.Direction == ImpactDirection.TargetDependsOnSource)
            {
                yield return (Forward[e], ForwardTypes[e]);
            }
        }
    }

    private IEnumerable<int> ContainmentPredecessors(int y)
    {
        for (var e = ForwardOffsets[y]; e < ForwardOffsets[y + 1]; e++)
        {
            var type = Types[ForwardTypes[e]];
            if (type.IsContainment && type.Direction == ImpactDirection.SourceDependsOnTarget)
            {
                yield return Forward[e];
            }
        }

        for (var e = ReverseOffsets[y]; e < ReverseOffsets[y + 1]; e++)
        {
            var type = Types[ReverseTypes[e]];
            if (type.IsContainment && type.Direction == ImpactDirection.TargetDependsOnSource)
            {
                yield return Reverse[e];
            }
        }
    }
}

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
