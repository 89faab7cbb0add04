using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.Continuity;

namespace Itsm.Core.Application.Continuity;

/// <summary>The in-memory <see cref="IContinuityPlanRepository"/>: stores snapshots and restores them on every read.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryContinuityPlanRepository : InMemoryAggregateRepository<ConfigurationItemId, ContinuityPlan, ContinuityPlanSnapshot>, IContinuityPlanRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryContinuityPlanRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "continuity_plans")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<ContinuityPlan>>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult(Select(tenant, plans => plans.OrderBy(p => p.Service)));

    /// <inheritdoc />
    protected override ConfigurationItemId IdOf(ContinuityPlan aggregate) => aggregate.Service;

    /// <inheritdoc />
    protected override ContinuityPlanSnapshot Snapshot(ContinuityPlan aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override ContinuityPlan Restore(ContinuityPlanSnapshot snapshot) => ContinuityPlan.Restore(snapshot).Value;
}
