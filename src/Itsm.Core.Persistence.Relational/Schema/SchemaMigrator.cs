using System.Data.Common;
using System.Globalization;
using NodaTime;

namespace Itsm.Core.Persistence.Relational.Schema;

/// <summary>
/// Applies the schema migrations a store lacks, in order, each in its own transaction, and records
/// them in <c>itsm_schema_migrations</c>. Idempotent: running it on an up-to-date store changes
/// nothing, and two processes migrating at once apply each migration exactly once.
/// </summary>
/// <remarks>Thread-safe; stateless apart from the dialect.</remarks>
internal sealed class SchemaMigrator
{
    private const string CreateHistory =
        "CREATE TABLE IF NOT EXISTS itsm_schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    private readonly SqlDialect dialect;
    private readonly IClock clock;

    public SchemaMigrator(SqlDialect dialect, IClock clock)
    {
        this.dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The newest schema version this library knows.</summary>
    public long LatestVersion => Migrations.For(dialect)[^1].Version;

    /// <summary>Applies every missing migration; returns the versions it applied (empty when the store was up to date).</summary>
    /// <exception cref="Application.Common.StoreRefusedException">The store is foreign, or was migrated by a newer library than this one.</exception>
    public async Task<IReadOnlyList<long>> MigrateAsync(CancellationToken cancellationToken)
    {
        await dialect.CheckStoreAsync(cancellationToken).ConfigureAwait(false);
        var connection = dialect.CreateConnection();
        await using (connection.ConfigureAwait(false))
        {
            await dialect.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
            if (dialect.StoreSetupSql is { } setup)
            {
                await ExecuteAsync(connection, null, setup, cancellationToken).ConfigureAwait(false);
            }

            var applied = new List<long>();
            foreach (var migration in Migrations.For(dialect))
            {
                var transaction = await dialect.BeginTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (dialect.MigrationLockSql is { } lockSql)
                    {
                        await ExecuteAsync(connection, transaction, lockSql, cancellationToken).ConfigureAwait(false);
                    }

                    // Under the lock: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin.
                    await ExecuteAsync(connection, transaction, CreateHistory, cancellationToken).ConfigureAwait(false);

                    var newest = await NewestAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                    if (newest > LatestVersion)
                    {
                        throw new Application.Common.StoreRefusedException(
                            $"The {dialect.EngineName} store is at schema version {newest}, newer than this library's {LatestVersion}; upgrade Itsm.Core.",
                            errorCode: "store.schema-newer");
                    }

                    if (await IsAppliedAsync(connection, transaction, migration.Version, cancellationToken).ConfigureAwait(false))
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    foreach (var statement in migration.Statements)
                    {
                        await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                    }

                    var record = connection.CreateCommand();
                    await using (record.ConfigureAwait(false))
                    {
                        record.Transaction = transaction;
                        record.CommandText = "INSERT INTO itsm_schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
                        Sql.Add(record, "version", migration.Version);
                        Sql.Add(record, "name", migration.Name);
                        Sql.Add(record, "at", Sql.FromInstant(clock.GetCurrentInstant()));
                        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    applied.Add(migration.Version);
                }
            }

            return applied;
        }
    }

    /// <summary>The versions recorded as applied, oldest first (empty for a new store).</summary>
    public async Task<IReadOnlyList<long>> AppliedAsync(CancellationToken cancellationToken)
    {
        await dialect.CheckStoreAsync(cancellationToken).ConfigureAwait(false);
        var connection = dialect.CreateConnection();
        await using (connection.ConfigureAwait(false))
        {
            await dialect.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
            if (dialect.StoreSetupSql is { } setup)
            {
                await ExecuteAsync(connection, null, setup, cancellationToken).ConfigureAwait(false);
            }

            // Only reads: an application role without CREATE privilege (migrations run by the owner) must pass.
            var exists = connection.CreateCommand();
            await using (exists.ConfigureAwait(false))
            {
                exists.CommandText = dialect.TableExistsSql;
                Sql.Add(exists, "table", "itsm_schema_migrations");
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
                {
                    return [];
                }
            }

            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT version FROM itsm_schema_migrations ORDER BY version";
                var versions = new List<long>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        versions.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
                    }
                }

                return versions;
            }
        }
    }

    private static async Task<long> NewestAppliedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM itsm_schema_migrations";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, long version, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT COUNT(*) FROM itsm_schema_migrations WHERE version = @version";
            Sql.Add(command, "version", version);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
