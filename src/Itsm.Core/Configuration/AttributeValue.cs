using System.Globalization;
using Itsm.Core.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Configuration;

/// <summary>The kind of value a configuration item attribute holds.</summary>
/// <remarks><c>default</c> is <see cref="Text"/>.</remarks>
public enum AttributeKind
{
    /// <summary>Free text.</summary>
    Text = 0,

    /// <summary>A decimal number (memory in GB, CPU count, ...).</summary>
    Number = 1,

    /// <summary>True or false.</summary>
    Flag = 2,

    /// <summary>An instant in time (purchase date, warranty end, ...).</summary>
    Instant = 3,
}

/// <summary>A typed attribute value of a configuration item: text, number, flag or instant.</summary>
/// <remarks>
/// Immutable and thread-safe; equal when kind and value are equal. <see cref="ToString"/> gives an
/// invariant text form (numbers with <c>.</c>, instants in ISO 8601) that <see cref="Parse"/> reads
/// back. <c>default</c> is the empty text.
/// </remarks>
public readonly record struct AttributeValue
{
    private readonly string? text;
    private readonly decimal number;
    private readonly Instant instant;

    private AttributeValue(AttributeKind kind, string? text, decimal number, Instant instant)
    {
        Kind = kind;
        this.text = text;
        this.number = number;
        this.instant = instant;
    }

    /// <summary>The kind of value.</summary>
    public AttributeKind Kind { get; }

    /// <summary>A text value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static AttributeValue FromText(string value) => new(AttributeKind.Text, Preconditions.CheckNotNull(value), 0, default);

    /// <summary>A number value.</summary>
    public static AttributeValue FromNumber(decimal value) => new(AttributeKind.Number, null, value, default);

    /// <summary>A flag value.</summary>
    public static AttributeValue FromFlag(bool value) => new(AttributeKind.Flag, null, value ? 1 : 0, default);

    /// <summary>An instant value.</summary>
    public static AttributeValue FromInstant(Instant value) => new(AttributeKind.Instant, null, 0, value);

    /// <summary>Reads the invariant text form of a value of <paramref name="kind"/>; bad text gives <see cref="ResultStatus.Invalid"/>.</summary>
    public static Result<AttributeValue> Parse(AttributeKind kind, string? text, string field = "value")
    {
        if (text is null)
        {
            return Result<AttributeValue>.Invalid(Failure.Field(field, "An attribute value is required.", "cmdb.attribute.invalid"));
        }

        switch (kind)
        {
            case AttributeKind.Text:
                return FromText(text);
            case AttributeKind.Number when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n):
                return FromNumber(n);
            case AttributeKind.Flag when bool.TryParse(text, out var f):
                return FromFlag(f);
            case AttributeKind.Instant when InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed:
                return FromInstant(parsed.Value);
            default:
                return Result<AttributeValue>.Invalid(Failure.Field(field, $"'{text}' is not a valid {kind.ToString().ToLowerInvariant()} value.", "cmdb.attribute.invalid"));
        }
    }

    /// <summary>Returns the invariant text form.</summary>
    public override string ToString() => Kind switch
    {
        AttributeKind.Number => number.ToString(CultureInfo.InvariantCulture),
        AttributeKind.Flag => number != 0 ? "true" : "false",
        AttributeKind.Instant => InstantPattern.ExtendedIso.Format(instant),
        _ => text ?? string.Empty,
    };
}
