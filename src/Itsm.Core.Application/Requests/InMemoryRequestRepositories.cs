using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.Requests;

namespace Itsm.Core.Application.Requests;

/// <summary>The in-memory <see cref="IRequestItemRepository"/>: items are immutable, so they are stored as they are.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryRequestItemRepository : InMemoryAggregateRepository<RequestItemId, RequestItem, RequestItem>, IRequestItemRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The scope's unit of work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryRequestItemRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "request_items")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<RequestItem>>> ListAsync(TenantId tenant, ConfigurationItemId? service, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Select(tenant, items => items.Where(i => service is null || i.Service == service).OrderBy(i => i.Id)));
    }

    /// <inheritdoc />
    protected override RequestItemId IdOf(RequestItem aggregate) => Preconditions.CheckNotNull(aggregate).Id;

    /// <inheritdoc />
    protected override RequestItem Snapshot(RequestItem aggregate) => aggregate;

    /// <inheritdoc />
    protected override RequestItem Restore(RequestItem snapshot) => snapshot;
}

/// <summary>The in-memory <see cref="IServiceRequestRepository"/>: stores snapshots and restores them, replaying their history, on every read.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryServiceRequestRepository : InMemoryAggregateRepository<ServiceRequestId, ServiceRequest, ServiceRequestSnapshot>, IServiceRequestRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The scope's unit of work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryServiceRequestRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "service_requests")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<ServiceRequest>>> ListAsync(TenantId tenant, ServiceRequestSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Select(tenant, specification.Evaluate));
    }

    /// <inheritdoc />
    protected override ServiceRequestId IdOf(ServiceRequest aggregate) => Preconditions.CheckNotNull(aggregate).Id;

    /// <inheritdoc />
    protected override ServiceRequestSnapshot Snapshot(ServiceRequest aggregate) => Preconditions.CheckNotNull(aggregate).ToSnapshot();

    /// <inheritdoc />
    protected override ServiceRequest Restore(ServiceRequestSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var restored = ServiceRequest.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new StoredRecordException("service_requests", snapshot.Id.ToString(), restored.ValidationErrors.First().ErrorMessage);
    }
}
