using System.Globalization;
using Itsm.Core.Common;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace Itsm.Core.Capacity;

/// <summary>
/// When will a capacity series reach a threshold? The least-squares line's crossing, with the range
/// where the 95 % confidence band of the fitted mean reaches it; no estimate at all when the data
/// cannot support one.
/// </summary>
/// <remarks>
/// <para>
/// <b>Model.</b> Time is measured in days from the first reading. The line <c>y = a + b x</c> is fitted by
/// least squares (MathNet.Numerics <c>Fit.Line</c>), with residual standard error
/// <c>s = sqrt(SSE / (n - 2))</c>. The slope is significant when <c>b / (s / sqrt(Sxx))</c> exceeds
/// Student's t quantile <c>t(0.975, n - 2)</c> (MathNet's <c>StudentT.InvCDF</c>): a two-sided test at 5 %.
/// The band of the fitted mean is <c>a + b x ± t s sqrt(1/n + (x - x̄)² / Sxx)</c>; both its edges rise
/// monotonically exactly when the slope is significant, so each reaches the threshold once: the upper
/// edge first (<see cref="CapacityForecast.Earliest"/>), then the line, then the lower edge
/// (<see cref="CapacityForecast.Latest"/>), found as the two roots of one quadratic.
/// </para>
/// <para>
/// <b>No estimate</b> instead of an invented date: fewer than the minimum number of points (or all at
/// one instant) give <see cref="ForecastStatus.InsufficientData"/>; a slope that is not positive, or
/// positive but not significant, gives <see cref="ForecastStatus.Flat"/>; a last reading at or above the
/// threshold gives <see cref="ForecastStatus.AlreadyAbove"/>. A crossing more than
/// <see cref="MaximumDays"/> days after the first reading is reported as flat too: no trend that slow is
/// a forecast. Shifting every reading in time shifts the dates by the same amount, exactly; a lower
/// threshold is never reached later. Pure and thread-safe.
/// </para>
/// </remarks>
public static class CapacityForecasting
{
    /// <summary>The fewest readings a forecast uses by default.</summary>
    public const int DefaultMinimumPoints = 5;

    /// <summary>The latest crossing reported, in days after the first reading (about 270 years).</summary>
    public const double MaximumDays = 100_000;

    private const double NanosPerDay = 86_400e9;

    /// <summary>
    /// The forecast of <paramref name="series"/> (any order) reaching <paramref name="threshold"/>. A value
    /// or threshold that is not finite gives <see cref="ResultStatus.Invalid"/> (<c>capacity.value.invalid</c>,
    /// <c>capacity.threshold.invalid</c>); a minimum below 3 gives <c>capacity.minimum-points.invalid</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static Result<CapacityForecast> Forecast(IEnumerable<Measurement> series, double threshold, int minimumPoints = DefaultMinimumPoints)
    {
        Preconditions.CheckNotNull(series);
        if (!double.IsFinite(threshold))
        {
            return Result<CapacityForecast>.Invalid(Failure.Field("threshold", $"The threshold {threshold} is not a finite number.", "capacity.threshold.invalid"));
        }

        if (minimumPoints < 3)
        {
            return Result<CapacityForecast>.Invalid(Failure.Field("minimumPoints", $"A forecast needs at least 3 points to test its slope, not {minimumPoints}.", "capacity.minimum-points.invalid"));
        }

        var points = series.OrderBy(m => m.At).ToArray();
        foreach (var point in points)
        {
            if (!double.IsFinite(point.Value))
            {
                return Result<CapacityForecast>.Invalid(Failure.Field("series", $"The reading at {point.At} is {point.Value}, not a finite number.", "capacity.value.invalid"));
            }
        }

        var n = points.Length;
        if (n > 0 && points[^1].Value >= threshold)
        {
            return Answer(ForecastStatus.AlreadyAbove, n, null, $"the last reading {Text(points[^1].Value)} at {points[^1].At} already reaches {Text(threshold)}");
        }

        if (n < minimumPoints)
        {
            return Answer(ForecastStatus.InsufficientData, n, null, $"{n} point(s); a forecast needs at least {minimumPoints}");
        }

        var origin = points[0].At;
        var x = points.Select(p => (p.At - origin).ToInt64Nanoseconds() / NanosPerDay).ToArray();
        var y = points.Select(p => p.Value).ToArray();
        var meanX = x.Average();
        var sxx = x.Sum(v => (v - meanX) * (v - meanX));
        if (!(sxx > 0))
        {
            return Answer(ForecastStatus.InsufficientData, n, null, $"all {n} points are at one instant; a trend needs readings over time");
        }

        var (intercept, slope) = MathNet.Numerics.Fit.Line(x, y);
        var sse = 0.0;
        for (var i = 0; i < n; i++)
        {
            var r = y[i] - (intercept + (slope * x[i]));
            sse += r * r;
        }

        var s = Math.Sqrt(sse / (n - 2));
        var critical = StudentT.InvCDF(0, 1, n - 2, 0.975);
        var standardError = s / Math.Sqrt(sxx);
        var tValue = standardError > 0 ? slope / standardError : slope > 0 ? double.PositiveInfinity : slope < 0 ? double.NegativeInfinity : 0;
        var test = $"slope {Text(slope)} per day, t = {Text(tValue)} against t(0.975, {n - 2}) = {Text(critical)}";
        if (!(slope > 0))
        {
            return Answer(ForecastStatus.Flat, n, slope, $"the trend is not rising: {test}");
        }

        if (!(tValue > critical))
        {
            return Answer(ForecastStatus.Flat, n, slope, $"the rise is not significant at 5 %: {test}");
        }

        // Band edges meet the threshold where (d - b u)^2 = k^2 (1/n + u^2 / Sxx), u = x - mean x, d = threshold - mean y, k = t s.
        var meanY = y.Average();
        var d = threshold - meanY;
        var k2 = critical * critical * s * s;
        var a = (slope * slope) - (k2 / sxx);
        var half = Math.Sqrt((d * d * k2 / sxx) + (a * k2 / n));
        var earliest = meanX + (((d * slope) - half) / a);
        var latest = meanX + (((d * slope) + half) / a);
        var crossing = meanX + (d / slope);

        // With a perfect fit the band has no width and the three coincide; keep rounding from ordering them wrongly.
        earliest = Math.Min(earliest, crossing);
        latest = Math.Max(latest, crossing);
        if (!(latest <= MaximumDays) || !(crossing <= MaximumDays) || !(earliest >= -MaximumDays))
        {
            return Answer(ForecastStatus.Flat, n, slope, $"the trend is too slow to forecast: it reaches {Text(threshold)} more than {MaximumDays:0} days after the first reading; {test}");
        }

        return new CapacityForecast(ForecastStatus.Forecast, n, slope, At(origin, crossing), At(origin, earliest), At(origin, latest), test);
    }

    private static Instant At(Instant origin, double days) => origin + Duration.FromNanoseconds(Math.Round(days * NanosPerDay));

    private static CapacityForecast Answer(ForecastStatus status, int points, double? slope, string reason) =>
        new(status, points, slope, null, null, null, reason);

    private static string Text(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
