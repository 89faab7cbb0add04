using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Requests;

namespace Itsm.Core.Application.Requests;

/// <summary>Port: stores the request catalogue's items, reference data per tenant.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's item is never returned, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add (<c>Conflict</c>,
/// <c>record.exists</c>, when the id is taken), the next version on an update at the expected one, <c>Conflict</c> otherwise.
/// A defined item is immutable; the library only adds items.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> orders by item id (ordinal).</para>
/// </remarks>
public interface IRequestItemRepository : IAggregateRepository<RequestItemId, RequestItem>
{
    /// <summary>The tenant's items of <paramref name="service"/> (null: every service), by id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="service">Only this business service's items, or null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<RequestItem>>> ListAsync(TenantId tenant, ConfigurationItemId? service, CancellationToken cancellationToken);
}

/// <summary>Port: stores service requests, each with its whole history and the item it was submitted for.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's request is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, the next version on an
/// update at the expected one, <c>Conflict</c> otherwise, so of two concurrent writers one loses instead of overwriting.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> runs one of the library's <see cref="ServiceRequestSpecification"/> types: the
/// records it selects, in its total order and page, exactly as Ardalis's in-memory evaluator returns them. The relational
/// adapters translate each type to SQL from its properties over indexed state, service, requester and submission columns.</para>
/// </remarks>
public interface IServiceRequestRepository : IAggregateRepository<ServiceRequestId, ServiceRequest>
{
    /// <summary>The tenant's requests that <paramref name="specification"/> selects, in its order and page.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="specification">What to select.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<ServiceRequest>>> ListAsync(TenantId tenant, ServiceRequestSpecification specification, CancellationToken cancellationToken);
}
