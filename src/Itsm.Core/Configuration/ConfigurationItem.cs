using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// A configuration item (CI): something under configuration management, with its class, lifecycle
/// status, business criticality, owner, redundancy rule and typed attributes.
/// </summary>
/// <remarks>
/// <para>
/// An aggregate: state changes only through its methods, which return a failed <see cref="Result"/>
/// and leave the item unchanged when a change is not allowed. A retired item accepts no change.
/// Relationships are not part of the item: they live in the CMDB graph (see <see cref="Relationship"/>).
/// </para>
/// <para>Not thread-safe: an instance is owned by one unit of work. Persist it as <see cref="ConfigurationItemSnapshot"/>.</para>
/// </remarks>
public sealed class ConfigurationItem
{
    private ConfigurationItem(ConfigurationItemSnapshot snapshot)
    {
        Id = snapshot.Id;
        Class = snapshot.Class;
        Name = snapshot.Name;
        Status = snapshot.Status;
        Criticality = snapshot.Criticality;
        Owner = snapshot.Owner;
        Redundancy = snapshot.Redundancy;
        Attributes = snapshot.Attributes;
    }

    /// <summary>The item's identifier.</summary>
    public ConfigurationItemId Id { get; }

    /// <summary>The item's class.</summary>
    public ConfigurationItemClass Class { get; }

    /// <summary>A human-readable name.</summary>
    public string Name { get; private set; }

    /// <summary>The lifecycle status.</summary>
    public ConfigurationItemStatus Status { get; private set; }

    /// <summary>Business criticality (usually stated for business services).</summary>
    public BusinessCriticality Criticality { get; private set; }

    /// <summary>The accountable owner, or null.</summary>
    public UserId? Owner { get; private set; }

    /// <summary>How many of its dependencies must be up.</summary>
    public RedundancyRule Redundancy { get; private set; }

    /// <summary>The typed attributes, by name (ordinal).</summary>
    public ImmutableSortedDictionary<string, AttributeValue> Attributes { get; private set; }

    /// <summary>Registers a new item, <see cref="ConfigurationItemStatus.Planned"/> or <see cref="ConfigurationItemStatus.Operational"/>; a bad name gives <see cref="ResultStatus.Invalid"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="itemClass"/> is <c>default</c>.</exception>
    public static Result<ConfigurationItem> Register(
        ConfigurationItemId id,
        ConfigurationItemClass itemClass,
        string name,
        ConfigurationItemStatus status = ConfigurationItemStatus.Operational,
        BusinessCriticality criticality = BusinessCriticality.None,
        UserId? owner = null,
        RedundancyRule redundancy = default,
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null)
    {
        Preconditions.CheckArgument(id.Value is not null, nameof(id), "The identifier must be assigned.");
        Preconditions.CheckArgument(itemClass.Name is not null, nameof(itemClass), "The class must be assigned.");
        if (CheckName(name) is { } nameError)
        {
            return Result<ConfigurationItem>.Invalid(nameError);
        }

        if (status is not (ConfigurationItemStatus.Planned or ConfigurationItemStatus.Operational))
        {
            return Result<ConfigurationItem>.Invalid(Failure.Field("status", $"A new configuration item is planned or operational, not {status}.", "cmdb.item.status"));
        }

        var map = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, attributes ?? []);
        foreach (var key in map.Keys)
        {
            if (Identifier.CheckText(key) is { } problem)
            {
                return Result<ConfigurationItem>.Invalid(Failure.Field("attributes", $"An attribute name {problem}", "cmdb.attribute.name"));
            }
        }

        return new ConfigurationItem(new ConfigurationItemSnapshot(id, itemClass, name, status, criticality, owner, redundancy, map));
    }

    /// <summary>Restores an item from storage.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static ConfigurationItem FromSnapshot(ConfigurationItemSnapshot snapshot) => new(Preconditions.CheckNotNull(snapshot));

    /// <summary>The item's state, for storage and baselines.</summary>
    public ConfigurationItemSnapshot ToSnapshot() => new(Id, Class, Name, Status, Criticality, Owner, Redundancy, Attributes);

    /// <summary>Renames the item.</summary>
    public Result Rename(string name)
    {
        if (CheckChangeable() is { } refused)
        {
            return refused;
        }

        if (CheckName(name) is { } error)
        {
            return Result.Invalid(error);
        }

        Name = name;
        return Result.Success();
    }

    /// <summary>Sets the business criticality.</summary>
    public Result SetCriticality(BusinessCriticality criticality) => Change(() => Criticality = criticality);

    /// <summary>Sets or clears the owner.</summary>
    public Result SetOwner(UserId? owner) => Change(() => Owner = owner);

    /// <summary>Sets the redundancy rule.</summary>
    public Result SetRedundancy(RedundancyRule redundancy) => Change(() => Redundancy = redundancy);

    /// <summary>Sets attribute <paramref name="name"/> to <paramref name="value"/>; a bad name gives <see cref="ResultStatus.Invalid"/>.</summary>
    public Result SetAttribute(string name, AttributeValue value)
    {
        if (Identifier.CheckText(name) is { } problem)
        {
            return Result.Invalid(Failure.Field("name", $"An attribute name {problem}", "cmdb.attribute.name"));
        }

        return Change(() => Attributes = Attributes.SetItem(name, value));
    }

    /// <summary>Removes attribute <paramref name="name"/>; a missing attribute gives <see cref="ResultStatus.NotFound"/>.</summary>
    public Result RemoveAttribute(string name)
    {
        Preconditions.CheckNotNull(name);
        if (!Attributes.ContainsKey(name))
        {
            return Failure.NotFound($"Configuration item '{Id}' has no attribute '{name}'.", "cmdb.attribute.unknown");
        }

        return Change(() => Attributes = Attributes.Remove(name));
    }

    /// <summary>Puts a planned or in-maintenance item into service.</summary>
    public Result Activate() => Transition(ConfigurationItemStatus.Operational, ConfigurationItemStatus.Planned, ConfigurationItemStatus.InMaintenance);

    /// <summary>Starts planned maintenance on an operational item.</summary>
    public Result StartMaintenance() => Transition(ConfigurationItemStatus.InMaintenance, ConfigurationItemStatus.Operational);

    /// <summary>Retires the item for good.</summary>
    public Result Retire() => Transition(ConfigurationItemStatus.Retired, ConfigurationItemStatus.Planned, ConfigurationItemStatus.Operational, ConfigurationItemStatus.InMaintenance);

    private Result Transition(ConfigurationItemStatus to, params ConfigurationItemStatus[] from)
    {
        if (!from.Contains(Status))
        {
            return Failure.Conflict(
                $"Configuration item '{Id}' is {Status}; it can become {to} only from {string.Join(" or ", from)}.",
                "cmdb.item.illegal-transition");
        }

        Status = to;
        return Result.Success();
    }

    private Result Change(Action apply)
    {
        if (CheckChangeable() is { } refused)
        {
            return refused;
        }

        apply();
        return Result.Success();
    }

    private Result? CheckChangeable() => Status == ConfigurationItemStatus.Retired
        ? Failure.Conflict($"Configuration item '{Id}' is Retired; a retired item cannot be changed.", "cmdb.item.retired")
        : null;

    private static ValidationError? CheckName(string? name) => Identifier.CheckText(name) is { } problem
        ? Failure.Field("name", $"A configuration item name {problem}", "cmdb.item.name")
        : null;
}

/// <summary>The stored state of a <see cref="ConfigurationItem"/>; also what a baseline records per item.</summary>
/// <param name="Id">The item's identifier.</param>
/// <param name="Class">Its class.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status">Its lifecycle status.</param>
/// <param name="Criticality">Its business criticality.</param>
/// <param name="Owner">Its owner, or null.</param>
/// <param name="Redundancy">Its redundancy rule.</param>
/// <param name="Attributes">Its typed attributes, by name.</param>
public sealed record ConfigurationItemSnapshot(
    ConfigurationItemId Id,
    ConfigurationItemClass Class,
    string Name,
    ConfigurationItemStatus Status,
    BusinessCriticality Criticality,
    UserId? Owner,
    RedundancyRule Redundancy,
    ImmutableSortedDictionary<string, AttributeValue> Attributes)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>Equal when every field is equal, attributes compared entry by entry.</summary>
    public bool Equals(ConfigurationItemSnapshot? other) =>
        other is not null && Id == other.Id && Class == other.Class && Name == other.Name && Status == other.Status
        && Criticality == other.Criticality && Owner == other.Owner && Redundancy == other.Redundancy
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(a => other.Attributes.TryGetValue(a.Key, out var v) && v == a.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Class, Name, Status, Criticality, Owner, Redundancy, Attributes.Count);
}
