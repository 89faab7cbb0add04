using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The <c>itsm incident</c>, <c>itsm sla</c> and <c>itsm calendar define</c> commands, run in process,
/// several invocations against one temporary data directory (the embedded store).
/// </summary>
/// <remarks>
/// The scenario uses the sample UK office-hours calendar in June 2026 (BST, UTC+1): Monday to Thursday
/// 09:00-12:30 and 13:30-17:30, Friday 09:00-12:30 and 13:30-17:00, so local and UTC times differ
/// by an hour and a due instant crosses the weekend.
/// </remarks>
public sealed class IncidentCommandsTests : IDisposable
{
    private const string Targets = "P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h";
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-incident-").FullName;

    private static string SampleCalendar => Path.Combine(AppContext.BaseDirectory, "samples", "uk-office-hours.json");

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Lifecycle_FridayAfternoonIncident_ClocksCrossTheWeekendPauseOnHoldAndAreMet()
    {
        await DefineSlaAsync();

        // Friday 16:30 BST: half an hour of Friday is left, so both targets land on Monday.
        var opened = await Json("incident", "open", "--title", "Payroll run fails", "--service", "svc-payroll", "--impact", "2", "--urgency", "1",
            "--caller", "alice", "--actor", "dispatcher", "--at", "2026-06-12T15:30:00Z", "--json");
        var id = opened.GetProperty("id").GetString()!;
        Assert.Equal("P2", opened.GetProperty("priority").GetProperty("priority").GetString());
        Assert.Equal("New", opened.GetProperty("state").GetString());
        var response = opened.GetProperty("sla").GetProperty("response");
        Assert.Equal("2026-06-15T08:30:00Z", response.GetProperty("due").GetString());
        Assert.Equal("2026-06-15T09:30:00+01:00", response.GetProperty("dueLocal").GetString());
        var resolution = opened.GetProperty("sla").GetProperty("resolution");
        Assert.Equal("2026-06-15T16:30:00Z", resolution.GetProperty("due").GetString());
        Assert.Equal("2026-06-15T17:30:00+01:00", resolution.GetProperty("dueLocal").GetString());

        // Due at Monday's closing time is met; the breach would be the next working instant, Tuesday 09:00.
        Assert.Equal("2026-06-16T08:00:00Z", resolution.GetProperty("projectedBreach").GetString());
        Assert.Equal(28800, resolution.GetProperty("targetSeconds").GetDouble());

        // Saturday: nothing has elapsed since Friday's closing.
        var (code, shown, _) = await Run("incident", "show", id, "--at", "2026-06-13T12:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Payroll run fails", shown, StringComparison.Ordinal);
        Assert.Matches(@"elapsed\s*│\s*0h30m\s*│\s*0h30m", shown);
        Assert.Matches(@"remaining\s*│\s*0h30m\s*│\s*7h30m", shown);
        Assert.Matches(@"used\s*│\s*50\.0%", shown);
        Assert.Matches(@"thresholds crossed\s*│\s*50%\s*│\s*none", shown);
        Assert.Matches(@"due \(Europe/London\)\s*│\s*Mon 2026-06-15 09:30 \+01\s*│\s*Mon 2026-06-15 17:30 \+01", shown);
        Assert.Matches(@"due \(UTC\)\s*│\s*2026-06-15T08:30:00Z\s*│\s*2026-06-15T16:30:00Z", shown);
        Assert.Contains("projected Tue 2026-06-16 09:00 +01", shown, StringComparison.Ordinal);
        Assert.Contains("cell impact I2 x urgency U1 -> P2", shown, StringComparison.Ordinal);

        (code, var output, _) = await Run("incident", "assign", id, "--to", "bob", "--at", "2026-06-15T08:15:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("state Assigned", output, StringComparison.Ordinal);
        Assert.Contains("response Met 0h45m of 1h00m", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "start", id, "--at", "2026-06-15T08:15:00Z")).Code);

        (code, output, _) = await Run("incident", "hold", id, "--reason", "awaiting-customer", "--at", "2026-06-15T10:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("state OnHold (AwaitingCustomer)", output, StringComparison.Ordinal);

        // Paused overnight: Tuesday morning still shows the 2h30m counted before the hold.
        var held = await Json("incident", "show", id, "--at", "2026-06-16T07:00:00Z", "--json");
        Assert.Equal("OnHold", held.GetProperty("state").GetString());
        Assert.Equal("AwaitingCustomer", held.GetProperty("hold").GetString());
        resolution = held.GetProperty("sla").GetProperty("resolution");
        Assert.Equal("Paused", resolution.GetProperty("state").GetString());
        Assert.Equal(9000, resolution.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, resolution.GetProperty("due").ValueKind);
        Assert.Equal("Met", held.GetProperty("sla").GetProperty("response").GetProperty("state").GetString());
        Assert.Equal(2700, held.GetProperty("sla").GetProperty("response").GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal("2026-06-15T08:15:00Z", held.GetProperty("sla").GetProperty("response").GetProperty("stoppedAt").GetString());
        Assert.Equal(JsonValueKind.Null, resolution.GetProperty("stoppedAt").ValueKind);

        Assert.Equal(ExitCodes.Ok, (await Run("incident", "resume", id, "--at", "2026-06-16T08:00:00Z")).Code);
        var resumed = await Json("incident", "show", id, "--at", "2026-06-16T10:30:00Z", "--json");
        resolution = resumed.GetProperty("sla").GetProperty("resolution");
        Assert.Equal("Running", resolution.GetProperty("state").GetString());
        Assert.Equal(18000, resolution.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal(62.5, resolution.GetProperty("percentage").GetDouble());
        Assert.Equal([50], resolution.GetProperty("thresholdsCrossed").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal("2026-06-16T14:30:00Z", resolution.GetProperty("due").GetString());
        Assert.Equal("2026-06-16T15:30:00+01:00", resolution.GetProperty("dueLocal").GetString());
        Assert.Equal("Europe/London", resumed.GetProperty("sla").GetProperty("timeZone").GetString());

        (code, output, _) = await Run("incident", "resolve", id, "--resolution", "Restarted the payroll batch", "--at", "2026-06-16T12:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("resolution Met 6h00m of 8h00m", output, StringComparison.Ordinal);
        (code, output, _) = await Run("incident", "close", id, "--at", "2026-06-16T13:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("state Closed", output, StringComparison.Ordinal);

        var closed = await Json("incident", "show", id, "--at", "2026-06-17T09:00:00Z", "--json");
        Assert.Equal("Closed", closed.GetProperty("state").GetString());
        Assert.Equal("bob", closed.GetProperty("assignee").GetString());
        Assert.Equal("2026-06-16T12:00:00Z", closed.GetProperty("resolvedAt").GetString());
        Assert.Equal("Restarted the payroll batch", closed.GetProperty("resolution").GetString());
        resolution = closed.GetProperty("sla").GetProperty("resolution");
        Assert.Equal("Met", resolution.GetProperty("state").GetString());
        Assert.Equal(21600, resolution.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, resolution.GetProperty("breachedAt").ValueKind);
        Assert.Equal("2026-06-16T12:00:00Z", resolution.GetProperty("stoppedAt").GetString());
        Assert.Equal(
            ["opened", "assigned", "work started", "put on hold", "resumed", "resolved", "closed"],
            closed.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("dispatcher", closed.GetProperty("history")[0].GetProperty("by").GetString());
    }

    [Fact]
    public async Task Show_PastTheTarget_ShowsTheBreachInstantAndTheBreachStays()
    {
        await DefineSlaAsync();

        // P2 opened Monday 09:00 BST: the one-hour response target is due, and breaches, at 10:00 BST.
        var id = await OpenAsync("default", "2026-06-15T08:00:00Z", impact: "2", urgency: "1");
        var (code, shown, _) = await Run("incident", "show", id, "--at", "2026-06-15T10:00:00Z");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"state\s*│\s*Breached\s*│\s*Running", shown);
        Assert.Contains("breached at Mon 2026-06-15 10:00 +01", shown, StringComparison.Ordinal);
        Assert.Contains("breached at 2026-06-15T09:00:00Z", shown, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await Run("incident", "assign", id, "--to", "bob", "--at", "2026-06-15T10:00:00Z")).Code);
        var assigned = await Json("incident", "show", id, "--at", "2026-06-15T11:00:00Z", "--json");
        var response = assigned.GetProperty("sla").GetProperty("response");
        Assert.Equal("Breached", response.GetProperty("state").GetString());
        Assert.Equal("2026-06-15T09:00:00Z", response.GetProperty("breachedAt").GetString());
        Assert.Equal(7200, response.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal(200, response.GetProperty("percentage").GetDouble());
    }

    [Fact]
    public async Task Open_VipCaller_ExplanationShowsTheRuleRaisingUrgency()
    {
        await DefineSlaAsync();

        var (code, output, _) = await Run("incident", "open", "--title", "CEO cannot log in", "--service", "svc-payroll", "--impact", "2", "--urgency", "2",
            "--vip", "--at", "2026-06-12T10:00:00Z");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"^opened incident [0-9a-f-]{36} for tenant 'default'", output);
        Assert.Contains("cell impact I2 x urgency U1 -> P2 (urgency given U2, raised by a rule below)", output, StringComparison.Ordinal);
        Assert.Matches(@"rule vip-caller\s*│\s*urgency U2 -> U1", output);
        Assert.DoesNotContain("major-incident", output, StringComparison.Ordinal);
        Assert.Contains("SLA 'payroll-gold' on calendar 'uk-office-hours' (Europe/London)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_MajorIncident_IsP1WithTheRuleInTheExplanation()
    {
        var opened = await Json("incident", "open", "--title", "Payroll down everywhere", "--service", "svc-payroll", "--impact", "3", "--urgency", "3",
            "--major", "--at", "2026-06-12T10:00:00Z", "--json");

        var priority = opened.GetProperty("priority");
        Assert.Equal("P1", priority.GetProperty("priority").GetString());
        Assert.Equal("P5", priority.GetProperty("matrixPriority").GetString());
        var rule = Assert.Single(priority.GetProperty("rules").EnumerateArray());
        Assert.Equal("major-incident", rule.GetProperty("rule").GetString());
        Assert.Equal("priority P5 -> P1", rule.GetProperty("change").GetString());
        Assert.True(rule.GetProperty("applied").GetBoolean());
        Assert.True(opened.GetProperty("isMajorIncident").GetBoolean());

        // No SLA was defined in this data directory: the document says so instead of inventing clocks.
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("sla").ValueKind);
        Assert.Contains("no SLA definition applies", opened.GetProperty("slaNotApplied").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_NewIncident_IsATypedConflictNamingTheStatesAndChangesNothing()
    {
        await DefineSlaAsync();
        var id = await OpenAsync("default", "2026-06-12T10:00:00Z");
        var (_, before, _) = await Run("incident", "show", id, "--at", "2026-06-12T11:00:00Z", "--json");

        var (code, output, error) = await Run("incident", "close", id, "--at", "2026-06-12T10:30:00Z");

        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"Cannot close incident {id} while it is New; that is allowed only when it is Resolved.", error, StringComparison.Ordinal);
        Assert.Contains("[incident.illegal-transition]", error, StringComparison.Ordinal);
        var (_, after, _) = await Run("incident", "show", id, "--at", "2026-06-12T11:00:00Z", "--json");
        Assert.Equal(before, after);
        var document = JsonDocument.Parse(after).RootElement;
        Assert.Equal("New", document.GetProperty("state").GetString());
        Assert.Equal(1, document.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Open_WithACiAndNoImpact_TakesTheImpactTheCmdbSuggests()
    {
        var args = new[] { "incident", "open", "--title", "Node 1 lost power", "--service", "shop", "--ci", "node1", "--urgency", "2", "--at", "2026-06-12T10:00:00Z", "--json" };

        // Without a CMDB in the store, nothing can suggest the impact.
        var (code, _, error) = await Run(args);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--impact: No impact was given and the CMDB could not suggest one", error, StringComparison.Ordinal);

        var nodes = Path.Combine(AppContext.BaseDirectory, "samples", "cmdb-nodes.csv");
        var edges = Path.Combine(AppContext.BaseDirectory, "samples", "cmdb-edges.csv");
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", nodes, "--edges", edges)).Code);

        // node1 is one of three cluster nodes (two must be up): the critical shop is degraded, impact level 2 of 3.
        var degraded = await Json(args);
        Assert.Equal(2, degraded.GetProperty("priority").GetProperty("impact").GetInt32());
        Assert.Equal("node1", degraded.GetProperty("affectedItem").GetString());

        // The shared switch takes every node, the cluster and so the shop down: the widest impact.
        var down = await Json("incident", "open", "--title", "Core switch down", "--service", "shop", "--ci", "switch", "--urgency", "2", "--at", "2026-06-12T10:05:00Z", "--json");
        Assert.Equal(1, down.GetProperty("priority").GetProperty("impact").GetInt32());
    }

    [Fact]
    public async Task Open_UnknownImpactLevel_NamesTheOptionAndTheRangeAndStoresNothing()
    {
        var (code, output, error) = await Run("incident", "open", "--title", "t", "--service", "svc-payroll", "--impact", "7", "--urgency", "1");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("error: --impact: Impact must be from 1 to 3 (ITIL 3x3), but was 7. [incident.impact]", error, StringComparison.Ordinal);
        var listed = await Json("incident", "list", "--json");
        Assert.Equal(0, listed.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Open_ImpactThatIsNotANumber_IsAUsageError()
    {
        var (code, _, error) = await Run("incident", "open", "--title", "t", "--service", "svc-payroll", "--impact", "high", "--urgency", "1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("high", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedInstant_SaysWhatAnInstantLooksLike()
    {
        var (code, _, error) = await Run("incident", "open", "--title", "t", "--service", "svc-payroll", "--impact", "1", "--urgency", "1", "--at", "yesterday");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--at: 'yesterday' is not an instant; use ISO-8601 with 'Z' or an offset", error, StringComparison.Ordinal);

        (code, _, error) = await Run("incident", "list", "--breaching-before", "2026-06-15 17:00");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--breaching-before: '2026-06-15 17:00' is not an instant", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownId_IsNotFoundWithAHint_AndAMalformedIdIsInvalid()
    {
        var unknown = Guid.CreateVersion7().ToString();
        var (code, _, error) = await Run("incident", "show", unknown);

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains($"error: Incident {unknown} does not exist: incidents belong to one tenant and this ran for tenant 'default'", error, StringComparison.Ordinal);
        Assert.EndsWith("[incident.not-found]", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparison.Ordinal);

        (code, _, error) = await Run("incident", "resume", "INC-42");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("id: 'INC-42' is not an incident id", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TwoTenants_SeeOnlyTheirOwnIncidents()
    {
        await DefineSlaAsync("acme");
        var acme = await OpenAsync("acme", "2026-06-12T10:00:00Z");
        var globex = await OpenAsync("globex", "2026-06-12T10:05:00Z");

        var acmeList = await Json("incident", "list", "--tenant", "acme", "--json");
        var globexList = await Json("incident", "list", "--tenant", "globex", "--json");

        Assert.Equal("acme", acmeList.GetProperty("tenant").GetString());
        Assert.Equal([acme], acmeList.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal([globex], globexList.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var (code, _, _) = await Run("incident", "show", acme, "--tenant", "globex");
        Assert.Equal(ExitCodes.NotFound, code);
        (code, _, _) = await Run("incident", "assign", acme, "--to", "mallory", "--tenant", "globex");
        Assert.Equal(ExitCodes.NotFound, code);
        var (_, table, _) = await Run("incident", "list", "--tenant", "acme");
        Assert.Contains(acme, table, StringComparison.Ordinal);
        Assert.DoesNotContain(globex, table, StringComparison.Ordinal);
        Assert.Contains("1 incident(s) in tenant 'acme'", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Filters_ByStatePriorityAssigneeAndBreachHorizon()
    {
        await DefineSlaAsync();
        var p2 = await OpenAsync("default", "2026-06-15T08:00:00Z", impact: "2", urgency: "1");
        var p5 = await OpenAsync("default", "2026-06-15T08:00:00Z", impact: "3", urgency: "3");
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "assign", p5, "--to", "carol", "--at", "2026-06-15T08:10:00Z")).Code);

        async Task<string[]> Ids(params string[] filter)
        {
            var list = await Json(["incident", "list", "--json", .. filter]);
            return [.. list.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
        }

        Assert.Equal([p2], await Ids("--priority", "P2"));
        Assert.Equal([p5], await Ids("--state", "assigned"));
        Assert.Equal([p2], await Ids("--state", "new,on-hold"));
        Assert.Equal([p5], await Ids("--assignee", "carol"));
        Assert.Equal(2, (await Ids("--state", "open")).Length);

        // P2's response clock (1h from Monday 09:00 BST) breaches at 10:00 BST; P5's response clock stopped on assignment.
        Assert.Equal([p2], await Ids("--breaching-before", "2026-06-15T10:30:00+01:00"));
        Assert.Empty(await Ids("--breaching-before", "2026-06-15T08:30:00Z"));

        var (code, _, error) = await Run("incident", "list", "--state", "pending");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--state: 'pending' is not a state", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Priority_Reassessed_RetargetsTheClocksAndRecordsTheReason()
    {
        await DefineSlaAsync();
        var id = await OpenAsync("default", "2026-06-15T08:00:00Z", impact: "2", urgency: "2");

        var (code, output, _) = await Run("incident", "priority", id, "--impact", "1", "--urgency", "1", "--reason", "Payroll deadline today", "--at", "2026-06-15T09:00:00Z");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("priority P1", output, StringComparison.Ordinal);
        Assert.Contains("resolution Running 1h00m of 4h00m", output, StringComparison.Ordinal);
        var shown = await Json("incident", "show", id, "--at", "2026-06-15T09:00:00Z", "--json");
        Assert.Equal("P3 -> P1: Payroll deadline today", shown.GetProperty("history")[1].GetProperty("detail").GetString());

        (code, output, _) = await Run("incident", "priority", id, "--impact", "1", "--urgency", "1", "--override", "P2", "--reason", "Agreed with the customer", "--actor", "manager", "--at", "2026-06-15T09:30:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"override\s*│\s*P1 -> P2 by manager at 2026-06-15T09:30:00Z: Agreed with the customer", output);

        (code, _, var error) = await Run("incident", "priority", id, "--impact", "1", "--urgency", "9", "--reason", "x");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--urgency: Urgency must be from 1 to 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RespondTwice_ReopenLinkAndCancel_FollowTheLifecycle()
    {
        await DefineSlaAsync();
        var id = await OpenAsync("default", "2026-06-15T08:00:00Z");

        Assert.Equal(ExitCodes.Ok, (await Run("incident", "respond", id, "--at", "2026-06-15T08:20:00Z")).Code);
        var (code, _, error) = await Run("incident", "respond", id, "--at", "2026-06-15T08:25:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("already has a first response", error, StringComparison.Ordinal);

        (code, _, error) = await Run("incident", "hold", id, "--reason", "awaiting-customer", "--at", "2026-06-15T08:30:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("while it is New; that is allowed only when it is InProgress", error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await Run("incident", "assign", id, "--to", "bob", "--at", "2026-06-15T08:40:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "resolve", id, "--resolution", "Fixed", "--at", "2026-06-15T09:00:00Z")).Code);
        var (_, output, _) = await Run("incident", "reopen", id, "--reason", "Broke again", "--at", "2026-06-15T10:00:00Z");
        Assert.Contains("state InProgress", output, StringComparison.Ordinal);

        (code, _, error) = await Run("incident", "cancel", id, "--reason", "Duplicate", "--expected-version", "1", "--at", "2026-06-15T11:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("changed since you loaded it", error, StringComparison.Ordinal);

        // Linking links both sides, so the problem must exist: an unknown one is NotFound and changes nothing.
        var problem = Guid.CreateVersion7().ToString();
        (code, _, error) = await Run("incident", "link", id, "--problem", problem, "--at", "2026-06-15T10:30:00Z");
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains($"Problem {problem} does not exist", error, StringComparison.Ordinal);

        (code, output, _) = await Run("incident", "cancel", id, "--reason", "Duplicate", "--expected-version", "5", "--at", "2026-06-15T11:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("state Cancelled", output, StringComparison.Ordinal);

        var cancelled = await Json("incident", "show", id, "--json");
        Assert.Equal("Cancelled", cancelled.GetProperty("state").GetString());
    }

    [Fact]
    public async Task SlaDefine_UnknownCalendar_IsNotFound_AndBadTargetsAreExplained()
    {
        var (code, _, error) = await Run("sla", "define", "--id", "x", "--service", "svc", "--calendar", "nowhere", "--targets", "P1=1h/4h");
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("define the calendar first", error, StringComparison.Ordinal);

        (code, _, error) = await Run("sla", "define", "--id", "x", "--service", "svc", "--calendar", "c", "--targets", "P1=4h");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--targets: entry 1 'P1=4h' is not P<rank>=<response>/<resolution>", error, StringComparison.Ordinal);

        (code, _, error) = await Run("sla", "define", "--id", "x", "--service", "svc", "--calendar", "c", "--targets", "P1=8h/4h");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--targets P1: The response target", error, StringComparison.Ordinal);

        (code, _, error) = await Run("sla", "define", "--id", "x", "--service", "svc", "--calendar", "c", "--targets", "P1=1h/2d");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("'2d' is not business hours and minutes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Define_CalendarAndSla_AreStoredAndShown_AndATakenIdIsAConflict()
    {
        var (code, output, _) = await Run("calendar", "define", "--calendar", SampleCalendar);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("defined calendar 'uk-office-hours' (UK office hours, Europe/London) for tenant 'default'", output, StringComparison.Ordinal);
        (code, _, var error) = await Run("calendar", "define", "--calendar", SampleCalendar);
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);

        (code, output, _) = await Run("sla", "define", "--id", "payroll-gold", "--service", "svc-payroll", "--calendar", "uk-office-hours", "--targets", "P1=30m/4h,P2=1h30m/8h", "--warn", "80");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"P2\s*│\s*1h30m\s*│\s*8h00m", output);
        (code, output, _) = await Run("sla", "show", "payroll-gold");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("warnings at: 80%", output, StringComparison.Ordinal);
        Assert.Contains("paused by: OnHold", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calendar", "define")]
    [InlineData("sla", "define")]
    [InlineData("sla", "show")]
    [InlineData("incident", "open")]
    [InlineData("incident", "show")]
    [InlineData("incident", "list")]
    [InlineData("incident", "assign")]
    [InlineData("incident", "start")]
    [InlineData("incident", "respond")]
    [InlineData("incident", "hold")]
    [InlineData("incident", "resume")]
    [InlineData("incident", "resolve")]
    [InlineData("incident", "close")]
    [InlineData("incident", "reopen")]
    [InlineData("incident", "cancel")]
    [InlineData("incident", "priority")]
    [InlineData("incident", "link")]
    [InlineData("incident", "resolve-known")]
    public async Task Help_EverySubcommand_ShowsAnExampleAndTheSharedOptions(string group, string name)
    {
        var (code, output, _) = await HostRunner.RunAsync(group, name, "--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches($@"Example:\s+itsm {group} {name} ", output);
        Assert.Contains("--tenant", output, StringComparison.Ordinal);
        Assert.Contains("--at", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_CoversEveryIncidentSubcommand()
    {
        var incident = HostApplication.CreateRootCommand().Subcommands.Single(c => c.Name == "incident");

        Assert.Equal(
            ["assign", "cancel", "close", "hold", "link", "list", "open", "priority", "reopen", "resolve", "resolve-known", "respond", "resume", "show", "start"],
            incident.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    private async Task DefineSlaAsync(string tenant = "default")
    {
        var (code, _, error) = await Run("calendar", "define", "--calendar", SampleCalendar, "--tenant", tenant);
        Assert.True(code == ExitCodes.Ok, error);
        (code, _, error) = await Run("sla", "define", "--id", "payroll-gold", "--service", "svc-payroll", "--calendar", "uk-office-hours", "--targets", Targets, "--tenant", tenant);
        Assert.True(code == ExitCodes.Ok, error);
    }

    private async Task<string> OpenAsync(string tenant, string at, string impact = "2", string urgency = "2")
    {
        var opened = await Json("incident", "open", "--title", $"Opened at {at}", "--service", "svc-payroll", "--impact", impact, "--urgency", urgency,
            "--tenant", tenant, "--at", at, "--json");
        return opened.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> Json(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private Task<(int Code, string Output, string Error)> Run(params string[] args) =>
        HostRunner.RunTablesAsync([.. args, "--data-dir", DataDir]);
}
