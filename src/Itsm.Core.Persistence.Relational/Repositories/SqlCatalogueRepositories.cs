using System.Text.Json;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="ICatalogueServiceRepository"/>: services as documents with an indexed status column, read back
/// through <see cref="CatalogueService.Restore"/>, which replays the stored history through the domain.
/// </summary>
internal sealed class SqlCatalogueServiceRepository : SqlAggregateRepository<ConfigurationItemId, CatalogueService, CatalogueServiceSnapshot>, ICatalogueServiceRepository
{
    private const string Table = "catalogue_services";

    private static readonly AggregateDocuments<ConfigurationItemId, CatalogueService, CatalogueServiceSnapshot> Documents = new(
        new DocumentTable(Table, nameof(CatalogueServiceSnapshot), "status"),
        id => id.Value,
        service => service.Id,
        service => service.ToSnapshot(),
        Read,
        snapshot => [snapshot.Status.ToString()]);

    public SqlCatalogueServiceRepository(RelationalSession session, StoredRecordRules rules)
        : base(session, Documents, rules)
    {
    }

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<CatalogueService>>> ListAsync(TenantId tenant, IReadOnlyCollection<ServiceStatus>? statuses, CancellationToken cancellationToken)
    {
        if (statuses is { Count: 0 })
        {
            return Task.FromResult<IReadOnlyList<Versioned<CatalogueService>>>([]);
        }

        var query = new SqlQuery();
        if (statuses is not null)
        {
            query.Where($"t.status IN ({query.InList(statuses.Distinct().Select(s => (object?)s.ToString()))})");
        }

        return QueryAsync(tenant, query.OrderByTerms("t.id"), cancellationToken);
    }

    /// <summary>
    /// Reads a stored service: every text it holds within the request limit of <paramref name="rules"/>, then its history replayed
    /// against its status (<see cref="CatalogueService.Restore"/>).
    /// </summary>
    /// <exception cref="JsonException">The document is not a valid stored service; the message says why.</exception>
    private static CatalogueService Read(CatalogueServiceSnapshot snapshot, StoredRecordRules rules)
    {
        var limit = rules.Limits.MaxTextLength;
        if ((snapshot.History ?? []).SelectMany(Texts).FirstOrDefault(t => t is not null && t.Length > limit) is { } tooLong)
        {
            throw new JsonException($"it holds a text of {tooLong.Length} characters, more than the limit of {limit}.");
        }

        var restored = CatalogueService.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new JsonException(restored.ValidationErrors.First().ErrorMessage);
    }

    private static IEnumerable<string?> Texts(ServiceEvent e) => e switch
    {
        ServiceDefined d => [d.Profile?.Name, d.Profile?.Description],
        ServiceRevised r => [r.Profile?.Name, r.Profile?.Description],
        ServiceOfferingAdded a => [a.Offering?.Name],
        ServiceRetired r => [r.Reason],
        _ => [],
    };
}

/// <summary>
/// The relational <see cref="IAgreementRepository"/>: agreements as documents with indexed customer and state columns, read back
/// through <see cref="ServiceLevelAgreement.Restore"/>, which replays every version's history through the domain.
/// </summary>
internal sealed class SqlAgreementRepository : SqlAggregateRepository<AgreementId, ServiceLevelAgreement, AgreementSnapshot>, IAgreementRepository
{
    private const string Table = "service_level_agreements";

    private static readonly AggregateDocuments<AgreementId, ServiceLevelAgreement, AgreementSnapshot> Documents = new(
        new DocumentTable(Table, nameof(AgreementSnapshot), "customer", "state"),
        id => id.ToString(),
        agreement => agreement.Id,
        agreement => agreement.ToSnapshot(),
        Read,
        snapshot => [snapshot.Customer.Value, snapshot.State.ToString()]);

    public SqlAgreementRepository(RelationalSession session, StoredRecordRules rules)
        : base(session, Documents, rules)
    {
    }

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<ServiceLevelAgreement>>> ListAsync(TenantId tenant, CustomerId? customer, CancellationToken cancellationToken)
    {
        var query = new SqlQuery();
        if (customer is { } c)
        {
            query.Where($"t.customer = {query.Parameter(c.Value)}");
        }

        return QueryAsync(tenant, query.OrderByTerms("t.customer", "t.id"), cancellationToken);
    }

    /// <summary>
    /// Reads a stored agreement: every text it holds within the request limit of <paramref name="rules"/>, then its history
    /// replayed against its customer and state (<see cref="ServiceLevelAgreement.Restore"/>).
    /// </summary>
    /// <exception cref="JsonException">The document is not a valid stored agreement; the message says why.</exception>
    private static ServiceLevelAgreement Read(AgreementSnapshot snapshot, StoredRecordRules rules)
    {
        var limit = rules.Limits.MaxTextLength;
        if ((snapshot.History ?? []).SelectMany(Texts).FirstOrDefault(t => t is not null && t.Length > limit) is { } tooLong)
        {
            throw new JsonException($"it holds a text of {tooLong.Length} characters, more than the limit of {limit}.");
        }

        var restored = ServiceLevelAgreement.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new JsonException(restored.ValidationErrors.First().ErrorMessage);
    }

    private static IEnumerable<string?> Texts(AgreementEvent e) => e switch
    {
        AgreementDrafted d => [d.Terms?.Title],
        AgreementVersionDrafted d => [d.Terms?.Title],
        AgreementReviewed r => [r.Notes],
        AgreementTerminated t => [t.Reason],
        _ => [],
    };
}
