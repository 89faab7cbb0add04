using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IIncidentRepository"/>: incidents as documents with indexed state,
/// priority, service, assignee, opening and next-breach columns; each <see cref="IncidentSpecification"/>
/// type is translated to SQL from its properties, so breach forecasting reads the index instead of every incident.
/// </summary>
internal sealed class SqlIncidentRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<IncidentId, Incident, IncidentSnapshot>(session, Documents, rules), IIncidentRepository
{
    private static readonly AggregateDocuments<IncidentId, Incident, IncidentSnapshot> Documents = new(
        new DocumentTable("incidents", nameof(IncidentSnapshot), "state", "priority_rank", "service", "assignee", "opened_at", "next_breach_at"),
        id => id.ToString(),
        incident => incident.Id,
        incident => incident.ToSnapshot(),
        Read,
        Columns);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Incident>>> ListAsync(TenantId tenant, IncidentSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return QueryAsync(tenant, Translate(specification), cancellationToken);
    }

    /// <summary>
    /// Reads a stored incident: its values held to the rules its input met (<see cref="StoredRecordRules.Check(IncidentSnapshot)"/>:
    /// a title of 1 to 500 characters, the request shape, its priority decision against the registered matrix),
    /// then its history checked against its state (<see cref="Incident.Restore"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The stored incident breaks a rule; the message says which.</exception>
    private static Incident Read(IncidentSnapshot snapshot, StoredRecordRules rules) =>
        Incident.FromSnapshot(ReadBack.Valid(snapshot, rules.Check(snapshot)));

    private static object?[] Columns(IncidentSnapshot snapshot) =>
    [
        snapshot.State.ToString(),
        (long)snapshot.Decision.Priority.Rank,
        snapshot.Service.Value,
        snapshot.Assignee?.Value,
        Sql.FromInstant(snapshot.OpenedAt),
        Sql.FromInstant(snapshot.NextBreachAt),
    ];

    /// <summary>One translation per specification type, from its properties; the specification contract test runs every one against Ardalis's in-memory evaluator.</summary>
    private static SqlQuery Translate(IncidentSpecification specification)
    {
        var query = new SqlQuery();
        switch (specification)
        {
            case IncidentsByOpening list:
                Filter(query, list.States, list.Priority, list.Service, list.Assignee);
                return query.OrderByTerms("t.opened_at", "t.id").Paged(list.Page);
            case IncidentsBreachingBefore breaching:
                Filter(query, breaching.States, breaching.Priority, breaching.Service, breaching.Assignee);
                query.Where($"t.next_breach_at IS NOT NULL AND t.next_breach_at < {query.Parameter(Sql.FromInstant(breaching.Before))}");
                return query.OrderByTerms("t.next_breach_at", "t.id").Paged(breaching.Page);
            case ServiceIncidentsOpenedIn opened:
                query.Where($"t.service = {query.Parameter(opened.Service.Value)}");
                query.Where($"t.opened_at >= {query.Parameter(Sql.FromInstant(opened.Period.Start))} AND t.opened_at < {query.Parameter(Sql.FromInstant(opened.Period.End))}");
                return query.OrderByTerms("t.opened_at", "t.id");
            case IncidentsOpenedIn opened:
                query.Where($"t.opened_at >= {query.Parameter(Sql.FromInstant(opened.Period.Start))} AND t.opened_at < {query.Parameter(Sql.FromInstant(opened.Period.End))}");
                return query.OrderByTerms("t.opened_at", "t.id");
            default:
                // IncidentSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The incident specification {specification.GetType().Name} has no SQL translation.");
        }
    }

    private static void Filter(SqlQuery query, ImmutableArray<IncidentState>? states, Priority? priority, ConfigurationItemId? service, UserId? assignee)
    {
        if (states is { } accepted)
        {
            query.Where($"t.state IN ({query.InList(accepted.Select(s => (object?)s.ToString()))})");
        }

        if (priority is { } p)
        {
            query.Where($"t.priority_rank = {query.Parameter((long)p.Rank)}");
        }

        if (service is { } s)
        {
            query.Where($"t.service = {query.Parameter(s.Value)}");
        }

        if (assignee is { } a)
        {
            query.Where($"t.assignee = {query.Parameter(a.Value)}");
        }
    }
}
