using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// <c>itsm supplier register|revise|contract|activate|notice|renew|expire|terminate|show|list|in-notice|performance|credits</c>
/// on the store: the lifecycle, the notice deadline query, performance and credits from an incident waiting on the supplier,
/// exit codes (2 bad input, 4 not found, 5 refused by the contract's rules) and the <c>--json</c> shapes.
/// </summary>
public sealed class SupplierStoreCommandsTests : IDisposable
{
    private const string Contract = "uc-storage-2027";

    private readonly string directory = Directory.CreateTempSubdirectory("itsm-supplier-").FullName;

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Contract_FromRegisterThroughRenewAndNotice_OnTheStore()
    {
        await Seed();

        var due = await Json("supplier", "in-notice", "--days", "30", "--at", "2027-09-05T09:00:00Z", "--json");
        var one = Assert.Single(due.EnumerateArray());
        Assert.Equal((Contract, "2027-09-30", "Active"), (one.GetProperty("contract").GetString(), one.GetProperty("deadline").GetString(), one.GetProperty("state").GetString()));
        Assert.Empty((await Json("supplier", "in-notice", "--days", "30", "--at", "2027-06-01T09:00:00Z", "--json")).EnumerateArray());

        var renewed = await Json("supplier", "renew", Contract, "--expected-version", "2", "--at", "2027-09-10T09:00:00Z", "--json");
        Assert.Equal(("Renewed", 1, 3), (renewed.GetProperty("state").GetString(), renewed.GetProperty("term").GetInt32(), renewed.GetProperty("version").GetInt32()));
        Assert.Equal(("2029-01-01", "2028-09-30"), (renewed.GetProperty("currentTermEnd").GetString(), renewed.GetProperty("currentNoticeDeadline").GetString()));

        var (code, _, error) = await Run("supplier", "renew", Contract, "--expected-version", "2", "--at", "2027-09-11T09:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("[supplier.contract.version-conflict]", error, StringComparison.Ordinal);

        (code, _, error) = await Run("supplier", "notice", Contract, "--reason", "Too late", "--at", "2028-10-01T09:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("[supplier.contract.notice-late]", error, StringComparison.Ordinal);

        (code, var output, _) = await Run("supplier", "notice", Contract, "--reason", "Moving to a new vendor", "--at", "2028-09-01T09:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("gave notice on contract uc-storage-2027: state InNotice", output, StringComparison.Ordinal);

        var shown = await Json("supplier", "show", Contract, "--json");
        Assert.Equal(
            ["ContractDrafted", "ContractActivated", "ContractRenewed", "ContractNoticeGiven"],
            shown.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(["InNotice", "Expired", "Terminated"], shown.GetProperty("nextStates").EnumerateArray().Select(e => e.GetString()));

        var terminated = await Json("supplier", "terminate", Contract, "--reason", "Vendor insolvent", "--at", "2028-09-02T09:00:00Z", "--json");
        Assert.Equal("Terminated", terminated.GetProperty("state").GetString());
        Assert.Empty((await Json("supplier", "list", "--state", "in-force", "--json")).EnumerateArray());
        Assert.Single((await Json("supplier", "list", "--supplier", "storage-vendor", "--json")).EnumerateArray());
    }

    [Fact]
    public async Task Show_Json_HasTheContractsDatesMoneyAndTargets()
    {
        await Seed();

        var shown = await Json("supplier", "show", Contract, "--json");

        Assert.Equal(
            ["id", "tenant", "version", "supplier", "kind", "title", "state", "term", "start", "currentTermEnd", "currentNoticeDeadline", "renewal", "initialTerm", "notice", "billing", "fee", "creditPolicy", "calendar", "zone", "targets", "services", "items", "underpinnings", "nextStates", "history"],
            shown.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("UnderpinningContract", "automatic", "1 year", "3 months"), (shown.GetProperty("kind").GetString(), shown.GetProperty("renewal").GetString(), shown.GetProperty("initialTerm").GetString(), shown.GetProperty("notice").GetString()));
        Assert.Equal((1200m, "EUR"), (shown.GetProperty("fee").GetProperty("amount").GetDecimal(), shown.GetProperty("fee").GetProperty("currency").GetString()));
        Assert.Equal(3600L, shown.GetProperty("creditPolicy").GetProperty("freeAllowanceSeconds").GetInt64());
        var p1 = shown.GetProperty("targets").EnumerateArray().First();
        Assert.Equal(("P1", 6 * 3600.0), (p1.GetProperty("priority").GetString(), p1.GetProperty("resolutionSeconds").GetDouble()));

        var supplier = await Json("supplier", "show", "storage-vendor", "--supplier", "--json");
        Assert.Equal(["id", "tenant", "version", "kind", "name", "contacts", "services", "items", "history"], supplier.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ana@vendor.example", supplier.GetProperty("contacts")[0].GetProperty("email").GetString());
    }

    [Fact]
    public async Task ShowAndList_ForPeople_FitEightyColumns_AndAControlCharacterNeverReachesTheStore()
    {
        await Seed(title: "Storage support 2027 for the mail and payroll services of every office in the group");

        var (code, output, _) = await HostRunner.RunTablesAsync("supplier", "show", Contract, "--data-dir", DataDir);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, line));
        (code, output, _) = await HostRunner.RunTablesAsync("supplier", "list", "--data-dir", DataDir);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("uc-storage-2027", output, StringComparison.Ordinal);

        var (refused, _, error) = await Run([.. ContractArguments("uc-escape", "Storage\u001b[31m support")]);
        Assert.Equal(ExitCodes.InvalidInput, refused);
        Assert.Contains("[request.text]", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error);
    }

    [Fact]
    public async Task Revise_ReplacesTheProfile_WithOneHistoryRecord_AndRefusesAStaleVersion()
    {
        await Seed();

        var revised = await Json("supplier", "revise", "storage-vendor", "--name", "Storage vendor S.L.", "--service", "svc-email,svc-payroll", "--expected-version", "1", "--at", "2027-02-01T09:00:00Z", "--json");

        Assert.Equal(("Storage vendor S.L.", 2), (revised.GetProperty("name").GetString(), revised.GetProperty("version").GetInt32()));
        Assert.Equal(["svc-email", "svc-payroll"], revised.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(revised.GetProperty("contacts").EnumerateArray());
        Assert.Equal(["SupplierRegistered", "SupplierRevised"], revised.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        var (code, _, error) = await Run("supplier", "revise", "storage-vendor", "--name", "Again", "--expected-version", "1", "--at", "2027-02-02T09:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("[supplier.version-conflict]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerformanceAndCredits_AWaitOnTheSupplierBeyondItsTarget_IsBreachedAndCreditedUpToTheCap()
    {
        await Seed();
        var incident = (await Json("incident", "open", "--title", "Mail store offline", "--service", "svc-email", "--impact", "1", "--urgency", "1", "--at", "2027-03-03T08:00:00Z", "--json")).GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "assign", incident, "--to", "bob", "--at", "2027-03-03T08:10:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "start", incident, "--at", "2027-03-03T08:20:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "hold", incident, "--reason", "awaiting-supplier", "--at", "2027-03-03T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "resume", incident, "--at", "2027-03-04T17:00:00Z")).Code);

        // Wednesday 10:00 to Thursday 18:00 in Madrid on 09:00-18:00: 8h + 9h = 17h against a 6h target.
        var performance = await Json("supplier", "performance", Contract, "--from", "2027-03-01T00:00:00Z", "--to", "2027-04-01T00:00:00Z", "--at", "2027-04-02T00:00:00Z", "--json");
        Assert.Equal((0, 1, 11L * 3600), (performance.GetProperty("met").GetInt32(), performance.GetProperty("breached").GetInt32(), performance.GetProperty("totalBreachSeconds").GetInt64()));
        var wait = Assert.Single(performance.GetProperty("waits").EnumerateArray());
        Assert.Equal((incident, 17L * 3600, "Breached"), (wait.GetProperty("incident").GetString(), wait.GetProperty("waitedSeconds").GetInt64(), wait.GetProperty("outcome").GetString()));

        // Standard policy: 5 % per started hour beyond one free hour (10 hours: 50 %), capped at 25 % of the 1200 EUR fee.
        var credits = await Json("supplier", "credits", Contract, "--from", "2027-03-01T00:00:00Z", "--to", "2027-04-01T00:00:00Z", "--at", "2027-04-02T00:00:00Z", "--json");
        Assert.Equal((300m, "EUR"), (credits.GetProperty("credit").GetProperty("amount").GetDecimal(), credits.GetProperty("credit").GetProperty("currency").GetString()));
        var (code, output, _) = await Run("supplier", "credits", Contract, "--from", "2027-04-01T00:00:00Z", "--to", "2027-05-01T00:00:00Z", "--at", "2027-05-02T00:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("credit 0 EUR", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contract", "--fee", "1200 euros", "[host.input]")]
    [InlineData("contract", "--fee", "1200 eur", "[supplier.money.currency]")]
    [InlineData("contract", "--term", "0months", "[supplier.periodicity.range]")]
    [InlineData("contract", "--start", "2027-02-30", "[host.input]")]
    [InlineData("contract", "--zone", "Mars/Olympus", "[host.input]")]
    [InlineData("contract", "--targets", "P1=6h", "[host.input]")]
    [InlineData("contract", "--credits", "5%/1h/250%", "[supplier.credit.policy]")]
    [InlineData("contract", "--renewal", "sometimes", "[host.input]")]
    [InlineData("contract", "--title", " ", "[supplier.contract.title]")]
    [InlineData("register", "--contact", ";ana@vendor.example", "[host.input]")]
    [InlineData("register", "--kind", "partner", "[host.input]")]
    public async Task BadValue_Exits2InTheHostErrorFormat(string subcommand, string option, string value, string code)
    {
        await Run("calendar", "define", "--calendar", Sample("storage-vendor.json"));
        await Run("supplier", "register", "--id", "storage-vendor", "--name", "Storage vendor");
        var args = subcommand == "register"
            ? new List<string> { "supplier", "register", "--id", "other-vendor", "--name", "Other" }
            : ContractArguments("uc-bad", "Storage support");
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args.RemoveRange(at, 2);
        }

        var (exit, output, error) = await Run([.. args, option, value]);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(code, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("in-notice", "--days", "-1", "[supplier.notice.days]")]
    [InlineData("performance", "--to", "2027-02-01T00:00:00Z", "[host.input]")]
    [InlineData("credits", "--from", "yesterday", "[host.input]")]
    public async Task BadQueryValue_Exits2(string subcommand, string option, string value, string code)
    {
        await Seed();
        var args = subcommand == "in-notice"
            ? new List<string> { "supplier", "in-notice", option, value }
            : new List<string> { "supplier", subcommand, Contract, "--from", "2027-03-01T00:00:00Z", "--to", "2027-04-01T00:00:00Z" };
        if (subcommand != "in-notice")
        {
            args[args.IndexOf(option) + 1] = value;
        }

        var (exit, _, error) = await Run([.. args]);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains(code, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[supplier.contract.not-found]", "supplier", "activate", "uc-nothing")]
    [InlineData("[supplier.contract.not-found]", "supplier", "notice", "uc-nothing", "--reason", "r")]
    [InlineData("[supplier.contract.not-found]", "supplier", "renew", "uc-nothing")]
    [InlineData("[supplier.contract.not-found]", "supplier", "expire", "uc-nothing")]
    [InlineData("[supplier.contract.not-found]", "supplier", "terminate", "uc-nothing", "--reason", "r")]
    [InlineData("[supplier.contract.not-found]", "supplier", "show", "uc-nothing")]
    [InlineData("[supplier.contract.not-found]", "supplier", "performance", "uc-nothing", "--from", "2027-03-01T00:00:00Z", "--to", "2027-04-01T00:00:00Z")]
    [InlineData("[supplier.contract.not-found]", "supplier", "credits", "uc-nothing", "--from", "2027-03-01T00:00:00Z", "--to", "2027-04-01T00:00:00Z")]
    [InlineData("[supplier.not-found]", "supplier", "show", "nobody", "--supplier")]
    [InlineData("[supplier.not-found]", "supplier", "revise", "nobody", "--name", "Nobody")]
    public async Task UnknownRecord_Exits4WithTheTenant(string code, params string[] args)
    {
        var (exit, _, error) = await Run(args);

        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains(code, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Contract_WithAnUnknownSupplierOrCalendar_Exits4()
    {
        await Run("supplier", "register", "--id", "storage-vendor", "--name", "Storage vendor");
        var (exit, _, error) = await Run([.. ContractArguments(Contract, "Storage support")]);
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains("[calendar.not-found]", error, StringComparison.Ordinal);

        var args = ContractArguments(Contract, "Storage support");
        args[args.IndexOf("storage-vendor")] = "nobody";
        (exit, _, error) = await Run([.. args]);
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains("[supplier.not-found]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_And_InNotice_AreEmptyForAnotherTenant()
    {
        await Seed();

        Assert.Empty((await Json("supplier", "list", "--tenant", "globex", "--json")).EnumerateArray());
        Assert.Empty((await Json("supplier", "in-notice", "--days", "400", "--tenant", "globex", "--at", "2027-01-15T00:00:00Z", "--json")).EnumerateArray());
        Assert.Single((await Json("supplier", "in-notice", "--days", "400", "--at", "2027-01-15T00:00:00Z", "--json")).EnumerateArray());
    }

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private static List<string> ContractArguments(string id, string title) =>
    [
        "supplier", "contract", "--id", id, "--supplier", "storage-vendor", "--title", title, "--start", "2027-01-01", "--term", "1y",
        "--renewal", "automatic", "--notice", "3months", "--fee", "1200 EUR", "--calendar", "storage-vendor", "--zone", "Europe/Madrid",
        "--targets", "P1=30m/6h,P2=1h/8h,P3=2h/16h", "--service", "svc-email", "--at", "2026-12-01T09:00:00Z",
    ];

    private async Task Seed(string title = "Storage support 2027")
    {
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("storage-vendor.json"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("supplier", "register", "--id", "storage-vendor", "--name", "Storage vendor", "--service", "svc-email", "--contact", "Ana Ruiz;ana@vendor.example", "--at", "2026-12-01T09:00:00Z")).Code);
        var drafted = await Json([.. ContractArguments(Contract, title), "--json"]);
        Assert.Equal(("Draft", 1), (drafted.GetProperty("state").GetString(), drafted.GetProperty("version").GetInt32()));
        var (code, output, _) = await Run("supplier", "activate", Contract, "--at", "2026-12-15T09:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("activated contract uc-storage-2027: state Active", output, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> Run(params string[] args) => await HostRunner.RunAsync([.. args, "--data-dir", DataDir]);

    private async Task<JsonElement> Json(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
