using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Tests.Stores;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>The contract against the application layer's in-memory adapters, the reference.</summary>
public sealed class InMemoryStoreContractTests() : StoreContract(new StoreUnderTest.InMemory());

/// <summary>The contract against a real SQLite file.</summary>
public sealed class SqliteStoreContractTests() : RelationalStoreContract(new StoreUnderTest.Sqlite())
{
    [Fact]
    public async Task FirstUse_PutsTheFileInWriteAheadLogMode()
    {
        var registered = await Itsm.SendAsync(new RegisterConfigurationItem(
            new RequestContext(Acme, UserId.From("alice")),
            ConfigurationItemId.From("srv-1"),
            ConfigurationItemClass.Server,
            "srv-1"));
        Assert.True(registered.IsSuccess, registered.Message);

        await using var connection = Store.OpenRaw();
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}

/// <summary>The contract against a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoreContractTests(PostgreSqlServer server) : RelationalStoreContract(new StoreUnderTest.PostgreSql(server));

/// <summary>Ahead-of-time migration on SQLite.</summary>
public sealed class SqliteAheadOfTimeMigrationTests() : AheadOfTimeMigrationContract(new StoreUnderTest.Sqlite());

/// <summary>Ahead-of-time migration on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlAheadOfTimeMigrationTests(PostgreSqlServer server) : AheadOfTimeMigrationContract(new StoreUnderTest.PostgreSql(server));

/// <summary>Concurrent migrators on SQLite.</summary>
public sealed class SqliteConcurrentMigrationTests() : ConcurrentMigrationContract(new StoreUnderTest.Sqlite());

/// <summary>Concurrent migrators on PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConcurrentMigrationTests(PostgreSqlServer server) : ConcurrentMigrationContract(new StoreUnderTest.PostgreSql(server));
