using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.ServiceCatalogue;

namespace Itsm.Core.Application.ServiceCatalogue;

/// <summary>The in-memory <see cref="ICatalogueServiceRepository"/>: stores snapshots and restores them, replaying their history, on every read.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryCatalogueServiceRepository : InMemoryAggregateRepository<ConfigurationItemId, CatalogueService, CatalogueServiceSnapshot>, ICatalogueServiceRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The scope's unit of work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryCatalogueServiceRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "catalogue_services")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<CatalogueService>>> ListAsync(TenantId tenant, IReadOnlyCollection<ServiceStatus>? statuses, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Select(tenant, services => services.Where(s => statuses is null || statuses.Contains(s.Status)).OrderBy(s => s.Id)));
    }

    /// <inheritdoc />
    protected override ConfigurationItemId IdOf(CatalogueService aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override CatalogueServiceSnapshot Snapshot(CatalogueService aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override CatalogueService Restore(CatalogueServiceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var restored = CatalogueService.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new StoredRecordException("catalogue_services", snapshot.Id.ToString(), restored.ValidationErrors.First().ErrorMessage);
    }
}
