using Itsm.Core.Application;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>A zero-byte or foreign file where the SQLite store should be is refused (a typed <c>store.foreign</c> result through the dispatcher) and left untouched, never replaced.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "itsm-tests", Guid.NewGuid().ToString("N"));

    public SqliteStoreFileTests() => Directory.CreateDirectory(directory);

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(0, "zero-byte")]
    [InlineData(1, "not a SQLite database")]
    [InlineData(2, "another application")]
    public async Task ForeignFile_IsRefusedAndLeftUntouched(int kind, string expected)
    {
        var path = Path.Combine(directory, "itsm.db");
        switch (kind)
        {
            case 0:
                await File.WriteAllBytesAsync(path, []);
                break;
            case 1:
                await File.WriteAllTextAsync(path, "name,owner\npayroll,alice\n");
                break;
            default:
                await using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await other.OpenAsync();
                    await using var create = other.CreateCommand();
                    create.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)";
                    await create.ExecuteNonQueryAsync();
                }

                break;
        }

        var before = await File.ReadAllBytesAsync(path);
        var services = new ServiceCollection();
        services.AddItsmCore().UseSqlite(path);
        await using var provider = services.BuildServiceProvider();
        var command = new RegisterConfigurationItem(new RequestContext(TenantId.From("ops"), UserId.From("alice")), ConfigurationItemId.From("srv-1"), ConfigurationItemClass.Server, "srv-1");

        var refused = await provider.GetRequiredService<IItsmDispatcher>().SendAsync(command);
        var query = await provider.GetRequiredService<IItsmDispatcher>().QueryAsync(new ListConfigurationItems(command.Context));
        var migrate = await Assert.ThrowsAsync<StoreRefusedException>(() => SqlitePersistence.MigrateAsync(path));

        foreach (var result in new IResult[] { refused, query })
        {
            Assert.Equal((ResultStatus.Error, "store.foreign"), (result.Status, result.ErrorCode));
            Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        }

        Assert.Equal("store.foreign", migrate.ErrorCode);
        Assert.Contains(expected, migrate.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }
}
