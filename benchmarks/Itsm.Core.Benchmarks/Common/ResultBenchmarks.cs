using BenchmarkDotNet.Attributes;
using Itsm.Core.Common;

namespace Itsm.Core.Benchmarks.Common;

/// <summary>Guards the cost of the result type every command returns: success must not allocate.</summary>
[MemoryDiagnoser]
public class ResultBenchmarks
{
    private readonly int value = 42;

    /// <summary>A plain success.</summary>
    [Benchmark(Baseline = true)]
    public Result Success() => Result.Success();

    /// <summary>A success carrying a value.</summary>
    [Benchmark]
    public Result<int> SuccessWithValue() => Result.Success(value);
}
