using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The shared and per-command options are typed (issue 19): a bad value is refused by the option's parser in the
/// one-line error format, naming the option once, before anything is opened or stored.
/// </summary>
public sealed class TypedOptionTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-options-").FullName;

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("--at", "2026", "host.input")]
    [InlineData("--at", "2026-06-12T15:30:00", "host.input")]
    [InlineData("--tenant", "", "identifier.invalid")]
    [InlineData("--actor", "", "identifier.invalid")]
    public async Task SharedOptions_RefuseBadValuesInOneLine(string option, string value, string code)
    {
        var (exit, output, error) = await HostRunner.RunAsync("incident", "list", "--data-dir", DataDir, option, value);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {option}: ", line, StringComparison.Ordinal);
        Assert.EndsWith($"[{code}]", line.TrimEnd(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDir), "nothing is created for a refused command line");
    }

    [Theory]
    [InlineData("--targets", "P1=3d/4h", "'3d' is not business hours and minutes")]
    [InlineData("--retarget", "sometimes", "'sometimes' is not one of keep-elapsed, restart, retroactive.")]
    [InlineData("--id", "", "must not be empty")]
    [InlineData("--customer", "", "must not be empty")]
    public async Task SlaDefine_RefusesBadOptionValuesOnce(string option, string value, string message)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["--id"] = "gold", ["--service"] = "svc", ["--calendar"] = "cal", ["--targets"] = "P1=30m/4h" };
        values[option] = value;
        var (exit, _, error) = await HostRunner.RunAsync(["sla", "define", "--data-dir", DataDir, .. values.SelectMany(v => new[] { v.Key, v.Value })]);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(error, $"{option}:"));
    }

    [Fact]
    public async Task CmdbImpact_UnknownFailedItem_NamesTheOption()
    {
        var nodes = Path.Combine(AppContext.BaseDirectory, "samples", "cmdb-nodes.csv");
        var edges = Path.Combine(AppContext.BaseDirectory, "samples", "cmdb-edges.csv");
        var (exit, output, error) = await HostRunner.RunAsync("cmdb", "impact", "--nodes", nodes, "--edges", edges, "--failed", "node1,nope");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--failed: unknown configuration item 'nope'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreThroughput_Json_AnswersOneDocument()
    {
        var (exit, output, error) = await HostRunner.RunAsync("store", "throughput", "--data-dir", DataDir, "--incidents", "2", "--items", "5", "--json");

        Assert.True(exit == ExitCodes.Ok, error);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(6, root.GetProperty("commands").GetInt32());
        Assert.Equal(5, root.GetProperty("items").GetInt32());
        Assert.Equal(4, root.GetProperty("relationships").GetInt32());
        Assert.True(root.GetProperty("commandsPerSecond").GetDouble() > 0);
        Assert.StartsWith("SQLite ", root.GetProperty("store").GetString(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
