using Itsm.Core.Persistence.Tests.Stores;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>The contract against the application layer's in-memory adapters, the reference.</summary>
public sealed class InMemoryStoreContractTests() : StoreContract(new StoreUnderTest.InMemory());

/// <summary>The contract against a real SQLite file.</summary>
public sealed class SqliteStoreContractTests() : RelationalStoreContract(new StoreUnderTest.Sqlite());

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
