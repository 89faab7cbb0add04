using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm outage record|end|correct|list</c> on the store: history and versions, the period and service filters, exit codes and JSON.</summary>
public sealed class OutageCommandsTests() : StoreCommandTests("itsm-outage-")
{
    [Fact]
    public async Task Outage_RecordedEndedAndCorrected_OnTheStore_WithAVersionPerChange()
    {
        await ImportAsync();
        var recorded = await Json("outage", "record", "--item", "db", "--start", "2027-03-10T10:00:00Z", "--incident", "0197a3c2-0000-7000-8000-000000000001", "--json");
        var id = recorded.GetProperty("id").GetString()!;
        Assert.Equal((JsonValueKind.Null, "unplanned", 1), (recorded.GetProperty("end").ValueKind, recorded.GetProperty("kind").GetString(), recorded.GetProperty("version").GetInt32()));

        var ended = await Json("outage", "end", id, "--end", "2027-03-10T11:00:00Z", "--expected-version", "1", "--json");
        var (code, _, error) = await Run("outage", "end", id, "--end", "2027-03-10T12:00:00Z");
        var corrected = await Json("outage", "correct", id, "--start", "2027-03-10T09:30:00Z", "--kind", "planned", "--no-cause", "--reason", "the patch window", "--json");

        Assert.Equal(("2027-03-10T11:00:00Z", 2), (ended.GetProperty("end").GetString(), ended.GetProperty("version").GetInt32()));
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("[availability.outage.ended]", error, StringComparison.Ordinal);
        Assert.Equal(("2027-03-10T09:30:00Z", "2027-03-10T11:00:00Z", "planned", JsonValueKind.Null, 3, 3), (corrected.GetProperty("start").GetString(), corrected.GetProperty("end").GetString(), corrected.GetProperty("kind").GetString(), corrected.GetProperty("incident").ValueKind, corrected.GetProperty("version").GetInt32(), corrected.GetProperty("historyRecords").GetInt32()));
    }

    [Fact]
    public async Task OutageList_ByServiceAndPeriod_ListsTheDependenciesOutagesByStart()
    {
        await ImportAsync();
        var db = (await Json("outage", "record", "--item", "db", "--start", "2027-03-10T10:00:00Z", "--end", "2027-03-10T11:00:00Z", "--json")).GetProperty("id").GetString();
        var web = (await Json("outage", "record", "--item", "web", "--start", "2027-03-02T10:00:00Z", "--json")).GetProperty("id").GetString();
        await Json("outage", "record", "--item", "db", "--start", "2027-04-02T10:00:00Z", "--end", "2027-04-02T11:00:00Z", "--json");

        var listed = await Json("outage", "list", "--service", "shop", "--from", "2027-03-01T00:00:00Z", "--to", "2027-04-01T00:00:00Z", "--json");

        Assert.Equal([web, db], listed.GetProperty("outages").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(2, (await Json("outage", "list", "--item", "db", "--json")).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData(ExitCodes.NotFound, "cmdb.item.unknown", "outage", "record", "--item", "nope", "--start", "2027-03-10T10:00:00Z")]
    [InlineData(ExitCodes.InvalidInput, "availability.outage.interval", "outage", "record", "--item", "db", "--start", "2027-03-10T10:00:00Z", "--end", "2027-03-10T10:00:00Z")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "outage", "record", "--item", "db", "--start", "2027-03-10T10:00:00Z", "--incident", "not-a-guid")]
    [InlineData(ExitCodes.InvalidInput, "availability.outage.filter", "outage", "list", "--item", "db", "--service", "shop")]
    [InlineData(ExitCodes.InvalidInput, "availability.period.invalid", "outage", "list", "--from", "2027-03-10T10:00:00Z")]
    [InlineData(ExitCodes.NotFound, "availability.outage.not-found", "outage", "end", "0197a3c2-0000-7000-8000-000000000009", "--end", "2027-03-10T10:00:00Z")]
    public Task Outage_BadRequests_ExitWithTheLibrarysCode(int exit, string errorCode, params string[] args)
        => AssertRefusedAsync(exit, errorCode, args);
}
