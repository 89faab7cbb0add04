using System.Data.Common;

namespace Itsm.Core.Persistence.Relational;

/// <summary>
/// What differs between the database engines behind the relational adapters. Everything else (the
/// tables, the statements, the repositories) is written once in portable SQL: <c>BIGINT</c> and
/// <c>TEXT</c> columns, <c>INSERT ... ON CONFLICT</c>, <c>RETURNING</c>, <c>LIMIT/OFFSET</c>, which
/// SQLite (3.35 and later) and PostgreSQL both understand.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe; one instance serves a whole application.</remarks>
internal abstract class SqlDialect
{
    /// <summary>The engine's name for messages, such as <c>SQLite</c>.</summary>
    public abstract string EngineName { get; }

    /// <summary>
    /// The column type of identifiers and other keys that must sort and compare ordinally (byte by
    /// byte), the way .NET's ordinal comparison does, whatever the database's default collation.
    /// </summary>
    public abstract string KeyTextType { get; }

    /// <summary>Creates a new, closed connection to the store.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>
    /// Opens <paramref name="connection"/> and prepares it for use (per-connection settings).
    /// </summary>
    public virtual async Task OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Begins the transaction of one unit of work. SQLite takes the write lock at once
    /// (<c>BEGIN IMMEDIATE</c>) so that two writers never deadlock upgrading a read lock.
    /// </summary>
    public virtual async Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A statement, run first inside the migration transaction, that serialises concurrent
    /// migrators (two application servers starting at once); null when the transaction itself does.
    /// </summary>
    public abstract string? MigrationLockSql { get; }

    /// <summary>
    /// A statement that sets a persistent property of the store (SQLite's write-ahead log), run once
    /// per process by the schema check before the first command instead of on every connection; null for none.
    /// </summary>
    public virtual string? StoreSetupSql => null;

    /// <summary>The statements that make <c>audit_log</c> reject every <c>UPDATE</c> and <c>DELETE</c>.</summary>
    public abstract IReadOnlyList<string> AppendOnlyAuditSql { get; }

    /// <summary>
    /// The statements that make <c>audit_log</c> reject an insert that does not take the tenant's next
    /// sequence: a replace of an existing record (SQLite's <c>INSERT OR REPLACE</c>, which deletes
    /// without firing delete triggers) and a forged record out of order.
    /// </summary>
    public abstract IReadOnlyList<string> InOrderAuditSql { get; }

    /// <summary>
    /// Checks, before the schema is migrated or read, that the store is an Itsm.Core store or empty,
    /// so that a foreign or damaged store is refused instead of being taken over or replaced.
    /// </summary>
    /// <exception cref="Application.Common.StoreRefusedException">The store is not an Itsm.Core store (<c>store.foreign</c>).</exception>
    public virtual Task CheckStoreAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// An aggregate joining the text values of <paramref name="expression"/> over a group into one text,
    /// separated by U+001F (which no identifier can hold), in no particular order; NULL over no rows.
    /// </summary>
    public virtual string JoinedText(string expression) => $"string_agg({expression}, chr(31))";

    /// <summary>
    /// A condition true when the JSON array <paramref name="property"/> (a top-level property of the stored document
    /// <paramref name="document"/>) holds the text <paramref name="parameter"/>: for filters on a set of identifiers the
    /// document is the only place of (a known error's services).
    /// </summary>
    public virtual string JsonTextArrayContains(string document, string property, string parameter) =>
        $"(CAST({document} AS jsonb) -> '{property}') @> jsonb_build_array(CAST({parameter} AS text))";

    /// <summary>A query answering one row with a true or non-zero value when table <c>@table</c> exists in the connection's schema.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>
    /// Rows per multi-row <c>INSERT</c> of a bulk write. Measured with <c>itsm store throughput</c>
    /// (100,000 items and as many relationships): SQLite binds parameters by name, so a statement's
    /// cost grows with the square of its parameters and 100 rows (500 parameters) is best there;
    /// PostgreSQL pays per statement, and 1,000 rows imported four times faster than 100.
    /// </summary>
    public virtual int BulkRowsPerStatement => 100;
}
