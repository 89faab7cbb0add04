using System.Text.Json;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The <c>itsm change</c> commands, run in process, one lifecycle step per invocation against one
/// temporary data directory (the embedded store, and the host's authority and blackout files).
/// </summary>
/// <remarks>
/// The CMDB is the sample one: <c>shop</c> (critical) depends on <c>web</c> and <c>api</c>, which run on
/// <c>cluster</c>, which stays up while 2 of its 3 nodes are up. A change on <c>node1</c> therefore
/// degrades the cluster and the shop (8 impact points, high impact); one on <c>cluster</c> takes the shop
/// down (16, critical); one on the low-criticality <c>reports</c> takes only reports down (2, medium).
/// </remarks>
public sealed class ChangeCommandsTests : IDisposable
{
    private const string Plans = "--plan";
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-change-").FullName;

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Lifecycle_AcrossInvocations_BlackoutRaisesTheRisk_RequesterIsRefused_ChangeManagerApproves_ConflictsAreFound()
    {
        await SetUpAsync();
        Assert.Equal(ExitCodes.Ok, (await Run("change", "blackout", "add", "--service", "shop", "--start", "2026-11-27T00:00:00Z", "--end", "2026-11-30T00:00:00Z", "--reason", "Black Friday", "--actor", "bob")).Code);

        var inFreeze = await RaiseAsync("Firmware node1 in the freeze", "node1", "2026-11-28T22:00:00Z", "2026-11-29T01:00:00Z");
        var outside = await RaiseAsync("Firmware node1", "node1", "2026-12-05T22:00:00Z", "2026-12-06T01:00:00Z");
        foreach (var id in new[] { inFreeze, outside })
        {
            var (code, submitted, _) = await Run("change", "submit", id, "--at", "2026-11-20T09:05:00Z");
            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains("status Submitted", submitted, StringComparison.Ordinal);
        }

        // The explanation as a table: every factor with its axis and points, the cell, the class and the approval.
        var (exit, table, _) = await Run("change", "assess", inFreeze, "--at", "2026-11-20T09:10:00Z");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Matches(@"service degraded\s*│\s*Impact\s*│\s*8\s*│\s*shop \(critical criticality\) is degraded", table);
        Assert.Matches(@"inside blackout window\s*│\s*Likelihood\s*│\s*8\s*│\s*planned window overlaps a blackout window", table);
        Assert.Matches(@"no backout plan\s*│\s*Likelihood\s*│\s*0\s*│\s*backout plan present", table);
        Assert.Contains("impact High (8 points) x likelihood High (8 points) = High", table, StringComparison.Ordinal);
        Assert.Contains("required approval: change advisory board quorum of 3", table, StringComparison.Ordinal);
        (exit, table, _) = await Run("change", "assess", outside, "--at", "2026-11-20T09:10:00Z");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Matches(@"inside blackout window\s*│\s*Likelihood\s*│\s*0\s*│\s*no blackout window overlaps", table);
        Assert.Contains("impact High (8 points) x likelihood Low (0 points) = Medium", table, StringComparison.Ordinal);
        Assert.Contains("required approval: change manager", table, StringComparison.Ordinal);

        // Same change, same plans: the JSON differs only by the blackout factor and what follows from it.
        var frozen = await Json("change", "assess", inFreeze, "--json", "--at", "2026-11-20T09:15:00Z");
        var free = await Json("change", "assess", outside, "--json", "--at", "2026-11-20T09:15:00Z");
        Assert.Equal("High", frozen.GetProperty("assessment").GetProperty("class").GetString());
        Assert.Equal("Medium", free.GetProperty("assessment").GetProperty("class").GetString());
        Assert.Equal("ChangeAdvisoryBoard", frozen.GetProperty("requirement").GetProperty("authority").GetString());
        Assert.Equal(3, frozen.GetProperty("requirement").GetProperty("quorum").GetInt32());
        Assert.Equal("ChangeManager", free.GetProperty("requirement").GetProperty("authority").GetString());
        var frozenPoints = Factors(frozen.GetProperty("assessment"));
        var freePoints = Factors(free.GetProperty("assessment"));
        Assert.Equal(8, frozenPoints["inside blackout window"]);
        Assert.Equal(0, freePoints["inside blackout window"]);
        Assert.Equal(
            freePoints.Where(f => f.Key != "inside blackout window"),
            frozenPoints.Where(f => f.Key != "inside blackout window"));

        // Segregation of duties: alice raised it, so alice may not approve it; nothing changes.
        var before = await Raw("change", "show", outside, "--json");
        var (refused, output, error) = await Run("change", "approve", outside, "--actor", "alice", "--at", "2026-11-20T10:00:00Z");
        Assert.Equal(ExitCodes.Refused, refused);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"error: alice raised change {outside} and so may not approve it (segregation of duties). [change.self-approval]", error, StringComparison.Ordinal);
        Assert.Equal(before, await Raw("change", "show", outside, "--json"));
        var unchanged = JsonDocument.Parse(before).RootElement;
        Assert.Equal("Assessed", unchanged.GetProperty("status").GetString());
        Assert.Equal(0, unchanged.GetProperty("decisions").GetArrayLength());

        // A CAB member is not the change manager this medium-risk change needs.
        (refused, _, error) = await Run("change", "approve", outside, "--actor", "carol", "--at", "2026-11-20T10:00:00Z");
        Assert.Equal(ExitCodes.Refused, refused);
        Assert.Contains("[change.insufficient-authority]", error, StringComparison.Ordinal);

        (exit, output, _) = await Run("change", "approve", outside, "--actor", "bob", "--reason", "Rehearsed on staging", "--at", "2026-11-20T10:05:00Z");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"approved change {outside}: status Approved", output, StringComparison.Ordinal);
        Assert.Contains("status Scheduled", (await Run("change", "schedule", outside, "--at", "2026-11-20T10:10:00Z")).Output, StringComparison.Ordinal);
        Assert.Contains("status Implementing", (await Run("change", "start", outside, "--at", "2026-12-05T22:00:00Z")).Output, StringComparison.Ordinal);
        Assert.Contains("status Implemented", (await Run("change", "complete", outside, "--notes", "All nodes on 8.0.2", "--at", "2026-12-06T00:30:00Z")).Output, StringComparison.Ordinal);

        var done = await Json("change", "show", outside, "--json");
        Assert.Equal("Implemented", done.GetProperty("status").GetString());
        Assert.Equal("alice", done.GetProperty("requester").GetString());
        var decision = Assert.Single(done.GetProperty("decisions").EnumerateArray());
        Assert.Equal("bob", decision.GetProperty("approver").GetString());
        Assert.Equal("ChangeManager", decision.GetProperty("authority").GetString());
        Assert.Equal("Rehearsed on staging", decision.GetProperty("reason").GetString());
        Assert.Equal("2026-12-05T22:00:00Z", done.GetProperty("implementationStartedAt").GetString());
        Assert.Equal("2026-12-06T00:30:00Z", done.GetProperty("implementationEndedAt").GetString());

        // The whole history, oldest first: who did what, when, with which risk and authority.
        var history = done.GetProperty("history").EnumerateArray().Select(e => (e.GetProperty("at").GetString(), e.GetProperty("by").GetString(), e.GetProperty("event").GetString())).ToList();
        Assert.Equal(
            ["raised", "submitted", "risk assessed", "risk assessed", "approval recorded", "scheduled", "implementation started", "implemented"],
            history.Select(h => h.Item3));
        Assert.Equal(("2026-11-20T10:05:00Z", "bob"), (history[4].Item1, history[4].Item2));
        Assert.Equal(("2026-12-06T00:30:00Z", "cli"), (history[^1].Item1, history[^1].Item2)); // no --actor: the host's default user
        Assert.Equal("approval recorded (ChangeManager): Rehearsed on staging; quorum reached, approved", done.GetProperty("history")[4].GetProperty("what").GetString());
        Assert.StartsWith("risk assessed Medium by ", done.GetProperty("history")[3].GetProperty("what").GetString(), StringComparison.Ordinal);
        var (_, shown, _) = await Run("change", "show", outside);
        Assert.Matches(@"2026-11-20T10:05:00Z\s*│\s*bob\s*│\s*approval recorded \(ChangeManager\): Rehearsed on staging", shown);
        Assert.Matches(@"2026-12-06T00:30:00Z\s*│\s*cli\s*│\s*implemented: All nodes on 8\.0\.2", shown);
        Assert.Equal("All nodes on 8.0.2", done.GetProperty("outcomeNotes").GetString());

        Assert.Equal([inFreeze, outside], await Ids("change", "list", "--json"));
        Assert.Equal([outside], await Ids("change", "list", "--status", "implemented", "--json"));
        Assert.Equal([inFreeze], await Ids("change", "list", "--status", "draft,assessed", "--json"));
        Assert.Empty(await Ids("change", "list", "--item", "web", "--json"));
        (exit, table, _) = await Run("change", "list");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Matches($@"{outside}\s*│\s*Normal Implemented, risk Medium from 2026-12-05T22:00:00Z to 2026-12-06T01:00:00Z items node1", table);
        Assert.Contains("2 change(s) in tenant 'default'", table, StringComparison.Ordinal);

        // Two approved changes whose windows overlap on dependent items: node1 is a member of the cluster.
        var onNode = await RaiseAsync("Patch node1", "node1", "2026-12-12T22:00:00Z", "2026-12-13T01:00:00Z");
        var onCluster = await RaiseAsync("Reconfigure the cluster", "cluster", "2026-12-13T00:00:00Z", "2026-12-13T02:00:00Z");
        await ApproveAsync(onNode, "bob");
        await ApproveAsync(onCluster, "carol", "omar", "lena");
        var conflicts = await Json("change", "conflicts", "--from", "2026-12-01T00:00:00Z", "--to", "2027-01-01T00:00:00Z", "--json");
        var conflict = Assert.Single(conflicts.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("DependentItems", conflict.GetProperty("reason").GetString());
        Assert.Equal(new[] { onNode, onCluster }.Order(StringComparer.Ordinal), new[] { conflict.GetProperty("first").GetString(), conflict.GetProperty("second").GetString() }.Order(StringComparer.Ordinal));
        Assert.Equal("2026-12-13T00:00:00Z", conflict.GetProperty("overlapStart").GetString());
        Assert.Equal("2026-12-13T01:00:00Z", conflict.GetProperty("overlapEnd").GetString());
        (exit, table, _) = await Run("change", "conflicts", "--from", "2026-12-01T00:00:00Z", "--to", "2027-01-01T00:00:00Z");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("DependentItems", table, StringComparison.Ordinal);
        Assert.Contains("Reconfigure the cluster", table, StringComparison.Ordinal);
        Assert.Contains("1 conflict(s)", table, StringComparison.Ordinal);
        Assert.Equal(0, (await Json("change", "conflicts", "--from", "2026-12-13T02:00:00Z", "--to", "2027-01-01T00:00:00Z", "--json")).GetProperty("count").GetInt32());

        // Scheduling either one now is refused naming the other, and leaves it approved.
        (exit, _, error) = await Run("change", "schedule", onCluster, "--at", "2026-11-21T09:00:00Z");
        Assert.Equal(ExitCodes.Conflict, exit);
        Assert.Contains(onNode, error, StringComparison.Ordinal);
        Assert.Contains("DependentItems", error, StringComparison.Ordinal);
        Assert.Contains("[change.schedule-conflict]", error, StringComparison.Ordinal);
        Assert.Equal("Approved", (await Json("change", "show", onCluster, "--json")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Assess_LowImpactInsideABlackout_IsRaisedToHighByTheFloor_AndACabMemberRejectsIt()
    {
        await SetUpAsync();
        Assert.Equal(ExitCodes.Ok, (await Run("change", "blackout", "add", "--service", "reports", "--start", "2026-12-31T00:00:00Z", "--end", "2027-01-05T00:00:00Z", "--reason", "Year-end close", "--actor", "bob")).Code);
        var id = await RaiseAsync("Rebuild the reports index", "reports", "2027-01-02T20:00:00Z", "2027-01-02T22:00:00Z");
        Assert.Equal(ExitCodes.Ok, (await Run("change", "submit", id)).Code);

        var (code, output, _) = await Run("change", "assess", id);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"service down\s*│\s*Impact\s*│\s*2\s*│\s*reports \(low criticality\) is down", output);
        // The line is longer than 80 columns, so the console wraps it between words.
        Assert.Contains("impact Medium (2 points) x likelihood High (8 points) = Medium, raised to High by the blackout floor", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains("risk class: High (model 'Itsm.Core default')", output, StringComparison.Ordinal);
        Assert.Contains("required approval: change advisory board quorum of 3", output, StringComparison.Ordinal);
        var (_, listed, _) = await Run("change", "blackout", "list");
        Assert.Matches(@"[0-9a-f-]{36}\s*│\s*reports from 2026-12-31T00:00:00Z to 2027-01-05T00:00:00Z Year-end close", listed);

        // A CAB member rejects it; a rejected change can only close.
        (code, output, _) = await Run("change", "reject", id, "--actor", "carol", "--reason", "Not during the year-end close");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("status Rejected", output, StringComparison.Ordinal);
        var rejected = await Json("change", "show", id, "--json");
        var decision = Assert.Single(rejected.GetProperty("decisions").EnumerateArray());
        Assert.False(decision.GetProperty("approved").GetBoolean());
        Assert.Equal("ChangeAdvisoryBoard", decision.GetProperty("authority").GetString());
        Assert.Equal(ExitCodes.Conflict, (await Run("change", "schedule", id)).Code);
        Assert.Contains("status Closed", (await Run("change", "close", id)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maintenance_AWindowOutsideTheServicesMaintenanceCalendar_GetsTheFactorUntilTheCalendarIsCleared()
    {
        await SetUpAsync();
        var (code, output, error) = await Run("change", "maintenance", "set", "--service", "shop", "--calendar", "uk-office-hours", "--actor", "bob");
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("There is no business calendar 'uk-office-hours'.", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).Code);
        (code, output, _) = await Run("change", "maintenance", "set", "--service", "shop", "--calendar", "uk-office-hours", "--actor", "bob");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("maintenance window of shop: working time of calendar 'uk-office-hours' in tenant 'default'", output, StringComparison.Ordinal);
        Assert.Matches(@"shop\s*│\s*uk-office-hours", (await Run("change", "maintenance", "list")).Output);

        // node1 degrades shop, so shop's maintenance calendar applies: Saturday night is outside it, Tuesday 10:00 London inside.
        var night = await RaiseAsync("Firmware node1 on Saturday night", "node1", "2026-12-05T22:00:00Z", "2026-12-06T01:00:00Z");
        var day = await RaiseAsync("Firmware node1 on Tuesday morning", "node1", "2026-12-08T10:00:00Z", "2026-12-08T11:00:00Z");
        foreach (var id in new[] { night, day })
        {
            Assert.Equal(ExitCodes.Ok, (await Run("change", "submit", id)).Code);
        }

        var outside = (await Json("change", "assess", night, "--json")).GetProperty("assessment");
        Assert.Equal(2, Factors(outside)["outside maintenance window"]);
        Assert.Contains(outside.GetProperty("factors").EnumerateArray(), f => f.GetProperty("detail").GetString() == "planned window is outside a maintenance window of an impacted service");
        Assert.Equal(0, Factors((await Json("change", "assess", day, "--json")).GetProperty("assessment"))["outside maintenance window"]);

        Assert.Equal(ExitCodes.Ok, (await Run("change", "maintenance", "clear", "--service", "shop", "--actor", "bob")).Code);
        Assert.Equal(0, Factors((await Json("change", "assess", night, "--json")).GetProperty("assessment"))["outside maintenance window"]);
    }

    [Fact]
    public async Task FailedChange_MustBeReviewedBeforeItCloses_AndFeedsTheFailureRateOfTheNextAssessment()
    {
        await SetUpAsync();
        var id = await RaiseAsync("Firmware node1", "node1", "2026-12-05T22:00:00Z", "2026-12-06T01:00:00Z");
        await ApproveAsync(id, "bob");
        Assert.Equal(ExitCodes.Ok, (await Run("change", "schedule", id, "--at", "2026-11-20T10:10:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("change", "start", id, "--at", "2026-12-05T22:00:00Z")).Code);

        var (code, output, _) = await Run("change", "fail", id, "--remediation", "backed-out", "--notes", "Node did not rejoin; 7.0.3 restored", "--at", "2026-12-05T23:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("status Failed", output, StringComparison.Ordinal);
        (code, _, var error) = await Run("change", "close", id, "--at", "2026-12-06T09:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("A failed change needs its post-implementation review first.", error, StringComparison.Ordinal);
        Assert.Contains("[change.illegal-transition]", error, StringComparison.Ordinal);
        Assert.Contains("status Reviewed", (await Run("change", "review", id, "--findings", "Vendor firmware bug", "--at", "2026-12-06T09:00:00Z")).Output, StringComparison.Ordinal);
        Assert.Contains("status Closed", (await Run("change", "close", id, "--at", "2026-12-06T09:30:00Z")).Output, StringComparison.Ordinal);
        var closed = await Json("change", "show", id, "--json");
        Assert.Equal("BackedOut", closed.GetProperty("remediation").GetString());
        Assert.Equal("Vendor firmware bug", closed.GetProperty("review").GetProperty("findings").GetString());

        // The next change on node1 carries the failure: 1 of 1 past changes failed, 6 likelihood points.
        var next = await RaiseAsync("Firmware node1, second try", "node1", "2026-12-12T22:00:00Z", "2026-12-13T01:00:00Z");
        Assert.Equal(ExitCodes.Ok, (await Run("change", "submit", next)).Code);
        var assessed = await Json("change", "assess", next, "--json");
        Assert.Equal(6, Factors(assessed.GetProperty("assessment"))["past failure rate"]);
    }

    [Fact]
    public async Task StandardChange_FromATemplate_AssessedLowIsPreApproved_AndAnUnknownTemplateIsNotFound()
    {
        await SetUpAsync();
        var (code, _, _) = await Run("change", "template", "add", "--actor", "bob", "--name", "rebuild-index", "--description", "Rebuild a reporting index",
            "--plan", "Run the rebuild job", "--test-plan", "Runbook tested monthly", "--backout-plan", "Restore last night's index");
        Assert.Equal(ExitCodes.Ok, code);

        var raised = await Json("change", "raise", "--type", "standard", "--template", "rebuild-index", "--title", "Rebuild the reports index", "--item", "reports",
            "--start", "2026-12-05T20:00:00Z", "--end", "2026-12-05T21:00:00Z", "--actor", "alice", "--json");
        Assert.Equal("Standard", raised.GetProperty("type").GetString());
        Assert.Equal("Run the rebuild job", raised.GetProperty("plan").GetString());
        var id = raised.GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("change", "submit", id)).Code);
        var assessed = await Json("change", "assess", id, "--json");
        Assert.Equal("Low", assessed.GetProperty("assessment").GetProperty("class").GetString());
        Assert.Equal("Approved", assessed.GetProperty("status").GetString());
        Assert.Equal(0, assessed.GetProperty("requirement").GetProperty("quorum").GetInt32());

        (code, _, var error) = await Run("change", "raise", "--type", "standard", "--template", "nope", "--title", "t", "--item", "reports",
            "--start", "2026-12-05T20:00:00Z", "--end", "2026-12-05T21:00:00Z");
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("There is no standard change template 'nope'. Known templates: rebuild-index. [change.unknown-template]", error, StringComparison.Ordinal);
        (code, _, error) = await Run("change", "raise", "--type", "standard", "--template", "rebuild-index", "--plan", "my own", "--title", "t", "--item", "reports",
            "--start", "2026-12-05T20:00:00Z", "--end", "2026-12-05T21:00:00Z");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--plan: A standard change follows its pre-approved template's plans", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_UnknownIdMalformedInstantUnknownItemAndIllegalTransition_AreExplainedAndStoreNothing()
    {
        await SetUpAsync();
        var unknown = Guid.CreateVersion7().ToString();
        var (code, _, error) = await Run("change", "show", unknown);
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains($"error: Change {unknown} does not exist: changes belong to one tenant and this ran for tenant 'default'", error, StringComparison.Ordinal);
        Assert.EndsWith("[change.not-found]", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparison.Ordinal);
        (code, _, _) = await Run("change", "approve", unknown, "--actor", "bob");
        Assert.Equal(ExitCodes.NotFound, code);

        (code, _, error) = await Run("change", "submit", "CHG-42");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("id: 'CHG-42' is not a change id", error, StringComparison.Ordinal);

        (code, _, error) = await Run("change", "raise", "--title", "t", "--item", "node1", "--start", "tomorrow", "--end", "2026-12-06T01:00:00Z", Plans, "p");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--start: 'tomorrow' is not an instant; use ISO-8601 with 'Z' or an offset", error, StringComparison.Ordinal);
        (code, _, error) = await Run("change", "conflicts", "--from", "2026-12-01", "--to", "2027-01-01T00:00:00Z");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--from: '2026-12-01' is not an instant", error, StringComparison.Ordinal);

        (code, _, error) = await Run("change", "raise", "--title", "t", "--item", "node1", "--item", "ghost", "--start", "2026-12-05T22:00:00Z", "--end", "2026-12-06T01:00:00Z", Plans, "p");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--item: The CMDB does not know the configuration item 'ghost' (not in it, or retired)", error, StringComparison.Ordinal);

        (code, _, error) = await Run("change", "raise", "--title", "t", "--item", "node1", "--start", "2026-12-06T01:00:00Z", "--end", "2026-12-05T22:00:00Z", Plans, "p");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("error: --start/--end: The start", error, StringComparison.Ordinal);
        (code, _, error) = await Run("change", "raise", "--title", "t", "--item", "node1", "--start", "2026-12-05T22:00:00Z", "--end", "2026-12-06T01:00:00Z");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--plan: A normal or emergency change needs an implementation plan.", error, StringComparison.Ordinal);
        (code, _, error) = await Run("change", "list", "--status", "pending");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--status: 'pending' is not a status", error, StringComparison.Ordinal);
        Assert.Equal(0, (await Json("change", "list", "--json")).GetProperty("count").GetInt32());

        var id = await RaiseAsync("Firmware node1", "node1", "2026-12-05T22:00:00Z", "2026-12-06T01:00:00Z");
        (code, var output, error) = await Run("change", "schedule", id);
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"Cannot schedule change {id}: it is Draft; schedule is allowed only from Approved. From Draft it may move to: Submitted. [change.illegal-transition]", error, StringComparison.Ordinal);
        Assert.Equal("Draft", (await Json("change", "show", id, "--json")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Tenants_SeeOnlyTheirOwnChangesCmdbAndAuthorities()
    {
        await SetUpAsync("acme");
        var acme = await RaiseAsync("Firmware node1", "node1", "2026-12-05T22:00:00Z", "2026-12-06T01:00:00Z", "acme");
        Assert.Equal(ExitCodes.Ok, (await Run("change", "submit", acme, "--tenant", "acme")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("change", "assess", acme, "--tenant", "acme")).Code);

        Assert.Equal([acme], await Ids("change", "list", "--tenant", "acme", "--json"));
        Assert.Empty(await Ids("change", "list", "--tenant", "globex", "--json"));
        Assert.Equal(ExitCodes.NotFound, (await Run("change", "show", acme, "--tenant", "globex")).Code);
        Assert.Equal(ExitCodes.NotFound, (await Run("change", "approve", acme, "--actor", "bob", "--tenant", "globex")).Code);
        var (code, _, error) = await Run("change", "raise", "--title", "t", "--item", "node1", "--start", "2026-12-05T22:00:00Z", "--end", "2026-12-06T01:00:00Z", Plans, "p", "--tenant", "globex");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--item: The CMDB does not know the configuration item 'node1'", error, StringComparison.Ordinal);

        // bob is change manager in acme only.
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--tenant", "globex")).Code);
        var globex = await RaiseAsync("Firmware node1", "node1", "2026-12-05T22:00:00Z", "2026-12-06T01:00:00Z", "globex");
        Assert.Equal(ExitCodes.Ok, (await Run("change", "submit", globex, "--tenant", "globex")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("change", "assess", globex, "--tenant", "globex")).Code);
        (code, _, error) = await Run("change", "approve", globex, "--actor", "bob", "--tenant", "globex");
        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("bob may not approve change", error, StringComparison.Ordinal);
        Assert.Contains("0 user(s) with change authority in tenant 'globex'", (await Run("change", "authority", "list", "--tenant", "globex")).Output, StringComparison.Ordinal);
        Assert.Contains("4 user(s) with change authority in tenant 'acme'", (await Run("change", "authority", "list", "--tenant", "acme")).Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("change", "approve", acme, "--actor", "bob", "--tenant", "acme")).Code);
    }

    [Fact]
    public async Task Authority_GrantRevokeAndList_GoThroughTheStore()
    {
        var (code, output, _) = await Run("change", "authority", "grant", "carol", "--as", "cab", "--as", "emergency");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("carol now holds cab, emergency in tenant 'default'", output, StringComparison.Ordinal);
        (code, output, _) = await Run("change", "authority", "revoke", "carol", "--as", "cab");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("carol now holds emergency", output, StringComparison.Ordinal);
        Assert.Contains("carol", (await Run("change", "authority", "list")).Output, StringComparison.Ordinal);
        (code, output, _) = await Run("change", "authority", "revoke", "carol");
        Assert.Contains("carol now holds no change authority", output, StringComparison.Ordinal);

        (code, _, var error) = await Run("change", "authority", "grant", "dave", "--as", "king");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--as: 'king' is not an authority; use change-manager, cab, emergency. [host.input]", error, StringComparison.Ordinal);
        Assert.Contains("king", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("raise")]
    [InlineData("submit")]
    [InlineData("assess")]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("schedule")]
    [InlineData("start")]
    [InlineData("complete")]
    [InlineData("fail")]
    [InlineData("review")]
    [InlineData("close")]
    [InlineData("show")]
    [InlineData("list")]
    [InlineData("conflicts")]
    [InlineData("blackout add")]
    [InlineData("maintenance set")]
    public async Task Help_EveryChangeSubcommand_ShowsAnExampleAndTheSharedOptions(string name)
    {
        var (code, output, _) = await HostRunner.RunAsync(["change", .. name.Split(' '), "--help"]);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches($@"Example:\s+itsm change {name} ", output);
        Assert.Contains("--tenant", output, StringComparison.Ordinal);
        Assert.Contains("--at", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("authority grant")]
    [InlineData("authority revoke")]
    [InlineData("authority list")]
    [InlineData("blackout list")]
    [InlineData("maintenance clear")]
    [InlineData("maintenance list")]
    [InlineData("template add")]
    [InlineData("template list")]
    public async Task Help_StandInSubcommands_ShowAnExample(string name)
    {
        var (code, output, _) = await HostRunner.RunAsync(["change", .. name.Split(' '), "--help"]);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches($@"Example:\s+itsm change {name}", output);
    }

    [Theory]
    [InlineData("authority")]
    [InlineData("blackout")]
    [InlineData("maintenance")]
    [InlineData("template")]
    public async Task Help_ReferenceDataGroups_SayWhoMayChangeThem(string group)
    {
        var (code, output, _) = await HostRunner.RunAsync("change", group, "--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Only a change manager of the tenant may change it", output, StringComparison.Ordinal);
        Assert.DoesNotContain(".csv", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authority_GrantByNonManager_IsRefusedOnceTheTenantHasAChangeManager()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("change", "authority", "grant", "bob", "--as", "change-manager", "--actor", "bob")).Code);

        var (code, _, error) = await Run("change", "authority", "grant", "mallory", "--as", "change-manager", "--actor", "mallory");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("change.reference.forbidden", error, StringComparison.Ordinal);
        Assert.DoesNotContain("mallory", (await Run("change", "authority", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_CoversEveryChangeSubcommand()
    {
        var change = HostApplication.CreateRootCommand().Subcommands.Single(c => c.Name == "change");

        Assert.Equal(
            ["approve", "assess", "authority", "blackout", "close", "complete", "conflicts", "fail", "list", "maintenance", "raise", "reject", "review", "schedule", "show", "start", "submit", "template"],
            change.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private static Dictionary<string, int> Factors(JsonElement assessment) =>
        assessment.GetProperty("factors").EnumerateArray().ToDictionary(f => f.GetProperty("factor").GetString()!, f => f.GetProperty("points").GetInt32());

    /// <summary>The sample CMDB, bob as change manager and three CAB members, in <paramref name="tenant"/>.</summary>
    private async Task SetUpAsync(string tenant = "default")
    {
        var (code, _, error) = await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--tenant", tenant);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(ExitCodes.Ok, (await Run("change", "authority", "grant", "bob", "--as", "change-manager", "--tenant", tenant, "--actor", "bob")).Code);
        foreach (var member in new[] { "carol", "omar", "lena" })
        {
            Assert.Equal(ExitCodes.Ok, (await Run("change", "authority", "grant", member, "--as", "cab", "--tenant", tenant, "--actor", "bob")).Code);
        }
    }

    private async Task<string> RaiseAsync(string title, string item, string start, string end, string tenant = "default")
    {
        var raised = await Json("change", "raise", "--title", title, "--item", item, "--start", start, "--end", end,
            Plans, "Drain, flash 8.0.2, rejoin", "--test-plan", "Two weeks on staging", "--backout-plan", "Flash 7.0.3 back",
            "--actor", "alice", "--tenant", tenant, "--at", "2026-11-20T09:00:00Z", "--json");
        Assert.Equal("Draft", raised.GetProperty("status").GetString());
        return raised.GetProperty("id").GetString()!;
    }

    private async Task ApproveAsync(string id, params string[] approvers)
    {
        Assert.Equal(ExitCodes.Ok, (await Run("change", "submit", id, "--at", "2026-11-20T09:05:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("change", "assess", id, "--at", "2026-11-20T09:10:00Z")).Code);
        foreach (var approver in approvers)
        {
            var (code, _, error) = await Run("change", "approve", id, "--actor", approver, "--at", "2026-11-20T10:00:00Z");
            Assert.True(code == ExitCodes.Ok, error);
        }

        Assert.Equal("Approved", (await Json("change", "show", id, "--json")).GetProperty("status").GetString());
    }

    private async Task<string[]> Ids(params string[] args) =>
        [.. (await Json(args)).GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];

    private async Task<JsonElement> Json(params string[] args) => JsonDocument.Parse(await Raw(args)).RootElement.Clone();

    private async Task<string> Raw(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        return output;
    }

    private Task<(int Code, string Output, string Error)> Run(params string[] args) =>
        HostRunner.RunTablesAsync([.. args, "--data-dir", DataDir]);
}
