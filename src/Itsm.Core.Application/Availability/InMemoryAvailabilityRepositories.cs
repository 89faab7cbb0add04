using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Availability;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Availability;

/// <summary>The in-memory <see cref="IOutageRepository"/>: stores snapshots, restores them on every read, evaluates specifications with Ardalis's in-memory evaluator.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryOutageRepository : InMemoryAggregateRepository<OutageId, OutageRecord, OutageSnapshot>, IOutageRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryOutageRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "outages")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<OutageRecord>>> ListAsync(TenantId tenant, OutageSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Task.FromResult(Select(tenant, specification.Evaluate));
    }

    /// <inheritdoc />
    protected override OutageId IdOf(OutageRecord aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override OutageSnapshot Snapshot(OutageRecord aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override OutageRecord Restore(OutageSnapshot snapshot) => OutageRecord.Restore(snapshot).Value;
}

/// <summary>The in-memory <see cref="IAvailabilityTargetRepository"/>: stores snapshots and restores them on every read.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryAvailabilityTargetRepository : InMemoryAggregateRepository<ConfigurationItemId, ServiceAvailabilityTargets, ServiceAvailabilityTargetsSnapshot>, IAvailabilityTargetRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryAvailabilityTargetRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "availability-targets")
    {
    }

    /// <inheritdoc />
    protected override ConfigurationItemId IdOf(ServiceAvailabilityTargets aggregate) => aggregate.Service;

    /// <inheritdoc />
    protected override ServiceAvailabilityTargetsSnapshot Snapshot(ServiceAvailabilityTargets aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override ServiceAvailabilityTargets Restore(ServiceAvailabilityTargetsSnapshot snapshot) => ServiceAvailabilityTargets.Restore(snapshot).Value;
}
