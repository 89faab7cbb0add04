using System.Globalization;
using NodaTime;

namespace Itsm.Core.Capacity;

/// <summary>What a capacity forecast could say about a series and a threshold.</summary>
/// <remarks><c>default</c> is <see cref="Forecast"/>.</remarks>
public enum ForecastStatus
{
    /// <summary>A significant rising trend: the fitted line crosses the threshold, with a 95 % range.</summary>
    Forecast = 0,

    /// <summary>No estimate: the trend is flat, falling, or not significant at the 5 % level.</summary>
    Flat = 1,

    /// <summary>No estimate: too few points (or all at one instant) to fit a line and test it.</summary>
    InsufficientData = 2,

    /// <summary>No estimate needed: the last reading already reaches the threshold.</summary>
    AlreadyAbove = 3,
}

/// <summary>
/// The answer of <see cref="CapacityForecasting.Forecast"/>: when a series is expected to reach a
/// threshold, or why there is no estimate.
/// </summary>
/// <param name="Status">Whether there is an estimate, and if not, why.</param>
/// <param name="Points">The number of readings used.</param>
/// <param name="SlopePerDay">The least-squares slope in units per day; null when no line could be fitted.</param>
/// <param name="Crossing">Where the fitted line reaches the threshold; only with <see cref="ForecastStatus.Forecast"/>.</param>
/// <param name="Earliest">Where the upper 95 % confidence band of the fitted mean reaches it (the earliest plausible crossing).</param>
/// <param name="Latest">Where the lower band reaches it (the latest plausible crossing).</param>
/// <param name="Reason">Why, for a person: the t statistic against its critical value, the points needed, the last reading.</param>
/// <remarks>Immutable and thread-safe. <c>default</c> is a forecast with no dates and no reason, which <see cref="CapacityForecasting"/> never returns.</remarks>
public sealed record CapacityForecast(
    ForecastStatus Status,
    int Points,
    double? SlopePerDay,
    Instant? Crossing,
    Instant? Earliest,
    Instant? Latest,
    string Reason)
{
    /// <summary>Returns the status, the dates when there are any, and the reason.</summary>
    public override string ToString() => Status == ForecastStatus.Forecast
        ? string.Create(CultureInfo.InvariantCulture, $"forecast: crosses at {Crossing} (95 % range {Earliest} to {Latest}); {Reason}")
        : $"{Status}: {Reason}";
}
