using Itsm.Sample.Host;

namespace Itsm.Sample.Host.Tests;

public sealed class AvailabilityCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-availability-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> Run(string outages, params string[] more)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args =
        [
            "availability", "--calendar", Sample("uk-office-hours.json"), "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"),
            "--outages", outages, "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z", .. more,
        ];
        var code = await HostApplication.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Availability_SampleMarch_OneRowPerBusinessServiceAndSummaryOnStderr()
    {
        var (code, output, error) = await Run(Sample("availability-outages.csv"));

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("service,agreed_seconds,down_seconds,degraded_seconds,planned_seconds,availability,outages,mtrs_seconds,mtbf_seconds", lines[0]);

        // 22 weekdays of 7.5 or 8 hours in March 2026 (Fridays end at 17:00): 163 h = 586,800 s. The Saturday-night
        // firmware window and the overnight node failure fall outside service hours; the two overlapping switch
        // failures are one 30-minute outage; the lost node degrades the shop for an hour.
        Assert.Equal("reports,586800,0,0,0,1.000000,0,,", lines[1]);
        Assert.Equal("shop,586800,1800,3600,0,0.996933,1,1800,585000", lines[2]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("availability: 2 service(s), 5 outage(s)", error);
    }

    [Fact]
    public async Task Availability_PlannedWorkInServiceHoursAndServiceOption_PlannedTimeLeavesTheAgreedTime()
    {
        var outages = Write("o.csv", "item,from,to,planned\nsan,2026-03-03T10:00:00Z,2026-03-03T12:00:00Z,true\ndb,2026-03-03T11:00:00Z,,false\n");
        var outputPath = Path.Combine(directory, "out.csv");

        var (code, output, _) = await Run(outages, "--service", "reports", "--output", outputPath);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, output);
        var lines = File.ReadAllLines(outputPath);
        Assert.Equal(2, lines.Length);
        // 2 h planned out of 163 h; the database down from 11:00 to the end of the month, of which 11:00-12:00 was planned:
        // 152.5 h down (Tuesday 12:00-17:30 less lunch, then 19 working days of 7.5 or 8 h).
        Assert.Equal("reports,579600,549000,0,7200,0.052795,1,549000,30600", lines[1]);
    }

    [Theory]
    [InlineData("item,from,to,planned\nghost,2026-03-03T10:00:00Z,2026-03-03T12:00:00Z,true\n", "o.csv:2:1: item: unknown configuration item 'ghost'")]
    [InlineData("item,from,to,planned\nsan,2026-03-03T10:00:00Z,2026-03-03T12:00:00Z,maybe\n", "o.csv:2:")]
    [InlineData("item,from,to,planned\nsan,2026-03-03T12:00:00Z,2026-03-03T10:00:00Z,false\n", "not after its start")]
    [InlineData("item,from,to,planned\nsan,yesterday,2026-03-03T10:00:00Z,false\n", "is not an instant")]
    [InlineData("item,from,planned\nsan,2026-03-03T10:00:00Z,false\n", "no column 'to'")]
    public async Task Availability_BadOutageFile_ExitTwoNamingTheProblem(string content, string expected)
    {
        var outputPath = Path.Combine(directory, "out.csv");

        var (code, _, error) = await Run(Write("o.csv", content), "--output", outputPath);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.False(File.Exists(outputPath));
    }

    [Fact]
    public async Task Availability_PeriodBackwardsOrUnknownService_ExitTwo()
    {
        var backwards = await HostApplication.RunAsync(
            ["availability", "--calendar", Sample("uk-office-hours.json"), "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"),
             "--outages", Sample("availability-outages.csv"), "--from", "2026-04-01T00:00:00Z", "--to", "2026-03-01T00:00:00Z"],
            new StringWriter(),
            new StringWriter());
        var (unknown, _, error) = await Run(Sample("availability-outages.csv"), "--service", "ghost");

        Assert.Equal(2, backwards);
        Assert.Equal(2, unknown);
        Assert.Contains("--service: unknown configuration item 'ghost'", error);
    }
}
