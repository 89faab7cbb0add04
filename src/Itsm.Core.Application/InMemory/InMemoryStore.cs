using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Application.InMemory;

/// <summary>
/// The state behind every in-memory adapter: a set of immutable tables published atomically.
/// For application tests, for vendors' own tests, and for hosts that need no durability.
/// </summary>
/// <remarks>
/// <para>
/// <b>Isolation:</b> writers are serialised by one lock held for a whole unit of work; each works on
/// a private copy of the state (cheap: the tables are persistent immutable dictionaries) and
/// publishes it atomically on commit. Readers outside a unit of work see the last committed
/// state and never wait. A rolled-back unit of work leaves no trace.
/// </para>
/// <para><b>Thread safety:</b> all members are thread-safe. Register one instance as a singleton.</para>
/// </remarks>
public sealed class InMemoryStore
{
    private readonly SemaphoreSlim writer = new(1, 1);
    private ImmutableDictionary<string, object> committed = ImmutableDictionary<string, object>.Empty;

    /// <summary>The last committed state.</summary>
    internal ImmutableDictionary<string, object> Committed => Volatile.Read(ref committed);

    /// <summary>Waits for the writer lock and returns a transaction over a private copy of the committed state.</summary>
    internal async Task<InMemoryTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new InMemoryTransaction(Committed);
    }

    /// <summary>Publishes the transaction's state and releases the writer lock.</summary>
    internal void Commit(InMemoryTransaction transaction)
    {
        Volatile.Write(ref committed, transaction.State);
        writer.Release();
    }

    /// <summary>Discards the transaction's state and releases the writer lock.</summary>
    internal void Rollback() => writer.Release();

    /// <summary>Reads a table from a state; an absent table is empty.</summary>
    internal static ImmutableDictionary<(TenantId Tenant, TKey Key), TValue> Table<TKey, TValue>(ImmutableDictionary<string, object> state, string name)
        where TKey : notnull =>
        state.TryGetValue(name, out var table)
            ? (ImmutableDictionary<(TenantId, TKey), TValue>)table
            : ImmutableDictionary<(TenantId, TKey), TValue>.Empty;
}

/// <summary>The private, mutable view of one in-memory unit of work.</summary>
internal sealed class InMemoryTransaction
{
    internal InMemoryTransaction(ImmutableDictionary<string, object> state) => State = state;

    internal ImmutableDictionary<string, object> State { get; set; }
}
