using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>One field of a configuration item that differs: <c>name</c>, <c>status</c>, <c>attributes.ram_gb</c>, ...</summary>
/// <param name="Field">The field: <c>class</c>, <c>name</c>, <c>status</c>, <c>criticality</c>, <c>owner</c>, <c>redundancy</c>, or <c>attributes.NAME</c>.</param>
/// <param name="Before">The value before as text, or null when absent.</param>
/// <param name="After">The value after as text, or null when absent.</param>
public sealed record FieldDifference(string Field, string? Before, string? After);

/// <summary>A configuration item present on both sides whose recorded state differs.</summary>
/// <param name="Before">The state before.</param>
/// <param name="After">The state after.</param>
/// <param name="Fields">What differs, field by field, attributes by name.</param>
public sealed record ItemModification(ConfigurationItemSnapshot Before, ConfigurationItemSnapshot After, ImmutableArray<FieldDifference> Fields)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>The modified item.</summary>
    public ConfigurationItemId Id => After.Id;
}

/// <summary>
/// The differences between two configuration states: items added, removed and modified (field
/// by field), relationships added and removed.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="ApplyTo"/> replays the differences on the older state and
/// yields the newer one, so a diff is a complete description of the change. Computed in
/// O((n + m) log(n + m)) by walking both sorted states side by side.
/// </remarks>
public sealed class ConfigurationDiff
{
    private ConfigurationDiff(
        string fromHash,
        string toHash,
        ImmutableArray<ConfigurationItemSnapshot> added,
        ImmutableArray<ConfigurationItemSnapshot> removed,
        ImmutableArray<ItemModification> modified,
        ImmutableArray<Relationship> addedRelationships,
        ImmutableArray<Relationship> removedRelationships)
    {
        FromHash = fromHash;
        ToHash = toHash;
        AddedItems = added;
        RemovedItems = removed;
        ModifiedItems = modified;
        AddedRelationships = addedRelationships;
        RemovedRelationships = removedRelationships;
    }

    /// <summary>The content hash of the older state.</summary>
    public string FromHash { get; }

    /// <summary>The content hash of the newer state.</summary>
    public string ToHash { get; }

    /// <summary>Items only in the newer state, by id.</summary>
    public ImmutableArray<ConfigurationItemSnapshot> AddedItems { get; }

    /// <summary>Items only in the older state, by id.</summary>
    public ImmutableArray<ConfigurationItemSnapshot> RemovedItems { get; }

    /// <summary>Items in both whose state differs, by id.</summary>
    public ImmutableArray<ItemModification> ModifiedItems { get; }

    /// <summary>Relationships only in the newer state.</summary>
    public ImmutableArray<Relationship> AddedRelationships { get; }

    /// <summary>Relationships only in the older state.</summary>
    public ImmutableArray<Relationship> RemovedRelationships { get; }

    /// <summary>True when the two states have the same content.</summary>
    public bool IsEmpty => FromHash == ToHash;

    /// <summary>Compares <paramref name="from"/> with <paramref name="to"/>; equal hashes short-cut to an empty diff.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ConfigurationDiff Between(ConfigurationState from, ConfigurationState to)
    {
        Preconditions.CheckNotNull(from);
        Preconditions.CheckNotNull(to);
        if (from.HasSameContentAs(to))
        {
            return new ConfigurationDiff(from.ContentHash, to.ContentHash, [], [], [], [], []);
        }

        var added = ImmutableArray.CreateBuilder<ConfigurationItemSnapshot>();
        var removed = ImmutableArray.CreateBuilder<ConfigurationItemSnapshot>();
        var modified = ImmutableArray.CreateBuilder<ItemModification>();
        foreach (var (id, before) in from.Items)
        {
            if (!to.Items.TryGetValue(id, out var after))
            {
                removed.Add(before);
            }
            else if (!before.Equals(after))
            {
                modified.Add(new ItemModification(before, after, Fields(before, after)));
            }
        }

        foreach (var (id, after) in to.Items)
        {
            if (!from.Items.ContainsKey(id))
            {
                added.Add(after);
            }
        }

        return new ConfigurationDiff(
            from.ContentHash,
            to.ContentHash,
            added.ToImmutable(),
            removed.ToImmutable(),
            modified.ToImmutable(),
            [.. to.Relationships.Except(from.Relationships)],
            [.. from.Relationships.Except(to.Relationships)]);
    }

    /// <summary>
    /// Replays this diff on <paramref name="state"/>: removes, adds and replaces items, removes and
    /// adds relationships. Applied to the older state it yields the newer one.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    public ConfigurationState ApplyTo(ConfigurationState state)
    {
        Preconditions.CheckNotNull(state);
        var items = state.Items.RemoveRange(RemovedItems.Select(i => i.Id))
            .SetItems(AddedItems.Select(i => KeyValuePair.Create(i.Id, i)))
            .SetItems(ModifiedItems.Select(m => KeyValuePair.Create(m.Id, m.After)));
        var relationships = state.Relationships.Except(RemovedRelationships).Union(AddedRelationships);
        return ConfigurationState.FromParts(items, relationships);
    }

    private static ImmutableArray<FieldDifference> Fields(ConfigurationItemSnapshot a, ConfigurationItemSnapshot b)
    {
        var fields = ImmutableArray.CreateBuilder<FieldDifference>();
        void Compare(string field, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                fields.Add(new FieldDifference(field, before, after));
            }
        }

        Compare("class", a.Class.Name, b.Class.Name);
        Compare("name", a.Name, b.Name);
        Compare("status", a.Status.ToString(), b.Status.ToString());
        Compare("criticality", a.Criticality.ToString(), b.Criticality.ToString());
        Compare("owner", a.Owner?.Value, b.Owner?.Value);
        Compare("redundancy", a.Redundancy.MinimumUp.ToString(CultureInfo.InvariantCulture), b.Redundancy.MinimumUp.ToString(CultureInfo.InvariantCulture));
        foreach (var name in a.Attributes.Keys.Union(b.Attributes.Keys).Order(StringComparer.Ordinal))
        {
            var before = a.Attributes.TryGetValue(name, out var x) ? x : (AttributeValue?)null;
            var after = b.Attributes.TryGetValue(name, out var y) ? y : (AttributeValue?)null;
            if (before != after)
            {
                fields.Add(new FieldDifference("attributes." + name, before?.ToString(), after?.ToString()));
            }
        }

        return fields.ToImmutable();
    }
}
