namespace Itsm.Core.Common;

/// <summary>Identifies a blackout (change freeze) window declared in a tenant.</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct BlackoutId : IGuidIdentifier<BlackoutId>, IComparable<BlackoutId>, IComparable
{
    private BlackoutId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static BlackoutId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static BlackoutId From(Guid value) => new(Identifier.ValidGuid(value, nameof(BlackoutId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<BlackoutId> Parse(string? text, string field = nameof(BlackoutId)) => Identifier.ParseGuid<BlackoutId>(text, field);

    /// <inheritdoc />
    public int CompareTo(BlackoutId other) => Value.CompareTo(other.Value);

    /// <summary>Compares with another boxed <see cref="BlackoutId"/> as <see cref="CompareTo(BlackoutId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="BlackoutId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        BlackoutId other => CompareTo(other),
        _ => throw new ArgumentException($"A BlackoutId can only be compared with another BlackoutId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
