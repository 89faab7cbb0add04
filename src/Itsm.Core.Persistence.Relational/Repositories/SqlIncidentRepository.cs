using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IIncidentRepository"/>: incidents as documents with indexed state,
/// priority, service, assignee, opening and next-breach columns; <see cref="IncidentSpecification"/>
/// criteria run as SQL, so breach forecasting reads the index instead of every incident.
/// </summary>
internal sealed class SqlIncidentRepository(RelationalSession session) : IIncidentRepository
{
    private static readonly DocumentTable Table = new(
        "incidents", nameof(IncidentSnapshot), "state", "priority_rank", "service", "assignee", "opened_at", "next_breach_at");

    private static readonly Dictionary<string, string> SortColumns = new()
    {
        [IncidentCriteria.ByOpenedAt.Name] = "t.opened_at",
        [IncidentCriteria.ByNextBreach.Name] = "t.next_breach_at IS NULL, t.next_breach_at",
        [IncidentCriteria.ById.Name] = "t.id",
    };

    /// <inheritdoc />
    public async Task<Versioned<Incident>?> GetAsync(TenantId tenant, IncidentId id, CancellationToken cancellationToken)
    {
        var stored = await Table.GetAsync(session, tenant, Key(id), cancellationToken).ConfigureAwait(false);
        return stored is { } found ? Restore(found) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Versioned<Incident>>> ListAsync(TenantId tenant, Specification<Incident> specification, CancellationToken cancellationToken)
    {
        var query = SqlQuery.Translate(specification, Translate, SortColumns);
        var rows = await Table.QueryAsync(session, tenant, query, cancellationToken).ConfigureAwait(false);
        return rows.Select(Restore).ToList();
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var snapshot = incident.ToSnapshot();
        return Table.InsertAsync(session, tenant, Key(snapshot.Id), SnapshotJson.Serialize(snapshot), Columns(snapshot), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, Incident incident, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var snapshot = incident.ToSnapshot();
        return Table.UpdateAsync(session, tenant, Key(snapshot.Id), SnapshotJson.Serialize(snapshot), Columns(snapshot), expectedVersion, cancellationToken);
    }

    private static string Key(IncidentId id) => id.ToString();

    private static Versioned<Incident> Restore(StoredDocument stored) =>
        new(Incident.FromSnapshot(SnapshotJson.Deserialize<IncidentSnapshot>(stored.Document)), stored.Version);

    private static object?[] Columns(IncidentSnapshot snapshot) =>
    [
        snapshot.State.ToString(),
        (long)snapshot.Decision.Priority.Rank,
        snapshot.Service.Value,
        snapshot.Assignee?.Value,
        Sql.FromInstant(snapshot.OpenedAt),
        Sql.FromInstant(snapshot.NextBreachAt),
    ];

    private static bool Translate(ICriterion<Incident> criterion, SqlQuery query)
    {
        switch (criterion)
        {
            case IncidentCriteria.InStates states:
                query.Where($"t.state IN ({query.InList(states.States.Select(s => (object?)s.ToString()))})");
                return true;
            case IncidentCriteria.WithPriority priority:
                query.Where($"t.priority_rank = {query.Parameter((long)priority.Priority.Rank)}");
                return true;
            case IncidentCriteria.ForService service:
                query.Where($"t.service = {query.Parameter(service.Service.Value)}");
                return true;
            case IncidentCriteria.AssignedTo assignee:
                query.Where($"t.assignee = {query.Parameter(assignee.Assignee.Value)}");
                return true;
            case IncidentCriteria.BreachingBefore breaching:
                query.Where($"t.next_breach_at IS NOT NULL AND t.next_breach_at < {query.Parameter(Sql.FromInstant(breaching.Instant))}");
                return true;
            case IncidentCriteria.OpenedBetween opened:
                query.Where($"t.opened_at >= {query.Parameter(Sql.FromInstant(opened.From))} AND t.opened_at < {query.Parameter(Sql.FromInstant(opened.To))}");
                return true;
            default:
                return false;
        }
    }
}
