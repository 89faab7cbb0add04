using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Continuity;

namespace Itsm.Core.Application.Continuity;

/// <summary>The persistence port of <see cref="ContinuityPlan"/> records: one per service, keyed by the service's id.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's record is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, Conflict on a stale expected version.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> returns every record of the tenant ordered by service id (ordinal).</para>
/// </remarks>
public interface IContinuityPlanRepository : IAggregateRepository<ConfigurationItemId, ContinuityPlan>
{
    /// <summary>The tenant's continuity records, ordered by service id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<ContinuityPlan>>> ListAsync(TenantId tenant, CancellationToken cancellationToken);
}
