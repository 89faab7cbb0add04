using System.Data;
using System.Data.Common;
using Itsm.Core.Application.Common;
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
    private const string ForeignCode = "store.foreign";

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

    public override string JoinedText(string expression) => $"group_concat({expression}, char(31))";

    /// <inheritdoc />
    public override string JsonTextArrayContains(string document, string property, string parameter) =>
        $"EXISTS (SELECT 1 FROM json_each({document}, '$.{property}') j WHERE j.value = {parameter})";

    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table";

    /// <summary>
    /// A missing file becomes a new store. An existing one must be a SQLite database (its first 16
    /// bytes say so: a zero-byte or foreign file is refused, never replaced) that is empty or holds
    /// Itsm.Core's migration history (another application's database is refused, never taken over).
    /// </summary>
    public override async Task CheckStoreAsync(CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(path))
        {
            return;
        }

        // Another process creating the store right now leaves the file empty for a moment: wait for it.
        for (var wait = 0; wait < 20 && new FileInfo(path).Length == 0; wait++)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        var header = new byte[16];
        int read;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await using (file.ConfigureAwait(false))
        {
            read = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual("SQLite format 3\0"u8))
        {
            throw new StoreRefusedException(
                $"'{path}' is not an Itsm.Core store: {(read == 0 ? "it is an empty (zero-byte) file" : "it is not a SQLite database")}. " +
                "It was left untouched; restore it from a backup, or move it away to start a new store there.",
                errorCode: ForeignCode);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText =
                    "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'itsm_schema_migrations'), " +
                    "(SELECT COUNT(*) FROM sqlite_master WHERE type = 'table')";
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (reader.GetInt64(0) == 0 && reader.GetInt64(1) > 0)
                    {
                        throw new StoreRefusedException(
                            $"'{path}' is a SQLite database of another application (it has tables but no Itsm.Core migration history). It was left untouched.",
                            errorCode: ForeignCode);
                    }
                }
            }
        }
    }

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
