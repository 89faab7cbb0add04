using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>Port: stores service level agreements, each with all its versions in its history.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's agreement is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, the next version on an
/// update at the expected one, <c>Conflict</c> otherwise.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> orders by customer (ordinal), then id.</para>
/// </remarks>
public interface IAgreementRepository : IAggregateRepository<AgreementId, ServiceLevelAgreement>
{
    /// <summary>The tenant's agreements with <paramref name="customer"/> (null: every customer), by customer and id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="customer">Only agreements with this customer, or null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<ServiceLevelAgreement>>> ListAsync(TenantId tenant, CustomerId? customer, CancellationToken cancellationToken);
}

/// <summary>The in-memory <see cref="IAgreementRepository"/>: stores snapshots and restores them, replaying their history, on every read.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryAgreementRepository : InMemoryAggregateRepository<AgreementId, ServiceLevelAgreement, AgreementSnapshot>, IAgreementRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The scope's unit of work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryAgreementRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "service_level_agreements")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<ServiceLevelAgreement>>> ListAsync(TenantId tenant, CustomerId? customer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Select(tenant, agreements => agreements.Where(a => customer is null || a.Customer == customer).OrderBy(a => a.Customer).ThenBy(a => a.Id)));
    }

    /// <inheritdoc />
    protected override AgreementId IdOf(ServiceLevelAgreement aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override AgreementSnapshot Snapshot(ServiceLevelAgreement aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override ServiceLevelAgreement Restore(AgreementSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var restored = ServiceLevelAgreement.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new StoredRecordException("service_level_agreements", snapshot.Id.ToString(), restored.ValidationErrors.First().ErrorMessage);
    }
}
