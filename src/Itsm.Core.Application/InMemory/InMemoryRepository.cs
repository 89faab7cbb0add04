using System.Collections.Immutable;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Core.Application.InMemory;

/// <summary>
/// The shared mechanics of an in-memory repository: one table of immutable records keyed by
/// tenant and identifier, optimistic concurrency by version, and transactional writes through
/// the scope's <see cref="InMemoryUnitOfWork"/>. Each port's in-memory adapter derives from it.
/// </summary>
/// <typeparam name="TKey">The record's identifier type.</typeparam>
/// <typeparam name="TRecord">The stored record: an immutable snapshot of an aggregate.</typeparam>
/// <remarks>
/// Every member takes the tenant, and a tenant's key never matches another tenant's row, so one
/// tenant can never read or change another's records, even with a guessed identifier.
/// </remarks>
public abstract class InMemoryRepository<TKey, TRecord>
    where TKey : notnull
{
    private readonly string tableName;

    /// <summary>Creates the repository over table <paramref name="tableName"/>.</summary>
    protected InMemoryRepository(InMemoryUnitOfWork unitOfWork, string tableName)
    {
        UnitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));
        this.tableName = tableName ?? throw new ArgumentNullException(nameof(tableName));
    }

    /// <summary>The scope's unit of work.</summary>
    protected InMemoryUnitOfWork UnitOfWork { get; }

    /// <summary>The kind of record in audit records (<see cref="AuditedWrite.Aggregate"/>): the record type's name without <c>Snapshot</c>, as the SQL adapters name it.</summary>
    protected virtual string AuditName => AuditTrail.AggregateName(typeof(TRecord).Name);

    /// <summary>The record with key <paramref name="key"/> in <paramref name="tenant"/>, or null.</summary>
    protected Versioned<TRecord>? Find(TenantId tenant, TKey key) =>
        Table(UnitOfWork.ReadState()).GetValueOrDefault((tenant, key));

    /// <summary>Every record of <paramref name="tenant"/>, in no particular order.</summary>
    protected IEnumerable<Versioned<TRecord>> All(TenantId tenant) =>
        Table(UnitOfWork.ReadState()).Where(pair => pair.Key.Tenant == tenant).Select(pair => pair.Value);

    /// <summary>Stores a new record at version 1; <c>Conflict</c> when the key is taken.</summary>
    protected Task<Result> InsertAsync(TenantId tenant, TKey key, TRecord record, CancellationToken cancellationToken) =>
        UnitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                if (table.ContainsKey((tenant, key)))
                {
                    return (state, Failure.Conflict($"{typeof(TRecord).Name} '{key}' already exists.", "record.exists"));
                }

                UnitOfWork.Trail.Written(AuditName, key.ToString() ?? string.Empty, 0, 1);
                return (state.SetItem(tableName, table.SetItem((tenant, key), new Versioned<TRecord>(record, 1))), Result.Success());
            },
            cancellationToken);

    /// <summary>Stores new records at version 1, all or none: <c>Conflict</c> naming the taken keys when any exists.</summary>
    protected Task<Result> InsertAllAsync(TenantId tenant, IReadOnlyList<(TKey Key, TRecord Record)> records, CancellationToken cancellationToken) =>
        UnitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                var taken = records.Where(r => table.ContainsKey((tenant, r.Key))).Select(r => $"'{r.Key}'").ToList();
                if (taken.Count > 0 || records.Select(r => r.Key).Distinct().Count() != records.Count)
                {
                    var which = taken.Count > 0 ? string.Join(", ", taken.Take(5)) : "some keys (given twice)";
                    return (state, Failure.Conflict($"{typeof(TRecord).Name} {which} already exists.", "record.exists"));
                }

                var added = table.SetItems(records.Select(r => KeyValuePair.Create((tenant, r.Key), new Versioned<TRecord>(r.Record, 1))));
                return (state.SetItem(tableName, added), Result.Success());
            },
            cancellationToken);

    /// <summary>
    /// Replaces a record if it is still at <paramref name="expectedVersion"/>, storing it at the next
    /// version: <c>NotFound</c> when it does not exist, <c>Conflict</c> when someone saved it in between.
    /// </summary>
    protected Task<Result> UpdateAsync(TenantId tenant, TKey key, TRecord record, long expectedVersion, CancellationToken cancellationToken) =>
        UnitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                if (!table.TryGetValue((tenant, key), out var current))
                {
                    return (state, Failure.NotFound($"{typeof(TRecord).Name} '{key}' does not exist.", "record.not-found"));
                }

                if (current.Version != expectedVersion)
                {
                    return (state, Failure.Conflict(
                        $"{typeof(TRecord).Name} '{key}' was changed by someone else (version {current.Version}, you had {expectedVersion}); reload and try again.",
                        "record.version-conflict"));
                }

                var next = new Versioned<TRecord>(record, expectedVersion + 1);
                UnitOfWork.Trail.Written(AuditName, key.ToString() ?? string.Empty, expectedVersion, expectedVersion + 1);
                return (state.SetItem(tableName, table.SetItem((tenant, key), next)), Result.Success());
            },
            cancellationToken);

    private ImmutableDictionary<(TenantId Tenant, TKey Key), Versioned<TRecord>> Table(ImmutableDictionary<string, object> state) =>
        InMemoryStore.Table<TKey, Versioned<TRecord>>(state, tableName);
}
