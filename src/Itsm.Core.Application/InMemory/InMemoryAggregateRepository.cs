using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Core.Application.InMemory;

/// <summary>
/// An in-memory <see cref="IAggregateRepository{TId, TAggregate}"/>: stores each aggregate as its
/// immutable snapshot and restores it on every read, so a caller never shares state with the store.
/// The incident, change and SLA definition adapters derive from it and add their specification query.
/// </summary>
/// <typeparam name="TId">The aggregate's identifier.</typeparam>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TSnapshot">Its stored, immutable form.</typeparam>
/// <remarks>Thread safety as <see cref="InMemoryUnitOfWork"/>; tenancy as <see cref="InMemoryRepository{TKey, TRecord}"/>.</remarks>
public abstract class InMemoryAggregateRepository<TId, TAggregate, TSnapshot> : InMemoryRepository<TId, TSnapshot>, IAggregateRepository<TId, TAggregate>
    where TId : notnull
    where TAggregate : class
{
    /// <summary>Creates the repository over table <paramref name="tableName"/> of the scope's unit of work.</summary>
    /// <param name="unitOfWork">The scope's unit of work.</param>
    /// <param name="tableName">The table's name.</param>
    protected InMemoryAggregateRepository(InMemoryUnitOfWork unitOfWork, string tableName)
        : base(unitOfWork, tableName)
    {
    }

    /// <inheritdoc />
    public Task<Versioned<TAggregate>?> GetAsync(TenantId tenant, TId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(tenant, id) is { } stored ? new Versioned<TAggregate>(Restore(stored.Record), stored.Version) : null);
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, TAggregate aggregate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return InsertAsync(tenant, IdOf(aggregate), Snapshot(aggregate), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, TAggregate aggregate, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return UpdateAsync(tenant, IdOf(aggregate), Snapshot(aggregate), expectedVersion, cancellationToken);
    }

    /// <summary>The aggregates of <paramref name="tenant"/> that <paramref name="select"/> keeps, in its order, each with its version.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="select">A specification's evaluation over the restored aggregates.</param>
    protected IReadOnlyList<Versioned<TAggregate>> Select(TenantId tenant, Func<IEnumerable<TAggregate>, IEnumerable<TAggregate>> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        var restored = All(tenant).Select(v => new Versioned<TAggregate>(Restore(v.Record), v.Version)).ToList();
        var versions = restored.ToDictionary(v => IdOf(v.Record), v => v.Version);
        return select(restored.Select(v => v.Record)).Select(a => new Versioned<TAggregate>(a, versions[IdOf(a)])).ToList();
    }

    /// <summary>The identifier of <paramref name="aggregate"/>.</summary>
    /// <param name="aggregate">The aggregate.</param>
    protected abstract TId IdOf(TAggregate aggregate);

    /// <summary>The stored form of <paramref name="aggregate"/>.</summary>
    /// <param name="aggregate">The aggregate.</param>
    protected abstract TSnapshot Snapshot(TAggregate aggregate);

    /// <summary>The aggregate restored from its stored form.</summary>
    /// <param name="snapshot">The stored form.</param>
    protected abstract TAggregate Restore(TSnapshot snapshot);
}
