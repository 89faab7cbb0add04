using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;

namespace Itsm.Core.Application.Configuration;

/// <summary>One configuration item with its stored version and every relationship that touches it.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Item">The item.</param>
public sealed record GetConfigurationItem(RequestContext Context, ConfigurationItemId Item) : IQuery<Result<ConfigurationItemDetails>>;

/// <summary>What <see cref="GetConfigurationItem"/> returns.</summary>
/// <param name="Item">The item as stored, with its version (pass it back as the expected version of an update).</param>
/// <param name="Relationships">Every relationship with the item at either end, ordered by source, target and type.</param>
public sealed record ConfigurationItemDetails(Versioned<ConfigurationItemSnapshot> Item, IReadOnlyList<Relationship> Relationships)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The tenant's configuration items, ordered by id, optionally of one class and without the retired ones.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
public sealed record ListConfigurationItems(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>>>
{
    /// <summary>Only items of this class; null for every class.</summary>
    public ConfigurationItemClass? Class { get; init; }

    /// <summary>True (the default) to include retired items.</summary>
    public bool IncludeRetired { get; init; } = true;
}

internal sealed class GetConfigurationItemHandler(IConfigurationItemRepository items, IRelationshipRepository relationships)
    : IRequestHandler<GetConfigurationItem, Result<ConfigurationItemDetails>>
{
    public async Task<Result<ConfigurationItemDetails>> Handle(GetConfigurationItem request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var stored = await items.GetAsync(tenant, request.Item, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Failure.NotFound<ConfigurationItemDetails>($"Configuration item '{request.Item}' does not exist.", "cmdb.item.unknown");
        }

        var edges = await relationships.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        return new ConfigurationItemDetails(stored, [.. edges.Where(e => e.Source == request.Item || e.Target == request.Item)]);
    }
}

internal sealed class ListConfigurationItemsHandler(IConfigurationItemRepository items)
    : IRequestHandler<ListConfigurationItems, Result<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>>> Handle(ListConfigurationItems request, CancellationToken cancellationToken)
    {
        var all = await items.ListAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Versioned<ConfigurationItemSnapshot>> selected =
        [
            .. all.Where(v => (request.Class is not { } only || v.Record.Class == only) && (request.IncludeRetired || v.Record.Status != ConfigurationItemStatus.Retired)),
        ];
        return Result.Success(selected);
    }
}
