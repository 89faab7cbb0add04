using BenchmarkDotNet.Attributes;
using Itsm.Core.Configuration;

namespace Itsm.Core.Benchmarks.Configuration;

/// <summary>
/// Compiling a 1,000,000-item layered CMDB (about 4.8 million relationships) into a snapshot
/// through the public builder. Allocated bytes / relationships bounds the memory per relationship
/// from above (it includes the builder's temporary lists).
/// </summary>
[MemoryDiagnoser]
public class CmdbSnapshotBenchmarks
{
    private static readonly Lazy<LayeredCmdb> Fixture = new(() => LayeredCmdb.Generate(1000));

    /// <summary>Generates the shared input once per process.</summary>
    [GlobalSetup]
    public void Setup() => _ = Fixture.Value;

    /// <summary>Builder plus compile: dictionary of ids, CSR arrays in both directions, containment check.</summary>
    [Benchmark]
    public CmdbSnapshot Compile() => Fixture.Value.Compile();
}
