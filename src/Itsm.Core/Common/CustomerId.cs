namespace Itsm.Core.Common;

/// <summary>Identifies a customer of a service, to whom a service level agreement may be specific.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct CustomerId : ITextIdentifier<CustomerId>, IComparable<CustomerId>
{
    private CustomerId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static CustomerId From(string value) => new(Identifier.ValidText(value, nameof(CustomerId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<CustomerId> Parse(string? text, string field = nameof(CustomerId)) => Identifier.ParseText<CustomerId>(text, field);

    /// <inheritdoc />
    public int CompareTo(CustomerId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
