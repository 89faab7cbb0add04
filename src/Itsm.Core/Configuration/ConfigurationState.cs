using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// The whole configuration at one moment: every configuration item's recorded state and every
/// relationship (the whole graph, not only first-level relationships), with a content hash.
/// </summary>
/// <remarks>
/// <para>
/// Two states with equal content have equal <see cref="ContentHash"/> (a SHA-256 over a canonical
/// encoding: items by id, attributes by name, relationships by source, target and type), so
/// <see cref="HasSameContentAs"/> answers in O(1) once both hashes exist; the hash is computed
/// once, on creation. Immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class ConfigurationState
{
    private ConfigurationState(ImmutableSortedDictionary<ConfigurationItemId, ConfigurationItemSnapshot> items, ImmutableSortedSet<Relationship> relationships)
    {
        Items = items;
        Relationships = relationships;
        ContentHash = Hash(items, relationships);
    }

    /// <summary>An empty configuration.</summary>
    public static ConfigurationState Empty { get; } = new(ImmutableSortedDictionary<ConfigurationItemId, ConfigurationItemSnapshot>.Empty, ImmutableSortedSet.Create<Relationship>(RelationshipOrder.Instance));

    /// <summary>The items, by id.</summary>
    public ImmutableSortedDictionary<ConfigurationItemId, ConfigurationItemSnapshot> Items { get; }

    /// <summary>The relationships, ordered by source, target and type name.</summary>
    public ImmutableSortedSet<Relationship> Relationships { get; }

    /// <summary>The SHA-256 of the canonical encoding, as 64 lower-case hex digits.</summary>
    public string ContentHash { get; }

    /// <summary>
    /// Creates a state; duplicate item ids, a relationship to an unknown item, or a duplicate
    /// relationship give <see cref="ResultStatus.Invalid"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Result<ConfigurationState> Create(IEnumerable<ConfigurationItemSnapshot> items, IEnumerable<Relationship> relationships)
    {
        Preconditions.CheckNotNull(items);
        Preconditions.CheckNotNull(relationships);
        var itemMap = ImmutableSortedDictionary.CreateBuilder<ConfigurationItemId, ConfigurationItemSnapshot>();
        foreach (var item in items)
        {
            Preconditions.CheckNotNull(item, nameof(items));
            if (itemMap.ContainsKey(item.Id))
            {
                return Result<ConfigurationState>.Invalid(Failure.Field("items", $"Configuration item '{item.Id}' appears twice.", "cmdb.item.duplicate"));
            }

            // A state records what the items are, not how they came to be: histories stay with the items.
            itemMap.Add(item.Id, item.History is null ? item : item with { History = null });
        }

        var set = ImmutableSortedSet.CreateBuilder<Relationship>(RelationshipOrder.Instance);
        foreach (var relationship in relationships)
        {
            if (!itemMap.ContainsKey(relationship.Source) || !itemMap.ContainsKey(relationship.Target))
            {
                return Result<ConfigurationState>.Invalid(Failure.Field("relationships", $"Relationship {relationship} mentions an unknown configuration item.", "cmdb.item.unknown"));
            }

            if (!set.Add(relationship))
            {
                return Result<ConfigurationState>.Invalid(Failure.Field("relationships", $"Relationship {relationship} appears twice.", "cmdb.relationship.duplicate"));
            }
        }

        return new ConfigurationState(itemMap.ToImmutable(), set.ToImmutable());
    }

    /// <summary>True when both states have the same content (compares the hashes).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public bool HasSameContentAs(ConfigurationState other) => ContentHash == Preconditions.CheckNotNull(other).ContentHash;

    internal static ConfigurationState FromParts(ImmutableSortedDictionary<ConfigurationItemId, ConfigurationItemSnapshot> items, ImmutableSortedSet<Relationship> relationships) =>
        new(items, relationships);

    private static string Hash(ImmutableSortedDictionary<ConfigurationItemId, ConfigurationItemSnapshot> items, ImmutableSortedSet<Relationship> relationships)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        void Field(string? value)
        {
            // Length-prefixed, so no choice of text can make two different states encode alike.
            value ??= "\u0000";
            text.Append(value.Length).Append(':').Append(value);
        }

        void Flush()
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
            text.Clear();
        }

        Field("items");
        Field(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var item in items.Values)
        {
            Field(item.Id.Value);
            Field(item.Class.Name.ToLowerInvariant());
            Field(item.Name);
            Field(item.Status.ToString());
            Field(item.Criticality.ToString());
            Field(item.Owner?.Value);
            Field(item.Redundancy.MinimumUp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Field(item.Attributes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (name, value) in item.Attributes)
            {
                Field(name);
                Field(value.Kind.ToString());
                Field(value.ToString());
            }

            Flush();
        }

        Field("relationships");
        foreach (var relationship in relationships)
        {
            Field(relationship.Source.Value);
            Field(relationship.Target.Value);
            Field(relationship.Type.Name.ToLowerInvariant());
            Field(relationship.Type.Direction.ToString());
            Field(relationship.Type.IsContainment ? "c" : "-");
        }

        Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>Orders relationships by source, then target (ordinal), then type name (ignoring case): the canonical order of a <see cref="ConfigurationState"/>.</summary>
/// <remarks>Stateless and thread-safe; use <see cref="Instance"/>.</remarks>
public sealed class RelationshipOrder : IComparer<Relationship>
{
    private RelationshipOrder()
    {
    }

    /// <summary>The one instance.</summary>
    public static RelationshipOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(Relationship x, Relationship y)
    {
        var c = x.Source.CompareTo(y.Source);
        c = c != 0 ? c : x.Target.CompareTo(y.Target);
        return c != 0 ? c : StringComparer.OrdinalIgnoreCase.Compare(x.Type.Name, y.Type.Name);
    }
}
