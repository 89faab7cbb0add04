using Itsm.Core.Application.Common;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Capacity;

/// <summary>
/// Records capacity readings in bulk (1 to <see cref="MaxReadings"/> per command), all or none, and answers how many were stored.
/// Invalid (<c>capacity.readings.count</c>) for an empty or too large batch, (<c>capacity.measurement.duplicate</c>) for a reading given
/// twice, as <see cref="CapacityReading.Check"/> for a bad reading; NotFound (<c>cmdb.item.unknown</c>) for an item the CMDB does not have;
/// Conflict (<c>record.exists</c>) when a reading of that item, metric and instant is already stored.
/// </summary>
/// <remarks>
/// <b>Audit.</b> One accepted command leaves one audit record, whatever its size. Up to 1,000 readings are written out in it in full;
/// a larger batch is written as <c>{"count": N, "sha256": "..."}</c>, the SHA-256 of the readings' full canonical JSON, so that
/// 100,000 readings leave a record of a few hundred bytes (not megabytes) that still proves exactly which readings were recorded:
/// hash the same readings again and compare. The readings themselves are in the measurement store.
/// </remarks>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Readings">The readings.</param>
public sealed record RecordMeasurements(RequestContext Context, IReadOnlyList<CapacityReading> Readings) : ICommand<Result<int>>
{
    /// <summary>The most readings one command may carry.</summary>
    public const int MaxReadings = 100_000;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Sets the warning and critical levels of a metric on a configuration item, replacing earlier ones, and answers the threshold.
/// Invalid as <see cref="CapacityThreshold.Create"/>; NotFound (<c>cmdb.item.unknown</c>) for an item the CMDB does not have.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Item">The configuration item.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Warning">The warning level.</param>
/// <param name="Critical">The critical level.</param>
public sealed record SetCapacityThreshold(RequestContext Context, ConfigurationItemId Item, CapacityMetric Metric, double Warning, double Critical) : ICommand<Result<CapacityThreshold>>;

/// <summary>
/// The forecast of the stored series of <paramref name="Metric"/> on <paramref name="Item"/> reaching a level
/// (<see cref="CapacityForecasting.Forecast"/>): <see cref="Threshold"/> when given, else the stored critical level. NotFound
/// (<c>capacity.threshold.not-found</c>) when neither is there; Invalid as <see cref="CapacityForecasting.Forecast"/>.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Item">The configuration item.</param>
/// <param name="Metric">The metric.</param>
public sealed record ForecastCapacity(RequestContext Context, ConfigurationItemId Item, CapacityMetric Metric) : IQuery<Result<CapacityForecast>>
{
    /// <summary>The level to forecast; null for the stored critical level.</summary>
    public double? Threshold { get; init; }

    /// <summary>The fewest readings a forecast uses.</summary>
    public int MinimumPoints { get; init; } = CapacityForecasting.DefaultMinimumPoints;
}

/// <summary>
/// The capacity risk of a service now (<see cref="CapacityRisk.Assess"/>): the items of its dependency closure with a stored threshold
/// whose stored series reaches its critical level within <paramref name="Horizon"/>, and the service's state with them saturated.
/// NotFound (<c>cmdb.item.unknown</c>) for a service not in the CMDB; Invalid (<c>capacity.horizon.invalid</c>) for a negative horizon.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The service.</param>
/// <param name="Horizon">How far ahead to look.</param>
public sealed record GetCapacityRisk(RequestContext Context, ConfigurationItemId Service, Duration Horizon) : IQuery<Result<CapacityRisk>>
{
    /// <summary>How saturated items are treated; <see cref="SaturationPolicy.Down"/> unless set.</summary>
    public SaturationPolicy Policy { get; init; } = SaturationPolicy.Down;
}
