using System.Text.Json;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm report service --format json|csv|html</c>: the monthly report with its trend, its file output, and its refusals.</summary>
public sealed class MonthlyReportCommandsTests() : StoreCommandTests("itsm-monthly-report-")
{
    [Fact]
    public async Task FormatCsvAndJson_GiveOneRowPerMonth_AndTheCustomersIncidentsOnly()
    {
        await SeedAsync();
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "open", "--title", "Checkout fails", "--service", "shop", "--impact", "1", "--urgency", "2", "--customer", "acme-retail", "--at", "2027-03-10T10:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "open", "--title", "Basket empty", "--service", "shop", "--impact", "1", "--urgency", "2", "--customer", "acme-trade", "--at", "2027-02-10T10:00:00Z")).Code);
        var file = Path.Combine(Directory, "march.csv");

        var (code, output, error) = await Run("report", "service", "--service", "shop", "--month", "2027-03", "--format", "csv", "--months", "3", "--output", file, "--at", "2027-04-02T00:00:00Z");
        var retail = await Run("report", "service", "--service", "shop", "--month", "2027-03", "--format", "json", "--customer", "acme-retail", "--at", "2027-04-02T00:00:00Z");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(string.Empty, output);
        var rows = (await File.ReadAllLinesAsync(file)).Select(r => r.Split(',')).ToList();
        Assert.Equal(["2027-01", "2027-02", "2027-03"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["0", "1", "1"], rows.Skip(1).Select(r => r[5])); // the incidents column: one in February, one in March
        var json = JsonDocument.Parse(retail.Output).RootElement;
        Assert.Equal(("acme-retail", 1, 12), (json.GetProperty("customer").GetString(), json.GetProperty("incidents").GetProperty("total").GetInt32(), json.GetProperty("trend").GetArrayLength()));
        Assert.Equal(0, json.GetProperty("trend")[10].GetProperty("incidents").GetInt32()); // February's incident was acme-trade's
    }

    [Theory]
    [InlineData(ExitCodes.InvalidInput, "host.usage", "--format", "html")]
    [InlineData(ExitCodes.InvalidInput, "host.usage", "--format", "json", "--from", "2027-03-01T00:00:00Z", "--to", "2027-04-01T00:00:00Z")]
    [InlineData(ExitCodes.InvalidInput, "host.usage", "--format", "csv", "--month", "2027-03", "--json")]
    [InlineData(ExitCodes.InvalidInput, "report.months", "--format", "csv", "--month", "2027-03", "--months", "0")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "--format", "csv", "--month", "March")]
    [InlineData(ExitCodes.InvalidInput, "host.input", "--format", "pdf", "--month", "2027-03")]
    [InlineData(ExitCodes.NotFound, "report.no-sla", "--format", "html", "--month", "2027-03", "--service", "reports")]
    public async Task MonthlyFormats_OfABadRequest_AreRefusedWithTheirCode_AndWriteNothing(int exit, string errorCode, params string[] args)
    {
        await DefineSlaAsync(); // AssertRefusedAsync imports the CMDB
        var file = Path.Combine(Directory, "refused.html");

        await AssertRefusedAsync(exit, errorCode, ["report", "service", .. args.Contains("--service") ? args : ["--service", "shop", .. args], "--output", file]);

        Assert.False(File.Exists(file));
    }

    private async Task SeedAsync()
    {
        await ImportAsync();
        await DefineSlaAsync();
    }

    private async Task DefineSlaAsync()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("sla", "define", "--id", "shop-gold", "--service", "shop", "--calendar", "uk-office-hours", "--targets", "P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h")).Code);
    }
}
