using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Configuration;

/// <summary>Registers a new configuration item and answers it at version 1.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Id">The new item's identifier (the vendor's key).</param>
/// <param name="Class">Its class.</param>
/// <param name="Name">Its name.</param>
/// <param name="Criticality">Its business criticality.</param>
/// <param name="Redundancy">How many of its dependencies must be up.</param>
/// <param name="Owner">Its owner, or null.</param>
/// <param name="Attributes">Its typed attributes, or null for none.</param>
/// <param name="Status">Planned or operational (the default).</param>
public sealed record RegisterConfigurationItem(
    RequestContext Context,
    ConfigurationItemId Id,
    ConfigurationItemClass Class,
    string Name,
    BusinessCriticality Criticality = BusinessCriticality.None,
    RedundancyRule Redundancy = default,
    UserId? Owner = null,
    IReadOnlyDictionary<string, AttributeValue>? Attributes = null,
    ConfigurationItemStatus Status = ConfigurationItemStatus.Operational) : ICommand<Result<Versioned<ConfigurationItemSnapshot>>>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Changes a configuration item, every field left null staying as it is, and answers the item as stored with its new version.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Id">The item.</param>
/// <param name="Name">A new name.</param>
/// <param name="Criticality">A new criticality.</param>
/// <param name="Redundancy">A new redundancy rule.</param>
/// <param name="Owner">A new owner.</param>
/// <param name="SetAttributes">Attributes to set.</param>
/// <param name="RemoveAttributes">Attributes to remove.</param>
/// <param name="InMaintenance">True to start planned maintenance, false to end it (back to operational).</param>
public sealed record UpdateConfigurationItem(
    RequestContext Context,
    ConfigurationItemId Id,
    string? Name = null,
    BusinessCriticality? Criticality = null,
    RedundancyRule? Redundancy = null,
    UserId? Owner = null,
    IReadOnlyDictionary<string, AttributeValue>? SetAttributes = null,
    IReadOnlyList<string>? RemoveAttributes = null,
    bool? InMaintenance = null) : ICommand<Result<Versioned<ConfigurationItemSnapshot>>>
{
    /// <summary>When set, the command fails with <c>Conflict</c> unless the stored item is at this version (the one the user saw).</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Retires a configuration item and answers it as stored; it leaves impact analysis (its relationships are kept for the record).</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Id">The item.</param>
public sealed record RetireConfigurationItem(RequestContext Context, ConfigurationItemId Id) : ICommand<Result<Versioned<ConfigurationItemSnapshot>>>
{
    /// <summary>When set, the command fails with <c>Conflict</c> unless the stored item is at this version (the one the user saw).</summary>
    public long? ExpectedVersion { get; init; }
}

internal sealed class RegisterConfigurationItemValidator : IRequestValidator<RegisterConfigurationItem>
{
    public IEnumerable<ValidationError> Validate(RegisterConfigurationItem request)
    {
        if (request.Id.Value is null)
        {
            yield return Failure.Field(nameof(request.Id), "A configuration item id is required.", "cmdb.item.id");
        }

        if (request.Class.Name is null)
        {
            yield return Failure.Field(nameof(request.Class), "A configuration item class is required.", "cmdb.class.invalid");
        }

        if (NameRules.Problem(request.Name) is { } problem)
        {
            yield return Failure.Field(nameof(request.Name), $"A configuration item name {problem}", "cmdb.item.name");
        }
    }
}

internal sealed class RegisterConfigurationItemHandler(IConfigurationItemRepository items, IClock clock) : IRequestHandler<RegisterConfigurationItem, Result<Versioned<ConfigurationItemSnapshot>>>
{
    public async Task<Result<Versioned<ConfigurationItemSnapshot>>> Handle(RegisterConfigurationItem request, CancellationToken cancellationToken)
    {
        var item = ConfigurationItem.Register(
            request.Id, request.Class, request.Name, request.Context.Actor, clock.GetCurrentInstant(), request.Status, request.Criticality, request.Owner, request.Redundancy, request.Attributes);
        return await AggregateCommands.AddAsync(items, request.Context.Tenant, item.Map(i => i.ToSnapshot()), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class UpdateConfigurationItemHandler(IConfigurationItemRepository items, IClock clock) : IRequestHandler<UpdateConfigurationItem, Result<Versioned<ConfigurationItemSnapshot>>>
{
    public Task<Result<Versioned<ConfigurationItemSnapshot>>> Handle(UpdateConfigurationItem request, CancellationToken cancellationToken)
    {
        var update = new ConfigurationItemUpdate(
            request.Name,
            request.Criticality,
            request.Redundancy,
            request.Owner,
            request.SetAttributes?.ToImmutableSortedDictionary(StringComparer.Ordinal),
            request.RemoveAttributes?.ToImmutableSortedSet(StringComparer.Ordinal),
            request.InMaintenance);
        return AggregateCommands.ApplyAsync(
            items, ConfigurationItemKind.Instance, request.Context.Tenant, request.Id, request.ExpectedVersion, ConfigurationItemKind.Step(item => item.Update(update, request.Context.Actor, clock.GetCurrentInstant())), cancellationToken);
    }
}

internal sealed class RetireConfigurationItemHandler(IConfigurationItemRepository items, IClock clock) : IRequestHandler<RetireConfigurationItem, Result<Versioned<ConfigurationItemSnapshot>>>
{
    public Task<Result<Versioned<ConfigurationItemSnapshot>>> Handle(RetireConfigurationItem request, CancellationToken cancellationToken) =>
        AggregateCommands.ApplyAsync(
            items, ConfigurationItemKind.Instance, request.Context.Tenant, request.Id, request.ExpectedVersion, ConfigurationItemKind.Step(item => item.Retire(request.Context.Actor, clock.GetCurrentInstant())), cancellationToken);
}

/// <summary>How configuration item commands name the item, and the step from a stored snapshot through one domain call to the next.</summary>
internal static class ConfigurationItemKind
{
    public static AggregateKind Instance { get; } = new AggregateKind("Configuration item").NotFoundAs("cmdb.item.unknown").StaleAs("record.version-conflict");

    /// <summary>Restores the stored item, makes the one domain call, and gives the snapshot to store.</summary>
    public static Func<ConfigurationItemSnapshot, Result<ConfigurationItemSnapshot>> Step(Func<ConfigurationItem, Result> act) => stored =>
    {
        var item = ConfigurationItem.FromSnapshot(stored);
        var done = act(item);
        return done.IsSuccess ? item.ToSnapshot() : done.AsFailure<ConfigurationItemSnapshot>();
    };
}
