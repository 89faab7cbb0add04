using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using Itsm.Sample.Host.Commands;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// <c>itsm problem candidates</c> over CSV files: the sample's two candidates, the answer equal to the library's
/// <see cref="ProblemCandidates.Find"/> over random incident files, and every bad input refused as <c>cmdb impact</c>
/// refuses it (exit 2, file:line:column, nothing written).
/// </summary>
public sealed class ProblemCandidatesCommandTests : IDisposable
{
    private static readonly string[] SampleItems = ["shop", "reports", "web", "api", "db", "cluster", "node1", "node2", "node3", "switch", "san"];
    private static readonly Instant Start = Instant.FromUtc(2026, 6, 15, 8, 0);
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-candidates-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private static string Incident(int n) => $"0197a3c2-0000-7000-8000-{n:D12}";

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int Code, string Output, string Error)> Run(string incidents, params string[] more) =>
        HostRunner.RunAsync(["problem", "candidates", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--incidents", incidents, .. more]);

    [Fact]
    public async Task Candidates_Sample_TheDatabaseMorningAndTheClusterMorningOneRowPerMember()
    {
        var (code, output, error) = await Run(Sample("incidents.csv"), "--window", "24h", "--min", "3");

        Assert.Equal(0, code);
        Assert.Equal(
            [
                ProblemCandidatesCommand.Header,
                $"1,db,{Incident(101)}", $"1,db,{Incident(102)}", $"1,db,{Incident(103)}",
                $"2,cluster,{Incident(104)}", $"2,cluster,{Incident(105)}", $"2,cluster,{Incident(106)}",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("7 incidents, 2 candidates (6 member rows)", error);
        Assert.Contains("find", error);
    }

    [Fact]
    public async Task Candidates_HeaderOnly_HeaderAndNoCandidate()
    {
        var (code, output, _) = await Run(Write("i.csv", "id,opened,item\n"), "--window", "1h");

        Assert.Equal(0, code);
        Assert.Equal(ProblemCandidatesCommand.Header + "\n", output);
    }

    [Fact]
    public async Task Candidates_EmptyFile_ExitTwoNamingTheHeader()
    {
        var outputPath = Path.Combine(directory, "out.csv");

        var (code, output, error) = await Run(Write("i.csv", string.Empty), "--window", "1h", "--output", outputPath);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("i.csv:1:1: the file is empty; expected the header 'id,opened,item'", error);
        Assert.Empty(output);
        Assert.False(File.Exists(outputPath));
    }

    [Theory]
    [InlineData("INC-1,2026-06-15T09:00:00Z,db", "i.csv:3:1: id: 'INC-1' is not an incident id")]
    [InlineData("{1},2026-06-15 09:00,db", "i.csv:3:38: opened: '2026-06-15 09:00' is not an instant")]
    [InlineData("{1},1850-01-01T00:00:00Z,db", "i.csv:3:38: opened: '1850-01-01T00:00:00Z' is outside the supported range")]
    [InlineData("{1},2026-06-15T09:00:00Z,ghost", "i.csv:3:59: item: unknown configuration item 'ghost'")]
    [InlineData("{0},2026-06-15T09:05:00Z,api", "i.csv:3:1: id: incident 0197a3c2-0000-7000-8000-000000000000 appears twice (first on line 2)")]
    [InlineData("{1},2026-06-15T09:05:00Z", "i.csv:3:1: expected 3 fields, found 2")]
    public async Task Candidates_BadRow_ExitTwoAtItsLineAndColumnAndNothingWritten(string row, string expected)
    {
        var outputPath = Path.Combine(directory, "out.csv");
        var file = Write("i.csv", $"id,opened,item\n{Incident(0)},2026-06-15T09:00:00Z,db\n{row.Replace("{0}", Incident(0), StringComparison.Ordinal).Replace("{1}", Incident(1), StringComparison.Ordinal)}\n");

        var (code, output, error) = await Run(file, "--window", "1h", "--output", outputPath);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains(expected, error);
        Assert.Empty(output);
        Assert.False(File.Exists(outputPath));
    }

    [Theory]
    [InlineData("--window", "0m", "--window: The window must be positive", "problem.candidate-window")]
    [InlineData("--window", "soon", "--window: 'soon' is not a duration", "host.input")]
    [InlineData("--min", "1", "--min: A candidate needs at least 2 incidents", "problem.candidate-minimum")]
    public async Task Candidates_BadWindowOrMinimum_ExitTwoNamingTheOptionAndCode(string option, string value, string expected, string code)
    {
        string[] options = option == "--window" ? ["--window", value] : ["--window", "1h", option, value];

        var (exit, output, error) = await Run(Sample("incidents.csv"), options);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains(expected, error);
        Assert.Contains($"[{code}]", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Candidates_BadCmdbFile_TheSameErrorAsCmdbImpact()
    {
        var edges = Write("e.csv", "source,target,type\nweb,nowhere,depends on\n");

        var (code, _, error) = await HostRunner.RunAsync("problem", "candidates", "--nodes", Sample("cmdb-nodes.csv"), "--edges", edges, "--incidents", Sample("incidents.csv"), "--window", "1h");
        var impact = await HostRunner.RunAsync("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", edges, "--failed", "web");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal(impact.ExitCode, code);
        Assert.Equal(impact.Error, error);
    }

    /// <summary>
    /// Over random incident files on the sample CMDB (ids in any order, instants with offsets and crowded together, windows
    /// from minutes to days), the file <c>--output</c> writes is the library's answer, numbered in its order.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property Candidates_RandomIncidents_TheLibrarysCandidatesNumberedByFirstIncident() =>
        Prop.ForAll(
            (from count in Gen.Choose(0, 30)
             from seed in Gen.Choose(0, int.MaxValue)
             from windowMinutes in Gen.Elements(5, 30, 90, 600, 1440, 4320)
             from minimum in Gen.Choose(2, 4)
             select (count, seed, windowMinutes, minimum)).ToArbitrary(),
            c =>
            {
                var random = new Random(c.seed);
                var occurrences = Enumerable.Range(1, c.count)
                    .Select(n => new IncidentOccurrence(IncidentId.Parse(Incident(n)).Value, Start + Duration.FromMinutes(random.Next(0, 5 * 1440)), ConfigurationItemId.From(SampleItems[random.Next(SampleItems.Length)])))
                    .OrderBy(_ => random.Next())
                    .ToList();
                var file = new StringBuilder("id,opened,item\n");
                foreach (var o in occurrences)
                {
                    var offset = Offset.FromHours(random.Next(-5, 6));
                    file.Append(CultureInfo.InvariantCulture, $"{o.Incident},{OffsetDateTimePattern.ExtendedIso.Format(o.OpenedAt.WithOffset(offset))},{o.Item}\n");
                }

                var outputPath = Path.Combine(directory, $"out-{c.seed}.csv");
                var (code, _, error) = Run(Write($"i-{c.seed}.csv", file.ToString()), "--window", $"{c.windowMinutes}m", "--min", c.minimum.ToString(CultureInfo.InvariantCulture), "--output", outputPath).GetAwaiter().GetResult();

                var model = CmdbCsv.Load(Sample("cmdb-nodes.csv"), Sample("cmdb-edges.csv"));
                var search = ProblemCandidates.Find(model.Compile(), occurrences, Duration.FromMinutes(c.windowMinutes), c.minimum).Value;
                var expected = new StringBuilder(ProblemCandidatesCommand.Header + "\n");
                var number = 0;
                foreach (var candidate in search.Candidates.OrderBy(k => k.From).ThenBy(k => k.Incidents[0]).ThenBy(k => k.SharedItem.Value, StringComparer.Ordinal))
                {
                    number++;
                    foreach (var incident in candidate.Incidents)
                    {
                        expected.Append(CultureInfo.InvariantCulture, $"{number},{Itsm.Core.Reporting.ServiceReportFormat.CsvField(candidate.SharedItem.Value)},{incident}\n");
                    }
                }

                var written = code == 0 ? File.ReadAllText(outputPath) : error;
                return (written == expected.ToString()).Label($"exit {code}; expected\n{expected}\nwritten\n{written}");
            });
}
