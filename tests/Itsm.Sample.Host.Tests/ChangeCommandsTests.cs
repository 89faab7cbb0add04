using Xunit;

namespace Itsm.Sample.Host.Tests;

public sealed class ChangeCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-change-").FullName;

    public ChangeCommandsTests()
    {
        File.WriteAllText(Path.Combine(directory, "impact.csv"), "item,impacted,criticality,effect\ndb-01,svc-payments,high,down\ndb-01,app-01,,\n");
        File.WriteAllText(Path.Combine(directory, "changes.csv"), "title,items,start,end\nUpgrade app,app-01,2026-11-21T22:00:00Z,2026-11-22T01:00:00Z\nMigrate db,db-01,2026-11-21T23:30:00Z,2026-11-22T00:30:00Z\n");
        File.WriteAllText(Path.Combine(directory, "blackouts.csv"), "service,start,end,reason\nsvc-payments,2026-11-21T00:00:00Z,2026-11-23T00:00:00Z,Black Friday freeze\n");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Assess_PrintsEveryRiskFactorAsATable()
    {
        var (exit, output, _) = await Run("change", "assess", "--impact", PathOf("impact.csv"), "--blackouts", PathOf("blackouts.csv"),
            "--item", "db-01", "--start", "2026-11-24T23:00:00Z", "--end", "2026-11-25T01:00:00Z", "--test-plan", "staging run");

        Assert.Equal(0, exit);
        Assert.Contains("svc-payments (high criticality) is down", output, StringComparison.Ordinal);
        Assert.Contains("no backout plan", output, StringComparison.Ordinal);
        Assert.Contains("inside blackout window", output, StringComparison.Ordinal);
        Assert.Contains("impact High (8 points) x likelihood Medium (4 points) = High", output, StringComparison.Ordinal);
        Assert.Contains("required approval: change advisory board quorum of 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_InsideBlackout_IsRaisedToHigh()
    {
        var (exit, output, _) = await Run("change", "assess", "--impact", PathOf("impact.csv"), "--blackouts", PathOf("blackouts.csv"),
            "--item", "svc-payments", "--start", "2026-11-22T03:00:00Z", "--end", "2026-11-22T04:00:00Z", "--test-plan", "t", "--backout-plan", "b");

        Assert.Equal(0, exit);
        Assert.Contains("raised to High by the blackout floor", output, StringComparison.Ordinal);
        Assert.Contains("risk class: High", output, StringComparison.Ordinal);
        Assert.Contains("change advisory board quorum of 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ByRequester_IsRefusedForSegregationOfDuties()
    {
        var (exit, _, error) = await Run("change", "approve", "--item", "app-01", "--start", "2026-11-24T23:00:00Z", "--end", "2026-11-25T01:00:00Z",
            "--requester", "alice", "--approver", "alice", "--authority", "ChangeManager");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("segregation of duties", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_ConflictingWithCalendar_IsRefusedNamingTheConflict()
    {
        var (exit, output, error) = await Run("change", "schedule", "--impact", PathOf("impact.csv"), "--changes", PathOf("changes.csv"),
            "--item", "app-01", "--start", "2026-11-21T20:00:00Z", "--end", "2026-11-21T23:00:00Z", "--test-plan", "t", "--backout-plan", "b",
            "--approver", "bob", "--authority", "ChangeManager");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("approved by bob", output, StringComparison.Ordinal);
        Assert.Contains("SameItem app-01/app-01", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflicts_ListsDependentOverlappingChanges()
    {
        var (exit, output, _) = await Run("change", "conflicts", "--impact", PathOf("impact.csv"), "--changes", PathOf("changes.csv"),
            "--from", "2026-11-21T00:00:00Z", "--to", "2026-11-23T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.Contains("DependentItems", output, StringComparison.Ordinal);
        Assert.Contains("1 conflict(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflicts_BadCsv_ReportsFileLineAndExitsWithInvalidInput()
    {
        File.WriteAllText(PathOf("bad.csv"), "title,items,start,end\nBroken,app-01,yesterday,2026-11-22T01:00:00Z\n");

        var (exit, _, error) = await Run("change", "conflicts", "--changes", PathOf("bad.csv"), "--from", "2026-11-21T00:00:00Z", "--to", "2026-11-23T00:00:00Z");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("bad.csv:2", error, StringComparison.Ordinal);
    }

    private string PathOf(string name) => Path.Combine(directory, name);

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HostApplication.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
