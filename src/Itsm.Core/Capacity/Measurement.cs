using NodaTime;

namespace Itsm.Core.Capacity;

/// <summary>One reading of a capacity metric of a configuration item (utilisation in %, storage used in GB, ...).</summary>
/// <param name="At">When it was read.</param>
/// <param name="Value">The reading, in the metric's unit.</param>
/// <remarks>Immutable and thread-safe. <c>default</c> is a reading of 0 at the Unix epoch.</remarks>
public readonly record struct Measurement(Instant At, double Value);
