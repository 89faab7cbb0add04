using System.Globalization;
using Itsm.Core.Common;

namespace Itsm.Core.Capacity;

/// <summary>The warning and critical levels of one metric of one configuration item, in the metric's unit.</summary>
/// <remarks>
/// Valid by construction (<see cref="Create"/>): both finite, warning at or below critical. Forecasts and risks are
/// computed against <see cref="Critical"/>; <see cref="Warning"/> says when to start planning. Immutable and thread-safe;
/// a class, so there is no <c>default</c>.
/// </remarks>
public sealed class CapacityThreshold
{
    /// <summary>Error code of a warning level above the critical one.</summary>
    public const string OrderCode = "capacity.threshold.order";

    private CapacityThreshold(ConfigurationItemId item, CapacityMetric metric, double warning, double critical)
    {
        Item = item;
        Metric = metric;
        Warning = warning;
        Critical = critical;
    }

    /// <summary>The configuration item.</summary>
    public ConfigurationItemId Item { get; }

    /// <summary>The metric.</summary>
    public CapacityMetric Metric { get; }

    /// <summary>The level at which to start planning.</summary>
    public double Warning { get; }

    /// <summary>The level at which the item stops serving well (saturation).</summary>
    public double Critical { get; }

    /// <summary>
    /// The threshold of <paramref name="metric"/> on <paramref name="item"/>. Invalid (<c>capacity.threshold.invalid</c>) for a
    /// level that is not finite, (<see cref="OrderCode"/>) for a warning above the critical level, (<c>capacity.identifier</c>) for
    /// an unassigned item or metric.
    /// </summary>
    /// <param name="item">The configuration item.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="warning">The warning level.</param>
    /// <param name="critical">The critical level.</param>
    public static Result<CapacityThreshold> Create(ConfigurationItemId item, CapacityMetric metric, double warning, double critical)
    {
        if (item.Value is null || metric.Name is null)
        {
            return Result<CapacityThreshold>.Invalid(Failure.Field(string.Empty, "The item and the metric of a threshold must be assigned.", CapacityReading.IdentifierCode));
        }

        if (!double.IsFinite(warning) || !double.IsFinite(critical))
        {
            return Result<CapacityThreshold>.Invalid(Failure.Field(double.IsFinite(warning) ? nameof(Critical) : nameof(Warning), $"The levels of {metric} on '{item}' must be finite numbers, not {Text(warning)} and {Text(critical)}.", "capacity.threshold.invalid"));
        }

        return warning > critical
            ? Result<CapacityThreshold>.Invalid(Failure.Field(nameof(Warning), $"The warning level {Text(warning)} of {metric} on '{item}' is above its critical level {Text(critical)}; a warning must come first.", OrderCode))
            : new CapacityThreshold(item, metric, warning, critical);
    }

    /// <summary>Returns, for example, <c>san-01 storage_used_pct: warning 80, critical 90</c>.</summary>
    public override string ToString() => $"{Item} {Metric}: warning {Text(Warning)}, critical {Text(Critical)}";

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
