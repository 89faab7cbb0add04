using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.Incidents;

namespace Itsm.Core.Application.Incidents;

/// <summary>The in-memory <see cref="IIncidentRepository"/>: stores immutable snapshots, evaluates specifications with Ardalis's in-memory evaluator.</summary>
public sealed class InMemoryIncidentRepository : InMemoryRepository<IncidentId, IncidentSnapshot>, IIncidentRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    public InMemoryIncidentRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "incidents")
    {
    }

    /// <inheritdoc />
    public Task<Versioned<Incident>?> GetAsync(TenantId tenant, IncidentId id, CancellationToken cancellationToken) =>
        Task.FromResult(Find(tenant, id) is { } stored ? new Versioned<Incident>(Incident.FromSnapshot(stored.Record), stored.Version) : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Incident>>> ListAsync(TenantId tenant, IncidentSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var versions = All(tenant).ToDictionary(v => v.Record.Id, v => v.Version);
        var selected = specification.Evaluate(All(tenant).Select(v => Incident.FromSnapshot(v.Record)));
        IReadOnlyList<Versioned<Incident>> result = selected.Select(i => new Versioned<Incident>(i, versions[i.Id])).ToList();
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return InsertAsync(tenant, incident.Id, incident.ToSnapshot(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, Incident incident, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return UpdateAsync(tenant, incident.Id, incident.ToSnapshot(), expectedVersion, cancellationToken);
    }
}
