using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The conventions every command of the host keeps (issue 19): typed options refuse bad values as bad input,
/// the lifecycle commands answer with the new state, every answering command takes <c>--json</c>, records'
/// instants are printed to the second, tables fit 80 columns with escaped cells and unsplit words, and no
/// source file of the host is longer than 300 lines.
/// </summary>
public sealed partial class HostConventionsTests : IDisposable
{
    /// <summary>The commands that answer without <c>--json</c>, and why.</summary>
    private static readonly Dictionary<string, string> WithoutJson = new(StringComparer.Ordinal)
    {
        ["itsm calendar due"] = "writes CSV (id,due) for comparison with a vendor's tool",
        ["itsm calendar between"] = "writes CSV (id,business_seconds)",
        ["itsm cmdb impact"] = "writes CSV (query,id,state,depth)",
        ["itsm problem candidates"] = "writes CSV (candidate,shared_item,incident) as the issue specifies",
        ["itsm capacity forecast"] = "writes CSV (item,metric,slope_per_day,crossing,...)",
        ["itsm store throughput"] = "a measurement printed for people; it stores nothing a script reads back",
        ["itsm tour"] = "the guided tour, a demonstration for people",
    };

    private readonly string directory = Directory.CreateTempSubdirectory("itsm-conventions-").FullName;

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void EveryAnsweringCommand_TakesJson_ExceptTheCsvAndDemonstrationCommands()
    {
        var leaves = Leaves(HostApplication.CreateRootCommand(), "itsm").ToList();
        Assert.True(leaves.Count > 50, $"only {leaves.Count} commands found");
        var missing = leaves.Where(l => !WithoutJson.ContainsKey(l.Path) && !l.Command.Options.Any(o => o.Name == "--json")).Select(l => l.Path).ToList();
        Assert.Empty(missing);
        Assert.All(WithoutJson.Keys, path => Assert.Contains(leaves, l => l.Path == path));
    }

    /// <summary>
    /// An invocation builds only the top-level command trees it names; the root's help still lists every command with the
    /// description its own tree gives, and each command then runs as if the whole tree had been built.
    /// </summary>
    [Fact]
    public async Task RootHelp_ListsEveryCommandWithItsDescription_AndEachCommandRunsWhateverWasBuiltBefore()
    {
        var full = HostApplication.CreateRootCommand().Subcommands.ToList();

        var (code, help, _) = await HostRunner.RunAsync("--help");
        var version = await HostRunner.RunAsync("--version");
        var calendar = await HostRunner.RunAsync("calendar", "due", "--help");
        var report = await HostRunner.RunAsync("report", "service", "--help");

        Assert.Equal((0, 0, 0, 0), (code, version.ExitCode, calendar.ExitCode, report.ExitCode));
        Assert.True(full.Count >= 18, $"only {full.Count} top-level commands");
        Assert.All(full, command => Assert.Matches($@"(?m)^  {Regex.Escape(command.Name)}\s+{Regex.Escape(string.Concat(command.Description!.Split(' ').Take(3).Select(w => w + " ")).TrimEnd())}", help));
        Assert.Contains("--calendar <calendar> (REQUIRED)", calendar.Output, StringComparison.Ordinal);
        Assert.Contains("--month", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void HostSourceFiles_AreAtMost300Lines()
    {
        var host = Path.Combine(Root(), "samples", "Itsm.Sample.Host");
        var files = Directory.GetFiles(host, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var tooLong = files.Select(f => (File: Path.GetRelativePath(host, f), Lines: File.ReadAllLines(f).Length)).Where(f => f.Lines > 300).ToList();
        Assert.Empty(tooLong);
    }

    [Theory]
    [InlineData("--breaching-before", "tomorrow", "--breaching-before: 'tomorrow' is not an instant; use ISO-8601 with 'Z' or an offset", "host.input")]
    [InlineData("--state", "pending", "--state: 'pending' is not a state; use new, assigned, in-progress, on-hold, resolved, closed, cancelled, open.", "host.input")]
    [InlineData("--priority", "high", "--priority: 'high' is not a priority; write P1, P2, ... (P1 is the highest).", "host.input")]
    [InlineData("--service", " ", "--service: ConfigurationItemId must not be empty.", "identifier.invalid")]
    public async Task TypedOption_BadValue_IsBadInputInOneLineWithTheLibrarysCode(string option, string value, string message, string code)
    {
        var (exit, output, error) = await HostRunner.RunAsync("incident", "list", option, value, "--data-dir", DataDir);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Empty(output);
        Assert.StartsWith($"error: {message}", error, StringComparison.Ordinal);
        Assert.EndsWith($" [{code}]", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(DataDir), "a refused command line must not create the store");
    }

    [Fact]
    public async Task HoldReason_NotOneOfTheChoices_ListsTheAcceptedValues()
    {
        var (exit, _, error) = await HostRunner.RunAsync("incident", "hold", Guid.CreateVersion7().ToString(), "--reason", "lunch", "--data-dir", DataDir);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal("error: --reason: 'lunch' is not one of awaiting-customer, awaiting-supplier. [host.input]", error.Trim());
    }

    [Fact]
    public async Task LifecycleCommands_WithJson_AnswerTheNewStateAndVersion()
    {
        var id = (await Json("incident", "open", "--title", "Disk full", "--service", "svc-files", "--impact", "2", "--urgency", "2", "--json")).GetProperty("id").GetString()!;

        var assigned = await Json("incident", "assign", id, "--to", "bob", "--json");
        Assert.Equal("Assigned", assigned.GetProperty("state").GetString());
        Assert.Equal("bob", assigned.GetProperty("assignee").GetString());
        Assert.Equal(2, assigned.GetProperty("version").GetInt64());

        var started = await Json("incident", "start", id, "--expected-version", "2", "--json");
        Assert.Equal("InProgress", started.GetProperty("state").GetString());
        Assert.Equal(3, started.GetProperty("version").GetInt64());

        var (exit, _, error) = await Run("incident", "resolve", id, "--resolution", "Freed space", "--expected-version", "2", "--json");
        Assert.Equal(ExitCodes.Conflict, exit);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task IncidentOpen_WithoutImpact_SaysTheImpactCameFromTheCmdb_InTheTableAndInJson()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"))).ExitCode);

        var (exit, output, error) = await Run("incident", "open", "--title", "API down", "--service", "shop", "--ci", "api", "--urgency", "2");
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Matches(@"│ impact from the CMDB │ impact I\d: no --impact was given, so the CMDB suggested it from the business services a failure of api takes down or degrades │", output);

        var opened = await Json("incident", "open", "--title", "API down", "--service", "shop", "--ci", "api", "--urgency", "2", "--json");
        var source = opened.GetProperty("impactSource");
        Assert.Equal("cmdb", source.GetProperty("source").GetString());
        Assert.Equal("api", source.GetProperty("item").GetString());
        Assert.Equal(opened.GetProperty("priority").GetProperty("impact").GetInt32(), source.GetProperty("impact").GetInt32());

        var given = await Json("incident", "open", "--title", "API slow", "--service", "shop", "--ci", "api", "--impact", "3", "--urgency", "2", "--json");
        Assert.Equal("given", given.GetProperty("impactSource").GetProperty("source").GetString());
        (exit, output, _) = await Run("incident", "open", "--title", "API slow", "--service", "shop", "--ci", "api", "--impact", "3", "--urgency", "2");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.DoesNotContain("impact from the CMDB", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordInstants_FromTheSystemClock_ArePrintedToTheSecond()
    {
        var opened = await Json("incident", "open", "--title", "Printer jam", "--service", "svc-print", "--impact", "3", "--urgency", "3", "--json");

        Assert.Matches(SecondInstant(), opened.GetProperty("openedAt").GetString()!);
        Assert.All(opened.GetProperty("history").EnumerateArray(), e => Assert.Matches(SecondInstant(), e.GetProperty("at").GetString()!));
        var (_, shown, _) = await Run("incident", "show", opened.GetProperty("id").GetString()!);
        Assert.DoesNotMatch(@"\d\d:\d\d:\d\d\.\d", shown);
    }

    [Fact]
    public async Task Tables_EscapeControlCharacters_FitEightyColumns_AndCutAWordTooLongRatherThanSplitIt()
    {
        var longWord = "Supercalifragilistic" + new string('x', 90) + "End";
        // The library refuses other control characters in text; a tab and a line break are stored, and must not reach the terminal raw.
        var title = $"Line one\nline two\tcolumn then {longWord} done";
        var (exit, _, error) = await Run("incident", "open", "--title", title, "--service", "svc-escape", "--impact", "2", "--urgency", "2");
        Assert.True(exit == ExitCodes.Ok, error);

        // Run through RunTablesAsync: every table line is checked to fit 80 columns.
        var (code, listed, _) = await Run("incident", "list");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.DoesNotContain('\t', listed);
        Assert.DoesNotContain("Line one\n", listed, StringComparison.Ordinal);
        Assert.Contains(@"Line one\u000aline two\u0009column then", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(longWord, listed, StringComparison.Ordinal);
        Assert.Matches(@"Supercalifragilisticx+…", listed);
        Assert.DoesNotContain("End done", listed, StringComparison.Ordinal);
        Assert.Contains("done", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarDue_Summary_ReportsEngineTimeApartFromReadingAndWriting()
    {
        var input = Path.Combine(directory, "due.csv");
        await File.WriteAllTextAsync(input, "id,start,business_minutes\na,2026-06-12T15:30:00Z,60\nb,2026-06-12T15:30:00.25Z,30\n");

        var (exit, output, error) = await HostRunner.RunAsync("calendar", "due", "--calendar", Sample("uk-office-hours.json"), "--input", input);

        Assert.Equal(ExitCodes.Ok, exit);
        // b starts a quarter second before Friday's 17:00 closing: the rest falls on Monday, and the answer keeps the input's precision.
        Assert.Equal("id,due\na,2026-06-15T08:30:00Z\nb,2026-06-15T08:00:00.25Z\n", output);
        Assert.Matches(@"^calendar due: 2 rows, compiled 'UK office hours' \(.+\) in \d+\.\d ms; engine \d+ ns per row \(\d+\.\d ms\); I/O: read \d+\.\d ms, write \d+\.\d ms$", error.Trim());
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex SecondInstant();

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, $"{path} {sub.Name}"))
            {
                yield return leaf;
            }
        }
    }

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private static string Root()
    {
        for (var at = new DirectoryInfo(AppContext.BaseDirectory); at is not null; at = at.Parent)
        {
            if (File.Exists(Path.Combine(at.FullName, "Itsm.Core.sln")))
            {
                return at.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Itsm.Core.sln) was not found above the test binaries.");
    }

    private async Task<JsonElement> Json(params string[] args)
    {
        var (exit, output, error) = await Run(args);
        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => HostRunner.RunTablesAsync([.. args, "--data-dir", DataDir]);
}
