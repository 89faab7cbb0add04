using Itsm.Core.Application;
using Itsm.Core.Persistence.Relational;
using Itsm.Core.Persistence.Relational.Schema;
using Npgsql;
using NodaTime;

namespace Itsm.Core.Persistence.PostgreSql;

/// <summary>
/// The production persistence adapter: every Itsm.Core port stored in PostgreSQL, for vendors with
/// many users, several application servers, and PostgreSQL's replication and backups. A connection
/// string is all the set-up; the schema is migrated at start-up unless told otherwise.
/// </summary>
/// <remarks>
/// <para>
/// One command is one transaction (read committed; optimistic concurrency on every aggregate's
/// version, so a concurrent update loses with Conflict instead of overwriting); every statement is
/// scoped by tenant; the audit log rejects updates, deletes and truncation through triggers. Tables
/// are created in the connection's schema (its <c>search_path</c>), so several stores can share one
/// database by schema.
/// </para>
/// <para>Thread-safe: register once; each dependency-injection scope takes a pooled connection.</para>
/// </remarks>
public static class PostgreSqlPersistence
{
    /// <summary>
    /// Stores every record in the PostgreSQL database at <paramref name="connectionString"/>,
    /// replacing the in-memory adapters <c>AddItsmCore</c> registered.
    /// </summary>
    /// <param name="builder">What <c>services.AddItsmCore()</c> returned.</param>
    /// <param name="connectionString">An Npgsql connection string, such as <c>Host=db;Database=itsm;Username=itsm;Password=...</c>.</param>
    /// <param name="configure">Adjusts the <see cref="PersistenceOptions"/>; may be null.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is not a valid connection string.</exception>
    public static ItsmCoreBuilder UsePostgreSql(this ItsmCoreBuilder builder, string connectionString, Action<PersistenceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PersistenceOptions();
        configure?.Invoke(options);
        return builder.UseRelational(new PostgreSqlDialect(Validated(connectionString)), options);
    }

    /// <summary>
    /// Applies the schema migrations the database lacks and returns the versions applied: empty when
    /// it was up to date. Safe to run from several processes at once. For deployments that migrate
    /// ahead of time instead of at start-up.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is not a valid connection string.</exception>
    public static Task<IReadOnlyList<long>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default) =>
        new SchemaMigrator(new PostgreSqlDialect(Validated(connectionString)), SystemClock.Instance).MigrateAsync(cancellationToken);

    /// <summary>
    /// Grants <paramref name="applicationRole"/> what the application needs and nothing more, on the
    /// tables of the connection's schema: read and write on the aggregate tables, only
    /// <c>SELECT</c> and <c>INSERT</c> on <c>audit_log</c>, only <c>SELECT</c> on the migration history.
    /// Run it as the owner role that migrated the schema, after every migration (new tables need their grants).
    /// </summary>
    /// <remarks>
    /// <para>The separation that makes the audit log trustworthy against the application's own database
    /// user: the owner role runs <see cref="MigrateAsync"/> and owns the tables and their triggers; the
    /// application connects as <paramref name="applicationRole"/> with
    /// <see cref="PersistenceOptions.ApplyMigrationsOnStartup"/> off. That role cannot update, delete or
    /// truncate audit records, nor disable, drop or replace the triggers that refuse out-of-order inserts,
    /// since only a table's owner may alter it. See <c>docs/security.md</c>.</para>
    /// </remarks>
    /// <param name="ownerConnectionString">A connection string of the owner role, with the store's schema first in its search path.</param>
    /// <param name="applicationRole">The application's role, which must exist.</param>
    /// <param name="cancellationToken">Cancels the grants.</param>
    /// <returns>A task that completes when the grants are committed.</returns>
    /// <exception cref="ArgumentException">The connection string is not valid, or <paramref name="applicationRole"/> is empty.</exception>
    public static async Task GrantApplicationRoleAsync(string ownerConnectionString, string applicationRole, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationRole);
        var role = "\"" + applicationRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var connection = new NpgsqlConnection(Validated(ownerConnectionString));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var tables = new List<string>();
            string schema;
            var list = connection.CreateCommand();
            await using (list.ConfigureAwait(false))
            {
                list.CommandText = "SELECT current_schema()";
                schema = (string)(await list.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                list.CommandText = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
                var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        tables.Add(reader.GetString(0));
                    }
                }
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var statements = new List<string> { $"GRANT USAGE ON SCHEMA \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\" TO {role}" };
                foreach (var table in tables)
                {
                    var privileges = table switch
                    {
                        "audit_log" => "SELECT, INSERT",
                        "itsm_schema_migrations" => "SELECT",
                        _ => "SELECT, INSERT, UPDATE, DELETE",
                    };
                    var name = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                    statements.Add($"REVOKE ALL ON {name} FROM {role}");
                    statements.Add($"GRANT {privileges} ON {name} TO {role}");
                }

                foreach (var statement in statements)
                {
                    var grant = connection.CreateCommand();
                    await using (grant.ConfigureAwait(false))
                    {
                        grant.Transaction = transaction;
                        grant.CommandText = statement;
                        await grant.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Validated(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid (it is not repeated here, as it may hold a password): {exception.Message}", nameof(connectionString), exception);
        }
    }
}
