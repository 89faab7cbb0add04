namespace Itsm.Core.Common;

/// <summary>Correlates the records (audit, events) caused by one request from a host.</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct CorrelationId : IGuidIdentifier<CorrelationId>, IComparable<CorrelationId>
{
    private CorrelationId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static CorrelationId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static CorrelationId From(Guid value) => new(Identifier.ValidGuid(value, nameof(CorrelationId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<CorrelationId> Parse(string? text, string field = nameof(CorrelationId)) => Identifier.ParseGuid<CorrelationId>(text, field);

    /// <inheritdoc />
    public int CompareTo(CorrelationId other) => Value.CompareTo(other.Value);

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
