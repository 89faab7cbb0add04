using System.Data.Common;
using Itsm.Core.Application;
using Itsm.Core.Persistence.PostgreSql;
using Itsm.Core.Persistence.Relational;
using Itsm.Core.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Itsm.Core.Persistence.Tests.Stores;

/// <summary>One engine the contract suite runs against: how to register it, and a raw connection for the checks no port offers.</summary>
public abstract class StoreUnderTest
{
    /// <summary>The engine's name in test output.</summary>
    public abstract string Name { get; }

    /// <summary>True for the database engines (raw SQL checks apply).</summary>
    public virtual bool IsRelational => true;

    /// <summary>Replaces the in-memory adapters with this engine's (nothing for the in-memory store itself).</summary>
    public abstract void Use(ItsmCoreBuilder builder, Action<PersistenceOptions>? configure = null);

    /// <summary>Applies the migrations ahead of time, as a deployment step would; returns the versions applied.</summary>
    public abstract Task<IReadOnlyList<long>> MigrateAsync();

    /// <summary>A raw, open connection to the store.</summary>
    public abstract DbConnection OpenRaw();

    /// <summary>Removes what the store left behind, once every provider over it is disposed.</summary>
    public virtual void Delete()
    {
    }

    /// <summary>The in-memory adapters of the application layer: the reference the SQL engines must match.</summary>
    public sealed class InMemory : StoreUnderTest
    {
        /// <inheritdoc />
        public override string Name => "in-memory";

        /// <inheritdoc />
        public override bool IsRelational => false;

        /// <inheritdoc />
        public override void Use(ItsmCoreBuilder builder, Action<PersistenceOptions>? configure = null)
        {
        }

        /// <inheritdoc />
        public override Task<IReadOnlyList<long>> MigrateAsync() => Task.FromResult<IReadOnlyList<long>>([]);

        /// <inheritdoc />
        public override DbConnection OpenRaw() => throw new NotSupportedException("The in-memory store has no SQL connection.");
    }

    /// <summary>A fresh SQLite file in a temporary directory.</summary>
    public sealed class Sqlite : StoreUnderTest
    {
        /// <summary>Creates the store; its file appears on first use.</summary>
        public Sqlite() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "itsm-tests", Guid.NewGuid().ToString("N"), "itsm.db");

        /// <summary>The database file.</summary>
        public string Path { get; }

        /// <inheritdoc />
        public override string Name => "SQLite";

        /// <inheritdoc />
        public override void Use(ItsmCoreBuilder builder, Action<PersistenceOptions>? configure = null) => builder.UseSqlite(Path, configure);

        /// <inheritdoc />
        public override Task<IReadOnlyList<long>> MigrateAsync() => SqlitePersistence.MigrateAsync(Path);

        /// <inheritdoc />
        public override DbConnection OpenRaw()
        {
            var connection = new SqliteConnection($"Data Source={Path}");
            connection.Open();
            return connection;
        }

        /// <inheritdoc />
        public override void Delete()
        {
            // Pooled connections keep the file open; in-use ones of other tests are only marked to close.
            SqliteConnection.ClearAllPools();
            var directory = System.IO.Path.GetDirectoryName(Path)!;
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>A fresh schema of the test PostgreSQL server.</summary>
    public sealed class PostgreSql : StoreUnderTest
    {
        private readonly string connectionString;

        /// <summary>Creates the store in a new schema of <paramref name="server"/>.</summary>
        public PostgreSql(PostgreSqlServer server)
        {
            ArgumentNullException.ThrowIfNull(server);
            connectionString = server.NewSchema();
        }

        /// <inheritdoc />
        public override string Name => "PostgreSQL";

        /// <inheritdoc />
        public override void Use(ItsmCoreBuilder builder, Action<PersistenceOptions>? configure = null) => builder.UsePostgreSql(connectionString, configure);

        /// <inheritdoc />
        public override Task<IReadOnlyList<long>> MigrateAsync() => PostgreSqlPersistence.MigrateAsync(connectionString);

        /// <inheritdoc />
        public override DbConnection OpenRaw()
        {
            var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            return connection;
        }

        /// <inheritdoc />
        /// <remarks>Closes the idle connections of this store's pool: every test has a schema (and so a pool) of its own, and idle ones would otherwise outlive the test and fill the server's connection slots.</remarks>
        public override void Delete()
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
