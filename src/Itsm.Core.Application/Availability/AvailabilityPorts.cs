using Itsm.Core.Application.Common;
using Itsm.Core.Availability;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Availability;

/// <summary>The persistence port of <see cref="OutageRecord"/>s.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's outage is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, Conflict on a stale expected version.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> runs one of the library's <see cref="OutageSpecification"/> types, in its total order and
/// page, exactly as Ardalis's in-memory evaluator returns them; the relational adapters read a period as one range of an index on the
/// outages' ends and starts, so a period's outages cost what they number, not what the whole history does.</para>
/// </remarks>
public interface IOutageRepository : IAggregateRepository<OutageId, OutageRecord>
{
    /// <summary>The tenant's outages that <paramref name="specification"/> selects, in its order and page.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="specification">Which outages, in which order.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<OutageRecord>>> ListAsync(TenantId tenant, OutageSpecification specification, CancellationToken cancellationToken);
}

/// <summary>The persistence port of each service's <see cref="ServiceAvailabilityTargets"/>, keyed by the service.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's targets are never returned or changed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, Conflict on a stale expected version.</para>
/// </remarks>
public interface IAvailabilityTargetRepository : IAggregateRepository<ConfigurationItemId, ServiceAvailabilityTargets>;
