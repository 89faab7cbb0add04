using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Configuration;

/// <summary>Something that happened to a configuration item: its history, one record per accepted change.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it.</param>
public abstract record ConfigurationItemEvent(Instant At, UserId By);

/// <summary>The item was registered with these fields.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who registered it.</param>
/// <param name="Class">Its class.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status">Its first status (planned or operational; for a synthesized event, the status found).</param>
/// <param name="Criticality">Its business criticality.</param>
/// <param name="Owner">Its owner, or null.</param>
/// <param name="Redundancy">Its redundancy rule.</param>
/// <param name="Attributes">Its typed attributes, by name.</param>
public sealed record ConfigurationItemRegistered(
    Instant At,
    UserId By,
    ConfigurationItemClass Class,
    string Name,
    ConfigurationItemStatus Status,
    BusinessCriticality Criticality,
    UserId? Owner,
    RedundancyRule Redundancy,
    ImmutableSortedDictionary<string, AttributeValue> Attributes) : ConfigurationItemEvent(At, By)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The item's fields changed as <paramref name="Update"/> says (one record for the whole update).</summary>
/// <param name="At">When.</param>
/// <param name="By">Who changed it.</param>
/// <param name="Update">What changed.</param>
public sealed record ConfigurationItemUpdated(Instant At, UserId By, ConfigurationItemUpdate Update) : ConfigurationItemEvent(At, By);

/// <summary>The item was retired for good.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who retired it.</param>
public sealed record ConfigurationItemRetired(Instant At, UserId By) : ConfigurationItemEvent(At, By);

/// <summary>
/// One change to a configuration item's fields, applied by <see cref="ConfigurationItem.Update"/> as one step and
/// recorded as one <see cref="ConfigurationItemUpdated"/>: every member left null stays as it is.
/// </summary>
/// <remarks>
/// Applied in member order: name, criticality, redundancy, owner, attributes set, attributes removed, then
/// maintenance (so setting and removing one attribute removes it). Immutable data; thread-safe.
/// </remarks>
/// <param name="Name">A new name.</param>
/// <param name="Criticality">A new business criticality.</param>
/// <param name="Redundancy">A new redundancy rule.</param>
/// <param name="Owner">A new owner.</param>
/// <param name="SetAttributes">Attributes to set, by name.</param>
/// <param name="RemoveAttributes">Names of attributes to remove (each must exist).</param>
/// <param name="InMaintenance">True to start planned maintenance (from operational), false to put the item into service (from planned or in maintenance).</param>
public sealed record ConfigurationItemUpdate(
    string? Name = null,
    BusinessCriticality? Criticality = null,
    RedundancyRule? Redundancy = null,
    UserId? Owner = null,
    ImmutableSortedDictionary<string, AttributeValue>? SetAttributes = null,
    ImmutableSortedSet<string>? RemoveAttributes = null,
    bool? InMaintenance = null)
{
    /// <summary>True when the update changes nothing at all.</summary>
    public bool IsEmpty =>
        Name is null && Criticality is null && Redundancy is null && Owner is null
        && (SetAttributes is null || SetAttributes.IsEmpty) && (RemoveAttributes is null || RemoveAttributes.IsEmpty) && InMaintenance is null;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
