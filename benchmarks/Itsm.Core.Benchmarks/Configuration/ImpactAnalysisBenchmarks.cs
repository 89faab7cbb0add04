using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.Core.Benchmarks.Baselines;
using Itsm.Core.Configuration;

namespace Itsm.Core.Benchmarks.Configuration;

/// <summary>
/// Impact analysis on a generated 1,000,000-item layered CMDB (about 4.8 relationships per item):
/// the failure of a core network device (reaches most of the graph) and of one virtual machine
/// (a typical leaf failure), against the naive baseline.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ImpactAnalysisBenchmarks
{
    private static readonly Lazy<(LayeredCmdb Cmdb, CmdbSnapshot Snapshot, NaiveImpactAnalysis Naive)> Fixture = new(() =>
    {
        var cmdb = LayeredCmdb.Generate(1000);
        return (cmdb, cmdb.Compile(), new NaiveImpactAnalysis(cmdb));
    });

    private static LayeredCmdb Cmdb => Fixture.Value.Cmdb;

    /// <summary>Builds the shared fixture once per process.</summary>
    [GlobalSetup]
    public void Setup() => _ = Fixture.Value;

    /// <summary>The naive walk from a core network device.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("core")]
    public int NaiveCoreDeviceFailure() => Fixture.Value.Naive.Analyse(Cmdb.CoreDevice.Value).Count;

    /// <summary>The compiled analysis from a core network device.</summary>
    [Benchmark]
    [BenchmarkCategory("core")]
    public int CoreDeviceFailure() => ImpactAnalysis.Analyse(Fixture.Value.Snapshot, Cmdb.CoreDevice).Value.Count;

    /// <summary>The naive walk from one virtual machine.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("leaf")]
    public int NaiveLeafFailure() => Fixture.Value.Naive.Analyse(Cmdb.LeafVirtualMachine.Value).Count;

    /// <summary>The compiled analysis from one virtual machine.</summary>
    [Benchmark]
    [BenchmarkCategory("leaf")]
    public int LeafFailure() => ImpactAnalysis.Analyse(Fixture.Value.Snapshot, Cmdb.LeafVirtualMachine).Value.Count;
}
