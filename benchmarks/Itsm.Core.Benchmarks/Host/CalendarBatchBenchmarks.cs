using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Itsm.Core.Calendars;
using Itsm.Sample.Host;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Benchmarks.Host;

/// <summary>
/// The host's batch path beside the engine: <c>itsm calendar due|between</c> end to end (read the CSV, parse,
/// compute, format, write the output file) against the engine's own <c>Add</c> and
/// <c>BusinessTimeBetween</c> over the same rows. The ratio of the two per row is what a vendor running the
/// commands on their own large files pays for the host.
/// </summary>
[MemoryDiagnoser]
public class CalendarBatchBenchmarks
{
    private string directory = string.Empty;
    private string calendarFile = string.Empty;
    private BusinessCalendar calendar = null!;
    private (Instant Start, Duration Minutes)[] due = [];
    private (Instant From, Instant To)[] between = [];

    /// <summary>Rows per file.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Writes the input files and compiles the calendar once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        directory = Directory.CreateTempSubdirectory("itsm-batch-bench-").FullName;
        calendarFile = Path.Combine(AppContext.BaseDirectory, "samples", "uk-office-hours.json");
        calendar = BusinessCalendar.FromDefinition(Itsm.Core.Application.Calendars.CalendarJson.TryRead(File.ReadAllText(calendarFile), out var definition, out _) ? definition! : throw new InvalidOperationException("sample calendar"));
        var random = new Random(20261202);
        var first = Instant.FromUtc(2026, 1, 1, 0, 0);
        due = [.. Enumerable.Range(0, Rows).Select(_ => (first + Duration.FromMinutes(random.Next(0, 365 * 24 * 60)), Duration.FromMinutes(random.Next(0, 5000))))];
        between = [.. due.Select(d => (d.Start, d.Start + Duration.FromMinutes(random.Next(0, 20_000))))];
        var dueText = new StringBuilder("id,start,business_minutes\n");
        var betweenText = new StringBuilder("id,from,to\n");
        for (var i = 0; i < Rows; i++)
        {
            dueText.Append(CultureInfo.InvariantCulture, $"r{i},{InstantPattern.General.Format(due[i].Start)},{(long)due[i].Minutes.TotalMinutes}\n");
            betweenText.Append(CultureInfo.InvariantCulture, $"r{i},{InstantPattern.General.Format(between[i].From)},{InstantPattern.General.Format(between[i].To)}\n");
        }

        File.WriteAllText(Path.Combine(directory, "due.csv"), dueText.ToString());
        File.WriteAllText(Path.Combine(directory, "between.csv"), betweenText.ToString());
        calendar.Precompile(first, first + Duration.FromDays(800));
    }

    /// <summary>Removes the files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(directory, recursive: true);

    /// <summary>The engine alone: one <c>Add</c> per row.</summary>
    [Benchmark]
    public Instant EngineAdd()
    {
        var last = Instant.MinValue;
        foreach (var (start, minutes) in due)
        {
            last = calendar.Add(start, minutes);
        }

        return last;
    }

    /// <summary><c>itsm calendar due</c> end to end over the same rows.</summary>
    [Benchmark]
    public int CalendarDueCommand() => Run("due", "due.csv");

    /// <summary>The engine alone: one <c>BusinessTimeBetween</c> per row.</summary>
    [Benchmark]
    public Duration EngineBetween()
    {
        var total = Duration.Zero;
        foreach (var (from, to) in between)
        {
            total += calendar.BusinessTimeBetween(from, to);
        }

        return total;
    }

    /// <summary><c>itsm calendar between</c> end to end over the same rows.</summary>
    [Benchmark]
    public int CalendarBetweenCommand() => Run("between", "between.csv");

    private int Run(string verb, string input) =>
        HostApplication.RunAsync(
            ["calendar", verb, "--calendar", calendarFile, "--input", Path.Combine(directory, input), "--output", Path.Combine(directory, verb + "-out.csv")],
            TextWriter.Null,
            TextWriter.Null).GetAwaiter().GetResult();
}
