using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Problems;

namespace Itsm.Core.Application.Problems;

/// <summary>
/// Port: stores problem records.
/// </summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's problem is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, the next version on an
/// update at the expected one, <c>Conflict</c> otherwise, so concurrent writers never lose an update.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> runs one of the library's <see cref="ProblemSpecification"/> types: the
/// records it selects, in its total order, in its page, exactly as Ardalis's in-memory evaluator returns them. The relational
/// adapters translate each from its properties over indexed state, service, assignee and logging columns.</para>
/// </remarks>
public interface IProblemRepository : IAggregateRepository<ProblemId, Problem>
{
    /// <summary>The tenant's problems that <paramref name="specification"/> selects, in its order and page.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="specification">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<Problem>>> ListAsync(TenantId tenant, ProblemSpecification specification, CancellationToken cancellationToken);
}

/// <summary>
/// Port: stores the known-error database, one <see cref="KnownError"/> record per entry.
/// </summary>
/// <remarks>
/// Tenancy and concurrency as <see cref="IProblemRepository"/>. <see cref="ListAsync"/> runs one of the library's
/// <see cref="KnownErrorSpecification"/> types; the relational adapters translate it over indexed status, problem and
/// publication columns.
/// </remarks>
public interface IKnownErrorRepository : IAggregateRepository<KnownErrorId, KnownError>
{
    /// <summary>The tenant's known errors that <paramref name="specification"/> selects, in its order and page.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="specification">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<KnownError>>> ListAsync(TenantId tenant, KnownErrorSpecification specification, CancellationToken cancellationToken);
}
