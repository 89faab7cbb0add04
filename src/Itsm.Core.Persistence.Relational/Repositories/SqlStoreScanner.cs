using System.Collections.Immutable;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>A document table with the restore its repository reads through, for <see cref="SqlStoreScanner"/>.</summary>
/// <param name="Table">The table.</param>
/// <param name="Restore">Restores and checks one row against the rules; throws <see cref="StoredRecordException"/> when it fails.</param>
internal sealed record DocumentCheck(DocumentTable Table, Action<TenantId, StoredDocument, StoredRecordRules> Restore);

/// <summary>
/// The relational <see cref="IStoreScanner"/>: reads every row of every document table (and every
/// relationship) of a tenant through its repository's read-back validation, and lists each row
/// that fails instead of stopping at the first. A table added later joins by adding its repository's
/// <see cref="DocumentCheck"/> to <see cref="Checks"/>.
/// </summary>
/// <remarks>The rules are the registered <see cref="StoredRecordRules"/>, the same every repository reads with.</remarks>
internal sealed class SqlStoreScanner(RelationalSession session, StoredRecordRules rules) : IStoreScanner
{
    private static readonly IReadOnlyList<DocumentCheck> Checks =
    [
        SqlIncidentRepository.Check,
        SqlChangeRepository.Check,
        SqlProblemRepository.Check,
        SqlKnownErrorRepository.Check,
        SqlSlaDefinitionRepository.Check,
        SqlCalendarRepository.Check,
        SqlConfigurationItemRepository.Check,
        SqlBaselineRepository.Check,
        SqlSupplierRepository.Check,
        SqlContractRepository.Check,
        SqlOutageRepository.Check,
        SqlAvailabilityTargetRepository.Check,
        SqlContinuityPlanRepository.Check,
        SqlReleaseRepository.Check,
        SqlCatalogueServiceRepository.Check,
        SqlAgreementRepository.Check,
        SqlRequestItemRepository.Check,
        SqlServiceRequestRepository.Check,
    ];

    private static readonly string[] TenantTables = ["incidents", "changes", "problems", "known_errors", "sla_definitions", "calendars", "configuration_items", "relationships", "baselines", "suppliers", "contracts", "outages", "availability_targets", "releases", "catalogue_services", "service_level_agreements", "request_items", "service_requests", "audit_log"];

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken) =>
        session.ReadAsync(
            async command =>
            {
                command.CommandText = string.Join(" UNION ", TenantTables.Select(t => $"SELECT DISTINCT tenant FROM {t}")) + " ORDER BY 1";
                var tenants = new List<TenantId>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        tenants.Add(TenantId.From(reader.GetString(0)));
                    }
                }

                return (IReadOnlyList<TenantId>)tenants;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<StoreScan> ScanAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var problems = ImmutableArray.CreateBuilder<StoreProblem>();
        var checkedCount = 0L;
        foreach (var check in Checks)
        {
            IReadOnlyList<StoredDocument> rows;
            try
            {
                rows = await check.Table.QueryAsync(session, tenant, new SqlQuery(), cancellationToken).ConfigureAwait(false);
            }
            catch (StoredRecordException unreadable)
            {
                problems.Add(new StoreProblem(tenant, unreadable.Table, unreadable.Key, unreadable.Reason));
                continue;
            }

            foreach (var row in rows)
            {
                checkedCount++;
                try
                {
                    check.Restore(tenant, row, rules);
                }
                catch (StoredRecordException invalid)
                {
                    problems.Add(new StoreProblem(tenant, invalid.Table, invalid.Key, invalid.Reason));
                }
            }
        }

        void Report(StoredRecordException invalid) => problems.Add(new StoreProblem(tenant, invalid.Table, invalid.Key, invalid.Reason));
        var before = problems.Count;
        checkedCount += (await new SqlRelationshipRepository(session, rules).ReadAllAsync(tenant, Report, cancellationToken).ConfigureAwait(false)).Count;
        checkedCount += problems.Count - before;
        foreach (var (id, calendar) in await SlaCalendarsMissingAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            // DefineSla refuses a calendar the tenant does not have; a stored definition is held to the same reference.
            problems.Add(new StoreProblem(tenant, "sla_definitions", $"({tenant.Value}, {id})", $"its calendar '{calendar}' does not exist in the tenant."));
        }

        return new StoreScan(checkedCount, problems.ToImmutable());
    }

    private Task<IReadOnlyList<(string Id, string Calendar)>> SlaCalendarsMissingAsync(TenantId tenant, CancellationToken cancellationToken) =>
        session.ReadAsync(
            async command =>
            {
                command.CommandText =
                    "SELECT s.id, s.calendar FROM sla_definitions s WHERE s.tenant = @tenant " +
                    "AND NOT EXISTS (SELECT 1 FROM calendars c WHERE c.tenant = s.tenant AND c.id = s.calendar) ORDER BY s.id";
                Sql.Add(command, "tenant", tenant.Value);
                var missing = new List<(string, string)>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        missing.Add((reader.GetString(0), reader.GetString(1)));
                    }
                }

                return (IReadOnlyList<(string, string)>)missing;
            },
            cancellationToken);
}
