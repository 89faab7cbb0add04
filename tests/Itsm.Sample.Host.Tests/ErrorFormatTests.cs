using System.Text.RegularExpressions;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The host's one error format (issue 19): each failure is one line <c>error: ... [code]</c> on stderr,
/// never a stack trace or an internal type name; bad input exits 2, only store faults exit 70, and an
/// unparsable option value is a usage error without the help text.
/// </summary>
public sealed partial class ErrorFormatTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-errors-").FullName;

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private string DataDir => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("show")]
    [InlineData("due")]
    [InlineData("between")]
    [InlineData("define")]
    public async Task CalendarFileWithALoneSurrogate_IsBadInputInOneLine(string verb)
    {
        var calendar = Write("lone.json", File.ReadAllText(Sample("uk-office-hours.json")).Replace("\"UK office hours\"", "\"UK \\ud800 hours\"", StringComparison.Ordinal));
        string[] args = verb switch
        {
            "show" => ["calendar", "show", "--calendar", calendar, "--from", "2026-03-27", "--to", "2026-03-28"],
            "due" => ["calendar", "due", "--calendar", calendar, "--input", Sample("calendar-due.csv")],
            "between" => ["calendar", "between", "--calendar", calendar, "--input", Sample("calendar-between.csv")],
            _ => ["calendar", "define", "--calendar", calendar, "--data-dir", DataDir],
        };

        var (code, output, error) = await HostRunner.RunAsync(args);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal(string.Empty, output);
        AssertOneLine(error, "calendar.json.syntax");
        Assert.Contains("lone.json:2:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-directory")]
    [InlineData("directory")]
    [InlineData("proc")]
    public async Task CalendarDue_OutputThatCannotBeWritten_IsBadInputInOneLine(string where)
    {
        var output = Output(where);

        var (code, stdout, error) = await HostRunner.RunAsync("calendar", "due", "--calendar", Sample("uk-office-hours.json"), "--input", Sample("calendar-due.csv"), "--output", output);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal(string.Empty, stdout);
        AssertOneLine(error, "host.output");
        Assert.Contains($"--output: cannot write '{output}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-directory")]
    [InlineData("directory")]
    [InlineData("proc")]
    public async Task CalendarBetween_OutputThatCannotBeWritten_IsBadInputInOneLine(string where)
    {
        var (code, _, error) = await HostRunner.RunAsync("calendar", "between", "--calendar", Sample("uk-office-hours.json"), "--input", Sample("calendar-between.csv"), "--output", Output(where));

        Assert.Equal(ExitCodes.InvalidInput, code);
        AssertOneLine(error, "host.output");
    }

    [Theory]
    [InlineData("missing-directory")]
    [InlineData("directory")]
    [InlineData("proc")]
    public async Task CmdbImpactOverFiles_OutputThatCannotBeWritten_IsBadInputInOneLine(string where)
    {
        var (code, _, error) = await HostRunner.RunAsync("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--failed", "switch", "--output", Output(where));

        Assert.Equal(ExitCodes.InvalidInput, code);
        AssertOneLine(error, "host.output");
    }

    [Theory]
    [InlineData("missing-directory")]
    [InlineData("directory")]
    [InlineData("proc")]
    public async Task CmdbImpactOverTheStore_OutputThatCannotBeWritten_IsBadInputNotAFault(string where)
    {
        var (imported, _, _) = await HostRunner.RunAsync("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--data-dir", DataDir);
        Assert.Equal(ExitCodes.Ok, imported);

        var (code, _, error) = await HostRunner.RunAsync("cmdb", "impact", "--failed", "switch", "--output", Output(where), "--data-dir", DataDir);

        Assert.Equal(ExitCodes.InvalidInput, code);
        AssertOneLine(error, "host.output");
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("throughput")]
    public async Task Store_MalformedPostgresConnectionString_IsBadInputInOneLine(string verb)
    {
        var (code, _, error) = await HostRunner.RunAsync(StoreArgs(verb, "--postgres", "Hst=localhost;;=x"));

        Assert.Equal(ExitCodes.InvalidInput, code);
        AssertOneLine(error, "host.postgres");
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("throughput")]
    public async Task Store_UnreachablePostgres_IsAStoreFaultInOneLine(string verb)
    {
        var (code, _, error) = await HostRunner.RunAsync(StoreArgs(verb, "--postgres", "Host=127.0.0.1;Port=1;Username=itsm;Database=itsm;Timeout=2"));

        Assert.Equal(ExitCodes.Fault, code);
        AssertOneLine(error, "host.store");
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("throughput")]
    public async Task Store_DataDirectoryNamingAFile_IsBadInputInOneLine(string verb)
    {
        var file = Write("not-a-directory", "x");

        var (code, _, error) = await HostRunner.RunAsync(StoreArgs(verb, "--data-dir", file));

        Assert.Equal(ExitCodes.InvalidInput, code);
        AssertOneLine(error, "host.data-dir");
    }

    [Theory]
    [InlineData("migrate", "through-a-file")]
    [InlineData("migrate", "proc")]
    [InlineData("migrate", "under-proc")]
    [InlineData("throughput", "proc")]
    [InlineData("incident", "through-a-file")]
    [InlineData("incident", "proc")]
    [InlineData("tour", "proc")]
    public async Task DataDirectoryThatCannotHoldANewStore_IsBadInputInOneLine(string verb, string where)
    {
        // A path through a file and a place that cannot be created cannot become a directory; /proc exists but takes no new file.
        var dataDir = where switch
        {
            "through-a-file" => Path.Combine(Write("a-file", "x"), "data"),
            "proc" => "/proc",
            _ => "/proc/itsm-test-data",
        };
        string[] args = verb switch
        {
            "incident" => ["incident", "list", "--data-dir", dataDir],
            "tour" => ["tour", "--data-dir", dataDir],
            _ => StoreArgs(verb, "--data-dir", dataDir),
        };

        var (code, output, error) = await HostRunner.RunAsync(args);

        Assert.Equal(ExitCodes.InvalidInput, code);
        AssertOneLine(error, "host.data-dir");
        Assert.Contains("name a directory you can write to", error, StringComparison.Ordinal);
        Assert.DoesNotContain("itsm-probe", error, StringComparison.Ordinal);
        if (verb != "tour")
        {
            Assert.Equal(string.Empty, output);
        }
    }

    [Fact]
    public async Task DataDirectoryThatCanHoldTheStore_LeavesOnlyTheStoreBehind()
    {
        var (code, _, error) = await HostRunner.RunAsync("incident", "list", "--data-dir", DataDir);

        Assert.True(code == 0, error);
        Assert.Equal(["itsm.db"], Directory.GetFiles(DataDir).Select(Path.GetFileName).Where(name => !name!.StartsWith("itsm.db-", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("throughput")]
    public async Task Store_DamagedDatabase_IsAStoreFaultInOneLine(string verb)
    {
        Directory.CreateDirectory(DataDir);
        File.WriteAllText(Path.Combine(DataDir, "itsm.db"), new string('x', 4096));

        var (code, _, error) = await HostRunner.RunAsync(StoreArgs(verb, "--data-dir", DataDir));

        Assert.Equal(ExitCodes.Fault, code);
        AssertOneLine(error, "store.foreign"); // the library's code: the file is not a SQLite database, and was left untouched
    }

    [Fact]
    public async Task CalendarShow_ADateTheZoneSkipped_ShowsNoWorkingTime()
    {
        var week = string.Join(",", new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(d => $"\"{d}\":[\"00:00-24:00\"]"));
        var calendar = Write("apia.json", $"{{\"name\":\"Apia 24x7\",\"timeZone\":\"Pacific/Apia\",\"week\":{{{week}}}}}");

        var (code, output, error) = await HostRunner.RunAsync("calendar", "show", "--calendar", calendar, "--from", "2011-12-29", "--to", "2011-12-31");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("2011-12-30 Fri  0h00m  no working time", output, StringComparison.Ordinal);
        Assert.Contains("2011-12-29 Thu  24h00m", output, StringComparison.Ordinal);
        Assert.Contains("2011-12-31 Sat  24h00m", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarDefine_BadFile_IsBadInputNotAFault()
    {
        var calendar = Write("bad.json", "{\"name\": 3");

        var (code, _, error) = await HostRunner.RunAsync("calendar", "define", "--calendar", calendar, "--data-dir", DataDir);

        Assert.Equal(ExitCodes.InvalidInput, code);
        AssertOneLine(error, "calendar.json.syntax");
    }

    [Fact]
    public async Task UnparsableOptionValue_IsOneUsageLineWithWhatTheOptionAccepts()
    {
        var (code, output, error) = await HostRunner.RunAsync("incident", "open", "--title", "t", "--service", "svc", "--impact", "high", "--urgency", "1", "--data-dir", DataDir);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        AssertOneLine(error, "host.usage");
        Assert.Contains("--impact: 'high' is not a whole number", error, StringComparison.Ordinal);
        Assert.Contains("1 (widest) to 3", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakenCalendarId_NamesTheKindOfRecordNotItsType()
    {
        var first = await HostRunner.RunAsync("calendar", "define", "--calendar", Sample("uk-office-hours.json"), "--data-dir", DataDir);
        Assert.Equal(ExitCodes.Ok, first.ExitCode);

        var (code, _, error) = await HostRunner.RunAsync("calendar", "define", "--calendar", Sample("uk-office-hours.json"), "--data-dir", DataDir);

        Assert.Equal(ExitCodes.Conflict, code);
        AssertOneLine(error, "record.exists");
        Assert.Contains("Calendar 'uk-office-hours' already exists", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Snapshot", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownIncident_IsOneLine()
    {
        var (code, _, error) = await HostRunner.RunAsync("incident", "show", "0197a3c2-5e1b-7c3d-9f00-1234567890ab", "--data-dir", DataDir);

        Assert.Equal(ExitCodes.NotFound, code);
        AssertOneLine(error, "incident.not-found");
        Assert.Contains("tenant 'default'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SafeText_EscapesControlCharactersAndLoneSurrogates()
    {
        Assert.Equal("a\\u001b[31mb\\u000d\\ud800c", Io.SafeText.Escape("a\u001b[31mb\r\ud800c"));
        Assert.Equal("plain é 😀", Io.SafeText.Escape("plain é 😀"));
    }

    private static void AssertOneLine(string error, string code)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Matches(OneLine(), line);
        Assert.EndsWith($"[{code}]", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    private string[] StoreArgs(string verb, params string[] store) =>
        verb == "migrate" ? ["store", "migrate", .. store] : ["store", "throughput", "--incidents", "1", "--items", "2", .. store];

    private string Output(string where) => where switch
    {
        "missing-directory" => Path.Combine(directory, "no-such-directory", "out.csv"),
        "directory" => directory,
        _ => "/proc/itsm-test-output",
    };

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [GeneratedRegex(@"^error: .+ \[[a-z0-9.-]+\]$")]
    private static partial Regex OneLine();
}
