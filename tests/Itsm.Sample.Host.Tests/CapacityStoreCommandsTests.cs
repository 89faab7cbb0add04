using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm capacity record|threshold|risk</c> on the store: bulk readings all or none, thresholds, the risk roll-up, exit codes.</summary>
public sealed class CapacityStoreCommandsTests() : StoreCommandTests("itsm-capacity-store-")
{
    [Fact]
    public async Task CapacityRisk_OfTheSampleSeries_PutsTheSanAtRiskAndTheShopDownIfSaturated()
    {
        await ImportAsync();
        var recorded = await Json("capacity", "record", "--input", Sample("capacity-series.csv"), "--json");
        var one = await Json("capacity", "record", "--item", "san", "--metric", "storage_used_pct", "--value", "80.1", "--reading-at", "2026-04-02T00:00:00Z", "--json");
        var threshold = await Json("capacity", "threshold", "--item", "san", "--metric", "storage_used_pct", "--warning", "80", "--critical", "90", "--json");

        var down = await Json("capacity", "risk", "--service", "shop", "--horizon", "180d", "--at", "2026-04-02T00:00:00Z", "--json");
        var degraded = await Json("capacity", "risk", "--service", "shop", "--horizon", "180d", "--at", "2026-04-02T00:00:00Z", "--saturated-as", "degraded", "--json");
        var tooShort = await Json("capacity", "risk", "--service", "shop", "--horizon", "7d", "--at", "2026-04-02T00:00:00Z", "--json");
        var reports = await Json("capacity", "risk", "--service", "reports", "--horizon", "180d", "--at", "2026-04-02T00:00:00Z", "--json");
        var forecast = await Run("capacity", "forecast", "--series", Sample("capacity-series.csv"), "--threshold", "90");

        Assert.Equal((File.ReadAllLines(Sample("capacity-series.csv")).Length - 1, 1), (recorded.GetProperty("recorded").GetInt32(), one.GetProperty("recorded").GetInt32()));
        Assert.Equal(90, threshold.GetProperty("critical").GetDouble());
        var item = Assert.Single(down.GetProperty("items").EnumerateArray());
        Assert.Equal(("san", "storage_used_pct", "down"), (item.GetProperty("item").GetString(), item.GetProperty("metric").GetString(), down.GetProperty("serviceState").GetString()));
        Assert.StartsWith("2026-0", item.GetProperty("crossing").GetString(), StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(item.GetProperty("crossingEarliest").GetString(), item.GetProperty("crossingLatest").GetString()) < 0);
        Assert.Equal("degraded", degraded.GetProperty("serviceState").GetString());
        Assert.Equal(("up", 0), (tooShort.GetProperty("serviceState").GetString(), tooShort.GetProperty("items").GetArrayLength()));
        Assert.Equal("down", reports.GetProperty("serviceState").GetString());
        Assert.Contains("san,storage_used_pct,", forecast.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapacityRecord_OfABatchWithOneStoredReading_StoresNothing()
    {
        await ImportAsync();
        await Json("capacity", "record", "--item", "san", "--metric", "storage_used_pct", "--value", "70.3", "--reading-at", "2026-01-05T00:00:00Z", "--json");

        var again = await Run("capacity", "record", "--input", Sample("capacity-series.csv"));
        await Json("capacity", "threshold", "--item", "san", "--metric", "storage_used_pct", "--warning", "80", "--critical", "90", "--json");
        var risk = await Json("capacity", "risk", "--service", "shop", "--at", "2026-04-02T00:00:00Z", "--json");

        Assert.Equal(ExitCodes.Conflict, again.Code);
        Assert.Contains("[record.exists]", again.Error, StringComparison.Ordinal);
        Assert.Contains("Some of these readings", again.Error, StringComparison.Ordinal);
        Assert.Empty(risk.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(ExitCodes.NotFound, "cmdb.item.unknown", "capacity", "record", "--item", "ghost", "--metric", "cpu_pct", "--value", "5")]
    [InlineData(ExitCodes.InvalidInput, "capacity.metric.invalid", "capacity", "record", "--item", "san", "--metric", "CPU", "--value", "5")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "capacity", "record", "--item", "san", "--metric", "cpu_pct", "--value", "NaN")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "capacity", "record", "--item", "san", "--metric", "cpu_pct")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "capacity", "record", "--item", "san", "--metric", "cpu_pct", "--value", "5", "--reading-at", "1600-01-01T00:00:00Z")]
    [InlineData(ExitCodes.InvalidInput, "capacity.threshold.order", "capacity", "threshold", "--item", "san", "--metric", "cpu_pct", "--warning", "95", "--critical", "90")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "capacity", "risk", "--service", "shop", "--horizon", "6 months")]
    [InlineData(ExitCodes.NotFound, "cmdb.item.unknown", "capacity", "risk", "--service", "ghost")]
    public Task Capacity_BadRequests_ExitWithTheLibrarysCode(int exit, string errorCode, params string[] args)
        => AssertRefusedAsync(exit, errorCode, args);

    [Fact]
    public async Task CapacityRecord_FromAFileWithABadRow_NamesTheLineAndColumn_AndStoresNothing()
    {
        await ImportAsync();
        var file = Path.Combine(Directory, "readings.csv");
        await File.WriteAllTextAsync(file, "item,metric,at,value\nsan,storage_used_pct,2026-01-05T00:00:00Z,70\nsan,Storage,2026-01-12T00:00:00Z,71\n");

        var (code, _, error) = await Run("capacity", "record", "--input", file);
        var both = await Run("capacity", "record", "--input", file, "--item", "san");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("readings.csv:3:", error, StringComparison.Ordinal);
        Assert.Contains("metric", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, both.Code);
    }
}
