using System.Collections.Immutable;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;

namespace Itsm.Core.Application.InMemory;

/// <summary>
/// The in-memory <see cref="IUnitOfWork"/>, and the way in-memory adapters in the same scope read
/// and write: inside a unit of work they see its private state; outside, each write commits on its own.
/// </summary>
/// <remarks>One instance per scope; not thread-safe (a scope serves one request at a time).</remarks>
public sealed class InMemoryUnitOfWork : IUnitOfWork
{
    private readonly InMemoryStore store;
    private InMemoryTransaction? transaction;

    /// <summary>Creates a unit of work over <paramref name="store"/> with a trail of writes of its own.</summary>
    public InMemoryUnitOfWork(InMemoryStore store)
        : this(store, new AuditTrail())
    {
    }

    /// <summary>Creates a unit of work over <paramref name="store"/> that reports its writes to the scope's <paramref name="trail"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InMemoryUnitOfWork(InMemoryStore store, AuditTrail trail)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        Trail = trail ?? throw new ArgumentNullException(nameof(trail));
    }

    /// <summary>Where the scope's adapters report what they wrote, for the command's audit record.</summary>
    public AuditTrail Trail { get; }

    /// <inheritdoc />
    public bool IsActive => transaction is not null;

    /// <inheritdoc />
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            throw new InvalidOperationException("A unit of work is already active in this scope.");
        }

        transaction = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken cancellationToken)
    {
        var active = transaction ?? throw new InvalidOperationException("No unit of work is active to commit.");
        transaction = null;
        store.Commit(active);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            transaction = null;
            store.Rollback();
        }

        return Task.CompletedTask;
    }

    /// <summary>The state an adapter in this scope should read.</summary>
    internal ImmutableDictionary<string, object> ReadState() => transaction?.State ?? store.Committed;

    /// <summary>
    /// Applies <paramref name="change"/> to the state: inside the active unit of work, or as a
    /// unit of work of its own when none is active. Returns what the change returned.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<ImmutableDictionary<string, object>, (ImmutableDictionary<string, object> State, T Result)> change, CancellationToken cancellationToken)
    {
        if (transaction is { } active)
        {
            var (state, result) = change(active.State);
            active.State = state;
            return result;
        }

        var own = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (state, result) = change(own.State);
            own.State = state;
            store.Commit(own);
            return result;
        }
        catch
        {
            store.Rollback();
            throw;
        }
    }
}
