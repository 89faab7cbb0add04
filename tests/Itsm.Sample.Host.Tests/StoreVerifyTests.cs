using Microsoft.Data.Sqlite;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm store verify</c>: exit 0 on a consistent store, 6 naming the record after a direct edit of the file.</summary>
public sealed class StoreVerifyTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-verify-").FullName;

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Verify_ConsistentStore_ExitsZero_AndAnEditedRecord_ExitsSixNamingIt()
    {
        var (opened, output, error) = await HostRunner.RunAsync("incident", "open", "--title", "Payroll run fails", "--service", "svc-payroll", "--impact", "2", "--urgency", "1", "--caller", "alice", "--tenant", "acme", "--data-dir", DataDir);
        Assert.True(opened == 0, output + error);

        var (clean, cleanOutput, _) = await HostRunner.RunAsync("store", "verify", "--all", "--data-dir", DataDir);
        Assert.Equal(0, clean);
        Assert.Contains("consistent", cleanOutput, StringComparison.Ordinal);

        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "itsm.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE incidents SET version = -5";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var (dirty, dirtyOutput, _) = await HostRunner.RunAsync("store", "verify", "--tenant", "acme", "--data-dir", DataDir);
        Assert.Equal(6, dirty);
        Assert.Contains("incidents (acme, ", dirtyOutput, StringComparison.Ordinal);
        Assert.Contains("version -5", dirtyOutput, StringComparison.Ordinal);
    }
}
