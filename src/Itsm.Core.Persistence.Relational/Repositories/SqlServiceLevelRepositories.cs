using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>The relational <see cref="ISlaDefinitionRepository"/>: definitions as documents with indexed service, customer and calendar.</summary>
internal sealed class SqlSlaDefinitionRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<SlaDefinitionId, SlaDefinition, SlaDefinitionSnapshot>(session, Documents, rules), ISlaDefinitionRepository
{
    private static readonly AggregateDocuments<SlaDefinitionId, SlaDefinition, SlaDefinitionSnapshot> Documents = new(
        new DocumentTable("sla_definitions", nameof(SlaDefinitionSnapshot), "service", "customer", "calendar"),
        id => id.Value,
        definition => definition.Id,
        definition => definition.ToSnapshot(),
        (snapshot, rules) => SlaDefinition.FromSnapshot(ReadBack.Valid(snapshot, rules.Check(snapshot))),
        snapshot => [snapshot.Service.Value, snapshot.Customer?.Value, snapshot.Calendar.Value]);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<SlaDefinition>>> ListAsync(TenantId tenant, SlaDefinitionSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return QueryAsync(tenant, Translate(specification), cancellationToken);
    }

    /// <summary>One translation per specification type, from its properties; the specification contract test runs every one against Ardalis's in-memory evaluator.</summary>
    private static SqlQuery Translate(SlaDefinitionSpecification specification)
    {
        var query = new SqlQuery();
        switch (specification)
        {
            case ApplicableSlaDefinitions applicable:
                query.Where($"t.service = {query.Parameter(applicable.Service.Value)}");
                query.Where(applicable.Customer is { } customer ? $"t.customer IS NULL OR t.customer = {query.Parameter(customer.Value)}" : "t.customer IS NULL");
                return query.OrderByTerms("CASE WHEN t.customer IS NULL THEN 1 ELSE 0 END", "t.id");
            default:
                // SlaDefinitionSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The SLA definition specification {specification.GetType().Name} has no SQL translation.");
        }
    }
}

/// <summary>The relational <see cref="ICalendarRepository"/>: calendar definitions as documents keyed by calendar id.</summary>
internal sealed class SqlCalendarRepository(RelationalSession session, StoredRecordRules rules) : ICalendarRepository
{
    private static readonly DocumentTable Table = new("calendars", nameof(BusinessCalendarSnapshot));

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check { get; } = new(Table, (tenant, row, rules) => Restore(tenant, row, rules));

    /// <inheritdoc />
    public async Task<Versioned<BusinessCalendarDefinition>?> GetAsync(TenantId tenant, CalendarId id, CancellationToken cancellationToken)
    {
        var stored = await Table.GetAsync(session, tenant, id.Value, cancellationToken).ConfigureAwait(false);
        return stored is { } found ? Restore(tenant, found, rules) : null;
    }

    /// <summary>Restores a row: the key a calendar id, the document within the calendar JSON limit and meeting its input's rules, then the domain's validation.</summary>
    private static Versioned<BusinessCalendarDefinition> Restore(TenantId tenant, StoredDocument stored, StoredRecordRules rules) =>
        Table.Restore(tenant, stored, document => ReadBack.Calendar(stored.Id, document, rules), _ => null, _ => []);

    /// <inheritdoc />
    public Task<IReadOnlyList<CalendarId>> ListIdsAsync(TenantId tenant, CancellationToken cancellationToken) =>
        session.ReadAsync(
            async command =>
            {
                command.CommandText = "SELECT id FROM calendars WHERE tenant = @tenant ORDER BY id";
                Sql.Add(command, "tenant", tenant.Value);
                var ids = new List<CalendarId>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ids.Add(CalendarId.From(reader.GetString(0)));
                    }
                }

                return (IReadOnlyList<CalendarId>)ids;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, CalendarId id, BusinessCalendarDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var document = SnapshotJson.Serialize(definition.ToSnapshot());
        return Table.InsertAsync(session, tenant, id.Value, document, [], cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, CalendarId id, BusinessCalendarDefinition definition, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var document = SnapshotJson.Serialize(definition.ToSnapshot());
        return Table.UpdateAsync(session, tenant, id.Value, document, [], expectedVersion, cancellationToken);
    }
}
