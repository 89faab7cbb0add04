namespace Itsm.Core.Common;

/// <summary>Identifies an incident record.</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct IncidentId : IGuidIdentifier<IncidentId>, IComparable<IncidentId>, IComparable
{
    private IncidentId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static IncidentId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static IncidentId From(Guid value) => new(Identifier.ValidGuid(value, nameof(IncidentId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<IncidentId> Parse(string? text, string field = nameof(IncidentId)) => Identifier.ParseGuid<IncidentId>(text, field);

    /// <inheritdoc />
    public int CompareTo(IncidentId other) => Value.CompareTo(other.Value);

    /// <summary>Compares with another boxed <see cref="IncidentId"/> as <see cref="CompareTo(IncidentId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="IncidentId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        IncidentId other => CompareTo(other),
        _ => throw new ArgumentException($"A IncidentId can only be compared with another IncidentId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
