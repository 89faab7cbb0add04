using Itsm.Core.Application.Configuration;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Capacity;

/// <summary>Checks the readings' items exist (each distinct item once), then stores the batch in one call.</summary>
internal sealed class RecordMeasurementsHandler(ICapacityMeasurementStore measurements, IConfigurationItemRepository items) : IRequestHandler<RecordMeasurements, Result<int>>
{
    public async Task<Result<int>> Handle(RecordMeasurements request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await KnownItems.FirstUnknownAsync(items, tenant, request.Readings.Select(r => r.Item), cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            return unknown.AsFailure<int>();
        }

        var stored = await measurements.AppendAsync(tenant, request.Readings, cancellationToken).ConfigureAwait(false);
        return stored.IsSuccess ? request.Readings.Count : stored.AsFailure<int>();
    }
}

internal sealed class SetCapacityThresholdHandler(ICapacityThresholdStore thresholds, IConfigurationItemRepository items) : IRequestHandler<SetCapacityThreshold, Result<CapacityThreshold>>
{
    public async Task<Result<CapacityThreshold>> Handle(SetCapacityThreshold request, CancellationToken cancellationToken)
    {
        var threshold = CapacityThreshold.Create(request.Item, request.Metric, request.Warning, request.Critical);
        if (!threshold.IsSuccess)
        {
            return threshold;
        }

        if (await KnownItems.FirstUnknownAsync(items, request.Context.Tenant, [request.Item], cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            return unknown.AsFailure<CapacityThreshold>();
        }

        var set = await thresholds.SetAsync(request.Context.Tenant, threshold.Value, cancellationToken).ConfigureAwait(false);
        return set.IsSuccess ? threshold : set.AsFailure<CapacityThreshold>();
    }
}

internal sealed class ForecastCapacityHandler(ICapacityMeasurementStore measurements, ICapacityThresholdStore thresholds) : IRequestHandler<ForecastCapacity, Result<CapacityForecast>>
{
    public async Task<Result<CapacityForecast>> Handle(ForecastCapacity request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var level = request.Threshold ?? (await thresholds.GetAsync(tenant, request.Item, request.Metric, cancellationToken).ConfigureAwait(false))?.Critical;
        if (level is not { } threshold)
        {
            return Failure.NotFound<CapacityForecast>($"No threshold of {request.Metric} on '{request.Item}' is set; set one (SetCapacityThreshold) or give the level to forecast.", "capacity.threshold.not-found");
        }

        var series = await measurements.SeriesAsync(tenant, request.Item, request.Metric, cancellationToken).ConfigureAwait(false);
        return CapacityForecasting.Forecast(series, threshold, request.MinimumPoints);
    }
}

/// <summary>Reads the series of every stored threshold on an item of the service's closure, and lets the domain roll them up.</summary>
internal sealed class GetCapacityRiskHandler(ICmdbSnapshotProvider snapshots, ICapacityMeasurementStore measurements, ICapacityThresholdStore thresholds, IClock clock)
    : IRequestHandler<GetCapacityRisk, Result<CapacityRisk>>
{
    public async Task<Result<CapacityRisk>> Handle(GetCapacityRisk request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var snapshot = await snapshots.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (!snapshot.IsSuccess)
        {
            return snapshot.AsFailure<CapacityRisk>();
        }

        var closure = ImpactAnalysis.DependenciesOf(snapshot.Value, request.Service);
        if (!closure.IsSuccess)
        {
            return closure.AsFailure<CapacityRisk>();
        }

        var members = closure.Value.Select(d => d.Id).Append(request.Service).ToHashSet();
        var series = new List<CapacitySeries>();
        foreach (var threshold in (await thresholds.ListAsync(tenant, cancellationToken).ConfigureAwait(false)).Where(t => members.Contains(t.Item)))
        {
            var readings = await measurements.SeriesAsync(tenant, threshold.Item, threshold.Metric, cancellationToken).ConfigureAwait(false);
            series.Add(new CapacitySeries(threshold.Item, threshold.Metric, readings, threshold.Critical));
        }

        return CapacityRisk.Assess(snapshot.Value, request.Service, series, clock.GetCurrentInstant(), request.Horizon, request.Policy);
    }
}
