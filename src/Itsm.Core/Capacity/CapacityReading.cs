using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Capacity;

/// <summary>One measurement of one metric of one configuration item, as recorded in bulk (<c>RecordMeasurements</c>).</summary>
/// <param name="Item">The configuration item measured.</param>
/// <param name="Metric">The metric.</param>
/// <param name="At">When it was read.</param>
/// <param name="Value">The reading, in the metric's unit; finite.</param>
/// <remarks>Immutable and thread-safe. <c>default</c> has an unassigned item and metric, which <see cref="Check"/> refuses.</remarks>
public readonly record struct CapacityReading(ConfigurationItemId Item, CapacityMetric Metric, Instant At, double Value)
{
    /// <summary>Error code of an unassigned item or metric.</summary>
    public const string IdentifierCode = "capacity.identifier";

    /// <summary>The reading as a point of its series.</summary>
    public Measurement Measurement => new(At, Value);

    /// <summary>Error code of a reading taken outside the supported instants.</summary>
    public const string InstantCode = "capacity.measurement.instant";

    /// <summary>
    /// What is wrong with this reading, as an error of field <paramref name="field"/>, or null when it is valid (assigned item and metric,
    /// finite value, taken from <see cref="BusinessCalendar.MinSupportedInstant"/> up to <see cref="BusinessCalendar.MaxSupportedInstant"/>).
    /// </summary>
    /// <remarks>
    /// The range is the library's supported instants, well inside the years 1678 to 2262 that the relational stores' 64-bit count of
    /// nanoseconds covers, so no reading the library accepts is ever clamped when it is stored.
    /// </remarks>
    /// <param name="field">The input field, such as <c>Readings[3]</c>.</param>
    public ValidationError? Check(string field) =>
        Item.Value is null || Metric.Name is null ? Failure.Field(field, "A reading needs an assigned item and metric.", IdentifierCode)
        : !double.IsFinite(Value) ? Failure.Field(field, $"The reading of {Metric} on '{Item}' at {At} is {Value}, not a finite number.", "capacity.value.invalid")
        : At < BusinessCalendar.MinSupportedInstant || At >= BusinessCalendar.MaxSupportedInstant
            ? Failure.Field(field, $"The reading of {Metric} on '{Item}' is taken at {At}, outside the supported instants {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant} (exclusive).", InstantCode)
        : null;
}
