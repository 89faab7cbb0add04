namespace Itsm.Core.Common;

/// <summary>Identifies a business calendar (service hours), such as <c>uk-office-hours</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct CalendarId : ITextIdentifier<CalendarId>, IComparable<CalendarId>
{
    private CalendarId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static CalendarId From(string value) => new(Identifier.ValidText(value, nameof(CalendarId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<CalendarId> Parse(string? text, string field = nameof(CalendarId)) => Identifier.ParseText<CalendarId>(text, field);

    /// <inheritdoc />
    public int CompareTo(CalendarId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
