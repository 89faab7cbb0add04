using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm service ...</c> and <c>itsm agreement ...</c> on the store: the gate refused listing what is missing, then passed; versions signed; exit codes and JSON.</summary>
public sealed class CatalogueCommandsTests() : StoreCommandTests("itsm-catalogue-")
{
    [Fact]
    public async Task Service_GoesLiveThroughItsGate_FirstRefusedListingWhatIsMissing()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("service", "define", "shop", "--name", "Web shop", "--customer", "retail", "--criteria", "runbook", "--at", "2027-03-01T09:00:00Z")).Code);
        var offered = await Json("service", "offering", "shop", "--name", "gold", "--targets", "P1=30m/4h,P2=1h/8h", "--price", "1200 EUR", "--expected-version", "1", "--at", "2027-03-01T09:01:00Z", "--json");
        Assert.Equal(("pipeline", 2), (offered.GetProperty("status").GetString(), offered.GetProperty("version").GetInt32()));
        Assert.Equal(ExitCodes.Ok, (await Run("service", "transition", "shop", "--at", "2027-03-01T09:02:00Z")).Code);

        var (code, _, error) = await Run("service", "golive", "shop", "--at", "2027-03-01T09:03:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("service.acceptance-refused", error, StringComparison.Ordinal);
        var check = await Json("service", "check", "shop", "--at", "2027-03-01T09:03:00Z", "--json");
        Assert.Equal(
            ["owner", "service-hours", "support-hours", "recorded-in-cmdb", "related-in-cmdb", "agreement-in-force", "vendor-criterion"],
            check.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("criterion").GetString()));

        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).Code);
        var agreement = await SignedAgreementAsync();
        var (failedRevise, _, _) = await Run("service", "golive", "shop", "--attest", "runbook", "--at", "2027-03-01T10:00:00Z");
        Assert.Equal(ExitCodes.Conflict, failedRevise); // still no owner, no calendars on the service

        (code, _, error) = await Run("service", "define", "reports", "--name", "Reports", "--owner", "olivia", "--service-hours", "uk-office-hours", "--support-hours", "uk-office-hours", "--at", "2027-03-01T10:00:00Z");
        Assert.True(code == ExitCodes.Ok, error);
        var shown = await Json("service", "show", "reports", "--json");
        Assert.Equal(("olivia", "uk-office-hours"), (shown.GetProperty("owner").GetString(), shown.GetProperty("serviceHours").GetString()));
        var agreementShown = await Json("agreement", "show", agreement, "--in-force-at", "2027-03-02T00:00:00Z", "--json");
        Assert.Equal((1, "signed"), (agreementShown.GetProperty("inForce").GetInt32(), agreementShown.GetProperty("state").GetString()));
        Assert.Equal(ExitCodes.Ok, (await Run("service", "offering", "reports", "--name", "silver", "--targets", "P1=1h/8h", "--at", "2027-03-01T10:01:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("service", "transition", "reports", "--at", "2027-03-01T10:02:00Z")).Code);
        var second = await SignedAgreementAsync("reports/silver");
        var live = await Json("service", "golive", "reports", "--at", "2027-03-01T10:30:00Z", "--json");
        Assert.Equal(("live", second), (live.GetProperty("status").GetString(), live.GetProperty("liveUnder").GetString()));
        var listed = await Json("service", "list", "--status", "in-transition", "--json");
        Assert.Equal(["shop"], listed.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Agreement_BadInput_AndUnknownIds_HaveTheirExitCodes()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("service", "define", "shop", "--name", "Web shop", "--at", "2027-03-01T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.InvalidInput, (await Run("agreement", "draft", "--customer", "retail", "--title", "Shop", "--cover", "shop", "--effective", "2027-03-01")).Code);
        Assert.Equal(ExitCodes.InvalidInput, (await Run("agreement", "draft", "--customer", "retail", "--title", "Shop", "--cover", "shop/gold", "--effective", "1 March")).Code);
        var (code, _, error) = await Run("agreement", "draft", "--customer", "retail", "--title", "Shop", "--cover", "shop/gold", "--effective", "2027-03-01");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("agreement.offering.unknown", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await Run("agreement", "sign", Guid.CreateVersion7().ToString(), "--side", "customer")).Code);
        Assert.Equal(ExitCodes.NotFound, (await Run("service", "retire", "nope", "--reason", "gone")).Code);
        Assert.Empty((await Json("agreement", "due-for-review", "--json")).EnumerateArray());
    }

    /// <summary>Signed in force from 1 March 2027 (London), reviewed every 12 months: due 1 March 2028; reviewed 3 March 2028, due 3 March 2029.</summary>
    [Fact]
    public async Task Agreement_RecordReview_MovesTheNextReview_AndNeedsNotes()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("service", "define", "shop", "--name", "Web shop", "--at", "2027-03-01T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("service", "offering", "shop", "--name", "gold", "--targets", "P1=30m/4h", "--at", "2027-03-01T09:01:00Z")).Code);
        var id = await SignedAgreementAsync();
        var due = await Json("agreement", "due-for-review", "--at", "2028-03-02T12:00:00Z", "--json");
        Assert.Equal([(id, "2028-03-01", true)], due.EnumerateArray().Select(d => (d.GetProperty("agreement").GetString(), d.GetProperty("nextReviewOn").GetString(), d.GetProperty("overdue").GetBoolean())));

        var (blank, _, error) = await Run("agreement", "record-review", id, "--notes", "  ", "--at", "2028-03-03T09:00:00Z");
        var reviewed = await Json("agreement", "record-review", id, "--notes", "Targets still fit", "--expected-version", "4", "--at", "2028-03-03T09:00:00Z", "--json");

        Assert.Equal(ExitCodes.InvalidInput, blank);
        Assert.Contains("agreement.review", error, StringComparison.Ordinal);
        Assert.Equal(("2029-03-03", 5L, "AgreementReviewed"), (reviewed.GetProperty("nextReviewOn").GetString(), reviewed.GetProperty("version").GetInt64(), reviewed.GetProperty("history").EnumerateArray().Last().GetProperty("event").GetString()));
        Assert.Empty((await Json("agreement", "due-for-review", "--at", "2028-03-04T00:00:00Z", "--json")).EnumerateArray());
        var (stale, _, _) = await Run("agreement", "record-review", id, "--notes", "Again", "--expected-version", "4", "--at", "2028-03-04T09:00:00Z");
        Assert.Equal(ExitCodes.Conflict, stale);
    }

    /// <summary>March 2027 of shop in London (00:00Z to 23:00Z on the 31st, in summer time by then), under the agreement in force from 1 March: one part, version 1, in the table and on the page.</summary>
    [Fact]
    public async Task ServiceReport_UnderAnAgreement_ListsTheMonthsParts_InTheTableAndOnThePage()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("service", "define", "shop", "--name", "Web shop", "--customer", "retail", "--at", "2027-03-01T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("service", "offering", "shop", "--name", "gold", "--targets", "P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h", "--at", "2027-03-01T09:01:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("sla", "define", "--id", "shop-gold", "--service", "shop", "--calendar", "uk-office-hours", "--targets", "P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h")).Code);
        var agreement = await SignedAgreementAsync();
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "open", "--title", "Checkout fails", "--service", "shop", "--impact", "1", "--urgency", "2", "--customer", "retail", "--at", "2027-03-10T10:00:00Z")).Code);
        var page = Path.Combine(Directory, "march.html");

        var (code, table, error) = await Run("report", "service", "--service", "shop", "--month", "2027-03", "--customer", "retail", "--at", "2027-04-02T00:00:00Z");
        var (htmlCode, _, htmlError) = await Run("report", "service", "--service", "shop", "--month", "2027-03", "--customer", "retail", "--format", "html", "--output", page, "--at", "2027-04-02T00:00:00Z");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.True(htmlCode == ExitCodes.Ok, htmlError);
        Assert.Contains($"by version of agreement {agreement}:", table, StringComparison.Ordinal);
        Assert.Contains("2027-03-01T00:00:00Z  v1 (gold): 1 incident(s), response 0 %, resolution 0 %,", table, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(page);
        Assert.Contains("<table id=\"parts\">", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><td>2027-03-01T00:00:00Z</td><td>2027-03-31T23:00:00Z</td><td>{agreement} v1 (gold)</td><td>1</td>", html, StringComparison.Ordinal);
    }

    private async Task<string> SignedAgreementAsync(string cover = "shop/gold")
    {
        var drafted = await Json("agreement", "draft", "--customer", "retail", "--title", "Retail services", "--cover", cover, "--effective", "2027-03-01", "--zone", "Europe/London", "--at", "2027-03-01T09:10:00Z", "--json");
        var id = drafted.GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("agreement", "review", id, "--at", "2027-03-01T09:11:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("agreement", "sign", id, "--side", "provider", "--actor", "alice", "--at", "2027-03-01T09:12:00Z")).Code);
        var (sameSigner, _, error) = await Run("agreement", "sign", id, "--side", "customer", "--actor", "alice", "--at", "2027-03-01T09:13:00Z");
        Assert.Equal(ExitCodes.Conflict, sameSigner);
        Assert.Contains("agreement.signature.same-signer", error, StringComparison.Ordinal);
        var signed = await Json("agreement", "sign", id, "--side", "customer", "--actor", "retail-director", "--at", "2027-03-01T09:14:00Z", "--json");
        Assert.Equal(("signed", "2027-03-01T00:00:00Z"), (signed.GetProperty("state").GetString(), signed.GetProperty("versions")[0].GetProperty("effectiveAt").GetString()));
        return id;
    }
}
