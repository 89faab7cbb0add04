namespace Itsm.Core.Common;

/// <summary>Identifies a release unit: the part of a service that is released together and versioned as one, such as <c>payroll-app</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct ReleaseUnitId : ITextIdentifier<ReleaseUnitId>, IComparable<ReleaseUnitId>
{
    private ReleaseUnitId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static ReleaseUnitId From(string value) => new(Identifier.ValidText(value, nameof(ReleaseUnitId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<ReleaseUnitId> Parse(string? text, string field = nameof(ReleaseUnitId)) => Identifier.ParseText<ReleaseUnitId>(text, field);

    /// <inheritdoc />
    public int CompareTo(ReleaseUnitId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
