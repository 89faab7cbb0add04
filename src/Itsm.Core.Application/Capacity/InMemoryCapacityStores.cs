using Itsm.Core.Application.InMemory;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Capacity;

/// <summary>The in-memory <see cref="ICapacityMeasurementStore"/>: one row per item, metric and instant.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryCapacityMeasurementStore : InMemoryRepository<(ConfigurationItemId Item, CapacityMetric Metric, Instant At), CapacityReading>, ICapacityMeasurementStore
{
    /// <summary>Creates the store in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryCapacityMeasurementStore(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "capacity_measurements")
    {
    }

    /// <inheritdoc />
    public Task<Result> AppendAsync(TenantId tenant, IReadOnlyList<CapacityReading> readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Select((r, i) => r.Check($"Readings[{i}]")).FirstOrDefault(e => e is not null) is { } wrong)
        {
            return Task.FromResult(Result.Invalid(wrong));
        }

        return InsertAllAsync(tenant, [.. readings.Select(r => ((r.Item, r.Metric, r.At), r))], cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Measurement>> SeriesAsync(TenantId tenant, ConfigurationItemId item, CapacityMetric metric, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Measurement>>([.. All(tenant).Select(v => v.Record).Where(r => r.Item == item && r.Metric == metric).OrderBy(r => r.At).Select(r => r.Measurement)]);
}

/// <summary>The in-memory <see cref="ICapacityThresholdStore"/>: one row per item and metric.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryCapacityThresholdStore : InMemoryRepository<(ConfigurationItemId Item, CapacityMetric Metric), CapacityThreshold>, ICapacityThresholdStore
{
    /// <summary>Creates the store in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryCapacityThresholdStore(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "capacity_thresholds")
    {
    }

    /// <inheritdoc />
    public Task<Result> SetAsync(TenantId tenant, CapacityThreshold threshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        var key = (threshold.Item, threshold.Metric);
        return Find(tenant, key) is { } stored ? UpdateAsync(tenant, key, threshold, stored.Version, cancellationToken) : InsertAsync(tenant, key, threshold, cancellationToken);
    }

    /// <inheritdoc />
    public Task<CapacityThreshold?> GetAsync(TenantId tenant, ConfigurationItemId item, CapacityMetric metric, CancellationToken cancellationToken) =>
        Task.FromResult(Find(tenant, (item, metric))?.Record);

    /// <inheritdoc />
    public Task<IReadOnlyList<CapacityThreshold>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CapacityThreshold>>([.. All(tenant).Select(v => v.Record).OrderBy(t => t.Item).ThenBy(t => t.Metric)]);
}
