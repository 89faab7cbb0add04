using System.Text.Json;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The set-up of the tests of record-keeping subcommands: a fresh data directory per test, the sample files, the sample CMDB
/// imported into the store, and runs that answer JSON or the exit code with what was written.
/// </summary>
public abstract class StoreCommandTests : IDisposable
{
    private readonly string directory;

    /// <summary>Creates the test's own directory, named after <paramref name="prefix"/>.</summary>
    protected StoreCommandTests(string prefix) => directory = System.IO.Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The test's own directory.</summary>
    protected string Directory => directory;

    /// <summary>The store's data directory inside it.</summary>
    protected string DataDir => Path.Combine(directory, "data");

    /// <inheritdoc />
    public void Dispose()
    {
        System.IO.Directory.Delete(directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A sample file copied beside the tests.</summary>
    protected static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>Imports the sample CMDB into the store.</summary>
    protected async Task ImportAsync() =>
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).Code);

    /// <summary>Runs a subcommand that must succeed and answers its JSON document.</summary>
    protected async Task<JsonElement> Json(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>
    /// Imports the sample CMDB, runs a subcommand the library must refuse, and checks it exits with <paramref name="exit"/>,
    /// names <paramref name="errorCode"/> on stderr and writes nothing to stdout.
    /// </summary>
    protected async Task AssertRefusedAsync(int exit, string errorCode, params string[] args)
    {
        await ImportAsync();

        var (code, output, error) = await Run(args);

        Assert.True(code == exit, $"exit {code}, expected {exit}: {error}");
        Assert.Contains($"[{errorCode}]", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    /// <summary>Runs a subcommand against the test's store.</summary>
    protected Task<(int Code, string Output, string Error)> Run(params string[] args) =>
        HostRunner.RunTablesAsync([.. args, "--data-dir", DataDir]);
}
