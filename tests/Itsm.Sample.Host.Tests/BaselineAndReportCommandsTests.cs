using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm cmdb baseline capture|list|diff</c>, <c>itsm cmdb audit</c> and <c>itsm report service</c>, run in process against a temporary store.</summary>
public sealed class BaselineAndReportCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-baseline-").FullName;

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task BaselineBeforeImport_DiffAndAuditListEveryImportedItemAsUnauthorised()
    {
        var (code, output, _) = await Run("cmdb", "baseline", "capture", "before import");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"^captured baseline [0-9a-f-]{36} 'before import' of 0 configuration item\(s\) and 0 relationship\(s\) at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", output);
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).ExitCode);
        var (listedCode, listed, _) = await Run("cmdb", "baseline", "list");
        Assert.Equal(ExitCodes.Ok, listedCode);
        Assert.Matches(@"│ [0-9a-f-]{36} │ before import at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by \S+ 0 item\(s\), 0 relationship\(s\) content hash \S+ │", listed);

        var diff = await Json("cmdb", "baseline", "diff", "before import", "--json");
        Assert.False(diff.GetProperty("isEmpty").GetBoolean());
        Assert.Equal(11, diff.GetProperty("addedItems").GetArrayLength());
        Assert.Equal(13, diff.GetProperty("addedRelationships").GetArrayLength());
        Assert.Equal(0, diff.GetProperty("removedItems").GetArrayLength());

        var audit = await Json("cmdb", "audit", "before import", "--json");
        Assert.False(audit.GetProperty("isClean").GetBoolean());
        Assert.Equal(24, audit.GetProperty("unauthorised").GetInt32());
        Assert.All(audit.GetProperty("findings").EnumerateArray(), f => Assert.True(f.GetProperty("isUnauthorised").GetBoolean()));
    }

    [Fact]
    public async Task BaselineList_AndDiffOfTwoEqualBaselines_IsEmpty()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).ExitCode);
        var first = await Json("cmdb", "baseline", "capture", "one", "--json");
        var second = await Json("cmdb", "baseline", "capture", "two", "--json");

        var list = await Json("cmdb", "baseline", "list", "--json");
        Assert.Equal(2, list.GetProperty("count").GetInt32());
        Assert.Equal(["one", "two"], list.GetProperty("baselines").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Equal(first.GetProperty("contentHash").GetString(), second.GetProperty("contentHash").GetString());
        Assert.Equal(11, first.GetProperty("items").GetInt32());

        var (code, output, _) = await Run("cmdb", "baseline", "diff", first.GetProperty("id").GetString()!, "--with", "two");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("no differences", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOrAmbiguousBaseline_IsOneLine()
    {
        var (code, _, error) = await Run("cmdb", "baseline", "diff", "nope");
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.EndsWith("[cmdb.baseline.unknown]", error.Trim(), StringComparison.Ordinal);

        await Run("cmdb", "baseline", "capture", "twice");
        await Run("cmdb", "baseline", "capture", "twice");
        (code, _, error) = await Run("cmdb", "audit", "twice");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.EndsWith("[host.baseline.ambiguous]", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportService_CountsTheMonthsIncidentAndItsBreaches()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await Run("sla", "define", "--id", "shop-gold", "--service", "shop", "--calendar", "uk-office-hours", "--targets", "P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h")).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "open", "--title", "Shop down", "--service", "shop", "--impact", "1", "--urgency", "1", "--at", "2026-06-12T15:30:00Z")).ExitCode);

        var report = await Json("report", "service", "--service", "shop", "--month", "2026-06", "--zone", "Europe/London", "--at", "2026-07-01T00:00:00Z", "--json");

        Assert.Equal("2026-05-31T23:00:00Z", report.GetProperty("from").GetString());
        Assert.Equal("2026-06-30T23:00:00Z", report.GetProperty("to").GetString());
        Assert.Equal(1, report.GetProperty("incidentCount").GetInt32());
        Assert.Equal(1, report.GetProperty("incidentsByPriority").GetProperty("P1").GetInt32());
        Assert.Equal(2, report.GetProperty("breaches").GetArrayLength());
        Assert.Equal("2026-06-15T08:00:00Z", report.GetProperty("breaches")[0].GetProperty("breachedAt").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("availability").ValueKind); // shop is not in this store's CMDB: no outages to measure

        var (shown, text, _) = await Run("report", "service", "--service", "shop", "--month", "2026-06", "--zone", "Europe/London", "--at", "2026-07-01T00:00:00Z");
        Assert.Equal(ExitCodes.Ok, shown);
        Assert.Matches(@"│ [0-9a-f-]{36} │ P1 \w+ │ 2026-06-15T08:00:00Z │", text);
        Assert.Contains("not a configuration item", text, StringComparison.Ordinal);

        var (code, _, error) = await Run("report", "service", "--service", "reports", "--month", "2026-06");
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.EndsWith("[report.no-sla]", error.Trim(), StringComparison.Ordinal);
        (code, _, error) = await Run("report", "service", "--service", "shop");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("give either --month", error, StringComparison.Ordinal);
    }

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => HostRunner.RunTablesAsync([.. args, "--data-dir", DataDir]);

    private async Task<JsonElement> Json(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == ExitCodes.Ok, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
