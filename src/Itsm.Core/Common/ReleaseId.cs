namespace Itsm.Core.Common;

/// <summary>Identifies a release.</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct ReleaseId : IGuidIdentifier<ReleaseId>, IComparable<ReleaseId>
{
    private ReleaseId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static ReleaseId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static ReleaseId From(Guid value) => new(Identifier.ValidGuid(value, nameof(ReleaseId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<ReleaseId> Parse(string? text, string field = nameof(ReleaseId)) => Identifier.ParseGuid<ReleaseId>(text, field);

    /// <inheritdoc />
    public int CompareTo(ReleaseId other) => Value.CompareTo(other.Value);

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
