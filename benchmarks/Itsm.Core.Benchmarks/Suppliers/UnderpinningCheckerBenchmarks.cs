using BenchmarkDotNet.Attributes;
using Itsm.Core.Benchmarks.Baselines;
using Itsm.Core.Benchmarks.Calendars;
using Itsm.Core.Calendars;
using Itsm.Core.Suppliers;
using NodaTime;

namespace Itsm.Core.Benchmarks.Suppliers;

/// <summary>
/// <see cref="UnderpinningChecker.Check"/> over one year of starts for a chain of two calendars:
/// the SLA on the benchmark calendar (Europe/London office hours with holidays), an 8-hour target
/// with a 30-minute hand-off, and a supplier in America/New_York (08:00-18:00 Monday to Friday, US
/// holidays) with a 6-hour target; beside the minute-sampling baseline. Calendars are compiled once,
/// before measuring, so both sides pay only for the check.
/// </summary>
[MemoryDiagnoser]
public class UnderpinningCheckerBenchmarks
{
    private static readonly Interval Year = new(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2028, 1, 1, 0, 0));
    private static readonly UnderpinningChain Chain = CreateChain();

    /// <summary>Checks that the exact checker finds every failure the baseline samples.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var exact = UnderpinningChecker.Check(Chain, Year).Value;
        var (failing, first) = MinuteSamplingUnderpinning.Check(Chain, Year);
        if (first is { } f && (exact.FirstFailure is null || exact.FirstFailure.Start > f))
        {
            throw new InvalidOperationException($"The baseline found a failure at {f} before the checker's first, {exact.FirstFailure}.");
        }

        var minutesInRuns = exact.FailingIntervals.Sum(r => CountMinutes(r));
        if (minutesInRuns != failing)
        {
            throw new InvalidOperationException($"The baseline counted {failing} failing minutes, the checker's runs hold {minutesInRuns}.");
        }
    }

    /// <summary>The exact checker, over the breakpoints of both compiled timelines.</summary>
    [Benchmark]
    public UnderpinningReport Check() => UnderpinningChecker.Check(Chain, Year).Value;

    /// <summary>A start at every minute of the year, both deadlines with <c>Add</c>.</summary>
    [Benchmark(Baseline = true)]
    public int MinuteSampling() => MinuteSamplingUnderpinning.Check(Chain, Year).Failing;

    private static long CountMinutes(FailingStarts run)
    {
        var first = (run.First.ToUnixTimeSeconds() + 59) / 60;
        var last = run.Last.ToUnixTimeSeconds() / 60;
        return Math.Max(0, last - first + 1);
    }

    private static UnderpinningChain CreateChain()
    {
        var sla = BusinessCalendar.FromDefinition(CalendarBenchmarkFixture.Definition);
        IReadOnlyList<WorkingRange> day = [WorkingRange.Parse("08:00-18:00").Value];
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>
        {
            [IsoDayOfWeek.Monday] = day,
            [IsoDayOfWeek.Tuesday] = day,
            [IsoDayOfWeek.Wednesday] = day,
            [IsoDayOfWeek.Thursday] = day,
            [IsoDayOfWeek.Friday] = day,
        };
        LocalDate[] holidays =
        [
            new(2027, 1, 1), new(2027, 1, 18), new(2027, 2, 15), new(2027, 5, 31), new(2027, 6, 18), new(2027, 7, 5),
            new(2027, 9, 6), new(2027, 10, 11), new(2027, 11, 11), new(2027, 11, 25), new(2027, 12, 24),
        ];
        var uc = BusinessCalendar.Create("US supplier", "America/New_York", week, holidays).Value;
        sla.Precompile(Instant.FromUtc(2026, 12, 1, 0, 0), Instant.FromUtc(2028, 3, 1, 0, 0));
        uc.Precompile(Instant.FromUtc(2026, 12, 1, 0, 0), Instant.FromUtc(2028, 3, 1, 0, 0));
        return UnderpinningChain.Create(sla, Duration.FromHours(8), Duration.FromMinutes(30), uc, Duration.FromHours(6)).Value;
    }
}
