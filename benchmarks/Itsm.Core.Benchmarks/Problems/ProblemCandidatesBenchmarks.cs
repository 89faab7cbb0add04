using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.Core.Benchmarks.Baselines;
using Itsm.Core.Benchmarks.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using NodaTime;

namespace Itsm.Core.Benchmarks.Problems;

/// <summary>
/// Problem candidates on the 100,000-item layered CMDB: 100,000 incidents over 30 days by <see cref="ProblemCandidates.Find"/>
/// (the candidates alone, and with every explanation line read), the same on the 1,000,000-item CMDB, and 10,000 of them
/// beside the pairwise baseline (<see cref="PairwiseProblemCandidates"/>; its containment check is quadratic in the candidate
/// sets). Incidents hit random items, a third of them in bursts on a few hot items; window 30 minutes, at least 3
/// incidents. The setup checks that both find the same number of candidates.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ProblemCandidatesBenchmarks
{
    private static readonly Duration Window = Duration.FromMinutes(30);
    private static readonly Lazy<(CmdbSnapshot Snapshot, IncidentOccurrence[] Incidents)> Fixture = new(() => Build(100));
    private static readonly Lazy<(CmdbSnapshot Snapshot, IncidentOccurrence[] Incidents)> MillionFixture = new(() => Build(1000));

    private static CmdbSnapshot Snapshot => Fixture.Value.Snapshot;

    private static IncidentOccurrence[] All => Fixture.Value.Incidents;

    private static IncidentOccurrence[] Small => All[..10_000];

    /// <summary>Builds the fixture once and checks that the fast and the naive answers agree on the small set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var fast = ProblemCandidates.Find(Snapshot, Small, Window, 3).Value.Candidates.Length;
        var naive = PairwiseProblemCandidates.Count(Snapshot, Small, Window, 3);
        if (fast != naive)
        {
            throw new InvalidOperationException($"ProblemCandidates.Find found {fast} candidates, the pairwise baseline {naive}.");
        }
    }

    /// <summary>100,000 incidents.</summary>
    [Benchmark]
    [BenchmarkCategory("100k incidents")]
    public int Find100k() => ProblemCandidates.Find(Snapshot, All, Window, 3).Value.Candidates.Length;

    /// <summary>100,000 incidents, every explanation line read (each member's path and line formed).</summary>
    [Benchmark]
    [BenchmarkCategory("100k incidents")]
    public long Find100kExplained()
    {
        long characters = 0;
        foreach (var candidate in ProblemCandidates.Find(Snapshot, All, Window, 3).Value.Candidates)
        {
            foreach (var line in candidate.Explanation)
            {
                characters += line.Length;
            }
        }

        return characters;
    }

    /// <summary>100,000 incidents on the 1,000,000-item CMDB.</summary>
    [Benchmark]
    [BenchmarkCategory("100k incidents, 1M items")]
    public int Find100kMillionItems() => ProblemCandidates.Find(MillionFixture.Value.Snapshot, MillionFixture.Value.Incidents, Window, 3).Value.Candidates.Length;

    /// <summary>The pairwise baseline over 10,000 incidents.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("10k incidents")]
    public int NaivePairwise10k() => PairwiseProblemCandidates.Count(Snapshot, Small, Window, 3);

    /// <summary>The same 10,000 incidents.</summary>
    [Benchmark]
    [BenchmarkCategory("10k incidents")]
    public int Find10k() => ProblemCandidates.Find(Snapshot, Small, Window, 3).Value.Candidates.Length;

    private static (CmdbSnapshot, IncidentOccurrence[]) Build(int scale)
    {
        var cmdb = LayeredCmdb.Generate(scale);
        var random = new Random(15_2026);
        var start = Instant.FromUtc(2026, 3, 1, 0, 0);
        var minutes = 30 * 24 * 60;
        var hot = Enumerable.Range(0, 50).Select(_ => cmdb.Ids[random.Next(cmdb.Count)]).ToArray();
        var incidents = new IncidentOccurrence[100_000];
        for (var i = 0; i < incidents.Length; i++)
        {
            var item = i % 3 == 0 ? hot[random.Next(hot.Length)] : cmdb.Ids[random.Next(cmdb.Count)];
            incidents[i] = new IncidentOccurrence(IncidentId.From(new Guid(i + 1, 0, 0x7000, 0x80, 0, 0, 0, 0, 0, 0, 1)), start + Duration.FromMinutes(random.Next(minutes)), item);
        }

        return (cmdb.Compile(), incidents);
    }
}
