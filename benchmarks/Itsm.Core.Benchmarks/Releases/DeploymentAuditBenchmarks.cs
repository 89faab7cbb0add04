using BenchmarkDotNet.Attributes;
using Itsm.Core.Benchmarks.Baselines;
using Itsm.Core.Releases;

namespace Itsm.Core.Benchmarks.Releases;

/// <summary>
/// The audit after a production deployment on the 100,000-item CMDB (<see cref="ReleaseFixture"/>): the before-baseline diffed
/// against the state after, restricted to the 400 target items, each difference matched to the 200 changes' authorisations;
/// against the naive baseline of linear look-ups. The setup checks both give the same answer.
/// </summary>
[MemoryDiagnoser]
public class DeploymentAuditBenchmarks
{
    private static ReleaseFixture Fixture => ReleaseFixture.Shared.Value;

    /// <summary>Builds the shared fixture once per process and checks the baseline agrees with the audit.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (before, after, at, authorised, targets) = Fixture.Cmdb;
        var findings = DeploymentAudit.Findings(before, after, at, authorised, targets);
        var answer = (findings.Length, findings.Count(f => f.IsUnauthorised));
        var naive = NaiveDeploymentAudit.Audit(before, after, authorised, targets);
        if (answer != naive || answer != (305, 5))
        {
            throw new InvalidOperationException($"The naive audit disagrees: {answer} against {naive}.");
        }
    }

    /// <summary>Linear look-ups of each target item and each authorisation.</summary>
    [Benchmark(Baseline = true)]
    public int NaiveLookups() => NaiveDeploymentAudit.Audit(Fixture.Cmdb.Before, Fixture.Cmdb.After, Fixture.Cmdb.Authorised, Fixture.Cmdb.Targets).Differences;

    /// <summary>The whole diff and the configuration audit's matching, then the findings on the target items.</summary>
    [Benchmark]
    public int Findings() => DeploymentAudit.Findings(Fixture.Cmdb.Before, Fixture.Cmdb.After, Fixture.Cmdb.At, Fixture.Cmdb.Authorised, Fixture.Cmdb.Targets).Length;
}
