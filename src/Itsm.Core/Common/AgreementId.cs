namespace Itsm.Core.Common;

/// <summary>Identifies a service level agreement (all its versions).</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct AgreementId : IGuidIdentifier<AgreementId>, IComparable<AgreementId>
{
    private AgreementId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static AgreementId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static AgreementId From(Guid value) => new(Identifier.ValidGuid(value, nameof(AgreementId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<AgreementId> Parse(string? text, string field = nameof(AgreementId)) => Identifier.ParseGuid<AgreementId>(text, field);

    /// <inheritdoc />
    public int CompareTo(AgreementId other) => Value.CompareTo(other.Value);

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
