using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>The persistence port for SLA definitions.</summary>
/// <remarks>
/// <para>
/// <b>Tenancy:</b> every member is scoped by <c>tenant</c>; no member can see another tenant's
/// definitions. <b>Concurrency:</b> <see cref="IAggregateRepository{TId, TAggregate}.UpdateAsync"/> succeeds only at the version that was read,
/// otherwise Conflict. <b>Queries:</b> <see cref="ListAsync"/> runs one of the library's
/// <see cref="SlaDefinitionSpecification"/> types (Ardalis specifications): the definitions it selects,
/// in its total order, exactly as Ardalis's in-memory evaluator returns them; SQL adapters translate
/// each specification type from its properties. Adapters store <see cref="SlaDefinitionSnapshot"/>.
/// </para>
/// </remarks>
public interface ISlaDefinitionRepository : IAggregateRepository<SlaDefinitionId, SlaDefinition>
{
    /// <summary>The definitions satisfying <paramref name="specification"/>, in its order.</summary>
    Task<IReadOnlyList<Versioned<SlaDefinition>>> ListAsync(TenantId tenant, SlaDefinitionSpecification specification, CancellationToken cancellationToken);
}
