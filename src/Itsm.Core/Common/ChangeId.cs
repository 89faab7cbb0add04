namespace Itsm.Core.Common;

/// <summary>Identifies a change request.</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct ChangeId : IGuidIdentifier<ChangeId>, IComparable<ChangeId>
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

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
