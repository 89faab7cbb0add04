using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Capacity;
using Itsm.Core.Tests.Capacity;
using NodaTime;

namespace Itsm.Core.Tests;

/// <summary>
/// Capacity series that reach the hard cases: empty, one point, a few points (below and at the
/// minimum), readings at one instant, irregular spacing from minutes to weeks, steep and gentle rises,
/// flat and falling trends, noise from none (a perfect line) to swamping, and thresholds below, near
/// and far above the readings.
/// </summary>
internal static partial class Arbitraries
{
    public static Arbitrary<CapacityCase> CapacityCases() =>
        (from origin in Gen.Choose(0, 20 * 365).Select(d => Instant.FromUtc(2010, 1, 1, 0, 0) + Duration.FromDays(d))
         from count in Gen.Frequency((1, Gen.Choose(0, 4)), (4, Gen.Choose(5, 40)))
         from sameInstant in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
         from gaps in Gen.Frequency((2, Gen.Choose(1, 60)), (3, Gen.Choose(60, 1440)), (2, Gen.Choose(1440, 20_160))).ArrayOf(count)
         from start in Gen.Choose(0, 80)
         from slope in Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Choose(-300, -1).Select(v => v / 100.0)), (4, Gen.Choose(1, 300).Select(v => v / 100.0)))
         from noiseLevel in Gen.Elements(0.0, 0.1, 1.0, 5.0, 40.0)
         from noise in Gen.Choose(-1000, 1000).Select(v => v / 1000.0).ArrayOf(count)
         from threshold in Gen.Frequency((4, Gen.Choose(50, 200)), (1, Gen.Choose(0, 50)), (1, Gen.Choose(200, 5000)))
         from shiftMinutes in Gen.Choose(-5_000_000, 5_000_000)
         from lower in Gen.Choose(1, 100)
         select new CapacityCase(Build(origin, sameInstant, gaps, start, slope, noiseLevel, noise), threshold, Duration.FromMinutes(shiftMinutes) + Duration.FromNanoseconds(shiftMinutes * 7L), lower)).ToArbitrary();

    /// <summary>Series that are constant or strictly falling, with or without noise that keeps them falling.</summary>
    public static Arbitrary<FlatOrFallingSeries> FlatOrFallingSeries() =>
        (from count in Gen.Choose(0, 40)
         from gaps in Gen.Choose(1, 10_000).ArrayOf(count)
         from start in Gen.Choose(-100, 100)
         from steps in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 50))).Select(step => Enumerable.Repeat(step, count).ToArray())
         from jitter in Gen.Choose(0, 40).ArrayOf(count)
         from threshold in Gen.Choose(-100, 300)
         select new FlatOrFallingSeries(FallingSeries(gaps, start, steps, jitter), threshold)).ToArbitrary();

    private static Measurement[] Build(Instant origin, bool sameInstant, int[] gaps, int start, double slope, double noiseLevel, double[] noise)
    {
        var at = origin;
        var series = new Measurement[gaps.Length];
        for (var i = 0; i < gaps.Length; i++)
        {
            at += sameInstant ? Duration.Zero : Duration.FromMinutes(gaps[i]);
            var days = (at - origin).TotalDays;
            series[i] = new Measurement(at, start + (slope * days) + (noiseLevel * noise[i]));
        }

        return series;
    }

    /// <summary>Constant when the step is 0; otherwise each reading at least one below the last (jitter smaller than the step only).</summary>
    private static Measurement[] FallingSeries(int[] gaps, int start, int[] steps, int[] jitter)
    {
        var at = Instant.FromUtc(2026, 1, 1, 0, 0);
        var value = (double)start;
        var series = new Measurement[gaps.Length];
        for (var i = 0; i < gaps.Length; i++)
        {
            at += Duration.FromMinutes(gaps[i]);
            value -= steps[i] == 0 ? 0 : 1 + (jitter[i] % steps[i]);
            series[i] = new Measurement(at, value);
        }

        return series;
    }
}
