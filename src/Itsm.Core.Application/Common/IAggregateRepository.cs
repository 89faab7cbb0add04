using Itsm.Core.Common;

namespace Itsm.Core.Application.Common;

/// <summary>
/// Port: stores one kind of aggregate by tenant and identifier, with optimistic concurrency. Each
/// process's repository port (<c>IIncidentRepository</c>, <c>IChangeRepository</c>,
/// <c>ISlaDefinitionRepository</c>) is this contract plus its own specification query.
/// </summary>
/// <typeparam name="TId">The aggregate's identifier.</typeparam>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's aggregate is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> <see cref="AddAsync"/> stores version 1 (<c>Conflict</c> if the id exists);
/// <see cref="UpdateAsync"/> stores the next version only when the stored one equals <c>expectedVersion</c>, else
/// <c>Conflict</c> (<c>NotFound</c> when absent), so concurrent writers never lose an update.</para>
/// <para><b>Read back:</b> what an adapter reads from storage is validated like input; a record that fails is a
/// <see cref="StoredRecordException"/>, which the dispatcher answers as <c>store.record-invalid</c>.</para>
/// </remarks>
public interface IAggregateRepository<TId, TAggregate>
    where TId : notnull
{
    /// <summary>The aggregate with <paramref name="id"/> in <paramref name="tenant"/>, with its version, or null.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The aggregate's identifier.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<Versioned<TAggregate>?> GetAsync(TenantId tenant, TId id, CancellationToken cancellationToken);

    /// <summary>Stores a new aggregate at version 1; <c>Conflict</c> when its id is taken.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="aggregate">The new aggregate.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<Result> AddAsync(TenantId tenant, TAggregate aggregate, CancellationToken cancellationToken);

    /// <summary>Replaces the aggregate if it is still at <paramref name="expectedVersion"/>, storing it at the next version.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="aggregate">The changed aggregate.</param>
    /// <param name="expectedVersion">The version it was read at.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<Result> UpdateAsync(TenantId tenant, TAggregate aggregate, long expectedVersion, CancellationToken cancellationToken);
}
