using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// The CMDB as a graph, with the invariants every write keeps: the one place that decides whether
/// an item may be registered, a relationship added or an import accepted. The application's
/// commands (<c>RegisterConfigurationItem</c>, <c>Relate</c>, <c>ImportConfiguration</c>) use it, and
/// so can a vendor who calls the domain directly.
/// </summary>
/// <remarks>
/// <para><b>The invariants.</b></para>
/// <list type="bullet">
/// <item><description>Identifiers are unique, retired items included: a retired id stays taken
/// (<c>cmdb.item.duplicate</c>, Conflict).</description></item>
/// <item><description>Both ends of a new relationship exist and are not retired
/// (<c>cmdb.item.unknown</c>, NotFound), are distinct (<c>cmdb.relationship.self-loop</c>), and the
/// relationship is new (<c>cmdb.relationship.exists</c>, Conflict).</description></item>
/// <item><description>Containment-like relationships (<see cref="RelationshipType.IsContainment"/>)
/// never form a cycle (<c>cmdb.containment.cycle</c>, with the cycle as a path).</description></item>
/// <item><description>Redundancy rules are consistent with the members by construction: a group's
/// tolerance is always worked out from the members it has now. A rule asking for more members
/// than the group has is <b>not refused</b>: a cluster is built up member by member, and
/// unrelating or retiring a member is routine. It is a legal state that the analysis reports: the
/// group is down, and <see cref="Shortfalls"/> (and <see cref="ImpactResult.Shortfalls"/>) say
/// why. So no accepted command can make the tenant's CMDB fail to compile.</description></item>
/// </list>
/// <para>
/// A relationship whose end was retired later is kept for the record (a retired item keeps its
/// history) but is left out of <see cref="Compile"/>, as the retired item is.
/// </para>
/// <para>
/// Immutable: every change returns a new graph, and a refused change returns the failure and leaves
/// this graph as it was. Thread-safe. Building one is linear in the items and relationships; the
/// compiled snapshot is made once, on first use.
/// </para>
/// </remarks>
public sealed class CmdbGraph
{
    private readonly Dictionary<ConfigurationItemId, ConfigurationItemSnapshot> items;
    private readonly HashSet<Relationship> relationships;
    private readonly Lazy<CmdbSnapshot> compiled;

    private CmdbGraph(Dictionary<ConfigurationItemId, ConfigurationItemSnapshot> items, HashSet<Relationship> relationships)
    {
        this.items = items;
        this.relationships = relationships;
        compiled = new Lazy<CmdbSnapshot>(CompileNow, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>An empty CMDB.</summary>
    public static CmdbGraph Empty { get; } = new([], []);

    /// <summary>The number of items, retired ones included.</summary>
    public int ItemCount => items.Count;

    /// <summary>The number of relationships, including those kept for the record with a retired end.</summary>
    public int RelationshipCount => relationships.Count;

    /// <summary>The groups that are down because their redundancy rule asks for more members than they have.</summary>
    public IReadOnlyList<RedundancyShortfall> Shortfalls => compiled.Value.Shortfalls;

    /// <summary>
    /// The graph of a stored CMDB, as it is: every item (retired ones included) and every
    /// relationship. Stored data is taken as the record of what was accepted; only a duplicate id
    /// (the same item twice) is refused, with <c>cmdb.item.duplicate</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument or an item is null.</exception>
    public static Result<CmdbGraph> FromStored(IEnumerable<ConfigurationItemSnapshot> items, IEnumerable<Relationship> relationships)
    {
        Preconditions.CheckNotNull(items);
        Preconditions.CheckNotNull(relationships);
        var map = new Dictionary<ConfigurationItemId, ConfigurationItemSnapshot>();
        foreach (var item in items)
        {
            Preconditions.CheckNotNull(item, nameof(items));
            if (!map.TryAdd(item.Id, item))
            {
                return Failure.Conflict<CmdbGraph>($"Configuration item '{item.Id}' appears twice.", "cmdb.item.duplicate");
            }
        }

        return new CmdbGraph(map, [.. relationships]);
    }

    /// <summary>True when the graph has an item <paramref name="id"/> that is not retired.</summary>
    public bool IsActive(ConfigurationItemId id) => items.TryGetValue(id, out var item) && item.Status != ConfigurationItemStatus.Retired;

    /// <summary>Adds a new item; an id already taken (retired items included) gives <c>Conflict</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public Result<CmdbGraph> Register(ConfigurationItem item) => Import([Preconditions.CheckNotNull(item)], []);

    /// <summary>Adds a relationship, checked against every invariant on the type.</summary>
    /// <exception cref="ArgumentException"><paramref name="relationship"/> is <c>default</c>.</exception>
    public Result<CmdbGraph> Relate(Relationship relationship)
    {
        if (CheckEnds(relationship) is { } refused)
        {
            return refused.AsFailure<CmdbGraph>();
        }

        if (relationships.Contains(relationship))
        {
            return Failure.Conflict<CmdbGraph>($"Relationship {relationship} already exists.", "cmdb.relationship.exists");
        }

        if (compiled.Value.FindContainmentCycleClosedBy(relationship) is { } cycle)
        {
            return Failure.Conflict<CmdbGraph>($"Relating would close a cycle of containment-like relationships: {cycle}.", "cmdb.containment.cycle");
        }

        return new CmdbGraph(items, [.. relationships, relationship]);
    }

    /// <summary>
    /// Removes a relationship; a missing one gives <c>NotFound</c>. Never refused for what it does
    /// to a group's members: a group left short is down and reported (see <see cref="Shortfalls"/>).
    /// </summary>
    public Result<CmdbGraph> Unrelate(Relationship relationship)
    {
        if (!relationships.Contains(relationship))
        {
            return Failure.NotFound<CmdbGraph>($"Relationship {relationship} does not exist.", "cmdb.relationship.unknown");
        }

        var rest = new HashSet<Relationship>(relationships);
        rest.Remove(relationship);
        return new CmdbGraph(items, rest);
    }

    /// <summary>
    /// Adds many items and relationships at once, all or nothing: a taken or repeated id, an unknown
    /// or retired end, a self-loop, a repeated or existing relationship, or a containment cycle
    /// anywhere in the result refuses the whole import.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument or an item is null.</exception>
    /// <exception cref="ArgumentException">A relationship is <c>default</c>.</exception>
    public Result<CmdbGraph> Import(IEnumerable<ConfigurationItem> newItems, IEnumerable<Relationship> newRelationships)
    {
        Preconditions.CheckNotNull(newItems);
        Preconditions.CheckNotNull(newRelationships);
        var map = new Dictionary<ConfigurationItemId, ConfigurationItemSnapshot>(items);
        foreach (var item in newItems)
        {
            Preconditions.CheckNotNull(item, nameof(newItems));
            if (map.TryGetValue(item.Id, out var taken))
            {
                var retired = taken.Status == ConfigurationItemStatus.Retired ? " (retired)" : string.Empty;
                return Failure.Conflict<CmdbGraph>($"Configuration item '{item.Id}' already exists{retired}.", "cmdb.item.duplicate");
            }

            map.Add(item.Id, item.ToSnapshot());
        }

        var set = new HashSet<Relationship>(relationships);
        var added = false;
        var next = new CmdbGraph(map, set);
        foreach (var relationship in newRelationships)
        {
            if (next.CheckEnds(relationship) is { } refused)
            {
                return refused.AsFailure<CmdbGraph>();
            }

            if (!set.Add(relationship))
            {
                return Failure.Conflict<CmdbGraph>($"Relationship {relationship} already exists (or appears twice).", "cmdb.relationship.exists");
            }

            added = true;
        }

        if (added && next.compiled.Value.FindContainmentCycle() is { } cycle)
        {
            return Result<CmdbGraph>.Invalid(Failure.Field("relationships", $"Containment-like relationships must not form a cycle: {cycle}.", "cmdb.containment.cycle"));
        }

        return next;
    }

    /// <summary>
    /// The snapshot for impact analysis: the items that are not retired and the relationships between
    /// them. Never fails: a group short of members is down (see <see cref="Shortfalls"/>), and
    /// impact analysis terminates on any graph.
    /// </summary>
    public CmdbSnapshot Compile() => compiled.Value;

    private Result? CheckEnds(Relationship relationship)
    {
        Preconditions.CheckArgument(relationship.Type is not null, nameof(relationship), "The relationship is default(Relationship); create it with Relationship.Create.");
        foreach (var end in new[] { relationship.Source, relationship.Target })
        {
            if (!IsActive(end))
            {
                return Failure.NotFound($"Configuration item '{end}' does not exist or is retired.", "cmdb.item.unknown");
            }
        }

        return relationship.Source == relationship.Target ? Relationship.Create(relationship.Source, relationship.Target, relationship.Type).AsFailure() : null;
    }

    private CmdbSnapshot CompileNow()
    {
        var builder = new CmdbSnapshotBuilder(items.Count, relationships.Count);
        foreach (var item in items.Values)
        {
            if (item.Status != ConfigurationItemStatus.Retired)
            {
                builder.AddItem(ConfigurationItem.FromState(item));
            }
        }

        foreach (var relationship in relationships)
        {
            if (builder.Contains(relationship.Source) && builder.Contains(relationship.Target))
            {
                builder.AddRelationship(relationship);
            }
        }

        return builder.Compile();
    }
}
