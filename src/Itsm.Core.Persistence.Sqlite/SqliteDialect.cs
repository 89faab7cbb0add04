using System.Data;
using System.Data.Common;
using Itsm.Core.Persistence.Relational;
using Microsoft.Data.Sqlite;

namespace Itsm.Core.Persistence.Sqlite;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite: one file, write-ahead logging so readers never block the
/// writer, and unit-of-work transactions that take the write lock at once (<c>BEGIN IMMEDIATE</c>)
/// so concurrent writers queue (for up to the busy timeout) instead of deadlocking.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string connectionString;

    public SqliteDialect(string connectionString) => this.connectionString = connectionString;

    public override string EngineName => "SQLite";

    public override string KeyTextType => "TEXT";

    public override string? MigrationLockSql => null;

    /// <summary>Write-ahead logging is a property of the database file: set once, it stays.</summary>
    public override string? StoreSetupSql => "PRAGMA journal_mode = WAL";

    public override IReadOnlyList<string> AppendOnlyAuditSql { get; } =
    [
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ];

    public override IReadOnlyList<string> InOrderAuditSql { get; } =
    [
        "CREATE TRIGGER audit_log_in_order BEFORE INSERT ON audit_log " +
        "WHEN NEW.sequence IS NOT (SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit_log WHERE tenant = NEW.tenant) " +
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a record must take the next sequence of its tenant'); END",
    ];

    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table";

    public override DbConnection CreateConnection() => new SqliteConnection(connectionString);

    public override async Task OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await base.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
        var pragma = connection.CreateCommand();
        await using (pragma.ConfigureAwait(false))
        {
            pragma.CommandText = "PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
    }
}
