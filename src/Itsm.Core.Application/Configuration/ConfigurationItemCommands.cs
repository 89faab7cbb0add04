using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;

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

internal sealed class RegisterConfigurationItemHandler(IConfigurationItemRepository items) : IRequestHandler<RegisterConfigurationItem, Result<Versioned<ConfigurationItemSnapshot>>>
{
    public async Task<Result<Versioned<ConfigurationItemSnapshot>>> Handle(RegisterConfigurationItem request, CancellationToken cancellationToken)
    {
        var item = ConfigurationItem.Register(request.Id, request.Class, request.Name, request.Status, request.Criticality, request.Owner, request.Redundancy, request.Attributes);
        return await AggregateCommands.AddAsync(items, request.Context.Tenant, item.Map(i => i.ToSnapshot()), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class UpdateConfigurationItemHandler(IConfigurationItemRepository items) : IRequestHandler<UpdateConfigurationItem, Result<Versioned<ConfigurationItemSnapshot>>>
{
    public Task<Result<Versioned<ConfigurationItemSnapshot>>> Handle(UpdateConfigurationItem request, CancellationToken cancellationToken) =>
        ConfigurationItemChange.ApplyAsync(items, request.Context, request.Id, request.ExpectedVersion, item => Steps(item, request), cancellationToken);

    private static IEnumerable<Func<Result>> Steps(ConfigurationItem item, UpdateConfigurationItem request)
    {
        if (request.Name is not null)
        {
            yield return () => item.Rename(request.Name);
        }

        if (request.Criticality is { } criticality)
        {
            yield return () => item.SetCriticality(criticality);
        }

        if (request.Redundancy is { } redundancy)
        {
            yield return () => item.SetRedundancy(redundancy);
        }

        if (request.Owner is { } owner)
        {
            yield return () => item.SetOwner(owner);
        }

        foreach (var (name, value) in request.SetAttributes ?? ImmutableDictionary<string, AttributeValue>.Empty)
        {
            yield return () => item.SetAttribute(name, value);
        }

        foreach (var name in request.RemoveAttributes ?? [])
        {
            yield return () => item.RemoveAttribute(name);
        }

        if (request.InMaintenance is { } maintenance)
        {
            yield return maintenance ? item.StartMaintenance : item.Activate;
        }
    }
}

internal sealed class RetireConfigurationItemHandler(IConfigurationItemRepository items) : IRequestHandler<RetireConfigurationItem, Result<Versioned<ConfigurationItemSnapshot>>>
{
    public Task<Result<Versioned<ConfigurationItemSnapshot>>> Handle(RetireConfigurationItem request, CancellationToken cancellationToken) =>
        ConfigurationItemChange.ApplyAsync(items, request.Context, request.Id, request.ExpectedVersion, item => [item.Retire], cancellationToken);
}

/// <summary>Load, check the caller's version, apply the domain steps in order (the first refusal wins and nothing is saved), save, answer the item as stored.</summary>
internal static class ConfigurationItemChange
{
    public static async Task<Result<Versioned<ConfigurationItemSnapshot>>> ApplyAsync(
        IConfigurationItemRepository items, RequestContext context, ConfigurationItemId id, long? expectedVersion, Func<ConfigurationItem, IEnumerable<Func<Result>>> steps, CancellationToken cancellationToken)
    {
        var stored = await items.GetAsync(context.Tenant, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Failure.NotFound<Versioned<ConfigurationItemSnapshot>>($"Configuration item '{id}' does not exist.", "cmdb.item.unknown");
        }

        if (expectedVersion is { } expected && expected != stored.Version)
        {
            return Failure.Conflict<Versioned<ConfigurationItemSnapshot>>(
                $"Configuration item '{id}' changed since you loaded it (version {stored.Version}, you had {expected}); reload and try again.", "record.version-conflict");
        }

        var item = ConfigurationItem.FromSnapshot(stored.Record);
        foreach (var step in steps(item))
        {
            var result = step();
            if (!result.IsSuccess)
            {
                return result.AsFailure<Versioned<ConfigurationItemSnapshot>>();
            }
        }

        var snapshot = item.ToSnapshot();
        var saved = await items.UpdateAsync(context.Tenant, snapshot, stored.Version, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? new Versioned<ConfigurationItemSnapshot>(snapshot, stored.Version + 1) : saved.AsFailure<Versioned<ConfigurationItemSnapshot>>();
    }
}
