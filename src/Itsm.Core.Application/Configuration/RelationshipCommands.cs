using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Configuration;

/// <summary>Relates two configuration items: <c>source type target</c>.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Source">The source item.</param>
/// <param name="Target">The target item.</param>
/// <param name="Type">The relationship type.</param>
/// <remarks>
/// Refused with <c>Invalid</c> (<c>cmdb.relationship-type.unknown</c>) when <paramref name="Type"/> is not in the
/// registered <see cref="RelationshipTypeCatalogue"/> (<see cref="RelationshipTypeCatalogue.WellKnown"/> unless the
/// vendor registers its own), and otherwise decided by <see cref="CmdbGraph.Relate"/>: <c>NotFound</c> when an end
/// does not exist or is retired, <c>Conflict</c> when the relationship exists or a containment-like type would
/// close a cycle (the message gives the path).
/// </remarks>
public sealed record Relate(RequestContext Context, ConfigurationItemId Source, ConfigurationItemId Target, RelationshipType Type) : ICommand<Result>;

/// <summary>
/// Removes a relationship. Never refused for what it does to a group: unrelating the only member of a
/// 1-of-1 cluster is accepted, and the cluster is down (and says why) until it has a member again.
/// </summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Source">The source item.</param>
/// <param name="Target">The target item.</param>
/// <param name="Type">The relationship type.</param>
public sealed record Unrelate(RequestContext Context, ConfigurationItemId Source, ConfigurationItemId Target, RelationshipType Type) : ICommand<Result>;

/// <summary>One item of a bulk import.</summary>
/// <param name="Id">The item's identifier.</param>
/// <param name="Class">Its class.</param>
/// <param name="Name">Its name.</param>
/// <param name="Criticality">Its business criticality.</param>
/// <param name="Redundancy">Its redundancy rule.</param>
/// <remarks>
/// <see cref="Status"/>, <see cref="Owner"/> and <see cref="Attributes"/> are optional, so an
/// import can carry a whole item; <see cref="ExportConfiguration"/> returns items in this form.
/// </remarks>
public sealed record ImportedItem(ConfigurationItemId Id, ConfigurationItemClass Class, string Name, BusinessCriticality Criticality = BusinessCriticality.None, RedundancyRule Redundancy = default)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>Planned or Operational (the default); a new item cannot start in another status.</summary>
    public ConfigurationItemStatus Status { get; init; } = ConfigurationItemStatus.Operational;

    /// <summary>Who owns the item, if anyone.</summary>
    public UserId? Owner { get; init; }

    /// <summary>Typed attributes by name (ordinal); null for none.</summary>
    public IReadOnlyDictionary<string, AttributeValue>? Attributes { get; init; }
}

/// <summary>How many items and relationships an import added.</summary>
/// <param name="Items">Items added.</param>
/// <param name="Relationships">Relationships added.</param>
public sealed record ImportSummary(int Items, int Relationships);

/// <summary>
/// Adds many items and relationships at once, all or nothing: <see cref="CmdbGraph.Import"/> checks the
/// whole resulting CMDB first, so a taken id, an unknown or retired end, a self-loop, a repeated
/// relationship or a containment cycle rejects the import with nothing stored. A redundancy rule
/// that the imported members do not satisfy yet is accepted: the group is down until it has them
/// (see <see cref="RedundancyRule"/>).
/// </summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Items">New items (an id already in the CMDB is a conflict).</param>
/// <param name="Relationships">New relationships between new or existing items; each type must be in the registered <see cref="RelationshipTypeCatalogue"/> (<c>cmdb.relationship-type.unknown</c> otherwise).</param>
public sealed record ImportConfiguration(RequestContext Context, IReadOnlyList<ImportedItem> Items, IReadOnlyList<Relationship> Relationships) : ICommand<Result<ImportSummary>>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

internal sealed class RelateValidator(RelationshipTypeCatalogue types) : IRequestValidator<Relate>
{
    public IEnumerable<ValidationError> Validate(Relate request)
    {
        if (request.Type is null)
        {
            yield return Failure.Field(nameof(request.Type), "A relationship type is required.", "cmdb.relationship-type.invalid");
        }
        else if (!types.Contains(request.Type))
        {
            yield return UnknownType(types, nameof(request.Type), request.Type);
        }
        else if (request.Source.Value is null || request.Target.Value is null)
        {
            yield return Failure.Field(nameof(request.Source), "Both ends of a relationship are required.", "cmdb.item.id");
        }
        else if (Relationship.Create(request.Source, request.Target, request.Type) is { IsSuccess: false } invalid)
        {
            foreach (var error in invalid.ValidationErrors)
            {
                yield return error;
            }
        }
    }

    /// <summary>A type the catalogue lacks: unknown by name, or known by name with other semantics.</summary>
    internal static ValidationError UnknownType(RelationshipTypeCatalogue types, string field, RelationshipType type)
    {
        var byName = types.FromName(type.Name, field);
        return byName.IsSuccess
            ? Failure.Field(field, $"The relationship type '{type.Name}' differs from the registered type '{byName.Value.Name}' in spelling or semantics (direction, containment, membership).", "cmdb.relationship-type.unknown")
            : byName.ValidationErrors.First();
    }
}

internal sealed class ImportConfigurationValidator(RelationshipTypeCatalogue types) : IRequestValidator<ImportConfiguration>
{
    public IEnumerable<ValidationError> Validate(ImportConfiguration request)
    {
        if (request.Items is null || request.Relationships is null)
        {
            yield return Failure.Field(string.Empty, "Items and relationships are required (they may be empty).", "cmdb.import.missing");
            yield break;
        }

        for (var i = 0; i < request.Items.Count; i++)
        {
            if (NameRules.Problem(request.Items[i].Name) is { } problem)
            {
                yield return Failure.Field($"Items[{i}].Name", $"A configuration item name {problem}", "cmdb.item.name");
            }
        }

        for (var i = 0; i < request.Relationships.Count; i++)
        {
            if (request.Relationships[i].Type is { } type && !types.Contains(type))
            {
                yield return RelateValidator.UnknownType(types, $"Relationships[{i}].Type", type);
            }
        }
    }
}

/// <summary>Loads the tenant's whole CMDB as a <see cref="CmdbGraph"/>, the type that keeps its invariants.</summary>
internal static class StoredGraph
{
    public static async Task<Result<CmdbGraph>> LoadAsync(TenantId tenant, IConfigurationItemRepository items, IRelationshipRepository relationships, CancellationToken cancellationToken)
    {
        var all = await items.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        var edges = await relationships.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        return CmdbGraph.FromStored(all.Select(item => item.Record), edges);
    }
}

internal sealed class RelateHandler(IConfigurationItemRepository items, IRelationshipRepository relationships) : IRequestHandler<Relate, Result>
{
    public async Task<Result> Handle(Relate request, CancellationToken cancellationToken)
    {
        var relationship = Relationship.Create(request.Source, request.Target, request.Type);
        var graph = relationship.IsSuccess ? await StoredGraph.LoadAsync(request.Context.Tenant, items, relationships, cancellationToken).ConfigureAwait(false) : relationship.AsFailure<CmdbGraph>();
        var related = graph.IsSuccess ? graph.Value.Relate(relationship.Value) : graph;
        return related.IsSuccess ? await relationships.AddAsync(request.Context.Tenant, relationship.Value, cancellationToken).ConfigureAwait(false) : related.AsFailure();
    }
}

internal sealed class UnrelateHandler(IRelationshipRepository relationships) : IRequestHandler<Unrelate, Result>
{
    // Removing a relationship breaks no invariant (a group left short of members is a reported
    // legal state, see CmdbGraph), so the repository's NotFound is the only refusal.
    public async Task<Result> Handle(Unrelate request, CancellationToken cancellationToken)
    {
        var relationship = Relationship.Create(request.Source, request.Target, request.Type);
        return relationship.IsSuccess
            ? await relationships.RemoveAsync(request.Context.Tenant, relationship.Value, cancellationToken).ConfigureAwait(false)
            : relationship.AsFailure();
    }
}

internal sealed class ImportConfigurationHandler(IConfigurationItemRepository items, IRelationshipRepository relationships, IClock clock) : IRequestHandler<ImportConfiguration, Result<ImportSummary>>
{
    public async Task<Result<ImportSummary>> Handle(ImportConfiguration request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var now = clock.GetCurrentInstant();
        var created = new List<ConfigurationItem>(request.Items.Count);
        foreach (var imported in request.Items)
        {
            var item = ConfigurationItem.Register(
                imported.Id, imported.Class, imported.Name, request.Context.Actor, now, imported.Status, imported.Criticality, imported.Owner, imported.Redundancy, imported.Attributes);
            if (!item.IsSuccess)
            {
                return item.AsFailure<ImportSummary>();
            }

            created.Add(item.Value);
        }

        var graph = await StoredGraph.LoadAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        var checkedGraph = graph.IsSuccess ? graph.Value.Import(created, request.Relationships) : graph;
        if (!checkedGraph.IsSuccess)
        {
            return checkedGraph.AsFailure<ImportSummary>();
        }

        var savedItems = await items.AddRangeAsync(tenant, [.. created.Select(item => item.ToSnapshot())], cancellationToken).ConfigureAwait(false);
        if (!savedItems.IsSuccess)
        {
            return savedItems.AsFailure<ImportSummary>();
        }

        var savedEdges = await relationships.AddRangeAsync(tenant, request.Relationships, cancellationToken).ConfigureAwait(false);
        return savedEdges.IsSuccess ? new ImportSummary(created.Count, request.Relationships.Count) : savedEdges.AsFailure<ImportSummary>();
    }
}

/// <summary>
/// The current CMDB in the form <see cref="ImportConfiguration"/> takes, so another tenant or
/// installation can import it: every item that is not retired, with its class, name, status,
/// criticality, owner, redundancy and attributes, and every relationship between such items.
/// </summary>
/// <remarks>
/// An item in maintenance is exported as Operational: maintenance is a passing state that
/// <see cref="UpdateConfigurationItem.InMaintenance"/> records, not configuration. For an
/// exact record of a moment, retired items included, capture a baseline instead.
/// </remarks>
/// <param name="Context">Who asks, for which tenant.</param>
public sealed record ExportConfiguration(RequestContext Context) : IQuery<Result<ConfigurationExport>>;

/// <summary>What <see cref="ExportConfiguration"/> returns: items ordered by id, relationships by source, target and type.</summary>
/// <param name="Items">The items.</param>
/// <param name="Relationships">The relationships between them.</param>
public sealed record ConfigurationExport(IReadOnlyList<ImportedItem> Items, IReadOnlyList<Relationship> Relationships)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

internal sealed class ExportConfigurationHandler(IConfigurationItemRepository items, IRelationshipRepository relationships) : IRequestHandler<ExportConfiguration, Result<ConfigurationExport>>
{
    public async Task<Result<ConfigurationExport>> Handle(ExportConfiguration request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var stored = await items.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        var edges = await relationships.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        var kept = stored.Select(v => v.Record).Where(i => i.Status != ConfigurationItemStatus.Retired).ToList();
        var ids = kept.Select(i => i.Id).ToHashSet();
        var exported = kept
            .Select(i => new ImportedItem(i.Id, i.Class, i.Name, i.Criticality, i.Redundancy)
            {
                Status = i.Status == ConfigurationItemStatus.Planned ? ConfigurationItemStatus.Planned : ConfigurationItemStatus.Operational,
                Owner = i.Owner,
                Attributes = i.Attributes.Count == 0 ? null : i.Attributes,
            })
            .ToList();
        return new ConfigurationExport(exported, [.. edges.Where(e => ids.Contains(e.Source) && ids.Contains(e.Target))]);
    }
}
