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
