namespace Itsm.Core.Common;

/// <summary>Identifies a request catalogue item (what users can ask for from a service), such as <c>laptop-standard</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct RequestItemId : ITextIdentifier<RequestItemId>, IComparable<RequestItemId>
{
    private RequestItemId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static RequestItemId From(string value) => new(Identifier.ValidText(value, nameof(RequestItemId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<RequestItemId> Parse(string? text, string field = nameof(RequestItemId)) => Identifier.ParseText<RequestItemId>(text, field);

    /// <inheritdoc />
    public int CompareTo(RequestItemId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
