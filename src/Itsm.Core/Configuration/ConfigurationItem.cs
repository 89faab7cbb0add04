using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Configuration;

/// <summary>
/// A configuration item (CI): something under configuration management, with its class, lifecycle
/// status, business criticality, owner, redundancy rule, typed attributes and its whole history.
/// </summary>
/// <remarks>
/// <para>
/// An aggregate with the convention of every aggregate: each change (<see cref="Register"/>, <see cref="Update"/>,
/// <see cref="Retire"/>) takes its inputs, then the acting user, then the instant; it checks the state first (a
/// retired item accepts no change, <c>cmdb.item.retired</c>), then the time (an instant before the latest record is
/// <c>cmdb.item.time-order</c>: history never runs backwards), then its input; and it either appends exactly one
/// event to <see cref="History"/> or returns a failed <see cref="Result"/> and changes nothing.
/// Relationships are not part of the item: they live in the CMDB graph (see <see cref="Relationship"/>).
/// </para>
/// <para>
/// <see cref="Restore"/> replays a stored history through these same methods, so a stored record the rules do not
/// allow is refused (<c>cmdb.item.history</c>, naming the item and the record). A document stored before items kept
/// history restores with one synthesized <see cref="ConfigurationItemRegistered"/> holding the state found, by
/// <see cref="UnrecordedHistory.Actor"/> at <see cref="UnrecordedHistory.At"/>.
/// </para>
/// <para>Not thread-safe: an instance is owned by one unit of work. Persist it as <see cref="ConfigurationItemSnapshot"/>.</para>
/// </remarks>
public sealed class ConfigurationItem
{
    /// <summary>Error code of a change at an instant before the item's latest record.</summary>
    public const string TimeOrderCode = "cmdb.item.time-order";

    /// <summary>Error code of a stored item whose history the rules do not allow.</summary>
    public const string HistoryCode = "cmdb.item.history";

    private ConfigurationItem(ConfigurationItemSnapshot snapshot, ImmutableList<ConfigurationItemEvent> history)
    {
        Id = snapshot.Id;
        Class = snapshot.Class;
        Name = snapshot.Name;
        Status = snapshot.Status;
        Criticality = snapshot.Criticality;
        Owner = snapshot.Owner;
        Redundancy = snapshot.Redundancy;
        Attributes = snapshot.Attributes;
        History = history;
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

    /// <summary>Everything that happened to the item, oldest first; never empty.</summary>
    public ImmutableList<ConfigurationItemEvent> History { get; private set; }

    /// <summary>
    /// Registers a new item, <see cref="ConfigurationItemStatus.Planned"/> or <see cref="ConfigurationItemStatus.Operational"/>,
    /// recording <see cref="ConfigurationItemRegistered"/> by <paramref name="by"/> at <paramref name="at"/>; a bad name,
    /// status or attribute name gives <see cref="ResultStatus.Invalid"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="id"/>, <paramref name="itemClass"/> or <paramref name="by"/> is <c>default</c>.</exception>
    public static Result<ConfigurationItem> Register(
        ConfigurationItemId id,
        ConfigurationItemClass itemClass,
        string name,
        UserId by,
        Instant at,
        ConfigurationItemStatus status = ConfigurationItemStatus.Operational,
        BusinessCriticality criticality = BusinessCriticality.None,
        UserId? owner = null,
        RedundancyRule redundancy = default,
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null)
    {
        Preconditions.CheckArgument(id.Value is not null, nameof(id), "The identifier must be assigned.");
        Preconditions.CheckArgument(itemClass.Name is not null, nameof(itemClass), "The class must be assigned.");
        Preconditions.CheckArgument(by.Value is not null, nameof(by), "The actor must be assigned.");
        if (CheckName(name) is { } nameError)
        {
            return Result<ConfigurationItem>.Invalid(nameError);
        }

        if (status is not (ConfigurationItemStatus.Planned or ConfigurationItemStatus.Operational))
        {
            return Result<ConfigurationItem>.Invalid(Failure.Field("status", $"A new configuration item is planned or operational, not {status}.", "cmdb.item.status"));
        }

        var map = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, attributes ?? []);
        if (CheckAttributeNames(map.Keys, "attributes") is { } attributeError)
        {
            return Result<ConfigurationItem>.Invalid(attributeError);
        }

        var registered = new ConfigurationItemRegistered(at, by, itemClass, name, status, criticality, owner, redundancy, map);
        return new ConfigurationItem(StateOf(id, registered), [registered]);
    }

    /// <summary>
    /// Restores a stored item, replaying its history through <see cref="Register"/>, <see cref="Update"/> and
    /// <see cref="Retire"/>: the first record must be the registration, each later one a change the rules allow at its
    /// instant, and the replay must end in the snapshot's state. A snapshot without history (an older store) restores
    /// with one synthesized registration holding its state (see <see cref="UnrecordedHistory"/>).
    /// </summary>
    /// <returns>The item; or Invalid with code <c>cmdb.item.history</c> (<see cref="HistoryCode"/>) naming the item and the first record that does not fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<ConfigurationItem> Restore(ConfigurationItemSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        if (snapshot.History is null || snapshot.History.IsEmpty)
        {
            var found = new ConfigurationItemRegistered(
                UnrecordedHistory.At, UnrecordedHistory.Actor, snapshot.Class, snapshot.Name, snapshot.Status, snapshot.Criticality, snapshot.Owner, snapshot.Redundancy, snapshot.Attributes);
            return new ConfigurationItem(snapshot, [found]);
        }

        return Replay(snapshot);
    }

    /// <summary>Restores an item as <see cref="Restore"/> does, for stores that hold only snapshots they wrote.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="Restore"/> refuses the snapshot; the message names the item and the record.</exception>
    public static ConfigurationItem FromSnapshot(ConfigurationItemSnapshot snapshot)
    {
        var restored = Restore(snapshot);
        return restored.IsSuccess
            ? restored.Value
            : throw new ArgumentException(restored.ValidationErrors.First().ErrorMessage, nameof(snapshot));
    }

    /// <summary>The item in a state already validated (read through <see cref="Restore"/> or made by <see cref="Register"/>), for analysis: its history is not replayed again.</summary>
    internal static ConfigurationItem FromState(ConfigurationItemSnapshot snapshot) =>
        snapshot.History is { IsEmpty: false } history ? new ConfigurationItem(snapshot, history) : Restore(snapshot).Value;

    /// <summary>The item's state and history, for storage and baselines.</summary>
    public ConfigurationItemSnapshot ToSnapshot() => new(Id, Class, Name, Status, Criticality, Owner, Redundancy, Attributes, History);

    /// <summary>
    /// Changes the item's fields as <paramref name="update"/> says, in one step recorded as one
    /// <see cref="ConfigurationItemUpdated"/>: all of it or, when any part is refused, nothing.
    /// </summary>
    /// <returns>
    /// Success; Conflict <c>cmdb.item.retired</c> for a retired item, <c>cmdb.item.time-order</c> before the latest
    /// record, <c>cmdb.item.illegal-transition</c> for a maintenance change the status does not allow; Invalid for an
    /// empty update (<c>cmdb.item.update-empty</c>) or a bad name or attribute name; NotFound <c>cmdb.attribute.unknown</c>
    /// for removing an attribute the item does not have.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    public Result Update(ConfigurationItemUpdate update, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(update);
        if (Require("update", at) is { } refused)
        {
            return refused;
        }

        if (update.IsEmpty)
        {
            return Failure.Invalid(nameof(update), $"The update of configuration item '{Id}' changes nothing; give at least one field to change.", "cmdb.item.update-empty");
        }

        if (update.Name is { } name && CheckName(name) is { } nameError)
        {
            return Result.Invalid(nameError);
        }

        var attributes = Attributes;
        if (update.SetAttributes is { } set)
        {
            if (CheckAttributeNames(set.Keys, "name") is { } attributeError)
            {
                return Result.Invalid(attributeError);
            }

            attributes = attributes.SetItems(set);
        }

        foreach (var removed in update.RemoveAttributes ?? [])
        {
            if (!attributes.ContainsKey(removed))
            {
                return Failure.NotFound($"Configuration item '{Id}' has no attribute '{removed}'.", "cmdb.attribute.unknown");
            }

            attributes = attributes.Remove(removed);
        }

        var status = Status;
        if (update.InMaintenance is { } maintenance)
        {
            var (to, from) = maintenance
                ? (ConfigurationItemStatus.InMaintenance, new[] { ConfigurationItemStatus.Operational })
                : (ConfigurationItemStatus.Operational, new[] { ConfigurationItemStatus.Planned, ConfigurationItemStatus.InMaintenance });
            if (!from.Contains(Status))
            {
                return Failure.Conflict(
                    $"Configuration item '{Id}' is {Status}; it can become {to} only from {string.Join(" or ", from)}.",
                    "cmdb.item.illegal-transition");
            }

            status = to;
        }

        Name = update.Name ?? Name;
        Criticality = update.Criticality ?? Criticality;
        Redundancy = update.Redundancy ?? Redundancy;
        Owner = update.Owner ?? Owner;
        Attributes = attributes;
        Status = status;
        History = History.Add(new ConfigurationItemUpdated(at, by, update));
        return Result.Success();
    }

    /// <summary>Retires the item for good, recording <see cref="ConfigurationItemRetired"/>; Conflict when it is retired already or <paramref name="at"/> is before its latest record.</summary>
    public Result Retire(UserId by, Instant at)
    {
        if (Require("retire", at) is { } refused)
        {
            return refused;
        }

        Status = ConfigurationItemStatus.Retired;
        History = History.Add(new ConfigurationItemRetired(at, by));
        return Result.Success();
    }

    /// <summary>State first, then time.</summary>
    private Result? Require(string action, Instant at)
    {
        if (Status == ConfigurationItemStatus.Retired)
        {
            return Failure.Conflict($"Configuration item '{Id}' is Retired; a retired item cannot be changed.", "cmdb.item.retired");
        }

        var last = History[^1].At;
        return at < last
            ? Failure.Conflict($"Cannot {action} configuration item '{Id}' at {at}: its last change was at {last}, and history does not run backwards.", TimeOrderCode)
            : null;
    }

    private static ConfigurationItemSnapshot StateOf(ConfigurationItemId id, ConfigurationItemRegistered r) =>
        new(id, r.Class, r.Name, r.Status, r.Criticality, r.Owner, r.Redundancy, r.Attributes);

    /// <summary>The item the stored history replays to, when that is the snapshot's state; otherwise Invalid naming the item and the record.</summary>
    private static Result<ConfigurationItem> Replay(ConfigurationItemSnapshot snapshot)
    {
        var name = $"Stored configuration item {snapshot.Id}";
        var replay = HistoryReplay.Apply<ConfigurationItem, ConfigurationItemEvent>(snapshot.History!, name, HistoryCode, Describe, (i, e, item) => (i, e) switch
        {
            (0, ConfigurationItemRegistered r) when r.Class.Name is not null && r.By.Value is not null =>
                Register(snapshot.Id, r.Class, r.Name, r.By, r.At, r.Status, r.Criticality, r.Owner, r.Redundancy, r.Attributes),
            (0, _) => Result<ConfigurationItem>.Invalid(Failure.Field("History", "the first record must be the registration of the item", HistoryCode)),
            (_, ConfigurationItemUpdated u) when u.Update is not null => Then(item!, item!.Update(u.Update, u.By, u.At)),
            (_, ConfigurationItemRetired t) => Then(item!, item!.Retire(t.By, t.At)),
            _ => Result<ConfigurationItem>.Invalid(Failure.Field("History", "only updates and the retirement follow the registration", HistoryCode)),
        });
        var history = snapshot.History!;
        return !replay.IsSuccess || replay.Value.ToSnapshot().Equals(snapshot)
            ? replay
            : Result<ConfigurationItem>.Invalid(Failure.Field(
                nameof(ConfigurationItemSnapshot.History),
                $"{name} is {snapshot.Status} named '{snapshot.Name}', but its history (last record {history.Count - 1}: {Describe(history[^1])}) leaves it {replay.Value.Status} named '{replay.Value.Name}' with other fields.",
                HistoryCode));
    }

    private static Result<ConfigurationItem> Then(ConfigurationItem item, Result done) => done.IsSuccess ? item : done.AsFailure<ConfigurationItem>();

    private static string Describe(ConfigurationItemEvent? e) => e is null ? "null" : $"{e.GetType().Name} by {e.By} at {e.At}";

    private static ValidationError? CheckName(string? name) => Identifier.CheckText(name) is { } problem
        ? Failure.Field("name", $"A configuration item name {problem}", "cmdb.item.name")
        : null;

    private static ValidationError? CheckAttributeNames(IEnumerable<string> names, string field)
    {
        foreach (var key in names)
        {
            if (Identifier.CheckText(key) is { } problem)
            {
                return Failure.Field(field, $"An attribute name {problem}", "cmdb.attribute.name");
            }
        }

        return null;
    }
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
/// <param name="History">Everything that happened to it, oldest first; null in a document stored before items kept history (and in a baseline, which records state only).</param>
/// <remarks>Equality compares the state, not <see cref="History"/>: two snapshots of one state are equal whatever led to it.</remarks>
public sealed record ConfigurationItemSnapshot(
    ConfigurationItemId Id,
    ConfigurationItemClass Class,
    string Name,
    ConfigurationItemStatus Status,
    BusinessCriticality Criticality,
    UserId? Owner,
    RedundancyRule Redundancy,
    ImmutableSortedDictionary<string, AttributeValue> Attributes,
    ImmutableList<ConfigurationItemEvent>? History = null)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>Equal when every field of the state is equal, attributes compared entry by entry; <see cref="History"/> is not compared.</summary>
    public bool Equals(ConfigurationItemSnapshot? other) =>
        other is not null && Id == other.Id && Class == other.Class && Name == other.Name && Status == other.Status
        && Criticality == other.Criticality && Owner == other.Owner && Redundancy == other.Redundancy
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(a => other.Attributes.TryGetValue(a.Key, out var v) && v == a.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Class, Name, Status, Criticality, Owner, Redundancy, Attributes.Count);
}
