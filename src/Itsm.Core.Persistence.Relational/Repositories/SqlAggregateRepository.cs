using System.Data.Common;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// How one kind of aggregate is stored: its snapshot as a JSON document in <see cref="Table"/>, keyed by
/// <c>key</c>, with the indexed columns <c>columns</c> derives from the snapshot. Every read is validated
/// (<see cref="DocumentTable.Restore"/>): the document, its key and its columns must agree, and the
/// record must meet its input's rules (<see cref="StoredRecordRules"/>, applied by <c>restore</c>); <c>storedColumns</c>,
/// when given, is what a read row must hold (the written columns and the table's derived child sets).
/// </summary>
/// <typeparam name="TId">The aggregate's identifier.</typeparam>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TSnapshot">Its stored form.</typeparam>
internal sealed class AggregateDocuments<TId, TAggregate, TSnapshot>(
    DocumentTable table,
    Func<TId, string> key,
    Func<TAggregate, TId> idOf,
    Func<TAggregate, TSnapshot> snapshot,
    Func<TSnapshot, StoredRecordRules, TAggregate> restore,
    Func<TSnapshot, object?[]> columns,
    Func<TAggregate, IReadOnlyList<object?>>? storedColumns = null)
    where TAggregate : class
{
    /// <summary>The table.</summary>
    public DocumentTable Table => table;

    /// <summary>The read-back check of the table, for the store scan.</summary>
    public DocumentCheck Check => new(table, (tenant, row, rules) => Restore(tenant, row, rules));

    /// <summary>The stored key of <paramref name="id"/>.</summary>
    public string Key(TId id) => key(id);

    /// <summary>Restores one stored row, validated against <paramref name="rules"/>.</summary>
    public Versioned<TAggregate> Restore(TenantId tenant, StoredDocument stored, StoredRecordRules rules) =>
        table.Restore(tenant, stored, document => restore(SnapshotJson.Deserialize<TSnapshot>(document), rules), a => key(idOf(a)), storedColumns ?? (a => columns(snapshot(a))));

    /// <summary>The key, document and column values to write for <paramref name="aggregate"/>.</summary>
    public (string Key, string Document, object?[] Columns) Write(TAggregate aggregate)
    {
        var stored = snapshot(aggregate);
        return (key(idOf(aggregate)), SnapshotJson.Serialize(stored), columns(stored));
    }
}

/// <summary>
/// The relational <see cref="IAggregateRepository{TId, TAggregate}"/> over one <see cref="AggregateDocuments{TId, TAggregate, TSnapshot}"/>.
/// The incident, SLA definition and change adapters derive from it and add their specification's SQL translation;
/// one that keeps more rows per aggregate (the change's <c>change_items</c>) writes them in <see cref="WriteDerivedAsync"/>,
/// in the same write.
/// </summary>
/// <typeparam name="TId">The aggregate's identifier.</typeparam>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TSnapshot">Its stored form.</typeparam>
internal abstract class SqlAggregateRepository<TId, TAggregate, TSnapshot>(RelationalSession session, AggregateDocuments<TId, TAggregate, TSnapshot> documents, StoredRecordRules rules)
    : IAggregateRepository<TId, TAggregate>
    where TId : notnull
    where TAggregate : class
{
    /// <summary>The SQL dialect of the store, for translations that differ between engines.</summary>
    protected SqlDialect Dialect => session.Dialect;

    /// <inheritdoc />
    public async Task<Versioned<TAggregate>?> GetAsync(TenantId tenant, TId id, CancellationToken cancellationToken)
    {
        var stored = await documents.Table.GetAsync(session, tenant, documents.Key(id), cancellationToken).ConfigureAwait(false);
        return stored is { } found ? documents.Restore(tenant, found, rules) : null;
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, TAggregate aggregate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var (key, document, columns) = documents.Write(aggregate);
        return session.WriteAsync(
            async command =>
            {
                var inserted = await documents.Table.InsertAsync(session, command, tenant, key, document, columns, cancellationToken).ConfigureAwait(false);
                return inserted.IsSuccess ? await WriteDerivedAsync(command, tenant, aggregate, cancellationToken).ConfigureAwait(false) : inserted;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, TAggregate aggregate, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var (key, document, columns) = documents.Write(aggregate);
        return session.WriteAsync(
            async command =>
            {
                var updated = await documents.Table.UpdateAsync(session, command, tenant, key, document, columns, expectedVersion, cancellationToken).ConfigureAwait(false);
                return updated.IsSuccess ? await WriteDerivedAsync(command, tenant, aggregate, cancellationToken).ConfigureAwait(false) : updated;
            },
            cancellationToken);
    }

    /// <summary>Writes the rows derived from <paramref name="aggregate"/> besides its document, in the same write; none by default.</summary>
    protected virtual Task<Result> WriteDerivedAsync(Func<DbCommand> newCommand, TenantId tenant, TAggregate aggregate, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success());

    /// <summary>The rows <paramref name="query"/> selects, each restored and validated.</summary>
    protected async Task<IReadOnlyList<Versioned<TAggregate>>> QueryAsync(TenantId tenant, SqlQuery query, CancellationToken cancellationToken)
    {
        var rows = await documents.Table.QueryAsync(session, tenant, query, cancellationToken).ConfigureAwait(false);
        return rows.Select(row => documents.Restore(tenant, row, rules)).ToList();
    }
}
