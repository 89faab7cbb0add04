namespace Itsm.Core.Common;

/// <summary>Identifies an outage record (a configuration item out of service over a period).</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct OutageId : IGuidIdentifier<OutageId>, IComparable<OutageId>, IComparable
{
    private OutageId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static OutageId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static OutageId From(Guid value) => new(Identifier.ValidGuid(value, nameof(OutageId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<OutageId> Parse(string? text, string field = nameof(OutageId)) => Identifier.ParseGuid<OutageId>(text, field);

    /// <inheritdoc />
    public int CompareTo(OutageId other) => Value.CompareTo(other.Value);

    /// <summary>Compares with another boxed <see cref="OutageId"/> as <see cref="CompareTo(OutageId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> (and Ardalis's evaluator, which orders by boxed keys) order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="OutageId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        OutageId other => CompareTo(other),
        _ => throw new ArgumentException($"A OutageId can only be compared with another OutageId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
