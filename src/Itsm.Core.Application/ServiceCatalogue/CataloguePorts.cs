using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.ServiceCatalogue;

namespace Itsm.Core.Application.ServiceCatalogue;

/// <summary>Port: stores the service catalogue's services, each with its whole history, keyed by its business-service configuration item.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's service is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add (Conflict <c>record.exists</c> when
/// the id is taken), the next version on an update at the expected one, <c>Conflict</c> otherwise.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> orders by id (ordinal).</para>
/// </remarks>
public interface ICatalogueServiceRepository : IAggregateRepository<ConfigurationItemId, CatalogueService>
{
    /// <summary>The tenant's services in one of <paramref name="statuses"/> (null: any status; empty matches nothing), by id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="statuses">Only these statuses, or null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<CatalogueService>>> ListAsync(TenantId tenant, IReadOnlyCollection<ServiceStatus>? statuses, CancellationToken cancellationToken);
}
