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
public sealed partial class CmdbSnapshot
{
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

    internal int IndexOf(ConfigurationItemId id) =>
        Index.TryGetValue(id, out var v) ? v : throw new KeyNotFoundException($"Configuration item '{id}' is not in the snapshot.");
}
