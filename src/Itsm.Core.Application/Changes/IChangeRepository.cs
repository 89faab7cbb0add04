using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Changes;

/// <summary>The persistence port of <see cref="ChangeRequest"/> aggregates.</summary>
/// <remarks>
/// <para>Tenancy: every member is scoped to <c>tenant</c>; a change of another tenant is never seen or touched.</para>
/// <para>Concurrency: reads return the stored version; <see cref="IAggregateRepository{TId, TAggregate}.UpdateAsync"/> succeeds only when the stored
/// version still equals <c>expectedVersion</c> and otherwise returns Conflict, so a concurrent update loses instead of overwriting.
/// A new change has version 1.</para>
/// <para>Queries: <see cref="ListAsync"/> runs one of the library's <see cref="ChangeSpecification"/> types (Ardalis
/// specifications): the changes it selects, in its total order (which ends with the change identifier), in its page,
/// exactly as Ardalis's in-memory evaluator returns them. SQL adapters translate each specification type from its properties.</para>
/// <para>Implementations are registered scoped and share the scope's unit of work.</para>
/// </remarks>
public interface IChangeRepository : IAggregateRepository<ChangeId, ChangeRequest>
{
    /// <summary>The changes satisfying <paramref name="specification"/>, ordered and paged as it says.</summary>
    Task<IReadOnlyList<Versioned<ChangeRequestSnapshot>>> ListAsync(TenantId tenant, ChangeSpecification specification, CancellationToken cancellationToken);
}
