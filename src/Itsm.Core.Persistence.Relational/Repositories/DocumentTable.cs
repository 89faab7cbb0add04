using System.Data.Common;
using System.Text;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>A stored document as read: its key, its JSON, its optimistic-concurrency version and its query columns.</summary>
/// <param name="Id">The key column.</param>
/// <param name="Document">The JSON text.</param>
/// <param name="Version">1 after the first save, one more after each update.</param>
/// <param name="Columns">The query columns as stored, in the table's order.</param>
internal readonly record struct StoredDocument(string Id, string Document, long Version, IReadOnlyList<object?> Columns);

/// <summary>
/// The statements of one table of aggregates stored as documents: the key is (tenant, id), the
/// document is the truth, and the query columns (derived from the document on every write) are
/// what specifications filter and sort by.
/// </summary>
/// <remarks>
/// <para><b>Tenancy:</b> every statement has <c>tenant = @tenant</c> in its key or filter, so no
/// statement can read or change another tenant's row, whatever id it is given.</para>
/// <para><b>Concurrency:</b> an insert of an existing key does nothing and reports Conflict (no
/// exception, so a PostgreSQL transaction stays usable); an update matches the expected version in
/// its <c>WHERE</c> clause, so of two writers that read the same version exactly one wins and the
/// other gets Conflict.</para>
/// <para><b>Read back:</b> <see cref="Restore"/> holds what comes back from storage to the same rules
/// as what goes in: the key must match the document, the version must be positive (and below
/// <see cref="long.MaxValue"/>, so the next update cannot overflow), every query column must equal the
/// value derived from the document, and the document must restore through the domain's own
/// validation. A record that does not is a <see cref="StoredRecordException"/> naming the table and key,
/// which the dispatcher answers as an Error result; other records are unaffected. Tables added later
/// follow the same pattern: read through <see cref="GetAsync"/> or <see cref="QueryAsync"/>, restore through <see cref="Restore"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
internal sealed class DocumentTable
{
    private readonly string table;
    private readonly string recordName;
    private readonly IReadOnlyList<string> columns;
    private readonly IReadOnlyList<DerivedSet> sets;
    private readonly string insertSql;
    private readonly string updateSql;
    private readonly string selectList;

    public DocumentTable(string table, string recordName, params string[] columns)
        : this(table, recordName, columns, [])
    {
    }

    private DocumentTable(string table, string recordName, string[] columns, IReadOnlyList<DerivedSet> sets)
    {
        this.table = table;
        this.recordName = recordName;
        this.columns = columns;
        this.sets = sets;
        var names = string.Concat(columns.Select(c => ", " + c));
        var values = string.Concat(columns.Select((_, i) => $", @c{i}"));
        insertSql = $"INSERT INTO {table} (tenant, id, version, document{names}) VALUES (@tenant, @id, 1, @document{values}) ON CONFLICT (tenant, id) DO NOTHING";
        var assignments = string.Concat(columns.Select((c, i) => $", {c} = @c{i}"));
        updateSql = $"UPDATE {table} SET version = version + 1, document = @document{assignments} WHERE tenant = @tenant AND id = @id AND version = @expected";
        selectList = "t.id, t.document, t.version" + string.Concat(columns.Select(c => ", t." + c));
    }

    /// <summary>
    /// This table with a set of values kept in a child table <paramref name="childTable"/> (such as a
    /// change's affected items in <c>change_items</c>), read back with every row and checked like a
    /// query column: <see cref="Restore"/>'s <c>columnsOf</c> then gives, after the query columns, the
    /// set the document derives (<see cref="SetText"/>), and a row whose child rows differ from it fails.
    /// </summary>
    /// <param name="childTable">The child table, keyed by <c>tenant</c> and <paramref name="keyColumn"/>.</param>
    /// <param name="keyColumn">The child table's column holding this table's id.</param>
    /// <param name="valueColumn">The child table's column of set members (identifiers, which cannot hold U+001F).</param>
    public DocumentTable WithChildSet(string childTable, string keyColumn, string valueColumn) =>
        new(table, recordName, [.. columns], [.. sets, new DerivedSet(childTable, keyColumn, valueColumn)]);

    /// <summary>The text a set of values is compared as: sorted ordinally, as a JSON array (unambiguous and readable in messages).</summary>
    public static string SetText(IEnumerable<string> values) =>
        System.Text.Json.JsonSerializer.Serialize(values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    private string SelectList(SqlDialect dialect) =>
        selectList + string.Concat(sets.Select(d =>
            $", (SELECT {dialect.JoinedText("c." + d.ValueColumn)} FROM {d.ChildTable} c WHERE c.tenant = t.tenant AND c.{d.KeyColumn} = t.id)"));

    /// <summary>
    /// Restores <paramref name="stored"/> with <paramref name="restore"/> (deserialise, then the domain's
    /// own restore and its validation) and checks it against what the row says: the key, the version,
    /// and each query column against <paramref name="columnsOf"/> of the restored record.
    /// </summary>
    /// <typeparam name="T">The restored record.</typeparam>
    /// <param name="tenant">The tenant it was read for.</param>
    /// <param name="stored">The row.</param>
    /// <param name="restore">Reads the document; may throw for a document that is not a valid record.</param>
    /// <param name="keyOf">The key the restored record says it has (null when the document holds no key).</param>
    /// <param name="columnsOf">The query columns the record derives, as written on save.</param>
    /// <returns>The record with its version.</returns>
    /// <exception cref="StoredRecordException">The row fails any check.</exception>
    public Versioned<T> Restore<T>(TenantId tenant, StoredDocument stored, Func<string, T> restore, Func<T, string?> keyOf, Func<T, IReadOnlyList<object?>> columnsOf)
    {
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(keyOf);
        ArgumentNullException.ThrowIfNull(columnsOf);
        if (stored.Version is < 1 or long.MaxValue)
        {
            throw Invalid(tenant, stored.Id, $"its version {stored.Version} is out of range (1 to {long.MaxValue - 1}).");
        }

        T record;
        try
        {
            record = restore(stored.Document);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not StoredRecordException and not OutOfMemoryException)
        {
            throw new StoredRecordException(table, Key(tenant, stored.Id), $"its document is not a valid {recordName}: {exception.Message}", exception);
        }

        if (keyOf(record) is { } key && !string.Equals(key, stored.Id, StringComparison.Ordinal))
        {
            throw Invalid(tenant, stored.Id, $"its document is the record '{key}'.");
        }

        var derived = columnsOf(record);
        for (var i = 0; i < columns.Count + sets.Count; i++)
        {
            var expected = Normalise(derived[i]);
            var actual = Normalise(stored.Columns[i]);
            if (!Equals(expected, actual))
            {
                var what = i < columns.Count ? $"column {columns[i]}" : $"rows in {sets[i - columns.Count].ChildTable}";
                throw Invalid(tenant, stored.Id, $"its {what} say{(i < columns.Count ? "s" : string.Empty)} {actual ?? "NULL"} but its document says {expected ?? "NULL"}.");
            }
        }

        return new Versioned<T>(record, stored.Version);
    }

    /// <summary>The failure of the record <paramref name="id"/>, naming this table.</summary>
    public StoredRecordException Invalid(TenantId tenant, string id, string reason) => new(table, Key(tenant, id), reason);

    private static string Key(TenantId tenant, string id) => $"({tenant.Value}, {id})";

    private static object? Normalise(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        long or int or short or byte => Sql.ToInt64(value),
        _ => value,
    };

    private StoredDocument Read(DbDataReader reader, TenantId tenant)
    {
        var id = reader.GetString(0);
        try
        {
            var values = new object?[columns.Count + sets.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = reader.IsDBNull(3 + i) ? null : reader.GetValue(3 + i);
            }

            for (var i = columns.Count; i < values.Length; i++)
            {
                values[i] = SetText(reader.IsDBNull(3 + i) ? [] : reader.GetString(3 + i).Split('\u001f'));
            }

            return new StoredDocument(id, reader.GetString(1), Sql.ToInt64(reader.GetValue(2)), values);
        }
        catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException)
        {
            throw new StoredRecordException(table, Key(tenant, id), $"its row cannot be read: {exception.Message}", exception);
        }
    }

    /// <summary>The table's name.</summary>
    public string Name => table;

    /// <summary>The document of <paramref name="id"/> in <paramref name="tenant"/>, or null.</summary>
    public Task<StoredDocument?> GetAsync(RelationalSession session, TenantId tenant, string id, CancellationToken cancellationToken) =>
        session.ReadAsync(
            async command =>
            {
                command.CommandText = $"SELECT {SelectList(session.Dialect)} FROM {table} t WHERE t.tenant = @tenant AND t.id = @id";
                Sql.Add(command, "tenant", tenant.Value);
                Sql.Add(command, "id", id);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                        ? Read(reader, tenant)
                        : (StoredDocument?)null;
                }
            },
            cancellationToken);

    /// <summary>The tenant's documents that <paramref name="query"/> selects, in its order and page.</summary>
    public Task<IReadOnlyList<StoredDocument>> QueryAsync(RelationalSession session, TenantId tenant, SqlQuery query, CancellationToken cancellationToken) =>
        session.ReadAsync(
            async command =>
            {
                var text = new StringBuilder($"SELECT {SelectList(session.Dialect)} FROM {table} t WHERE t.tenant = @tenant");
                foreach (var condition in query.Conditions)
                {
                    text.Append(" AND (").Append(condition).Append(')');
                }

                if (query.OrderBy.Count > 0)
                {
                    text.Append(" ORDER BY ").AppendJoin(", ", query.OrderBy);
                }

                if (query.Take is { } take)
                {
                    text.Append(" LIMIT @take OFFSET @skip");
                    Sql.Add(command, "take", (long)take);
                    Sql.Add(command, "skip", (long)query.Skip);
                }

                command.CommandText = text.ToString();
                Sql.Add(command, "tenant", tenant.Value);
                foreach (var (name, value) in query.Parameters)
                {
                    Sql.Add(command, name, value);
                }

                var found = new List<StoredDocument>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        found.Add(Read(reader, tenant));
                    }
                }

                return (IReadOnlyList<StoredDocument>)found;
            },
            cancellationToken);

    /// <summary>The kind of record in audit records: the record name without <c>Snapshot</c>.</summary>
    public string AuditName => AuditTrail.AggregateName(recordName);

    /// <summary>Stores a new document at version 1 as a write of its own (or of the session's unit of work); Conflict when the key is taken.</summary>
    public Task<Result> InsertAsync(RelationalSession session, TenantId tenant, string id, string document, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        session.WriteAsync(command => InsertAsync(session, command, tenant, id, document, values, cancellationToken), cancellationToken);

    /// <summary>Replaces a document still at <paramref name="expectedVersion"/> as a write of its own (or of the session's unit of work).</summary>
    public Task<Result> UpdateAsync(RelationalSession session, TenantId tenant, string id, string document, IReadOnlyList<object?> values, long expectedVersion, CancellationToken cancellationToken) =>
        session.WriteAsync(command => UpdateAsync(session, command, tenant, id, document, values, expectedVersion, cancellationToken), cancellationToken);

    /// <summary>Stores a new document at version 1 within a write of <paramref name="session"/>; Conflict when the key is taken.</summary>
    public async Task<Result> InsertAsync(RelationalSession session, Func<DbCommand> newCommand, TenantId tenant, string id, string document, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var command = Prepare(newCommand(), insertSql, tenant, id, document, values);
        await using (command.ConfigureAwait(false))
        {
            var inserted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (inserted != 1)
            {
                return Failure.Conflict($"{recordName} '{id}' already exists.", "record.exists");
            }

            session.Trail.Written(AuditName, id, 0, 1);
            return Result.Success();
        }
    }

    /// <summary>
    /// Replaces a document still at <paramref name="expectedVersion"/> and stores it at the next
    /// version within a write of <paramref name="session"/>: NotFound when it does not exist, Conflict
    /// when someone saved it in between.
    /// </summary>
    public async Task<Result> UpdateAsync(RelationalSession session, Func<DbCommand> newCommand, TenantId tenant, string id, string document, IReadOnlyList<object?> values, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var command = Prepare(newCommand(), updateSql, tenant, id, document, values);
        await using (command.ConfigureAwait(false))
        {
            Sql.Add(command, "expected", expectedVersion);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                session.Trail.Written(AuditName, id, expectedVersion, expectedVersion + 1);
                return Result.Success();
            }
        }

        var probe = newCommand();
        await using (probe.ConfigureAwait(false))
        {
            probe.CommandText = $"SELECT version FROM {table} WHERE tenant = @tenant AND id = @id";
            Sql.Add(probe, "tenant", tenant.Value);
            Sql.Add(probe, "id", id);
            var current = await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return current is null or DBNull
                ? Failure.NotFound($"{recordName} '{id}' does not exist.", "record.not-found")
                : Failure.Conflict(
                    $"{recordName} '{id}' was changed by someone else (version {Sql.ToInt64(current)}, you had {expectedVersion}); reload and try again.",
                    "record.version-conflict");
        }
    }

    private DbCommand Prepare(DbCommand command, string sql, TenantId tenant, string id, string document, IReadOnlyList<object?> values)
    {
        if (values.Count != columns.Count)
        {
            throw new ArgumentException($"{table} has {columns.Count} query columns but {values.Count} values were given.", nameof(values));
        }

        command.CommandText = sql;
        Sql.Add(command, "tenant", tenant.Value);
        Sql.Add(command, "id", id);
        Sql.Add(command, "document", document);
        for (var i = 0; i < values.Count; i++)
        {
            Sql.Add(command, $"c{i}", values[i]);
        }

        return command;
    }
}

/// <summary>A set of values a document table keeps in a child table, checked on read (<see cref="DocumentTable.WithChildSet"/>).</summary>
internal sealed record DerivedSet(string ChildTable, string KeyColumn, string ValueColumn);
