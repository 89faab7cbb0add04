using Itsm.Core.Persistence.Tests.Stores;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>The contract against the application layer's in-memory adapters, the reference.</summary>
public sealed class InMemoryStoreContractTests() : StoreContract(new StoreUnderTest.InMemory());

/// <summary>The contract against a real SQLite file.</summary>
public sealed class SqliteStoreContractTests() : StoreContract(new StoreUnderTest.Sqlite());

/// <summary>The contract against a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoreContractTests(PostgreSqlServer server) : StoreContract(new StoreUnderTest.PostgreSql(server));
