using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Capacity;

/// <summary>How a configuration item that reaches its critical capacity is treated in the impact analysis of a capacity risk.</summary>
/// <remarks><c>default</c> is <see cref="Down"/>: a full disk or a saturated link stops serving.</remarks>
public enum SaturationPolicy
{
    /// <summary>A saturated item is down: it takes its dependents down or degrades their groups, as a failure does.</summary>
    Down = 0,

    /// <summary>A saturated item still serves, slowly: what depends on it is degraded, never down.</summary>
    Degraded = 1,
}

/// <summary>The readings of one metric of one configuration item, with the metric's critical threshold.</summary>
/// <param name="Item">The configuration item measured.</param>
/// <param name="Metric">The metric, such as <c>storage_used_pct</c>.</param>
/// <param name="Readings">The readings, in any order.</param>
/// <param name="Critical">The critical threshold, in the metric's unit.</param>
/// <remarks>Immutable when given an immutable list; prints its readings. <c>default</c> is not meaningful.</remarks>
public sealed record CapacitySeries(ConfigurationItemId Item, CapacityMetric Metric, IReadOnlyList<Measurement> Readings, double Critical)
{
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>A series of an item in a service's dependency closure that reaches its critical threshold within the horizon (or already has).</summary>
/// <param name="Item">The configuration item.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Forecast">Its forecast against the critical threshold: <see cref="ForecastStatus.Forecast"/> or <see cref="ForecastStatus.AlreadyAbove"/>.</param>
public readonly record struct CapacityRiskItem(ConfigurationItemId Item, CapacityMetric Metric, CapacityForecast Forecast);

/// <summary>
/// The capacity risk of a service: the items of its dependency closure (itself included) whose
/// forecast reaches critical within the horizon, and what impact analysis says the service would be
/// if they were saturated, treated as <see cref="Policy"/> says.
/// </summary>
/// <param name="Service">The service assessed.</param>
/// <param name="Horizon">The end of the horizon: forecasts crossing later are not risks.</param>
/// <param name="Policy">How saturated items were treated.</param>
/// <param name="Items">The items at risk, earliest crossing first (already above first of all).</param>
/// <param name="ServiceState">The service's state with every item at risk saturated: up when none is.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CapacityRisk(ConfigurationItemId Service, Instant Horizon, SaturationPolicy Policy, ImmutableArray<CapacityRiskItem> Items, ImpactState ServiceState)
{
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>
    /// The capacity risk of <paramref name="service"/> as of <paramref name="asOf"/> within
    /// <paramref name="horizon"/>, from <paramref name="series"/> (series of items outside the service's
    /// dependency closure are ignored). An unknown service gives <see cref="ResultStatus.NotFound"/>
    /// (<c>cmdb.item.unknown</c>); a negative horizon <c>capacity.horizon.invalid</c>; a bad series the
    /// failure of <see cref="CapacityForecasting.Forecast"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> or <paramref name="series"/> is null.</exception>
    public static Result<CapacityRisk> Assess(
        CmdbSnapshot snapshot, ConfigurationItemId service, IEnumerable<CapacitySeries> series, Instant asOf, Duration horizon, SaturationPolicy policy = SaturationPolicy.Down)
    {
        Preconditions.CheckNotNull(snapshot);
        Preconditions.CheckNotNull(series);
        if (horizon < Duration.Zero)
        {
            return Result<CapacityRisk>.Invalid(Failure.Field("horizon", $"The horizon {horizon} is negative.", "capacity.horizon.invalid"));
        }

        var closure = ImpactAnalysis.DependenciesOf(snapshot, service);
        if (!closure.IsSuccess)
        {
            return closure.AsFailure<CapacityRisk>();
        }

        var members = closure.Value.Select(d => d.Id).Append(service).ToHashSet();
        var end = asOf + horizon;
        var risks = new List<CapacityRiskItem>();
        foreach (var s in series)
        {
            Preconditions.CheckNotNull(s, nameof(series));
            if (!members.Contains(s.Item))
            {
                continue;
            }

            var forecast = CapacityForecasting.Forecast(s.Readings, s.Critical);
            if (!forecast.IsSuccess)
            {
                return forecast.AsFailure<CapacityRisk>();
            }

            var f = forecast.Value;
            if (f.Status == ForecastStatus.AlreadyAbove || (f.Status == ForecastStatus.Forecast && f.Crossing <= end))
            {
                risks.Add(new CapacityRiskItem(s.Item, s.Metric, f));
            }
        }

        risks.Sort((a, b) =>
        {
            var c = (a.Forecast.Crossing ?? Instant.MinValue).CompareTo(b.Forecast.Crossing ?? Instant.MinValue);
            c = c != 0 ? c : a.Item.CompareTo(b.Item);
            return c != 0 ? c : a.Metric.CompareTo(b.Metric);
        });
        var state = ImpactState.Up;
        if (risks.Count > 0)
        {
            state = policy == SaturationPolicy.Degraded
                ? ImpactState.Degraded
                : ImpactAnalysis.Analyse(snapshot, risks.Select(r => r.Item)).Value.StateOf(service);
        }

        return new CapacityRisk(service, end, policy, [.. risks], state);
    }
}
