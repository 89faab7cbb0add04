using BenchmarkDotNet.Attributes;
using Itsm.Core.Benchmarks.Baselines;
using Itsm.Core.Calendars;
using NodaTime;

namespace Itsm.Core.Benchmarks.Calendars;

/// <summary>
/// <see cref="BusinessCalendar.Add"/> and <see cref="BusinessCalendar.BusinessTimeBetween"/> against the
/// day-by-day baseline, for business durations from 15 minutes to 30 business days, starting at
/// instants spread over five years (each invocation takes the next start).
/// </summary>
[MemoryDiagnoser]
public class BusinessCalendarBenchmarks
{
    private static readonly BusinessCalendar Calendar = CreateCompiled();
    private static readonly NaiveBusinessCalendar Naive = new(CalendarBenchmarkFixture.Definition);
    private Instant[] starts = [];
    private Instant[] ends = [];
    private int next;

    /// <summary>The business duration, in business days of 7.5 hours (0.0333 = 15 minutes).</summary>
    [Params(0.0333333333333, 1.0, 5.0, 30.0)]
    public double BusinessDays { get; set; }

    /// <summary>Precomputes the starts and the matching ends for <see cref="BusinessTimeBetween"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var duration = CalendarBenchmarkFixture.BusinessDays(BusinessDays);
        starts = CalendarBenchmarkFixture.Starts;
        ends = [.. starts.Select(s => Calendar.Add(s, duration))];

        // The baseline must answer the same question, or the comparison means nothing.
        for (var i = 0; i < 64; i++)
        {
            if (Naive.Add(starts[i], duration) != ends[i] || Naive.BusinessTimeBetween(starts[i], ends[i]) != duration)
            {
                throw new InvalidOperationException($"The naive baseline disagrees with the compiled calendar at {starts[i]} + {duration}.");
            }
        }
    }

    /// <summary>Compiled timeline: binary searches.</summary>
    [Benchmark]
    public Instant Add()
    {
        var i = next++ & (CalendarBenchmarkFixture.StartCount - 1);
        return Calendar.Add(starts[i], CalendarBenchmarkFixture.BusinessDays(BusinessDays));
    }

    /// <summary>Day-by-day baseline.</summary>
    [Benchmark(Baseline = true)]
    public Instant NaiveAdd()
    {
        var i = next++ & (CalendarBenchmarkFixture.StartCount - 1);
        return Naive.Add(starts[i], CalendarBenchmarkFixture.BusinessDays(BusinessDays));
    }

    /// <summary>Compiled timeline: two binary searches.</summary>
    [Benchmark]
    public Duration BusinessTimeBetween()
    {
        var i = next++ & (CalendarBenchmarkFixture.StartCount - 1);
        return Calendar.BusinessTimeBetween(starts[i], ends[i]);
    }

    /// <summary>Day-by-day baseline.</summary>
    [Benchmark]
    public Duration NaiveBusinessTimeBetween()
    {
        var i = next++ & (CalendarBenchmarkFixture.StartCount - 1);
        return Naive.BusinessTimeBetween(starts[i], ends[i]);
    }

    private static BusinessCalendar CreateCompiled()
    {
        var calendar = BusinessCalendar.FromDefinition(CalendarBenchmarkFixture.Definition);
        calendar.Precompile(CalendarBenchmarkFixture.FirstYear, CalendarBenchmarkFixture.FirstYear + Duration.FromDays(6 * 366));
        return calendar;
    }
}

/// <summary>Compiling ten years of the benchmark calendar from its definition.</summary>
[MemoryDiagnoser]
public class BusinessCalendarCompileBenchmarks
{
    /// <summary>Compiles 2026-2035 into a fresh timeline.</summary>
    [Benchmark]
    public BusinessCalendar CompileTenYears()
    {
        var calendar = BusinessCalendar.FromDefinition(CalendarBenchmarkFixture.Definition);
        calendar.Precompile(CalendarBenchmarkFixture.FirstYear, Instant.FromUtc(2036, 1, 1, 0, 0));
        return calendar;
    }
}
