namespace Itsm.Core.Common;

/// <summary>Identifies a problem record.</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct ProblemId : IGuidIdentifier<ProblemId>, IComparable<ProblemId>
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

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
