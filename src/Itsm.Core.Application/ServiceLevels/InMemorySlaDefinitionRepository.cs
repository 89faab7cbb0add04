using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>The thread-safe in-memory adapter of <see cref="ISlaDefinitionRepository"/>; stores snapshots.</summary>
public sealed class InMemorySlaDefinitionRepository : InMemoryRepository<SlaDefinitionId, SlaDefinitionSnapshot>, ISlaDefinitionRepository
{
    /// <summary>Creates the adapter over the scope's unit of work.</summary>
    public InMemorySlaDefinitionRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "sla-definitions")
    {
    }

    /// <inheritdoc />
    public Task<Versioned<SlaDefinition>?> GetAsync(TenantId tenant, SlaDefinitionId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = Find(tenant, id);
        return Task.FromResult(stored is null ? null : new Versioned<SlaDefinition>(SlaDefinition.FromSnapshot(stored.Record), stored.Version));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<SlaDefinition>>> ListAsync(TenantId tenant, SlaDefinitionSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        cancellationToken.ThrowIfCancellationRequested();
        var all = All(tenant).Select(r => new Versioned<SlaDefinition>(SlaDefinition.FromSnapshot(r.Record), r.Version)).ToList();
        var selected = specification.Evaluate(all.Select(v => v.Record));
        var versions = all.ToDictionary(v => v.Record.Id, v => v.Version);
        return Task.FromResult<IReadOnlyList<Versioned<SlaDefinition>>>([.. selected.Select(d => new Versioned<SlaDefinition>(d, versions[d.Id]))]);
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, SlaDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return InsertAsync(tenant, definition.Id, definition.ToSnapshot(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, SlaDefinition definition, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return UpdateAsync(tenant, definition.Id, definition.ToSnapshot(), expectedVersion, cancellationToken);
    }
}
