using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>The <c>itsm calendar</c> commands, run in process against temporary files.</summary>
public sealed class CalendarCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-calendar-").FullName;

    private static string SampleCalendar => Path.Combine(AppContext.BaseDirectory, "samples", "uk-office-hours.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Due_SampleCalendar_WritesDueInstantsInInputOrder()
    {
        var input = Write("in.csv", "id,start,business_minutes\nINC-1,2026-03-02T07:00:00Z,900\n\"INC,2\",2026-03-27T16:00:00Z,120\nINC-3,2026-10-23T17:00:00+01:00,450\nINC-4,2026-03-02T12:30:00Z,0\n");
        var output = Path.Combine(directory, "out.csv");
        var (code, stdout, stderr) = await Run("calendar", "due", "--calendar", SampleCalendar, "--input", input, "--output", output);

        Assert.Equal(0, code);
        Assert.Equal("id,due\nINC-1,2026-03-03T17:30:00Z\n\"INC,2\",2026-03-30T09:00:00Z\nINC-3,2026-10-26T17:30:00Z\nINC-4,2026-03-02T12:30:00Z\n", File.ReadAllText(output));
        Assert.Equal(string.Empty, stdout);
        var summary = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("4 rows", summary, StringComparison.Ordinal);
        Assert.Contains("ns per row", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Between_SampleCalendar_WritesBusinessSecondsToStdout()
    {
        var input = Write("in.csv", "id,from,to\nA,2026-03-02T07:00:00Z,2026-03-03T17:30:00Z\nB,2026-12-23T09:00:00Z,2026-12-29T09:00:00Z\nC,2026-03-02T09:00:00Z,2026-03-02T09:00:00.5Z\n");
        var (code, stdout, _) = await Run("calendar", "between", "--calendar", SampleCalendar, "--input", input);
        Assert.Equal(0, code);
        Assert.Equal("id,business_seconds\nA,54000\nB,39600\nC,0.5\n", stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Due_BadCalendarJson_FailsWithFileLineColumnAndWritesNothing()
    {
        var calendar = Write("cal.json", "{\n  \"name\": \"x\",\n  \"timeZone\": \"Europe/London\",\n  \"week\": {\n    \"monday\": [\"09:00-12:00\", \"17:00-09:00\"]\n  }\n}\n");
        var input = Write("in.csv", "id,start,business_minutes\nA,2026-03-02T07:00:00Z,60\n");
        var output = Path.Combine(directory, "out.csv");
        var (code, _, stderr) = await Run("calendar", "due", "--calendar", calendar, "--input", input, "--output", output);

        Assert.Equal(2, code);
        Assert.Contains($"{calendar}:5:31: week.monday[1]:", stderr, StringComparison.Ordinal);
        Assert.Contains("inverted", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Due_MalformedJson_ReportsTheSyntaxPosition()
    {
        var calendar = Write("cal.json", "{\n  \"name\": \"x\",\n  \"timeZone\" \"Europe/London\"\n}\n");
        var input = Write("in.csv", "id,start,business_minutes\n");
        var (code, _, stderr) = await Run("calendar", "due", "--calendar", calendar, "--input", input);
        Assert.Equal(2, code);
        Assert.Contains($"{calendar}:3:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_BadRow_FailsWithLineAndColumnAndKeepsExistingOutput()
    {
        var input = Write("in.csv", "id,start,business_minutes\nA,2026-03-02T07:00:00Z,60\nB,2026-03-02 07:00,60\n");
        var output = Write("out.csv", "previous content\n");
        var (code, _, stderr) = await Run("calendar", "due", "--calendar", SampleCalendar, "--input", input, "--output", output);

        Assert.Equal(2, code);
        Assert.Contains($"{input}:3:3: start:", stderr, StringComparison.Ordinal);
        Assert.Equal("previous content\n", File.ReadAllText(output));
    }

    [Fact]
    public async Task Due_NegativeMinutes_IsRejected()
    {
        var input = Write("in.csv", "id,start,business_minutes\nA,2026-03-02T07:00:00Z,-5\n");
        var (code, _, stderr) = await Run("calendar", "due", "--calendar", SampleCalendar, "--input", input);
        Assert.Equal(2, code);
        Assert.Contains(":2:24: business_minutes:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Between_ToBeforeFrom_IsRejected()
    {
        var input = Write("in.csv", "id,from,to\nA,2026-03-03T07:00:00Z,2026-03-02T07:00:00Z\n");
        var (code, _, stderr) = await Run("calendar", "between", "--calendar", SampleCalendar, "--input", input);
        Assert.Equal(2, code);
        Assert.Contains("to:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_SpringForwardWeekend_PrintsLocalAndUtc()
    {
        var (code, stdout, _) = await Run("calendar", "show", "--calendar", SampleCalendar, "--from", "2026-03-27", "--to", "2026-03-30");
        Assert.Equal(0, code);
        Assert.Contains("2026-03-28 Sat  0h00m  no working time", stdout, StringComparison.Ordinal);
        Assert.Contains("09:00 +01 - 12:30 +01   2026-03-30T08:00:00Z - 2026-03-30T11:30:00Z", stdout, StringComparison.Ordinal);
        Assert.Contains("09:00 +00 - 12:30 +00   2026-03-27T09:00:00Z - 2026-03-27T12:30:00Z", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_MissingFile_FailsWithNonZeroExit()
    {
        var (code, _, stderr) = await Run("calendar", "show", "--calendar", Path.Combine(directory, "none.json"), "--from", "2026-03-27", "--to", "2026-03-30");
        Assert.Equal(2, code);
        Assert.Contains("file not found", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = await HostApplication.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
