using System.Text.Json;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary><c>itsm problem ...</c> on the store: the lifecycle, linking, the workaround push, matching, measures, exit codes and JSON.</summary>
public sealed class ProblemCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-problem-").FullName;

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

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

    private async Task<JsonElement> Json(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private Task<(int Code, string Output, string Error)> Run(params string[] args) =>
        HostRunner.RunTablesAsync([.. args, "--data-dir", DataDir]);
}
