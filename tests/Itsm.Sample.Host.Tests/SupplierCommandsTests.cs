using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm supplier underpin</c>: exit codes, the <c>--json</c> shape, the error format, the OLA link of a three-link chain.</summary>
public sealed class SupplierCommandsTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private static string[] Underpin(string ucCalendar, string ucTarget, params string[] more) =>
    [
        "supplier", "underpin", "--sla-calendar", Sample("uk-office-hours.json"), "--sla-target", "8h",
        "--uc-calendar", Sample(ucCalendar), "--uc-target", ucTarget, "--handoff", "30m",
        "--from", "2027-03-01T00:00:00Z", "--to", "2027-05-01T00:00:00Z", .. more,
    ];

    [Fact]
    public async Task Underpin_SupplierOffOnMaundyThursday_Exits6WithTheFirstFailingSecond()
    {
        var (code, output, _) = await HostRunner.RunAsync(Underpin("storage-vendor.json", "6h", "--json"));

        Assert.Equal(6, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("underpins").GetBoolean());
        Assert.Equal("2027-03-24T10:30:01Z", root.GetProperty("firstFailure").GetProperty("start").GetString());
        Assert.Equal("2027-03-25T11:00:01Z", root.GetProperty("firstFailure").GetProperty("slaDue").GetString());
        Assert.Equal("2027-03-29T07:00:01Z", root.GetProperty("firstFailure").GetProperty("ucDue").GetString());
        Assert.Equal(92 * 3600, root.GetProperty("worstShortfall").GetProperty("shortfall").GetInt64());
        var run = Assert.Single(root.GetProperty("failingStarts").EnumerateArray());
        Assert.Equal(["2027-03-24T10:30:01Z", "2027-03-24T17:00:00Z"], run.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Underpin_RevisedContract_Exits0()
    {
        var (code, output, _) = await HostRunner.RunAsync(Underpin("storage-vendor-revised.json", "6h"));

        Assert.Equal(0, code);
        Assert.StartsWith("underpins", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Underpin_ThroughAnOlaWithNoHandoffOnTheSlaCalendar_AnswersAsTheTwoLinkChain()
    {
        var (twoCode, two, _) = await HostRunner.RunAsync(Underpin("storage-vendor.json", "6h", "--json"));
        var (threeCode, three, _) = await HostRunner.RunAsync(Underpin("storage-vendor.json", "6h", "--json", "--ola-calendar", Sample("uk-office-hours.json"), "--ola-handoff", "0m"));

        Assert.Equal((6, 6), (twoCode, threeCode));
        Assert.Equal(two, three);
    }

    [Fact]
    public async Task Underpin_TheInternalGroupsHoldingTime_TurnsThePassingRevisedContractIntoAFail()
    {
        var (passes, _, _) = await HostRunner.RunAsync(Underpin("storage-vendor-revised.json", "6h"));
        var (code, output, _) = await HostRunner.RunAsync(Underpin("storage-vendor-revised.json", "6h", "--json", "--ola-calendar", Sample("uk-office-hours.json"), "--ola-handoff", "4h"));

        Assert.Equal((0, 6), (passes, code));
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("underpins").GetBoolean());
        Assert.NotEmpty(json.RootElement.GetProperty("failingStarts").EnumerateArray());
    }

    [Fact]
    public async Task Underpin_OlaHandoffWithoutItsCalendar_Exits2()
    {
        var (code, _, error) = await HostRunner.RunAsync(Underpin("storage-vendor.json", "6h", "--ola-handoff", "1h"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: --ola-handoff:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6x")]
    [InlineData("")]
    [InlineData("-1h")]
    public async Task Underpin_BadDuration_Exits2InTheHostErrorFormat(string target)
    {
        var (code, _, error) = await HostRunner.RunAsync(Underpin("storage-vendor.json", target));

        Assert.Equal(2, code);
        Assert.StartsWith("error: --uc-target:", error, StringComparison.Ordinal);
        Assert.Contains("[host.input]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Underpin_PeriodBeyondTheHorizon_Exits2WithTheLibrarysCode()
    {
        var (code, _, error) = await HostRunner.RunAsync(
            "supplier", "underpin", "--sla-calendar", Sample("uk-office-hours.json"), "--sla-target", "80h",
            "--uc-calendar", Sample("storage-vendor.json"), "--uc-target", "6h",
            "--from", "2149-12-20T00:00:00Z", "--to", "2149-12-31T00:00:00Z");

        Assert.Equal(2, code);
        Assert.Contains("[supplier.underpin.beyond-horizon]", error, StringComparison.Ordinal);
    }
}
