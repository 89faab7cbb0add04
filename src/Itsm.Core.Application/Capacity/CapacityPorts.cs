using Itsm.Core.Capacity;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Capacity;

/// <summary>The persistence port of capacity measurements: one time series per configuration item and metric.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's readings are never returned.</para>
/// <para><b>Bulk, all or nothing:</b> <see cref="AppendAsync"/> stores every reading of one call or none; a reading whose item,
/// metric and instant is already stored makes the call Conflict (<c>record.exists</c>), and one that <see cref="CapacityReading.Check"/>
/// refuses (such as an instant outside the supported range, which a store might otherwise clamp) makes it Invalid. The relational
/// adapters write many rows per statement, never one round trip per reading.</para>
/// <para><b>Order:</b> <see cref="SeriesAsync"/> returns a series oldest first.</para>
/// </remarks>
public interface ICapacityMeasurementStore
{
    /// <summary>Stores <paramref name="readings"/> (distinct by item, metric and instant), all or none.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="readings">The readings.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<Result> AppendAsync(TenantId tenant, IReadOnlyList<CapacityReading> readings, CancellationToken cancellationToken);

    /// <summary>The readings of <paramref name="metric"/> on <paramref name="item"/>, oldest first; empty when there are none.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="item">The configuration item.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Measurement>> SeriesAsync(TenantId tenant, ConfigurationItemId item, CapacityMetric metric, CancellationToken cancellationToken);
}

/// <summary>The persistence port of capacity thresholds: at most one per configuration item and metric.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's thresholds are never returned or changed.</para>
/// <para><b>Order:</b> <see cref="ListAsync"/> returns thresholds by item, then metric (ordinal).</para>
/// </remarks>
public interface ICapacityThresholdStore
{
    /// <summary>Sets the threshold of its item and metric, replacing the one there was.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="threshold">The threshold.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<Result> SetAsync(TenantId tenant, CapacityThreshold threshold, CancellationToken cancellationToken);

    /// <summary>The threshold of <paramref name="metric"/> on <paramref name="item"/>, or null.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="item">The configuration item.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<CapacityThreshold?> GetAsync(TenantId tenant, ConfigurationItemId item, CapacityMetric metric, CancellationToken cancellationToken);

    /// <summary>Every threshold of the tenant, by item, then metric.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<CapacityThreshold>> ListAsync(TenantId tenant, CancellationToken cancellationToken);
}
