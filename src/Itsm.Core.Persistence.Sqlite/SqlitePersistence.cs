using Itsm.Core.Application;
using Itsm.Core.Persistence.Relational;
using Itsm.Core.Persistence.Relational.Schema;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Itsm.Core.Persistence.Sqlite;

/// <summary>
/// The embedded persistence adapter: every Itsm.Core port stored in one SQLite file, created on
/// first use, in write-ahead-logging mode. No server and no set-up.
/// </summary>
/// <remarks>
/// <para>
/// One command is one transaction; optimistic concurrency on every aggregate; every statement is
/// scoped by tenant; the audit log rejects updates and deletes. Several processes may share the
/// file (SQLite serialises writers); for many users or several application servers, use
/// <c>Itsm.Core.Persistence.PostgreSql</c>.
/// </para>
/// <para>Thread-safe: register once; each dependency-injection scope gets its own connection.</para>
/// </remarks>
public static class SqlitePersistence
{
    /// <summary>
    /// Stores every record in the SQLite file at <paramref name="databasePath"/> (its directory is
    /// created if missing), replacing the in-memory adapters <c>AddItsmCore</c> registered.
    /// </summary>
    /// <param name="builder">What <c>services.AddItsmCore()</c> returned.</param>
    /// <param name="databasePath">The database file, such as <c>data/itsm.db</c>.</param>
    /// <param name="configure">Adjusts the <see cref="PersistenceOptions"/>; may be null.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="databasePath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="databasePath"/> is empty or white space.</exception>
    public static ItsmCoreBuilder UseSqlite(this ItsmCoreBuilder builder, string databasePath, Action<PersistenceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PersistenceOptions();
        configure?.Invoke(options);
        return builder.UseRelational(new SqliteDialect(ConnectionString(databasePath)), options);
    }

    /// <summary>
    /// Applies the schema migrations the database at <paramref name="databasePath"/> lacks (creating
    /// the file if needed) and returns the versions applied: empty when it was up to date. For
    /// deployments that migrate ahead of time instead of at start-up.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="databasePath"/> is empty or white space.</exception>
    public static Task<IReadOnlyList<long>> MigrateAsync(string databasePath, CancellationToken cancellationToken = default) =>
        new SchemaMigrator(new SqliteDialect(ConnectionString(databasePath)), SystemClock.Instance).MigrateAsync(cancellationToken);

    private static string ConnectionString(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var full = Path.GetFullPath(databasePath);
        if (Path.GetDirectoryName(full) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
