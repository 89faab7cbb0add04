using Itsm.Core.Capacity;
using NodaTime;

namespace Itsm.Core.Tests.Capacity;

public sealed class CapacityForecastingTests
{
    private static readonly Instant January = Instant.FromUtc(2026, 1, 5, 0, 0);

    [Fact]
    public void Forecast_StorageArrayFillingAPercentAWeek_CrossesNinetyBeforeSummerWithARange()
    {
        // Weekly readings from 70 %, one point a week up, with a little noise.
        double[] noise = [0.3, -0.2, 0.1, -0.4, 0.2, 0.0, -0.1, 0.3, -0.3, 0.1];
        var series = noise.Select((e, week) => new Measurement(January + Duration.FromDays(7 * week), 70 + week + e)).ToArray();

        var forecast = CapacityForecasting.Forecast(series, 90).Value;

        Assert.Equal(ForecastStatus.Forecast, forecast.Status);
        Assert.Equal(1.0 / 7, forecast.SlopePerDay!.Value, 2);
        Assert.InRange(forecast.Crossing!.Value, Instant.FromUtc(2026, 5, 15, 0, 0), Instant.FromUtc(2026, 6, 5, 0, 0)); // ~20 weeks after the first reading
        Assert.True(forecast.Earliest < forecast.Crossing && forecast.Crossing < forecast.Latest);
        Assert.True(forecast.Latest < Instant.FromUtc(2026, 6, 21, 0, 0));
        Assert.Contains("t(0.975, 8)", forecast.Reason);
    }

    [Fact]
    public void Forecast_NoisyRiseThatIsNotSignificant_FlatWithTheTest()
    {
        Measurement[] series = [new(January, 50), new(January + Duration.FromDays(1), 70), new(January + Duration.FromDays(2), 40), new(January + Duration.FromDays(3), 75), new(January + Duration.FromDays(4), 52)];

        var forecast = CapacityForecasting.Forecast(series, 90).Value;

        Assert.Equal(ForecastStatus.Flat, forecast.Status);
        Assert.Null(forecast.Crossing);
        Assert.Contains("not significant at 5 %", forecast.Reason);
    }

    [Fact]
    public void Forecast_TooFewPointsOrAlreadyAbove_SaySoInsteadOfADate()
    {
        Measurement[] three = [new(January, 10), new(January + Duration.FromDays(1), 20), new(January + Duration.FromDays(2), 30)];

        var few = CapacityForecasting.Forecast(three, 90).Value;
        var above = CapacityForecasting.Forecast(three, 25).Value;
        var sameInstant = CapacityForecasting.Forecast(Enumerable.Repeat(new Measurement(January, 10), 6), 90).Value;

        Assert.Equal(ForecastStatus.InsufficientData, few.Status);
        Assert.Contains("at least 5", few.Reason);
        Assert.Equal(ForecastStatus.AlreadyAbove, above.Status);
        Assert.Equal(ForecastStatus.InsufficientData, sameInstant.Status);
        Assert.Equal(ForecastStatus.Forecast, CapacityForecasting.Forecast(three, 90, minimumPoints: 3).Value.Status);
    }

    [Fact]
    public void Forecast_BadInput_TypedFailures()
    {
        Measurement[] nan = [new(January, double.NaN)];

        Assert.Equal("capacity.value.invalid", CapacityForecasting.Forecast(nan, 90).ValidationErrors.Single().ErrorCode);
        Assert.Equal("capacity.threshold.invalid", CapacityForecasting.Forecast([], double.PositiveInfinity).ValidationErrors.Single().ErrorCode);
        Assert.Equal("capacity.minimum-points.invalid", CapacityForecasting.Forecast([], 90, minimumPoints: 2).ValidationErrors.Single().ErrorCode);
    }
}
