namespace Itsm.Core.Common;

/// <summary>Identifies a support group (a team that does fulfilment work on its own calendar), such as <c>desktop-support</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct SupportGroupId : ITextIdentifier<SupportGroupId>, IComparable<SupportGroupId>
{
    private SupportGroupId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static SupportGroupId From(string value) => new(Identifier.ValidText(value, nameof(SupportGroupId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<SupportGroupId> Parse(string? text, string field = nameof(SupportGroupId)) => Identifier.ParseText<SupportGroupId>(text, field);

    /// <inheritdoc />
    public int CompareTo(SupportGroupId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
