namespace Itsm.Core.Common;

/// <summary>Identifies a problem record.</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct ProblemId : IGuidIdentifier<ProblemId>, IComparable<ProblemId>, IComparable
{
    private ProblemId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static ProblemId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static ProblemId From(Guid value) => new(Identifier.ValidGuid(value, nameof(ProblemId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<ProblemId> Parse(string? text, string field = nameof(ProblemId)) => Identifier.ParseGuid<ProblemId>(text, field);

    /// <inheritdoc />
    public int CompareTo(ProblemId other) => Value.CompareTo(other.Value);

    /// <summary>Compares with another boxed <see cref="ProblemId"/> as <see cref="CompareTo(ProblemId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> (and Ardalis's evaluator, which orders by boxed keys) order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="ProblemId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        ProblemId other => CompareTo(other),
        _ => throw new ArgumentException($"A ProblemId can only be compared with another ProblemId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
