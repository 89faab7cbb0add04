using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// Collects configuration items and relationships and compiles them into an immutable
/// <see cref="CmdbSnapshot"/>. Add every item before the relationships that mention it.
/// </summary>
/// <remarks>
/// <para>
/// Bad input never throws: <c>AddItem</c> and <c>AddRelationship</c> return a
/// failed <see cref="Result"/> (duplicate id, unknown end, self-loop) and change nothing;
/// <see cref="Build"/> checks what needs the whole graph (a cycle of containment-like
/// relationships, reported with its path). A redundancy rule asking for more members than the
/// group has is a legal state, reported by <see cref="CmdbSnapshot.Shortfalls"/>. The rules a
/// stored CMDB keeps (ends exist and are not retired, containment stays acyclic) are
/// <see cref="CmdbGraph"/>'s.
/// </para>
/// <para>
/// Building is linear: items go into a dictionary and flat lists, relationships into three
/// integer lists, and <see cref="Build"/> turns them into CSR arrays with two counting sorts.
/// Not thread-safe; a builder can be built more than once.
/// </para>
/// </remarks>
public sealed class CmdbSnapshotBuilder
{
    private readonly Dictionary<ConfigurationItemId, int> index;
    private readonly List<ConfigurationItemId> ids;
    private readonly List<ushort> classes = [];
    private readonly List<BusinessCriticality> criticalities = [];
    private readonly List<RedundancyRule> rules = [];
    private readonly List<bool> maintenance = [];
    private readonly List<ConfigurationItemClass> classTable = [];
    private readonly Dictionary<ConfigurationItemClass, ushort> classLookup = [];
    private readonly List<RelationshipType> typeTable = [];
    private readonly Dictionary<RelationshipType, ushort> typeLookup = [];
    private readonly List<int> providers;
    private readonly List<int> dependents;
    private readonly List<ushort> edgeTypes;
    private int informational;

    /// <summary>Creates an empty builder, optionally sized for <paramref name="itemCapacity"/> items and <paramref name="relationshipCapacity"/> relationships.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A capacity is negative.</exception>
    public CmdbSnapshotBuilder(int itemCapacity = 0, int relationshipCapacity = 0)
    {
        Preconditions.CheckNonNegative(itemCapacity);
        Preconditions.CheckNonNegative(relationshipCapacity);
        index = new Dictionary<ConfigurationItemId, int>(itemCapacity);
        ids = new List<ConfigurationItemId>(itemCapacity);
        providers = new List<int>(relationshipCapacity);
        dependents = new List<int>(relationshipCapacity);
        edgeTypes = new List<ushort>(relationshipCapacity);
    }

    /// <summary>The number of items added so far.</summary>
    public int ItemCount => ids.Count;

    /// <summary>True when an item with <paramref name="id"/> was added.</summary>
    public bool Contains(ConfigurationItemId id) => index.ContainsKey(id);

    /// <summary>Adds a configuration item; a duplicate id gives <see cref="ResultStatus.Conflict"/>.</summary>
    /// <param name="id">The item's identifier.</param>
    /// <param name="itemClass">The item's class.</param>
    /// <param name="criticality">Business criticality (usually stated for business services).</param>
    /// <param name="redundancy">How many of its members must be up (see <see cref="RedundancyRule"/>).</param>
    /// <param name="inMaintenance">True when the item is in planned maintenance.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="itemClass"/> is <c>default</c>.</exception>
    public Result AddItem(
        ConfigurationItemId id,
        ConfigurationItemClass itemClass,
        BusinessCriticality criticality = BusinessCriticality.None,
        RedundancyRule redundancy = default,
        bool inMaintenance = false)
    {
        Preconditions.CheckArgument(id.Value is not null, nameof(id), "The identifier must be assigned.");
        Preconditions.CheckArgument(itemClass.Name is not null, nameof(itemClass), "The class must be assigned.");
        if (!index.TryAdd(id, ids.Count))
        {
            return Failure.Conflict($"Configuration item '{id}' was already added.", "cmdb.item.duplicate");
        }

        ids.Add(id);
        if (!classLookup.TryGetValue(itemClass, out var classIndex))
        {
            Preconditions.CheckState(classTable.Count < ushort.MaxValue, "Too many distinct configuration item classes.");
            classIndex = (ushort)classTable.Count;
            classTable.Add(itemClass);
            classLookup.Add(itemClass, classIndex);
        }

        classes.Add(classIndex);
        criticalities.Add(criticality);
        rules.Add(redundancy);
        maintenance.Add(inMaintenance);
        return Result.Success();
    }

    /// <summary>Adds the configuration item <paramref name="item"/> as it is now.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public Result AddItem(ConfigurationItem item)
    {
        Preconditions.CheckNotNull(item);
        return AddItem(item.Id, item.Class, item.Criticality, item.Redundancy, item.Status == ConfigurationItemStatus.InMaintenance);
    }

    /// <summary>
    /// Adds a relationship between two items already added; an unknown end gives
    /// <see cref="ResultStatus.NotFound"/> and a self-loop <see cref="ResultStatus.Invalid"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    public Result AddRelationship(ConfigurationItemId source, ConfigurationItemId target, RelationshipType type)
    {
        Preconditions.CheckNotNull(type);
        if (!index.TryGetValue(source, out var s))
        {
            return Failure.NotFound($"Relationship source '{source}' is not a known configuration item.", "cmdb.item.unknown");
        }

        if (!index.TryGetValue(target, out var t))
        {
            return Failure.NotFound($"Relationship target '{target}' is not a known configuration item.", "cmdb.item.unknown");
        }

        if (s == t)
        {
            return Relationship.Create(source, target, type).AsFailure();
        }

        switch (type.Direction)
        {
            case ImpactDirection.SourceDependsOnTarget:
                providers.Add(t);
                dependents.Add(s);
                break;
            case ImpactDirection.TargetDependsOnSource:
                providers.Add(s);
                dependents.Add(t);
                break;
            default:
                informational++;
                return Result.Success();
        }

        if (!typeLookup.TryGetValue(type, out var typeIndex))
        {
            Preconditions.CheckState(typeTable.Count < ushort.MaxValue, "Too many distinct relationship types.");
            typeIndex = (ushort)typeTable.Count;
            typeTable.Add(type);
            typeLookup.Add(type, typeIndex);
        }

        edgeTypes.Add(typeIndex);
        return Result.Success();
    }

    /// <summary>Adds <paramref name="relationship"/>; see <see cref="AddRelationship(ConfigurationItemId, ConfigurationItemId, RelationshipType)"/>.</summary>
    public Result AddRelationship(Relationship relationship) =>
        AddRelationship(relationship.Source, relationship.Target, relationship.Type);

    /// <summary>Compiles the snapshot without looking for containment cycles (impact analysis terminates on any graph); never fails.</summary>
    internal CmdbSnapshot Compile()
    {
        var n = ids.Count;
        var m = providers.Count;
        var forwardOffsets = new int[n + 1];
        var reverseOffsets = new int[n + 1];
        for (var e = 0; e < m; e++)
        {
            forwardOffsets[providers[e] + 1]++;
            reverseOffsets[dependents[e] + 1]++;
        }

        for (var v = 0; v < n; v++)
        {
            forwardOffsets[v + 1] += forwardOffsets[v];
            reverseOffsets[v + 1] += reverseOffsets[v];
        }

        var forward = new int[m];
        var forwardTypes = new ushort[m];
        var reverse = new int[m];
        var reverseTypes = new ushort[m];
        var forwardCursor = new int[n];
        var reverseCursor = new int[n];
        Array.Copy(forwardOffsets, forwardCursor, n);
        Array.Copy(reverseOffsets, reverseCursor, n);
        for (var e = 0; e < m; e++)
        {
            int p = providers[e], d = dependents[e];
            var type = edgeTypes[e];
            var f = forwardCursor[p]++;
            forward[f] = d;
            forwardTypes[f] = type;
            var r = reverseCursor[d]++;
            reverse[r] = p;
            reverseTypes[r] = type;
        }

        // Redundancy counts the distinct members (providers related through a membership type such
        // as member of): two relationships between the same pair are one member, not two. Every
        // other provider is a hard dependency, which the impact walk tells apart by edge type.
        var membershipTypes = new bool[typeTable.Count];
        for (var i = 0; i < membershipTypes.Length; i++)
        {
            membershipTypes[i] = typeTable[i].IsMembership;
        }

        // A rule asking for more members than the group has is a legal state (a cluster is built up
        // member by member): the group is down until enough members exist, and says why.
        var tolerance = new int[n];
        var lastDependent = new int[n];
        Array.Fill(lastDependent, -1);
        List<RedundancyShortfall>? shortfalls = null;
        for (var v = 0; v < n; v++)
        {
            var members = 0;
            for (var e = reverseOffsets[v]; e < reverseOffsets[v + 1]; e++)
            {
                if (membershipTypes[reverseTypes[e]] && lastDependent[reverse[e]] != v)
                {
                    lastDependent[reverse[e]] = v;
                    members++;
                }
            }

            var t = rules[v].Tolerance(members);
            if (t < 0)
            {
                shortfalls ??= [];
                shortfalls.Add(new RedundancyShortfall(ids[v], rules[v].MinimumUp, members));
            }

            tolerance[v] = t;
        }

        var criticality = new BusinessCriticality[n];
        var maintenanceFlags = new bool[n];
        for (var v = 0; v < n; v++)
        {
            criticality[v] = criticalities[v];
            maintenanceFlags[v] = maintenance[v];
        }

        return new CmdbSnapshot(
            [.. ids],
            new Dictionary<ConfigurationItemId, int>(index),
            [.. classes],
            [.. classTable],
            criticality,
            tolerance,
            maintenanceFlags,
            [.. typeTable],
            membershipTypes,
            forwardOffsets,
            forward,
            forwardTypes,
            reverseOffsets,
            reverse,
            reverseTypes,
            informational,
            shortfalls is null ? [] : [.. shortfalls]);
    }

    /// <summary>
    /// Compiles the snapshot. Fails with <see cref="ResultStatus.Invalid"/> when containment-like
    /// relationships form a cycle (the message gives the cycle as a path). A redundancy rule that
    /// asks for more members than the group has is not a failure: the group is down, and
    /// <see cref="CmdbSnapshot.Shortfalls"/> says why (see <see cref="RedundancyRule"/>).
    /// </summary>
    public Result<CmdbSnapshot> Build()
    {
        var snapshot = Compile();
        var cycle = snapshot.FindContainmentCycle();
        if (cycle is not null)
        {
            return Result<CmdbSnapshot>.Invalid(Failure.Field(
                "relationships", $"Containment-like relationships must not form a cycle: {cycle}.", "cmdb.containment.cycle"));
        }

        return snapshot;
    }
}
