using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Incidents;

namespace Itsm.Core.Application.Incidents;

/// <summary>
/// Port: stores incident records.
/// </summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's incident is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> <see cref="IAggregateRepository{TId, TAggregate}.AddAsync"/> stores version 1 (<c>Conflict</c> if the id exists);
/// <see cref="IAggregateRepository{TId, TAggregate}.UpdateAsync"/> succeeds only when the stored version equals <c>expectedVersion</c>, else
/// <c>Conflict</c> (<c>NotFound</c> when absent), so concurrent writers never lose an update.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> runs one of the library's <see cref="IncidentSpecification"/>
/// types (Ardalis specifications): the records it selects, in its total order, in its page, exactly as
/// Ardalis's in-memory evaluator returns them. The relational adapters translate each specification type to
/// SQL from its properties over indexed state, priority, service, assignee, opening and
/// <see cref="Incident.NextBreachAt"/> columns (breach forecasting).</para>
/// </remarks>
public interface IIncidentRepository : IAggregateRepository<IncidentId, Incident>
{
    /// <summary>The tenant's incidents that <paramref name="specification"/> selects, in its order and page.</summary>
    Task<IReadOnlyList<Versioned<Incident>>> ListAsync(TenantId tenant, IncidentSpecification specification, CancellationToken cancellationToken);
}
