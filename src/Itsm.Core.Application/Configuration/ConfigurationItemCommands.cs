using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;

namespace Itsm.Core.Application.Configuration;

/// <summary>Registers a new configuration item.</summary>
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
    ConfigurationItemStatus Status = ConfigurationItemStatus.Operational) : ICommand<Result<ConfigurationItemId>>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Changes a configuration item; every field left null stays as it is.</summary>
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
    bool? InMaintenance = null) : ICommand<Result>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Retires a configuration item; it leaves impact analysis (its relationships are kept for the record).</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Id">The item.</param>
public sealed record RetireConfigurationItem(RequestContext Context, ConfigurationItemId Id) : ICommand<Result>;

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

internal sealed class RegisterConfigurationItemHandler(IConfigurationItemRepository items) : IRequestHandler<RegisterConfigurationItem, Result<ConfigurationItemId>>
{
    public async Task<Result<ConfigurationItemId>> Handle(RegisterConfigurationItem request, CancellationToken cancellationToken)
    {
        var item = ConfigurationItem.Register(request.Id, request.Class, request.Name, request.Status, request.Criticality, request.Owner, request.Redundancy, request.Attributes);
        if (!item.IsSuccess)
        {
            return item.AsFailure<ConfigurationItemId>();
        }

        var saved = await items.AddAsync(request.Context.Tenant, item.Value.ToSnapshot(), cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? request.Id : saved.AsFailure<ConfigurationItemId>();
    }
}

internal sealed class UpdateConfigurationItemHandler(IConfigurationItemRepository items) : IRequestHandler<UpdateConfigurationItem, Result>
{
    public async Task<Result> Handle(UpdateConfigurationItem request, CancellationToken cancellationToken)
    {
        var stored = await items.GetAsync(request.Context.Tenant, request.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Failure.NotFound($"Configuration item '{request.Id}' does not exist.", "cmdb.item.unknown");
        }

        var item = ConfigurationItem.FromSnapshot(stored.Record);
        var steps = new List<Func<Result>>();
        if (request.Name is not null)
        {
            steps.Add(() => item.Rename(request.Name));
        }

        if (request.Criticality is { } criticality)
        {
            steps.Add(() => item.SetCriticality(criticality));
        }

        if (request.Redundancy is { } redundancy)
        {
            steps.Add(() => item.SetRedundancy(redundancy));
        }

        if (request.Owner is { } owner)
        {
            steps.Add(() => item.SetOwner(owner));
        }

        foreach (var (name, value) in request.SetAttributes ?? ImmutableDictionary<string, AttributeValue>.Empty)
        {
            steps.Add(() => item.SetAttribute(name, value));
        }

        foreach (var name in request.RemoveAttributes ?? [])
        {
            steps.Add(() => item.RemoveAttribute(name));
        }

        if (request.InMaintenance is { } maintenance)
        {
            steps.Add(maintenance ? item.StartMaintenance : item.Activate);
        }

        foreach (var step in steps)
        {
            var result = step();
            if (!result.IsSuccess)
            {
                return result;
            }
        }

        return await items.UpdateAsync(request.Context.Tenant, item.ToSnapshot(), stored.Version, cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class RetireConfigurationItemHandler(IConfigurationItemRepository items) : IRequestHandler<RetireConfigurationItem, Result>
{
    public async Task<Result> Handle(RetireConfigurationItem request, CancellationToken cancellationToken)
    {
        var stored = await items.GetAsync(request.Context.Tenant, request.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Failure.NotFound($"Configuration item '{request.Id}' does not exist.", "cmdb.item.unknown");
        }

        var item = ConfigurationItem.FromSnapshot(stored.Record);
        var retired = item.Retire();
        return retired.IsSuccess
            ? await items.UpdateAsync(request.Context.Tenant, item.ToSnapshot(), stored.Version, cancellationToken).ConfigureAwait(false)
            : retired;
    }
}
