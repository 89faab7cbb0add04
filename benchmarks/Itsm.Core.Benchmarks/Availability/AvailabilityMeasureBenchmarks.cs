using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.Core.Availability;
using Itsm.Core.Benchmarks.Baselines;

namespace Itsm.Core.Benchmarks.Availability;

/// <summary>
/// Availability of every business service (2,000) of the 100,000-item layered CMDB in UK office
/// hours, from 100,000 outages over 2026: the whole year by the sweep, and one week by the sweep
/// beside the per-minute baseline (a year per minute would take hours).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AvailabilityMeasureBenchmarks
{
    private static AvailabilityFixture Fixture => AvailabilityFixture.Full.Value;

    /// <summary>Builds the shared fixture once per process.</summary>
    [GlobalSetup]
    public void Setup() => _ = Fixture;

    /// <summary>The sweep over the whole year.</summary>
    [Benchmark]
    [BenchmarkCategory("year")]
    public int Year() => AvailabilityMeasure.Measure(Fixture.Snapshot, Fixture.Hours, AvailabilityFixture.Year, Fixture.Outages).Value.Sum(s => s.Outages);

    /// <summary>The per-minute baseline over one week.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("week")]
    public int NaivePerMinuteWeek() => PerMinuteAvailability.Measure(Fixture.Snapshot, Fixture.Hours, AvailabilityFixture.Week, Fixture.Outages).Values.Sum(s => s.Outages);

    /// <summary>The sweep over the same week.</summary>
    [Benchmark]
    [BenchmarkCategory("week")]
    public int Week() => AvailabilityMeasure.Measure(Fixture.Snapshot, Fixture.Hours, AvailabilityFixture.Week, Fixture.Outages).Value.Sum(s => s.Outages);
}
