using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm availability --calendar-id</c> and <c>itsm availability target set|show</c> on the store: figures, attainment, what-if, exit codes.</summary>
public sealed class AvailabilityStoreCommandsTests() : StoreCommandTests("itsm-availability-store-")
{
    /// <summary>The README's March 2026 outages, recorded on the store, give the same figures as the CSV form: one 30-minute switch outage, an hour degraded.</summary>
    [Fact]
    public async Task Availability_FromTheStore_EqualsTheCsvForm_AndAssessesTheTarget()
    {
        await SeedAsync();
        var batch = await Run("availability", "--calendar", Sample("uk-office-hours.json"), "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--outages", Sample("availability-outages.csv"), "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z", "--service", "shop");
        var target = await Json("availability", "target", "set", "--service", "shop", "--target", "99.9%", "--effective", "2026-03-01T00:00:00Z", "--json");

        var stored = await Json("availability", "--service", "shop", "--calendar-id", "uk-office-hours", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z", "--json");

        Assert.Equal(ExitCodes.Ok, batch.Code);
        Assert.Contains("shop,586800,1800,3600,0,0.996933,1,1800,585000", batch.Output, StringComparison.Ordinal);
        Assert.Equal((0.999, 1), (target.GetProperty("serviceTarget").GetDouble(), target.GetProperty("version").GetInt32()));
        Assert.Equal((586800d, 1800d, 3600d, 0d, 1), (stored.GetProperty("agreedSeconds").GetDouble(), stored.GetProperty("downSeconds").GetDouble(), stored.GetProperty("degradedSeconds").GetDouble(), stored.GetProperty("plannedSeconds").GetDouble(), stored.GetProperty("outages").GetInt32()));
        Assert.Equal(0.996933, stored.GetProperty("availability").GetDouble(), 6);
        Assert.Equal((0.999, false), (stored.GetProperty("target").GetDouble(), stored.GetProperty("met").GetBoolean()));
        Assert.True(stored.GetProperty("toSpareSeconds").GetDouble() < 0);
    }

    [Fact]
    public async Task Availability_WhatIfAnExtraClusterMember_NeverLowersTheUpTime_AndTheTextNamesTheTarget()
    {
        await SeedAsync();
        await Json("availability", "target", "set", "--service", "shop", "--target", "99.5", "--effective", "2026-03-01T00:00:00Z", "--json");
        await Json("availability", "target", "set", "--service", "shop", "--offering", "gold", "--target", "99.95", "--effective", "2026-03-01T00:00:00Z", "--json");
        string[] period = ["availability", "--service", "shop", "--calendar-id", "uk-office-hours", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"];

        var plain = await Json([.. period, "--json"]);
        var whatIf = await Json([.. period, "--extra-member-of", "cluster", "--json"]);
        var (code, text, _) = await Run([.. period, "--offering", "gold"]);
        var shown = await Json("availability", "target", "show", "--service", "shop", "--json");

        Assert.Equal((JsonValueKind.Null, "cluster~what-if-member"), (plain.GetProperty("whatIfMember").ValueKind, whatIf.GetProperty("whatIfMember").GetString()));
        Assert.True(whatIf.GetProperty("agreedSeconds").GetDouble() - whatIf.GetProperty("downSeconds").GetDouble() >= plain.GetProperty("agreedSeconds").GetDouble() - plain.GetProperty("downSeconds").GetDouble());
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("target 99.95%: MISSED", text, StringComparison.Ordinal);
        Assert.Equal((0.995, 0.9995, 2, 2), (shown.GetProperty("serviceTarget").GetDouble(), shown.GetProperty("offerings").GetProperty("gold").GetDouble(), shown.GetProperty("version").GetInt32(), shown.GetProperty("historyRecords").GetInt32()));
    }

    /// <summary>The service report of shop over March 2026 on its SLA's calendar carries exactly the store form's figures and the target's attainment.</summary>
    [Fact]
    public async Task ReportService_TakesItsAvailabilityFromTheStoredOutages_WithTheTargetsAttainment()
    {
        await SeedAsync();
        Assert.Equal(ExitCodes.Ok, (await Run("sla", "define", "--id", "shop-gold", "--service", "shop", "--calendar", "uk-office-hours", "--targets", "P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h")).Code);
        string[] march = ["--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"];
        var untargeted = await Json(["report", "service", "--service", "shop", .. march, "--at", "2026-04-02T00:00:00Z", "--json"]);
        await Json("availability", "target", "set", "--service", "shop", "--target", "99.9%", "--effective", "2026-03-01T00:00:00Z", "--json");
        await Json("availability", "target", "set", "--service", "shop", "--offering", "basic", "--target", "99%", "--effective", "2026-03-01T00:00:00Z", "--json");

        var report = await Json(["report", "service", "--service", "shop", .. march, "--at", "2026-04-02T00:00:00Z", "--json"]);
        var basic = await Json(["report", "service", "--service", "shop", .. march, "--offering", "basic", "--at", "2026-04-02T00:00:00Z", "--json"]);
        var stored = await Json(["availability", "--service", "shop", "--calendar-id", "uk-office-hours", .. march, "--json"]);
        var (code, text, _) = await Run(["report", "service", "--service", "shop", .. march, "--at", "2026-04-02T00:00:00Z"]);

        var availability = report.GetProperty("availability");
        Assert.True(JsonElement.DeepEquals(stored, availability), availability.GetRawText());
        Assert.Equal((586800d, 1800d, 3600d, 1), (availability.GetProperty("agreedSeconds").GetDouble(), availability.GetProperty("downSeconds").GetDouble(), availability.GetProperty("degradedSeconds").GetDouble(), availability.GetProperty("outages").GetInt32()));
        Assert.Equal((1800d, 585000d, 586800d), (availability.GetProperty("mtrsSeconds").GetDouble(), availability.GetProperty("mtbfSeconds").GetDouble(), availability.GetProperty("mtbsiSeconds").GetDouble()));
        Assert.Equal((0.999, false), (availability.GetProperty("target").GetDouble(), availability.GetProperty("met").GetBoolean()));
        Assert.Equal((0.99, true), (basic.GetProperty("availability").GetProperty("target").GetDouble(), basic.GetProperty("availability").GetProperty("met").GetBoolean()));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (untargeted.GetProperty("availability").GetProperty("target").ValueKind, untargeted.GetProperty("availability").GetProperty("met").ValueKind));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("99.693 %", text, StringComparison.Ordinal);
        Assert.Contains("99.9 % MISSED", text, StringComparison.Ordinal);
    }

    /// <summary>99.9 % from 1 March raised to 99.95 % from 16 March: show lists both revisions, March is assessed in two parts.</summary>
    [Fact]
    public async Task AvailabilityTarget_RevisedMidMonth_ShowsItsHistory_AndMarchIsAssessedPartByPart()
    {
        await SeedAsync();
        await Json("availability", "target", "set", "--service", "shop", "--target", "99.9", "--effective", "2026-03-01T00:00:00Z", "--json");
        await Json("availability", "target", "set", "--service", "shop", "--target", "99.95", "--effective", "2026-03-16T00:00:00Z", "--json");
        var refused = await Run("availability", "target", "set", "--service", "shop", "--target", "99", "--effective", "2026-03-10T00:00:00Z");
        string[] march = ["availability", "--service", "shop", "--calendar-id", "uk-office-hours", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"];

        var shown = await Json("availability", "target", "show", "--service", "shop", "--json");
        var (code, text, _) = await Run("availability", "target", "show", "--service", "shop");
        var measured = await Json([.. march, "--json"]);
        var (measuredCode, measuredText, _) = await Run(march);

        Assert.Equal(ExitCodes.Conflict, refused.Code);
        Assert.Contains("availability.target.effective-order", refused.Error, StringComparison.Ordinal);
        var history = shown.GetProperty("history").EnumerateArray().Select(r => (r.GetProperty("target").GetDouble(), r.GetProperty("effective").GetString())).ToArray();
        Assert.Equal([(0.999, "2026-03-01T00:00:00Z"), (0.9995, "2026-03-16T00:00:00Z")], history);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("service 99.95% in force from 2026-03-16T00:00:00Z", text, StringComparison.Ordinal);
        var parts = measured.GetProperty("targets").EnumerateArray().Select(p => (p.GetProperty("from").GetString(), p.GetProperty("target").GetDouble())).ToArray();
        Assert.Equal([("2026-03-01T00:00:00Z", 0.999), ("2026-03-16T00:00:00Z", 0.9995)], parts);
        Assert.Equal(ExitCodes.Ok, measuredCode);
        Assert.Contains("(weighted by agreed time)", measuredText, StringComparison.Ordinal);
        Assert.Contains("[2026-03-16T00:00:00Z, 2026-04-01T00:00:00Z) target 99.95%", measuredText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExitCodes.NotFound, "calendar.not-found", "availability", "--service", "shop", "--calendar-id", "nope", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z")]
    [InlineData(ExitCodes.NotFound, "cmdb.item.unknown", "availability", "--service", "ghost", "--calendar-id", "uk-office-hours", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z")]
    [InlineData(ExitCodes.InvalidInput, "availability.period.invalid", "availability", "--service", "shop", "--calendar-id", "uk-office-hours", "--from", "2026-04-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "availability", "--service", "shop", "--calendar-id", "uk-office-hours", "--from", "2026-04-01T00:00:00Z", "--to", "2026-03-01T00:00:00Z")] // was a fault (exit 70)
    [InlineData(ExitCodes.InvalidInput, "host.input", "availability", "--service", "shop", "--calendar-id", "uk-office-hours", "--nodes", "x.csv", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "availability", "--calendar-id", "uk-office-hours", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z")]
    [InlineData(ExitCodes.Usage, "host.usage", "availability", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z")]
    [InlineData(ExitCodes.InvalidInput, "availability.target.invalid", "availability", "target", "set", "--service", "shop", "--target", "150")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "availability", "target", "set", "--service", "shop", "--target", "high")]
    [InlineData(ExitCodes.NotFound, "availability.target.not-found", "availability", "target", "show", "--service", "shop")]
    [InlineData(ExitCodes.NotFound, "cmdb.item.unknown", "availability", "target", "set", "--service", "ghost", "--target", "99")]
    public async Task Availability_BadStoreRequests_ExitWithTheLibrarysCode(int exit, string errorCode, params string[] args)
    {
        await SeedAsync();

        var (code, output, error) = await Run(args);

        Assert.Equal(exit, code);
        Assert.Contains($"[{errorCode}]", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    private async Task SeedAsync()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).Code);
        foreach (var line in File.ReadAllLines(Sample("availability-outages.csv")).Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal(ExitCodes.Ok, (await Run("outage", "record", "--item", f[0], "--start", f[1], "--end", f[2], "--kind", f[3] == "true" ? "planned" : "unplanned")).Code);
        }
    }
}
