using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm problem ...</c> on the store: the lifecycle, linking, the workaround push, matching, measures, exit codes and JSON.</summary>
public sealed class ProblemCommandsTests() : StoreCommandTests("itsm-problem-")
{
    [Fact]
    public async Task Problem_FromLogThroughPushToClose_OnTheStore()
    {
        var incident = (await Json("incident", "open", "--title", "Payroll freezes every morning", "--service", "svc-payroll", "--impact", "2", "--urgency", "2", "--category", "storage", "--at", "2026-06-15T08:00:00Z", "--json")).GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "assign", incident, "--to", "bob", "--at", "2026-06-15T08:05:00Z")).Code);
        var logged = await Json("problem", "log", "--title", "Mail and payroll stall every morning", "--service", "svc-payroll", "--impact", "2", "--urgency", "2", "--ci", "san-01", "--category", "storage", "--at", "2026-06-15T08:10:00Z", "--json");
        var id = logged.GetProperty("id").GetString()!;
        Assert.Equal(("Logged", 1), (logged.GetProperty("state").GetString(), logged.GetProperty("version").GetInt32()));

        var (code, output, _) = await Run("problem", "link", id, "--incident", incident, "--at", "2026-06-15T08:15:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("linked an incident to problem", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "investigate", id, "--expected-version", "2", "--at", "2026-06-15T08:20:00Z")).Code);
        (code, _, var error) = await Run("problem", "investigate", id, "--expected-version", "2", "--at", "2026-06-15T08:21:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("problem.version-conflict", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "root-cause", id, "--cause", "SAN firmware drops the write cache", "--at", "2026-06-15T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "workaround", id, "--workaround", "Fail over to controller B", "--at", "2026-06-15T09:10:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "publish", id, "--symptom", "Payroll freezes at 09:00", "--error-code", "SAN-0042", "--at", "2026-06-15T09:20:00Z")).Code);

        var matched = await Json("problem", "match", "--incident", incident, "--at", "2026-06-15T09:25:00Z", "--json");
        var match = Assert.Single(matched.EnumerateArray());
        Assert.Equal("Fail over to controller B", match.GetProperty("workaround").GetString());
        Assert.Contains(match.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("storage", StringComparison.Ordinal));

        Assert.Equal(ExitCodes.Ok, (await Run("problem", "push", id, "--resolve", "--at", "2026-06-15T09:30:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "push", id, "--at", "2026-06-15T09:31:00Z")).Code);
        var resolved = await Json("incident", "show", incident, "--at", "2026-06-15T09:32:00Z", "--json");
        Assert.Equal("Resolved", resolved.GetProperty("state").GetString());

        (code, _, error) = await Run("problem", "close", id, "--at", "2026-06-15T10:00:00Z");
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("problem.illegal-transition", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "resolve", id, "--code", "risk-accepted", "--notes", "Vendor fix next quarter", "--at", "2026-06-15T10:00:00Z")).Code);
        var closed = await Json("problem", "close", id, "--at", "2026-06-15T10:05:00Z", "--json");
        Assert.Equal(("Closed", 9), (closed.GetProperty("state").GetString(), closed.GetProperty("version").GetInt32()));
        Assert.Equal([incident], closed.GetProperty("incidents").EnumerateArray().Select(e => e.GetString()));

        var measures = await Json("problem", "measures", id, "--at", "2026-06-15T11:00:00Z", "--json");
        Assert.Equal((1, 0, 1), (measures.GetProperty("incidents").GetInt32(), measures.GetProperty("openIncidents").GetInt32(), measures.GetProperty("resolvedWithWorkaround").GetInt32()));
        Assert.Equal(50L, measures.GetProperty("timeToRootCauseMinutes").GetInt64()); // logged 08:10, root cause 09:00
    }

    [Fact]
    public async Task Problem_UnknownId_IsNotFound_AndABadCodeIsInvalidInput()
    {
        var (code, _, error) = await Run("problem", "investigate", Guid.CreateVersion7().ToString());
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("problem.not-found", error, StringComparison.Ordinal);

        (code, _, _) = await Run("problem", "resolve", Guid.CreateVersion7().ToString(), "--code", "shrug", "--notes", "x");
        Assert.Equal(ExitCodes.InvalidInput, code);
    }

    [Fact]
    public async Task ProblemList_ByAge_OpenOnesOldestFirstWithTheirAges_AndOlderThanFilters()
    {
        var ids = new List<string>();
        foreach (var (title, at) in new[] { ("Mail stalls", "2026-06-01T08:00:00Z"), ("VPN drops", "2026-06-10T08:00:00Z"), ("Printer queue", "2026-06-14T20:00:00Z") })
        {
            ids.Add((await Json("problem", "log", "--title", title, "--service", "svc-email", "--impact", "2", "--urgency", "2", "--at", at, "--json")).GetProperty("id").GetString()!);
        }

        Assert.Equal(ExitCodes.Ok, (await Run("problem", "cancel", ids[1], "--reason", "Raised in error", "--at", "2026-06-11T08:00:00Z")).Code);

        var aged = await Json("problem", "list", "--by-age", "--at", "2026-06-15T08:00:00Z", "--json");
        Assert.Equal([(ids[0], 14L * 24 * 60), (ids[2], 12L * 60)], aged.EnumerateArray().Select(a => (a.GetProperty("problem").GetProperty("id").GetString(), a.GetProperty("ageMinutes").GetInt64())));
        var (code, output, _) = await Run("problem", "list", "--by-age", "--older-than", "1d", "--at", "2026-06-15T08:00:00Z");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("1 open problem(s)", output, StringComparison.Ordinal);
        Assert.Contains($"{ids[0]}     336h00m  Logged", output, StringComparison.Ordinal);

        (code, _, var error) = await Run("problem", "list", "--by-age", "--state", "closed");
        Assert.Equal((ExitCodes.InvalidInput, true), (code, error.Contains("leave out --state", StringComparison.Ordinal)));
        (code, _, error) = await Run("problem", "list", "--older-than", "1d");
        Assert.Equal((ExitCodes.InvalidInput, true), (code, error.Contains("works with --by-age", StringComparison.Ordinal)));
        (code, _, error) = await Run("problem", "list", "--by-age", "--older-than", "40000d");
        Assert.Equal((ExitCodes.InvalidInput, true), (code, error.Contains("--older-than: The minimum age must be between zero and 36525 days", StringComparison.Ordinal) && error.Contains("[problem.minimum-age]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task IncidentResolveKnown_ResolvesWithTheMatchedKnownError_LinksItsProblem_AndRefusesTwice()
    {
        var incident = (await Json("incident", "open", "--title", "Payroll freezes", "--service", "svc-payroll", "--impact", "2", "--urgency", "2", "--category", "storage", "--at", "2026-06-15T08:00:00Z", "--json")).GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "assign", incident, "--to", "bob", "--at", "2026-06-15T08:05:00Z")).Code);
        var id = (await Json("problem", "log", "--title", "Payroll stalls every morning", "--service", "svc-payroll", "--impact", "2", "--urgency", "2", "--category", "storage", "--at", "2026-06-15T08:10:00Z", "--json")).GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "investigate", id, "--at", "2026-06-15T08:20:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "root-cause", id, "--cause", "SAN firmware drops the write cache", "--at", "2026-06-15T09:00:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "workaround", id, "--workaround", "Fail over to controller B", "--at", "2026-06-15T09:10:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("problem", "publish", id, "--symptom", "Payroll freezes at 09:00", "--at", "2026-06-15T09:20:00Z")).Code);
        var knownError = Assert.Single((await Json("problem", "match", "--incident", incident, "--at", "2026-06-15T09:25:00Z", "--json")).EnumerateArray()).GetProperty("knownError").GetString()!;

        var resolved = await Json("incident", "resolve-known", incident, "--known-error", knownError, "--at", "2026-06-15T09:30:00Z", "--json");
        var (twice, _, error) = await Run("incident", "resolve-known", incident, "--known-error", knownError, "--at", "2026-06-15T09:35:00Z");
        var (unknown, _, _) = await Run("incident", "resolve-known", incident, "--known-error", Guid.NewGuid().ToString(), "--at", "2026-06-15T09:36:00Z");
        var (malformed, _, _) = await Run("incident", "resolve-known", incident, "--known-error", "not-a-guid");

        Assert.Equal("Resolved", resolved.GetProperty("state").GetString());
        Assert.Equal((ExitCodes.Conflict, ExitCodes.NotFound, ExitCodes.InvalidInput), (twice, unknown, malformed));
        Assert.Contains("incident.illegal-transition", error, StringComparison.Ordinal);
        var problem = await Json("problem", "show", id, "--json");
        Assert.Equal([incident], problem.GetProperty("incidents").EnumerateArray().Select(e => e.GetString()));
    }
}
