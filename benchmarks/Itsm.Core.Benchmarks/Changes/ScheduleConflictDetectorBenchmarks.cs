using BenchmarkDotNet.Attributes;
using Itsm.Core.Benchmarks.Baselines;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Benchmarks.Changes;

/// <summary>
/// Schedule conflict detection on a year's change calendar: 5,000 changes of 1-8 hours on 1-3 of
/// 2,000 items (every tenth item has an impact set of 5 items), sweep line against the pairwise baseline.
/// </summary>
[MemoryDiagnoser]
public class ScheduleConflictDetectorBenchmarks
{
    private static readonly Lazy<(List<PlannedChange> Changes, ImpactSets Impact)> Fixture = new(() =>
    {
        var random = new Random(20261122);
        var items = Enumerable.Range(0, 2000).Select(i => ConfigurationItemId.From($"ci-{i}")).ToArray();
        var impact = new ImpactSets(Enumerable.Range(0, 200).Select(i =>
            new KeyValuePair<ConfigurationItemId, IEnumerable<ConfigurationItemId>>(items[i * 10], Enumerable.Range(1, 5).Select(_ => items[random.Next(items.Length)]).ToList())));
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        var changes = Enumerable.Range(0, 5000).Select(_ =>
        {
            var from = start + Duration.FromMinutes(random.Next(365 * 24 * 60));
            var window = new Interval(from, from + Duration.FromHours(random.Next(1, 9)));
            return new PlannedChange(ChangeId.New(), window, Enumerable.Range(0, random.Next(1, 4)).Select(_ => items[random.Next(items.Length)]));
        }).ToList();
        return (changes, impact);
    });

    /// <summary>Builds the shared fixture once per process.</summary>
    [GlobalSetup]
    public void Setup() => _ = Fixture.Value;

    /// <summary>Every pair compared.</summary>
    [Benchmark(Baseline = true)]
    public int NaivePairwise() => NaiveScheduleConflictDetector.FindConflicts(Fixture.Value.Changes, Fixture.Value.Impact).Count;

    /// <summary>Sort and sweep.</summary>
    [Benchmark]
    public int SweepLine() => ScheduleConflictDetector.FindConflicts(Fixture.Value.Changes, Fixture.Value.Impact).Count;
}
