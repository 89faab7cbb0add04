using BenchmarkDotNet.Attributes;
using Itsm.Core.Benchmarks.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Commands;
using Itsm.Sample.Host.Io;

namespace Itsm.Core.Benchmarks.Host;

/// <summary>
/// <c>itsm cmdb impact --queries</c>'s answer beside the library's analysis on the 100,000-item layered CMDB: the same
/// queries (each the failure of one cluster, host, switch or storage array; both benchmarks answer the number of
/// impacted rows), analysed alone, and analysed, ordered and written as the command's CSV rows. The ratio of the two
/// is what the command adds to the analysis per impacted row. A batch of 50 queries (3,424 rows) and one of 1,000
/// (83,482 rows; its first 50 are the small batch): the large one shows whether the ratio is a fixed cost of a short
/// call (waking the second thread) or a cost per row.
/// </summary>
[MemoryDiagnoser]
public class CmdbImpactBatchBenchmarks
{
    private CmdbSnapshot snapshot = null!;
    private List<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> queries = [];
    private ImpactedConfigurationItem[] ordered = new ImpactedConfigurationItem[1024];
    private bool idsNeedQuoting;

    /// <summary>How many queries the batch holds: 50 or 1,000.</summary>
    [Params(50, 1000)]
    public int Queries { get; set; } = 50;

    /// <summary>Compiles the CMDB and draws the queries once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var cmdb = LayeredCmdb.Generate(100);
        snapshot = cmdb.Compile();
        idsNeedQuoting = CsvBytes.AnyNeedsQuoting(cmdb.Ids); // as the command works it out when it reads the nodes
        var random = new Random(20261203);
        var infrastructure = cmdb.Ids.Where(id => id.Value.StartsWith("cluster-", StringComparison.Ordinal) || id.Value.StartsWith("host-", StringComparison.Ordinal)
            || id.Value.StartsWith("switch-", StringComparison.Ordinal) || id.Value.StartsWith("san-", StringComparison.Ordinal)).ToArray();
        queries = [.. Enumerable.Range(0, Queries).Select(q => ($"q{q}", (IReadOnlyList<ConfigurationItemId>)[infrastructure[random.Next(infrastructure.Length)]]))];
    }

    /// <summary>The library alone: one analysis per query.</summary>
    [Benchmark(Baseline = true)]
    public long LibraryAnalyse()
    {
        var rows = 0L;
        foreach (var (_, failed) in queries)
        {
            rows += ImpactAnalysis.Analyse(snapshot, failed).Value.Count;
        }

        return rows;
    }

    /// <summary>The library alone, answering in the command's order: one analysis per query, its items copied nearest first and then by id.</summary>
    [Benchmark]
    public long LibraryAnalyseInIdOrder()
    {
        var rows = 0L;
        foreach (var (_, failed) in queries)
        {
            var result = ImpactAnalysis.Analyse(snapshot, failed).Value;
            if (ordered.Length < result.Count)
            {
                ordered = new ImpactedConfigurationItem[result.Count * 2];
            }

            result.CopyByDistanceThenIdTo(ordered);
            rows += result.Count;
        }

        return rows;
    }

    /// <summary>The library alone, answering in the command's order as UTF-8: one analysis per query, its items enumerated nearest first and then by id with their ids' bytes.</summary>
    [Benchmark]
    public long LibraryAnalyseInIdOrderUtf8()
    {
        var bytes = 0L;
        foreach (var (_, failed) in queries)
        {
            foreach (var item in ImpactAnalysis.Analyse(snapshot, failed).Value.EnumerateUtf8ByDistanceThenId())
            {
                bytes += item.Id.Length + item.Distance;
            }
        }

        return bytes;
    }

    /// <summary>The command's answer: the same analyses, each result ordered and written as CSV rows (groups of queries side by side on every processor).</summary>
    [Benchmark]
    public long CommandAnswer() => CmdbImpactBatch.Answer(snapshot, queries, Stream.Null, idsNeedQuoting: idsNeedQuoting).Rows;

    /// <summary>The command's answer on one thread, query after query: what the side-by-side answer is measured against.</summary>
    [Benchmark]
    public long CommandAnswerOneThread() => CmdbImpactBatch.Answer(snapshot, queries, Stream.Null, threads: 1, idsNeedQuoting: idsNeedQuoting).Rows;
}
