using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// <c>itsm problem candidates --from --to</c>: the store form over the incidents and CMDB in the store (the library's
/// <c>FindProblemCandidates</c>), the same CSV as the file form, <c>--json</c> with the explanations, and the forms kept apart.
/// </summary>
public sealed class ProblemCandidatesStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-candidates-store-").FullName;

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public async Task Candidates_OnTheStore_TheIncidentsBehindTheDatabaseAreOneCandidate()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).Code);
        var reports = await Open("reports", "reports", "2026-06-15T08:55:00Z");
        var api = await Open("shop", "api", "2026-06-15T09:05:00Z");
        var shop = await Open("shop", "shop", "2026-06-15T09:20:00Z");
        await Open("shop", "node2", "2026-06-20T16:45:00Z");
        await Open("reports", "reports", "2026-06-25T08:00:00Z"); // after --to

        var (code, output, error) = await Run("problem", "candidates", "--from", "2026-06-15T00:00:00Z", "--to", "2026-06-21T00:00:00Z", "--window", "24h", "--min", "3");
        var json = await Json("problem", "candidates", "--from", "2026-06-15T00:00:00Z", "--to", "2026-06-21T00:00:00Z", "--window", "24h", "--min", "3", "--json");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(["candidate,shared_item,incident", $"1,db,{reports}", $"1,db,{api}", $"1,db,{shop}"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 candidates (3 member rows)", error, StringComparison.Ordinal);
        var candidate = Assert.Single(json.GetProperty("candidates").EnumerateArray());
        Assert.Equal(("db", "2026-06-15T08:55:00Z", "2026-06-15T09:20:00Z"), (candidate.GetProperty("sharedItem").GetString(), candidate.GetProperty("from").GetString(), candidate.GetProperty("to").GetString()));
        Assert.Equal([reports, api, shop], candidate.GetProperty("incidents").EnumerateArray().Select(i => i.GetString()));
        var lines = candidate.GetProperty("explanation").EnumerateArray().Select(l => l.GetString()!).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.EndsWith($"on shop: db -> api -> shop", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from: give the period of the incidents", "--to", "2026-06-21T00:00:00Z")]
    [InlineData("--to: 2026-06-14T00:00:00Z is before --from", "--from", "2026-06-15T00:00:00Z", "--to", "2026-06-14T00:00:00Z")]
    [InlineData("--edges: the CSV form reads the CMDB and the incidents from files", "--nodes", "cmdb-nodes.csv")]
    [InlineData("--from: the CSV form reads files", "--nodes", "cmdb-nodes.csv", "--edges", "cmdb-edges.csv", "--incidents", "incidents.csv", "--from", "2026-06-15T00:00:00Z")]
    public async Task Candidates_FormsMixedOrPeriodMissing_ExitTwoSayingWhichForm(string expected, params string[] args)
    {
        var resolved = args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) ? Sample(a) : a).ToArray();

        var (code, output, error) = await Run(["problem", "candidates", .. resolved, "--window", "1h"]);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    private async Task<string> Open(string service, string item, string at) =>
        (await Json("incident", "open", "--title", $"{item} fails", "--service", service, "--ci", item, "--impact", "2", "--urgency", "2", "--at", at, "--json")).GetProperty("id").GetString()!;

    private async Task<JsonElement> Json(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private Task<(int Code, string Output, string Error)> Run(params string[] args) =>
        HostRunner.RunTablesAsync([.. args, "--data-dir", DataDir]);
}
