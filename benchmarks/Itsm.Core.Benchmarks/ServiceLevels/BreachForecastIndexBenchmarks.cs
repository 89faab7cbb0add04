using BenchmarkDotNet.Attributes;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Benchmarks.ServiceLevels;

/// <summary>
/// "Which of a million running clocks breach in the next hour": the index (binary search) against a
/// scan of every clock's projected breach instant.
/// </summary>
[MemoryDiagnoser]
public class BreachForecastIndexBenchmarks
{
    private const int ClockCount = 1_000_000;
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 12, 0);
    private static readonly (int Key, Instant Breach)[] Clocks = CreateClocks();
    private static readonly BreachForecastIndex<int> Index = BreachForecastIndex<int>.Build(Clocks);
    private static readonly Instant[] Queries = [.. Enumerable.Range(0, 1024).Select(i => Now + Duration.FromMinutes(i * 7 % 600))];
    private int next;

    /// <summary>Index: how many clocks breach within the hour after a query instant.</summary>
    [Benchmark]
    public int IndexCountNextHour()
    {
        var from = Queries[next++ & 1023];
        return Index.BreachingBetween(from, from + Duration.FromHours(1)).Length;
    }

    /// <summary>Scan of every clock (what a scheduler without an index does).</summary>
    [Benchmark(Baseline = true)]
    public int ScanCountNextHour()
    {
        var from = Queries[next++ & 1023];
        var to = from + Duration.FromHours(1);
        var count = 0;
        foreach (var (_, breach) in Clocks)
        {
            if (breach >= from && breach < to)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Building the index over a million clocks.</summary>
    [Benchmark]
    public int BuildIndex() => BreachForecastIndex<int>.Build(Clocks).Count;

    private static (int, Instant)[] CreateClocks()
    {
        var random = new Random(42);
        return [.. Enumerable.Range(0, ClockCount).Select(i => (i, Now + Duration.FromSeconds(random.Next(0, 30 * 24 * 3600))))];
    }
}
