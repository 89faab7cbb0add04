using FsCheck.Xunit;
using Itsm.Core.Capacity;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace Itsm.Core.Tests.Capacity;

/// <summary>The laws of <see cref="CapacityForecasting"/> on generated series.</summary>
public sealed class CapacityForecastingProperties
{
    [Property]
    public bool Forecast_SeriesShiftedInTime_DatesShiftByTheSameAmount(CapacityCase c)
    {
        var original = CapacityForecasting.Forecast(c.Series, c.Threshold).Value;
        var shifted = CapacityForecasting.Forecast(c.Series.Select(m => m with { At = m.At + c.Shift }), c.Threshold).Value;
        return shifted.Status == original.Status && shifted.SlopePerDay == original.SlopePerDay
            && shifted.Crossing == original.Crossing + c.Shift && shifted.Earliest == original.Earliest + c.Shift && shifted.Latest == original.Latest + c.Shift;
    }

    [Property]
    public bool Forecast_LowerThreshold_NeverReachedLater(CapacityCase c)
    {
        var high = CapacityForecasting.Forecast(c.Series, c.Threshold).Value;
        var low = CapacityForecasting.Forecast(c.Series, c.Threshold - c.Lower).Value;
        if (high.Status == ForecastStatus.AlreadyAbove)
        {
            return low.Status == ForecastStatus.AlreadyAbove;
        }

        if (high.Status == ForecastStatus.Forecast && low.Status == ForecastStatus.Forecast)
        {
            return low.Crossing <= high.Crossing && low.Earliest <= high.Earliest && low.Latest <= high.Latest;
        }

        // A forecast for the higher threshold means one (or already above) for the lower; too few points stay too few;
        // a flat answer for the higher one may still be a forecast for the lower (a slow trend reaches it within the horizon).
        return high.Status switch
        {
            ForecastStatus.Forecast => low.Status == ForecastStatus.AlreadyAbove,
            ForecastStatus.InsufficientData => low.Status is ForecastStatus.InsufficientData or ForecastStatus.AlreadyAbove,
            _ => true,
        };
    }

    [Property]
    public bool Forecast_FlatOrFallingSeries_GiveNoEstimate(FlatOrFallingSeries c)
    {
        var forecast = CapacityForecasting.Forecast(c.Series, c.Threshold).Value;
        return forecast.Status != ForecastStatus.Forecast && forecast.Crossing is null && forecast.Earliest is null && forecast.Latest is null && forecast.Reason.Length > 0;
    }

    [Property]
    public bool Forecast_EstimateExactlyWhenEnoughPointsAndTheRiseIsSignificantAtFivePercent(CapacityCase c)
    {
        var forecast = CapacityForecasting.Forecast(c.Series, c.Threshold).Value;
        var n = c.Series.Length;
        if (n > 0 && c.Series[^1].Value >= c.Threshold)
        {
            return forecast.Status == ForecastStatus.AlreadyAbove;
        }

        var fit = n < CapacityForecasting.DefaultMinimumPoints ? null : Reference(c.Series);
        if (fit is null)
        {
            return forecast.Status == ForecastStatus.InsufficientData;
        }

        var (slope, _, se, _, _, _) = fit.Value;
        var pValue = se == 0 ? (slope != 0 ? 0 : 1) : 2 * (1 - StudentT.CDF(0, 1, n - 2, Math.Abs(slope / se)));
        var rising = slope > 0 && pValue < 0.05;
        return Math.Abs(forecast.SlopePerDay!.Value - slope) <= 1e-9 * Math.Max(1, Math.Abs(slope))
            && (forecast.Status == ForecastStatus.Forecast) == (rising && !TooSlow(forecast))
            && (forecast.Status == ForecastStatus.Flat) == (!rising || TooSlow(forecast));
    }

    [Property]
    public bool Forecast_Dates_WhereTheLineAndTheBandEdgesMeetTheThreshold(CapacityCase c)
    {
        var forecast = CapacityForecasting.Forecast(c.Series, c.Threshold).Value;
        if (forecast.Status != ForecastStatus.Forecast)
        {
            return true;
        }

        var (slope, intercept, _, s, meanX, sxx) = Reference(c.Series)!.Value;
        var n = c.Series.Length;
        var t = StudentT.InvCDF(0, 1, n - 2, 0.975);
        var origin = c.Series.Min(m => m.At);
        double Days(Instant? at) => (at!.Value - origin).ToInt64Nanoseconds() / 86_400e9;
        double Line(double x) => intercept + (slope * x);
        double Half(double x) => t * s * Math.Sqrt((1.0 / n) + ((x - meanX) * (x - meanX) / sxx));
        var tolerance = 1e-6 * Math.Max(1, Math.Abs(c.Threshold));
        return forecast.Earliest <= forecast.Crossing && forecast.Crossing <= forecast.Latest
            && Math.Abs(Line(Days(forecast.Crossing)) - c.Threshold) <= tolerance + (Math.Abs(slope) * 1e-8)
            && Math.Abs(Line(Days(forecast.Earliest)) + Half(Days(forecast.Earliest)) - c.Threshold) <= tolerance + (Math.Abs(slope) * 1e-8)
            && Math.Abs(Line(Days(forecast.Latest)) - Half(Days(forecast.Latest)) - c.Threshold) <= tolerance + (Math.Abs(slope) * 1e-8);
    }

    private static bool TooSlow(CapacityForecast forecast) => forecast.Status == ForecastStatus.Flat && forecast.Reason.Contains("too slow", StringComparison.Ordinal);

    /// <summary>Least squares by the textbook formulas: slope, intercept, the slope's standard error, s, mean x and Sxx; null when all x are equal.</summary>
    private static (double Slope, double Intercept, double StandardError, double S, double MeanX, double Sxx)? Reference(Measurement[] series)
    {
        var origin = series.Min(m => m.At);
        var x = series.Select(m => (m.At - origin).ToInt64Nanoseconds() / 86_400e9).ToArray();
        var y = series.Select(m => m.Value).ToArray();
        var meanX = x.Average();
        var meanY = y.Average();
        var sxx = x.Sum(v => (v - meanX) * (v - meanX));
        if (!(sxx > 0))
        {
            return null;
        }

        var sxy = x.Zip(y).Sum(p => (p.First - meanX) * (p.Second - meanY));
        var slope = sxy / sxx;
        var intercept = meanY - (slope * meanX);
        var sse = x.Zip(y).Sum(p => Math.Pow(p.Second - (intercept + (slope * p.First)), 2));
        var s = Math.Sqrt(sse / (x.Length - 2));
        return (slope, intercept, s / Math.Sqrt(sxx), s, meanX, sxx);
    }
}
