using BenchmarkDotNet.Attributes;
using Itsm.Core.Benchmarks.Baselines;
using Itsm.Core.Releases;

namespace Itsm.Core.Benchmarks.Releases;

/// <summary>
/// The release acceptance gate on a large release (<see cref="ReleaseFixture"/>: 200 bundled changes, 700 target items over
/// three environments, each impacting 5 of 100 services, 5,201 blackouts over the year and a maintenance calendar per
/// service), against the naive baseline of its window criteria; the setup checks both give the same unmet criteria.
/// </summary>
[MemoryDiagnoser]
public class ReleaseAcceptanceGateBenchmarks
{
    private static ReleaseFixture Fixture => ReleaseFixture.Shared.Value;

    /// <summary>Builds the shared fixture once per process and checks the baseline agrees with the gate.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var gate = ReleaseAcceptanceGate.Check(Fixture.Release, Fixture.Evidence).Unmet
            .Where(u => u.Criterion is AcceptanceCriterion.InsideChangeWindow or AcceptanceCriterion.InsideMaintenanceWindow or AcceptanceCriterion.OutsideBlackout)
            .Select(u => (u.Criterion, u.Environment, u.Change)).ToList();
        var naive = NaiveReleaseAcceptance.UnmetWindows(Fixture.Release, Fixture.Evidence);
        if (!gate.SequenceEqual(naive) || gate.Count == 0)
        {
            throw new InvalidOperationException($"The naive gate disagrees: {gate.Count} unmet against {naive.Count}.");
        }
    }

    /// <summary>Nested loops, per-minute maintenance sampling, every blackout against every service.</summary>
    [Benchmark(Baseline = true)]
    public int NaiveWindows() => NaiveReleaseAcceptance.UnmetWindows(Fixture.Release, Fixture.Evidence).Count;

    /// <summary>The whole gate: every criterion, explained.</summary>
    [Benchmark]
    public int Check() => ReleaseAcceptanceGate.Check(Fixture.Release, Fixture.Evidence).Unmet.Length;
}
