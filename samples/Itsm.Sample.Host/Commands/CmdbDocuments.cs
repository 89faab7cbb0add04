using Itsm.Core.Application.Common;
using Itsm.Core.Configuration;

namespace Itsm.Sample.Host.Commands;

/// <summary>A configuration item as JSON (<c>itsm cmdb show --json</c>, and each row of <c>list --json</c>).</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Tenant">The tenant it belongs to.</param>
/// <param name="Version">The stored version.</param>
/// <param name="Class">Its class, such as <c>cluster</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status">Planned, Operational, InMaintenance or Retired.</param>
/// <param name="Criticality">Its business criticality (None for items that are not services).</param>
/// <param name="Owner">Its owner.</param>
/// <param name="MinimumUp">The redundancy rule's least number of dependencies up; null when all are required.</param>
/// <param name="Attributes">Its attributes as text, by name.</param>
/// <param name="Relationships">Its relationships both ways (empty in a list).</param>
internal sealed record CmdbItemDocument(
    string Id,
    string Tenant,
    long Version,
    string Class,
    string Name,
    string Status,
    string Criticality,
    string? Owner,
    int? MinimumUp,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<CmdbRelationshipDocument> Relationships)
{
    /// <summary>The document for <paramref name="stored"/> with its <paramref name="relationships"/>.</summary>
    public static CmdbItemDocument From(Versioned<ConfigurationItemSnapshot> stored, string tenant, IEnumerable<Relationship> relationships)
    {
        var item = stored.Record;
        return new CmdbItemDocument(
            item.Id.Value, tenant, stored.Version, item.Class.Name, item.Name, item.Status.ToString(), item.Criticality.ToString(), item.Owner?.Value,
            item.Redundancy.HasRedundancy ? item.Redundancy.MinimumUp : null,
            item.Attributes.ToDictionary(a => a.Key, a => a.Value.ToString(), StringComparer.Ordinal),
            [.. relationships.Select(r => new CmdbRelationshipDocument(r.Source.Value, r.Type.Name, r.Target.Value))]);
    }
}

/// <summary>A relationship as JSON: <c>source type target</c>.</summary>
/// <param name="Source">The source item.</param>
/// <param name="Type">The relationship type, such as <c>runs on</c>.</param>
/// <param name="Target">The target item.</param>
internal sealed record CmdbRelationshipDocument(string Source, string Type, string Target);

/// <summary>The document of <c>itsm cmdb list --json</c>.</summary>
/// <param name="Tenant">The tenant listed.</param>
/// <param name="Count">How many items follow.</param>
/// <param name="Items">The items, by id.</param>
internal sealed record CmdbListDocument(string Tenant, int Count, IReadOnlyList<CmdbItemDocument> Items);

/// <summary>The document of <c>itsm cmdb import --json</c>.</summary>
/// <param name="Tenant">The tenant imported into.</param>
/// <param name="Items">How many configuration items were stored.</param>
/// <param name="Relationships">How many relationships were stored.</param>
internal sealed record CmdbImportDocument(string Tenant, int Items, int Relationships);

/// <summary>The document of <c>itsm cmdb explain --json</c>: one shortest path from a failed item to the target, in the direction of impact.</summary>
/// <param name="Target">The item explained.</param>
/// <param name="Failed">The failed items.</param>
/// <param name="Impacted">False when the target is not impacted (then <paramref name="Path"/> is empty).</param>
/// <param name="Path">The path, from the failed item to the target.</param>
internal sealed record CmdbExplanationDocument(string Target, IReadOnlyList<string> Failed, bool Impacted, IReadOnlyList<CmdbPathStepDocument> Path);

/// <summary>One item on an impact path, as JSON.</summary>
/// <param name="Id">The item.</param>
/// <param name="Class">Its class.</param>
/// <param name="Name">Its name (empty when the CSV has none).</param>
/// <param name="State">down or degraded.</param>
/// <param name="Relationship">How the impact reached it from the previous step; null for the failed item.</param>
internal sealed record CmdbPathStepDocument(string Id, string Class, string Name, string State, string? Relationship);
