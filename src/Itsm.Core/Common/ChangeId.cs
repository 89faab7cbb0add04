namespace Itsm.Core.Common;

/// <summary>Identifies a change request.</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct ChangeId : IGuidIdentifier<ChangeId>, IComparable<ChangeId>, IComparable
{
    private ChangeId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static ChangeId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static ChangeId From(Guid value) => new(Identifier.ValidGuid(value, nameof(ChangeId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<ChangeId> Parse(string? text, string field = nameof(ChangeId)) => Identifier.ParseGuid<ChangeId>(text, field);

    /// <inheritdoc />
    public int CompareTo(ChangeId other) => Value.CompareTo(other.Value);

    /// <summary>Compares with another boxed <see cref="ChangeId"/> as <see cref="CompareTo(ChangeId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="ChangeId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        ChangeId other => CompareTo(other),
        _ => throw new ArgumentException($"A ChangeId can only be compared with another ChangeId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
