using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm continuity impact|plan|test|show|stale</c> on the store: the record's versions, pass or fail against RTO and RPO, staleness, exit codes.</summary>
public sealed class ContinuityCommandsTests() : StoreCommandTests("itsm-continuity-")
{
    [Fact]
    public async Task Continuity_ImpactPlanAndTests_AreOneRecordWithAVersionPerChange_AndTestsPassOrFailAgainstRtoAndRpo()
    {
        await ImportAsync();
        var impact = await Json("continuity", "impact", "--service", "shop", "--mtd", "24h", "--rto", "4h", "--rpo", "1h", "--json");
        var plan = await Json("continuity", "plan", "--service", "shop", "--step", "Fail over to the standby site", "--step", "Restore the orders database", "--item", "db,api", "--json");
        var passed = await Json("continuity", "test", "--service", "shop", "--tested-at", "2027-03-05T10:00:00Z", "--recovered-in", "3h30m", "--data-loss", "20m", "--at", "2027-03-06T00:00:00Z", "--json");
        var failed = await Json("continuity", "test", "--service", "shop", "--tested-at", "2027-03-06T10:00:00Z", "--recovered-in", "5h", "--data-loss", "20m", "--at", "2027-03-07T00:00:00Z", "--json");
        var (code, text, _) = await Run("continuity", "show", "--service", "shop");

        Assert.Equal((14400d, 1), (impact.GetProperty("rtoSeconds").GetDouble(), impact.GetProperty("version").GetInt32()));
        Assert.Equal(["Fail over to the standby site", "Restore the orders database"], plan.GetProperty("recoverySteps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["api", "db"], plan.GetProperty("coveredItems").EnumerateArray().Select(s => s.GetString()));
        var first = passed.GetProperty("tests")[0];
        Assert.Equal((true, -1800d, 3), (first.GetProperty("passed").GetBoolean(), first.GetProperty("rtoGapSeconds").GetDouble(), passed.GetProperty("version").GetInt32()));
        Assert.True(first.GetProperty("closureItems").GetInt32() > 1);
        var second = failed.GetProperty("tests")[1];
        Assert.Equal((false, 3600d, 4, 4), (second.GetProperty("passed").GetBoolean(), second.GetProperty("rtoGapSeconds").GetDouble(), failed.GetProperty("version").GetInt32(), failed.GetProperty("historyRecords").GetInt32()));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("test 2027-03-06T10:00:00Z: FAILED, recovered in 5h00m (RTO gap 1h00m)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinuityStale_NamesUntestedServicesAndTestsOlderThanTheInterval()
    {
        await ImportAsync();
        await Json("continuity", "impact", "--service", "shop", "--mtd", "24h", "--rto", "4h", "--rpo", "1h", "--json");
        await Json("continuity", "plan", "--service", "shop", "--step", "Fail over", "--item", "db", "--json");
        await Json("continuity", "test", "--service", "shop", "--tested-at", "2027-03-05T10:00:00Z", "--recovered-in", "3h", "--data-loss", "0s", "--at", "2027-03-06T00:00:00Z", "--json");
        await Json("continuity", "impact", "--service", "reports", "--mtd", "72h", "--rto", "24h", "--rpo", "4h", "--json");

        var soon = await Json("continuity", "stale", "--at", "2027-04-01T00:00:00Z", "--json");
        var late = await Json("continuity", "stale", "--at", "2027-06-01T00:00:00Z", "--interval", "30d", "--json");

        Assert.Equal([("reports", "untested")], soon.GetProperty("plans").EnumerateArray().Select(p => (p.GetProperty("service").GetString(), p.GetProperty("status").GetString())));
        Assert.Equal([("reports", "untested"), ("shop", "stale")], late.GetProperty("plans").EnumerateArray().Select(p => (p.GetProperty("service").GetString(), p.GetProperty("status").GetString())).Order());
        var shop = late.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("service").GetString() == "shop");
        Assert.Equal("2027-03-05T10:00:00Z", shop.GetProperty("lastPassed").GetString());
        Assert.Empty(shop.GetProperty("changedItems").EnumerateArray());
        Assert.NotEmpty(shop.GetProperty("reasons").EnumerateArray());
    }

    [Theory]
    [InlineData(ExitCodes.NotFound, "cmdb.item.unknown", "continuity", "impact", "--service", "ghost", "--mtd", "24h", "--rto", "4h", "--rpo", "1h")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "continuity", "impact", "--service", "shop", "--mtd", "a day", "--rto", "4h", "--rpo", "1h")]
    [InlineData(ExitCodes.NotFound, "continuity.not-found", "continuity", "plan", "--service", "shop", "--step", "x", "--item", "db")]
    [InlineData(ExitCodes.NotFound, "continuity.not-found", "continuity", "show", "--service", "shop")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "continuity", "stale", "--interval", "soon")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "continuity", "test", "--service", "shop", "--tested-at", "yesterday", "--recovered-in", "1h", "--data-loss", "0s")]
    public Task Continuity_BadRequests_ExitWithTheLibrarysCode(int exit, string errorCode, params string[] args)
        => AssertRefusedAsync(exit, errorCode, args);

    [Fact]
    public async Task ContinuityTest_BeforeThePlanOrWithAStaleVersion_IsAConflict()
    {
        await ImportAsync();
        await Json("continuity", "impact", "--service", "shop", "--mtd", "24h", "--rto", "4h", "--rpo", "1h", "--json");

        var early = await Run("continuity", "test", "--service", "shop", "--tested-at", "2026-03-05T10:00:00Z", "--recovered-in", "1h", "--data-loss", "0s");
        var stale = await Run("continuity", "plan", "--service", "shop", "--step", "x", "--item", "db", "--expected-version", "7");

        Assert.Equal((ExitCodes.Conflict, ExitCodes.Conflict), (early.Code, stale.Code));
        Assert.Contains("[continuity.plan.undefined]", early.Error, StringComparison.Ordinal);
        Assert.Contains("[continuity.version-conflict]", stale.Error, StringComparison.Ordinal);
    }
}
