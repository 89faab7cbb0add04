using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.Incidents;

namespace Itsm.Core.Application.Incidents;

/// <summary>The in-memory <see cref="IIncidentRepository"/>: stores immutable snapshots, evaluates specifications with Ardalis's in-memory evaluator.</summary>
public sealed class InMemoryIncidentRepository : InMemoryAggregateRepository<IncidentId, Incident, IncidentSnapshot>, IIncidentRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    public InMemoryIncidentRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "incidents")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Incident>>> ListAsync(TenantId tenant, IncidentSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Task.FromResult(Select(tenant, specification.Evaluate));
    }

    /// <inheritdoc />
    protected override IncidentId IdOf(Incident aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override IncidentSnapshot Snapshot(Incident aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override Incident Restore(IncidentSnapshot snapshot) => Incident.FromSnapshot(snapshot);
}
