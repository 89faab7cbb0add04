using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>The thread-safe in-memory adapter of <see cref="ISlaDefinitionRepository"/>; stores snapshots.</summary>
public sealed class InMemorySlaDefinitionRepository : InMemoryAggregateRepository<SlaDefinitionId, SlaDefinition, SlaDefinitionSnapshot>, ISlaDefinitionRepository
{
    /// <summary>Creates the adapter over the scope's unit of work.</summary>
    public InMemorySlaDefinitionRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "sla-definitions")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<SlaDefinition>>> ListAsync(TenantId tenant, SlaDefinitionSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Select(tenant, specification.Evaluate));
    }

    /// <inheritdoc />
    protected override SlaDefinitionId IdOf(SlaDefinition aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override SlaDefinitionSnapshot Snapshot(SlaDefinition aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override SlaDefinition Restore(SlaDefinitionSnapshot snapshot) => SlaDefinition.FromSnapshot(snapshot);
}
