using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm release ...</c> on the store: the lifecycle across invocations, the gate's refusal in a freeze and the reschedule past it, verified deployments and a rollback, exit codes and JSON.</summary>
public sealed class ReleaseCommandsTests() : StoreCommandTests("itsm-release-")
{
    [Fact]
    public async Task Release_FromPlanThroughVerifiedDeploymentsToClose_OnTheStore()
    {
        var change = await ApprovedChangeAsync();
        var id = await PlanAsync("4.2.0");
        Assert.Equal(ExitCodes.Ok, (await Run("release", "bundle", id, "--change", change, "--expected-version", "1", "--at", "2026-11-21T09:00:00Z")).Code);
        var (code, _, error) = await Run("release", "bundle", id, "--change", change, "--expected-version", "1", "--at", "2026-11-21T09:01:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("release.version-conflict", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "build", id, "--reference", "build-417", "--rollback-plan", "Redeploy 4.1.0", "--at", "2026-11-21T10:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "test", id, "--suite", "regression", "--at", "2026-11-22T10:00:00Z")).Code);
        var accepted = await Json("release", "accept", id, "--at", "2026-11-23T10:00:00Z", "--json");
        Assert.Equal(("Accepted", 5), (accepted.GetProperty("state").GetString(), accepted.GetProperty("version").GetInt32()));

        (code, _, error) = await Run("release", "deploy", id, "--env", "production", "--at", "2026-12-05T20:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("release.environment-order", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "deploy", id, "--env", "staging", "--at", "2026-12-05T20:00:00Z")).Code);
        var (ok, completed, _) = await Run("release", "complete", id, "--at", "2026-12-05T20:30:00Z");
        Assert.Equal(ExitCodes.Ok, ok);
        Assert.Contains($"completed the deployment of release {id} (payroll 4.2.0): state Deployed", completed, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "deploy", id, "--env", "production", "--at", "2026-12-05T22:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "rollback", id, "--reason", "Smoke test failed", "--at", "2026-12-05T22:30:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "review", id, "--findings", "Rolled back cleanly", "--at", "2026-12-06T09:00:00Z")).Code);
        var closed = await Json("release", "close", id, "--at", "2026-12-06T10:00:00Z", "--json");

        Assert.Equal(("Closed", 11), (closed.GetProperty("state").GetString(), closed.GetProperty("version").GetInt32()));
        var environments = closed.GetProperty("environments").EnumerateArray().Select(e => (e.GetProperty("environment").GetString(), e.GetProperty("outcome").GetString())).ToArray();
        Assert.Equal([("staging", "deployed"), ("production", "rolled-back")], environments);
        Assert.Equal([change], closed.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        var (shown, details, _) = await Run("release", "show", id);
        Assert.Equal(ExitCodes.Ok, shown);
        Assert.Contains("ReleaseRolledBack", details, StringComparison.Ordinal);
        var listed = await Json("release", "list", "--unit", "payroll", "--state", "closed", "--json");
        Assert.Equal([id], listed.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Accept_InsideAFreezeOfTheImpactedService_IsRefusedNamingTheBlackout_AndTheCalendarShowsIt()
    {
        var change = await ApprovedChangeAsync();
        Assert.Equal(ExitCodes.Ok, (await Run("change", "blackout", "add", "--service", "shop", "--start", "2026-12-05T23:00:00Z", "--end", "2026-12-06T00:00:00Z", "--reason", "Payroll freeze", "--actor", "bob")).Code);
        var id = await PlanAsync("4.2.0");
        Assert.Equal(ExitCodes.Ok, (await Run("release", "bundle", id, "--change", change, "--at", "2026-11-21T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "build", id, "--reference", "build-417", "--rollback-plan", "Redeploy 4.1.0", "--at", "2026-11-21T10:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "test", id, "--suite", "regression", "--at", "2026-11-22T10:00:00Z")).Code);

        var (code, output, error) = await Run("release", "accept", id, "--at", "2026-11-23T10:00:00Z");

        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Empty(output);
        Assert.Contains("[OutsideBlackout]", error, StringComparison.Ordinal);
        Assert.Contains("Payroll freeze", error, StringComparison.Ordinal);
        Assert.Contains("[release.acceptance-refused]", error, StringComparison.Ordinal);
        Assert.Equal("InTest", (await Json("release", "show", id, "--json")).GetProperty("state").GetString());
        var calendar = await Json("release", "calendar", "--from", "2026-12-05T00:00:00Z", "--to", "2026-12-07T00:00:00Z", "--json");
        Assert.Equal(["staging", "production"], calendar.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("environment").GetString()));
        Assert.Single(calendar.GetProperty("blackouts").EnumerateArray());

        var badWindow = await Run("release", "reschedule", id, "--env", "production", "--window", "2026-12-06T02:00:00Z/2026-12-06T00:00:00Z", "--at", "2026-11-23T10:05:00Z");
        var rescheduled = await Json("release", "reschedule", id, "--env", "production", "--window", "2026-12-06T00:00:00Z/2026-12-06T02:00:00Z", "--at", "2026-11-23T10:05:00Z", "--json");
        var accepted = await Json("release", "accept", id, "--at", "2026-11-23T10:10:00Z", "--json");
        var early = await Run("release", "deploy", id, "--env", "staging", "--at", "2026-12-05T19:59:00Z");

        Assert.Equal(ExitCodes.InvalidInput, badWindow.Code);
        Assert.Equal("2026-12-06T00:00:00Z", rescheduled.GetProperty("environments")[1].GetProperty("windowStart").GetString());
        Assert.Equal("Accepted", accepted.GetProperty("state").GetString());
        Assert.Equal(ExitCodes.Conflict, early.Code);
        Assert.Contains("release.deployment.window", early.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_BadValuesUnknownIdsAndAnOldVersion_AreRefusedWithTheirExitCodes()
    {
        Assert.Equal(ExitCodes.InvalidInput, (await Run("release", "plan", "--title", "x", "--unit", "payroll", "--version", "4.2", "--staging", "node2@2026-12-05T20:00:00Z/2026-12-05T22:00:00Z")).Code);
        Assert.Equal(ExitCodes.InvalidInput, (await Run("release", "plan", "--title", "x", "--unit", "payroll", "--version", "4.2.0", "--staging", "node2@2026-12-05T22:00:00Z")).Code);
        var (code, _, error) = await Run("release", "accept", Guid.CreateVersion7().ToString());
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("release.not-found", error, StringComparison.Ordinal);

        await ApprovedChangeAsync();
        await PlanAsync("4.2.0");
        (code, _, error) = await Run("release", "plan", "--title", "Payroll 4.1", "--unit", "payroll", "--version", "4.1.0", "--staging", "node2@2026-12-05T20:00:00Z/2026-12-05T22:00:00Z", "--at", "2026-11-21T09:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("release.version-order", error, StringComparison.Ordinal);
    }

    private static readonly string[] Cab = ["carol", "omar", "lena"];

    /// <summary>The sample CMDB, bob as change manager, three CAB members, and a change on node1 and node2 approved by the board for 2026-12-05 20:00 to 12-06 02:00.</summary>
    /// <summary>A release shipping a published known error is refused until the acceptor acknowledges it; an unknown or malformed id is refused at once.</summary>
    [Fact]
    public async Task Plan_WithAKnownError_IsAcceptedOnlyWhenAcceptAcknowledgesIt()
    {
        var change = await ApprovedChangeAsync();
        var problem = (await Json("problem", "log", "--title", "Payroll stalls every morning", "--service", "shop", "--impact", "2", "--urgency", "2", "--category", "storage", "--at", "2026-11-15T08:10:00Z", "--json")).GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "investigate", problem, "--at", "2026-11-15T08:20:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "root-cause", problem, "--cause", "SAN firmware drops the write cache", "--at", "2026-11-15T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "workaround", problem, "--workaround", "Fail over to controller B", "--at", "2026-11-15T09:10:00Z")).Code);
        var published = await Json("problem", "publish", problem, "--symptom", "Payroll freezes at 09:00", "--at", "2026-11-15T09:20:00Z", "--json");
        var knownError = published.GetProperty("knownError").GetString()!;
        string[] windows = ["--staging", "node2@2026-12-05T20:00:00Z/2026-12-05T22:00:00Z", "--production", "node1@2026-12-05T22:00:00Z/2026-12-06T01:00:00Z"];
        var unknown = await Run(["release", "plan", "--title", "Payroll 4.2", "--unit", "payroll", "--version", "4.2.0", "--known-error", Guid.NewGuid().ToString(), .. windows, "--at", "2026-11-21T08:00:00Z"]);
        var malformed = await Run(["release", "plan", "--title", "Payroll 4.2", "--unit", "payroll", "--version", "4.2.0", "--known-error", "not-a-guid", .. windows]);
        var planned = await Json(["release", "plan", "--title", "Payroll 4.2", "--unit", "payroll", "--version", "4.2.0", "--known-error", knownError, .. windows, "--at", "2026-11-21T08:00:00Z", "--json"]);
        var id = planned.GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("release", "bundle", id, "--change", change, "--at", "2026-11-21T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "build", id, "--reference", "build-417", "--rollback-plan", "Redeploy 4.1.0", "--at", "2026-11-21T10:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("release", "test", id, "--suite", "regression", "--at", "2026-11-22T10:00:00Z")).Code);

        var (refusedCode, _, refused) = await Run("release", "accept", id, "--at", "2026-11-23T10:00:00Z");
        var accepted = await Json("release", "accept", id, "--acknowledge", knownError, "--at", "2026-11-23T10:05:00Z", "--json");

        Assert.Equal((ExitCodes.NotFound, ExitCodes.InvalidInput), (unknown.Code, malformed.Code));
        Assert.Equal([knownError], planned.GetProperty("knownErrors").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(ExitCodes.Conflict, refusedCode);
        Assert.Contains($"ships known error {knownError}; acknowledge it", refused, StringComparison.Ordinal);
        Assert.Equal("Accepted", accepted.GetProperty("state").GetString());
        Assert.Equal([knownError], accepted.GetProperty("acknowledgedKnownErrors").EnumerateArray().Select(k => k.GetString()));
    }

    private async Task<string> ApprovedChangeAsync()
    {
        var (code, _, error) = await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(ExitCodes.Ok, (await Run("change", "authority", "grant", "bob", "--as", "change-manager", "--actor", "bob")).Code);
        foreach (var member in Cab)
        {
            Assert.Equal(ExitCodes.Ok, (await Run("change", "authority", "grant", member, "--as", "cab", "--actor", "bob")).Code);
        }
        var raised = await Json("change", "raise", "--title", "Payroll 4.2 on the nodes", "--item", "node1", "--item", "node2", "--start", "2026-12-05T20:00:00Z", "--end", "2026-12-06T02:00:00Z",
            "--plan", "Deploy 4.2", "--test-plan", "Two weeks on staging", "--backout-plan", "Redeploy 4.1", "--actor", "alice", "--at", "2026-11-20T09:00:00Z", "--json");
        var id = raised.GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("change", "submit", id, "--actor", "alice", "--at", "2026-11-20T09:05:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("change", "assess", id, "--at", "2026-11-20T09:10:00Z")).Code);
        foreach (var member in Cab)
        {
            (code, _, error) = await Run("change", "approve", id, "--actor", member, "--at", "2026-11-20T10:00:00Z");
            Assert.True(code == ExitCodes.Ok, error);
        }

        return id;
    }

    private async Task<string> PlanAsync(string version)
    {
        var planned = await Json("release", "plan", "--title", $"Payroll {version}", "--unit", "payroll", "--version", version,
            "--staging", "node2@2026-12-05T20:00:00Z/2026-12-05T22:00:00Z", "--production", "node1@2026-12-05T22:00:00Z/2026-12-06T01:00:00Z", "--at", "2026-11-21T08:00:00Z", "--json");
        Assert.Equal(("Planned", 1), (planned.GetProperty("state").GetString(), planned.GetProperty("version").GetInt32()));
        return planned.GetProperty("id").GetString()!;
    }
}
