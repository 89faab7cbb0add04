using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// <c>itsm request ...</c> on the store: the sample laptop item through two approval stages to closed, the promise across two
/// groups' calendars worked out by hand, the requester refused as approver, bad definition files, JSON shapes and unknown ids.
/// </summary>
public sealed class RequestCommandsTests() : StoreCommandTests("itsm-requests-")
{
    /// <summary>
    /// Approved Monday 1 March 2027 10:00 (GMT): order (procurement, 6h on UK office hours 09:00-12:30, 13:30-17:30) ends 17:00;
    /// image (desk, 3h on the early shift 07:00-15:00) starts then, so Tuesday 07:00 to 10:00; accounts (1h) ends Monday 11:00;
    /// deliver (desk, 2h, after image and accounts) runs Tuesday 10:00 to 12:00: the promise. The 16h target on office hours from
    /// Monday 10:00 is 6h30m on Monday, 7h30m on Tuesday and 2h on Wednesday: due Wednesday 3 March 11:00.
    /// </summary>
    [Fact]
    public async Task Request_ThroughTwoApprovalStages_IsPromisedOnTheCriticalPath_AndClosed()
    {
        var id = await SubmittedAsync();
        var (code, _, error) = await Run("request", "approve", id, "--actor", "sam", "--at", "2027-03-01T09:10:00Z");
        Assert.Equal(ExitCodes.Refused, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.EndsWith("[request.approval.self]", error.Trim(), StringComparison.Ordinal);

        (code, _, error) = await Run("request", "approve", id, "--actor", "ivan", "--at", "2027-03-01T09:20:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("[request.approval.stage-not-open]", error, StringComparison.Ordinal);

        var first = await Json("request", "approve", id, "--actor", "maria", "--expected-version", "1", "--at", "2027-03-01T09:30:00Z", "--json");
        Assert.Equal(("awaiting-approval", 2L, 1), (first.GetProperty("state").GetString(), first.GetProperty("version").GetInt64(), first.GetProperty("openStage").GetInt32()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("promised").ValueKind);
        Assert.Equal("paused", first.GetProperty("fulfilment").GetProperty("state").GetString());

        var approved = await Json("request", "approve", id, "--actor", "ines", "--comment", "Budget agreed", "--at", "2027-03-01T10:00:00Z", "--json");
        Assert.Equal(("approved", "2027-03-02T12:00:00Z"), (approved.GetProperty("state").GetString(), approved.GetProperty("promised").GetString()));
        Assert.Equal("2027-03-03T11:00:00Z", approved.GetProperty("fulfilment").GetProperty("due").GetString());
        Assert.Equal("approved", approved.GetProperty("approval")[1].GetProperty("votes").GetProperty("ines").GetString());

        (code, _, error) = await Run("request", "task-done", id, "--task", "image", "--at", "2027-03-01T11:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("[request.task.blocked]", error, StringComparison.Ordinal);
        foreach (var (task, at) in new[] { ("order", "2027-03-01T17:00:00Z"), ("accounts", "2027-03-01T17:05:00Z"), ("image", "2027-03-02T10:00:00Z") })
        {
            Assert.Equal(ExitCodes.Ok, (await Run("request", "task-done", id, "--task", task, "--actor", "pat", "--at", at)).Code);
        }

        var (shownCode, shown, _) = await Run("request", "show", id, "--at", "2027-03-02T11:00:00Z");
        Assert.Equal(ExitCodes.Ok, shownCode);
        Assert.Contains("state in-fulfilment", shown, StringComparison.Ordinal);
        Assert.Contains("task deliver to do: Hand it over (desk, 2h, after accounts, image)", shown, StringComparison.Ordinal);

        var fulfilled = await Json("request", "task-done", id, "--task", "deliver", "--actor", "pat", "--at", "2027-03-02T12:00:00Z", "--json");
        Assert.Equal(("fulfilled", "met"), (fulfilled.GetProperty("state").GetString(), fulfilled.GetProperty("fulfilment").GetProperty("state").GetString()));
        Assert.All(fulfilled.GetProperty("tasks").EnumerateArray(), t => Assert.True(t.GetProperty("done").GetBoolean()));
        var closed = await Json("request", "close", id, "--at", "2027-03-02T13:00:00Z", "--json");
        Assert.Equal(("closed", 8L), (closed.GetProperty("state").GetString(), closed.GetProperty("version").GetInt64()));
        Assert.Empty(closed.GetProperty("nextStates").EnumerateArray());
        Assert.Equal(
            ["ServiceRequestSubmitted", "ServiceRequestApproved", "ServiceRequestApproved", "FulfilmentTaskCompleted", "FulfilmentTaskCompleted", "FulfilmentTaskCompleted", "FulfilmentTaskCompleted", "ServiceRequestClosed"],
            closed.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()));

        var listed = await Json("request", "list", "--state", "closed", "--service", "shop", "--json");
        Assert.Equal([(id, "closed", "sam")], listed.EnumerateArray().Select(r => (r.GetProperty("id").GetString(), r.GetProperty("state").GetString(), r.GetProperty("requester").GetString())));
        Assert.Empty((await Json("request", "list", "--state", "open", "--json")).EnumerateArray());
    }

    /// <summary>
    /// March's service report of shop counts its requests: one fulfilled Tuesday 12:00 after 10h30m of UK office hours from its
    /// submission Monday 09:00 (7h30m on Monday, 3h on Tuesday), within its 16h target; one rejected.
    /// </summary>
    [Fact]
    public async Task ServiceReport_OfTheItemsService_CountsItsRequests_InTheTableAndTheJson()
    {
        var fulfilled = await SubmittedAsync();
        var rejected = await SubmittedAsync("P2");
        Assert.Equal(ExitCodes.Ok, (await Run("request", "reject", rejected, "--actor", "maria", "--reason", "One is enough", "--at", "2027-03-01T09:15:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("request", "approve", fulfilled, "--actor", "maria", "--at", "2027-03-01T09:30:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("request", "approve", fulfilled, "--actor", "ines", "--at", "2027-03-01T10:00:00Z")).Code);
        foreach (var (task, at) in new[] { ("order", "2027-03-01T17:00:00Z"), ("accounts", "2027-03-01T17:05:00Z"), ("image", "2027-03-02T10:00:00Z"), ("deliver", "2027-03-02T12:00:00Z") })
        {
            Assert.Equal(ExitCodes.Ok, (await Run("request", "task-done", fulfilled, "--task", task, "--at", at)).Code);
        }

        Assert.Equal(ExitCodes.Ok, (await Run("sla", "define", "--id", "shop-gold", "--service", "shop", "--calendar", "uk-office-hours", "--targets", "P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h")).Code);
        var (code, table, error) = await Run("report", "service", "--service", "shop", "--month", "2027-03", "--at", "2027-04-01T00:00:00Z");
        var json = await Json("report", "service", "--service", "shop", "--month", "2027-03", "--at", "2027-04-01T00:00:00Z", "--json");
        var page = Path.Combine(Directory, "march.html");
        Assert.Equal(ExitCodes.Ok, (await Run("report", "service", "--service", "shop", "--month", "2027-03", "--format", "html", "--output", page, "--at", "2027-04-01T00:00:00Z")).Code);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("service requests       2 submitted, 1 rejected, 0 cancelled, 0 closed", table, StringComparison.Ordinal);
        Assert.Contains("requests by priority   P2:1 P3:1", table, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(page);
        var chart = html[html.IndexOf("<svg id=\"request-priority-chart\"", StringComparison.Ordinal)..];
        Assert.Contains("<title>P2: 1</title>", chart[..chart.IndexOf("</svg>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("<title>P3: 1</title>", chart[..chart.IndexOf("</svg>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("request fulfilment     1 fulfilled, 100 % in target (0 breached), mean 10h30m", table, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Request fulfilment</th><td>1 fulfilled, 100 % in target (0 breached), mean 10h30m</td></tr>", await File.ReadAllTextAsync(page), StringComparison.Ordinal);
        var requests = json.GetProperty("requests");
        Assert.Equal((2, 1, 1, 1, 0, 37800.0), (requests.GetProperty("submitted").GetInt32(), requests.GetProperty("fulfilled").GetInt32(), requests.GetProperty("rejected").GetInt32(),
            requests.GetProperty("fulfilment").GetProperty("met").GetInt32(), requests.GetProperty("fulfilment").GetProperty("breached").GetInt32(), requests.GetProperty("meanFulfilmentSeconds").GetDouble()));
        Assert.Equal([("P2", 1), ("P3", 1)], requests.GetProperty("byPriority").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));
    }

    [Fact]
    public async Task Request_AnyRejection_Rejects_AndCancelNeedsAnOpenRequest()
    {
        var id = await SubmittedAsync();
        var rejected = await Json("request", "reject", id, "--actor", "maria", "--reason", "Not this year", "--at", "2027-03-01T09:30:00Z", "--json");
        Assert.Equal(("rejected", "ServiceRequestRejected"), (rejected.GetProperty("state").GetString(), rejected.GetProperty("history")[1].GetProperty("event").GetString()));
        Assert.Equal("rejected", rejected.GetProperty("approval")[0].GetProperty("votes").GetProperty("maria").GetString());
        var (code, _, error) = await Run("request", "cancel", id, "--reason", "Too late", "--at", "2027-03-01T09:40:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("[request.illegal-transition]", error, StringComparison.Ordinal);

        var other = await SubmittedAsync();
        var cancelled = await Json("request", "cancel", other, "--actor", "sam", "--reason", "No longer needed", "--at", "2027-03-01T09:45:00Z", "--json");
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Item_ShowAndList_AnswerTheDefinition()
    {
        await DefinedAsync();
        var item = await Json("request", "item", "show", "laptop", "--json");
        Assert.Equal(("shop", "16h", "uk-office-hours", "P3"), (item.GetProperty("service").GetString(), item.GetProperty("target").GetString(), item.GetProperty("serviceCalendar").GetString(), item.GetProperty("priority").GetString()));
        Assert.Equal(["cost-centre*", "model"], item.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(("parallel", 1), (item.GetProperty("approval")[1].GetProperty("mode").GetString(), item.GetProperty("approval")[1].GetProperty("quorum").GetInt32()));
        Assert.Equal("desk-early-shift", item.GetProperty("groups").GetProperty("desk").GetString());
        Assert.Equal(["accounts", "image"], item.GetProperty("tasks")[3].GetProperty("after").EnumerateArray().Select(a => a.GetString()));
        var listed = await Json("request", "item", "list", "--service", "shop", "--json");
        Assert.Equal(["laptop"], listed.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Empty((await Json("request", "item", "list", "--service", "reports", "--json")).EnumerateArray());
    }

    [Theory]
    [InlineData("""{ "id": "laptop", "service": "shop", "name": "x", "tasks": [], "target": "8h", "serviceCalendar": "uk-office-hours", "colour": "red" }""", "unknown property 'colour'", "host.input")]
    [InlineData("""{ "id": "laptop", "service": "shop", "name": "x", "target": "8h", "serviceCalendar": "uk-office-hours" }""", "tasks: is missing", "host.input")]
    [InlineData("""{ "id": "laptop", "service": "shop", "name": "x", "priority": "urgent", "tasks": [{ "id": "a", "name": "A", "group": "g", "effort": "1h" }], "groups": { "g": "uk-office-hours" }, "target": "8h", "serviceCalendar": "uk-office-hours" }""", "priority: 'urgent' is not a priority; write P1, P2", "host.input")]
    [InlineData("""{ "id": "laptop", "service": "shop", "name": "x", "tasks": [{ "id": "a", "name": "A", "group": "g", "effort": "two hours" }], "groups": { "g": "uk-office-hours" }, "target": "8h", "serviceCalendar": "uk-office-hours" }""", "tasks[0].effort", "host.input")]
    [InlineData("""{ "id": "laptop", "service": "shop", "name": "x", "approval": [{ "stage": "s", "mode": "parallel", "quorum": 3, "approvers": ["a", "b"] }], "tasks": [{ "id": "a", "name": "A", "group": "g", "effort": "1h" }], "groups": { "g": "uk-office-hours" }, "target": "8h", "serviceCalendar": "uk-office-hours" }""", "approval[0]", "request.item.stage")]
    [InlineData("""{ "id": "laptop", "service": "shop", "name": "x", "tasks": [{ "id": "a", "name": "A", "group": "g", "effort": "1h", "after": ["b"] }, { "id": "b", "name": "B", "group": "g", "effort": "1h", "after": ["a"] }], "groups": { "g": "uk-office-hours" }, "target": "8h", "serviceCalendar": "uk-office-hours" }""", "a -> b -> a", "request.task.cycle")]
    [InlineData("""{ "id": "laptop", "service": "shop", "name": "x", "tasks": [{ "id": "a", "name": "A", "group": "g", "effort": "1h" }], "groups": { "g": "uk-office-hours", "h": "uk-office-hours" }, "target": "8h", "serviceCalendar": "uk-office-hours" }""", "--definition: groups: The group(s) h do no fulfilment task", "request.item.calendar")]
    [InlineData("""{ "id": "laptop", "service": "shop", "name": "x", "tasks": [{ "id": "a", "name": "A", "group": "g", "effort": "1h" },""", "item.json:1:", "host.input")]
    public async Task Item_BadDefinition_IsBadInputInOneLineWithItsCode(string json, string says, string code)
    {
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).Code);
        var file = Path.Combine(Directory, "item.json");
        await File.WriteAllTextAsync(file, json);
        var (exit, output, error) = await Run("request", "item", "define", "--definition", file);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.EndsWith($"[{code}]", line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Document", line, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await Run("request", "item", "show", "laptop")).Code);
    }

    [Fact]
    public async Task UnknownIds_AreNotFoundInOneLine()
    {
        var (code, _, error) = await Run("request", "show", Guid.CreateVersion7().ToString());
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("[request.not-found]", Assert.Single(error.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Contains("tenant 'default'", error, StringComparison.Ordinal);
        (code, _, error) = await Run("request", "submit", "--item", "nope");
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("[request.item.not-found]", error, StringComparison.Ordinal);
        (code, _, error) = await Run("request", "approve", "not-a-guid");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("is not a request id", error, StringComparison.Ordinal);
        (code, _, error) = await Run("request", "item", "define", "--definition", Sample("request-item-laptop.json"));
        Assert.Equal(ExitCodes.NotFound, code); // no CMDB, no calendars yet
        Assert.Contains("[cmdb.item.unknown]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithoutARequiredField_NamesTheField()
    {
        await DefinedAsync();
        var (code, _, error) = await Run("request", "submit", "--item", "laptop", "--field", "model=14-inch", "--field", "colour=red", "--actor", "sam");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("colour: Item laptop has no field 'colour'", error, StringComparison.Ordinal);
        Assert.Contains("[request.field.missing]", error, StringComparison.Ordinal);
        (code, _, error) = await Run("request", "submit", "--item", "laptop", "--field", "cost-centre", "--actor", "sam");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("is not NAME=VALUE", error, StringComparison.Ordinal);
        (code, _, error) = await Run("request", "submit", "--item", "laptop", "--field", "cost-centre=CC-410", "--priority", "high", "--actor", "sam");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("'high' is not a priority; write P1, P2, ... (P1 is the highest).", error, StringComparison.Ordinal);
    }

    private async Task DefinedAsync()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("desk-early-shift.json"))).Code);
        var (code, output, error) = await Run("request", "item", "define", "--definition", Sample("request-item-laptop.json"), "--at", "2027-02-26T09:00:00Z");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("defined request item laptop of shop", output, StringComparison.Ordinal);
    }

    private async Task<string> SubmittedAsync(string? priority = null)
    {
        if (!System.IO.Directory.Exists(DataDir))
        {
            await DefinedAsync();
        }

        string[] given = priority is null ? [] : ["--priority", priority];
        var submitted = await Json(["request", "submit", "--item", "laptop", "--field", "cost-centre=CC-410", "--actor", "sam", "--at", "2027-03-01T09:00:00Z", .. given, "--json"]);
        Assert.Equal(("submitted", "CC-410", 0), (submitted.GetProperty("state").GetString(), submitted.GetProperty("values").GetProperty("cost-centre").GetString(), submitted.GetProperty("openStage").GetInt32()));
        Assert.Equal(priority ?? "P3", submitted.GetProperty("priority").GetString()); // the item's P3 unless given
        return submitted.GetProperty("id").GetString()!;
    }
}
