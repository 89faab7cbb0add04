namespace Itsm.Core.Common;

/// <summary>Identifies a known error record (an entry of the known-error database).</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct KnownErrorId : IGuidIdentifier<KnownErrorId>, IComparable<KnownErrorId>, IComparable
{
    private KnownErrorId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static KnownErrorId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static KnownErrorId From(Guid value) => new(Identifier.ValidGuid(value, nameof(KnownErrorId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<KnownErrorId> Parse(string? text, string field = nameof(KnownErrorId)) => Identifier.ParseGuid<KnownErrorId>(text, field);

    /// <inheritdoc />
    public int CompareTo(KnownErrorId other) => Value.CompareTo(other.Value);

    /// <summary>Compares with another boxed <see cref="KnownErrorId"/> as <see cref="CompareTo(KnownErrorId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> (and Ardalis's evaluator, which orders by boxed keys) order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="KnownErrorId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        KnownErrorId other => CompareTo(other),
        _ => throw new ArgumentException($"A KnownErrorId can only be compared with another KnownErrorId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
