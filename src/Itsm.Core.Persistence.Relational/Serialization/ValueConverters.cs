using Itsm.Core.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Itsm.Core.Calendars;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>A converter for a value stored as one JSON number and restored through a validating factory.</summary>
internal abstract class NumberValueConverter<T> : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number))
        {
            throw new JsonException($"A stored {typeof(T).Name} is a whole JSON number, but found {reader.TokenType}.");
        }

        try
        {
            return FromNumber(number);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"The stored {typeof(T).Name} {number} is not valid: {e.Message}", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteNumberValue(ToNumber(value));

    protected abstract T FromNumber(int number);

    protected abstract int ToNumber(T value);

    protected static JsonException Unassigned() => new($"An unassigned (default) {typeof(T).Name} cannot be stored.");
}

/// <summary>
/// A converter for a value stored as one JSON string (also as a dictionary key) and restored through
/// a validating factory: identifiers, named policies, classes, working ranges. Written text goes
/// through <see cref="TextConverter.Checked"/>, like every other stored string.
/// </summary>
internal abstract class TextValueConverter<T> : JsonConverter<T>
{
    /// <summary>What the stored form is, for the message when something else is found.</summary>
    protected virtual string StoredForm => "a JSON string";

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A stored {typeof(T).Name} is {StoredForm}, but found {reader.TokenType}.");
        }

        return Restore(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(TextConverter.Checked(ToText(value)));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Restore(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(TextConverter.Checked(ToText(value)));

    /// <summary>The value of its stored text; may throw <see cref="ArgumentException"/> (reported as the stored value being invalid) or <see cref="JsonException"/>.</summary>
    protected abstract T FromText(string text);

    /// <summary>The stored text of a value; throws <see cref="JsonException"/> for a value that cannot be stored.</summary>
    protected abstract string ToText(T value);

    private T Restore(string text)
    {
        try
        {
            return FromText(text);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"The stored {typeof(T).Name} '{text}' is not valid: {e.Message}", e);
        }
    }
}

/// <summary><see cref="Impact"/> as its level: <c>2</c>.</summary>
internal sealed class ImpactConverter : NumberValueConverter<Impact>
{
    protected override Impact FromNumber(int number) => Impact.FromLevel(number);

    protected override int ToNumber(Impact value) => value.Level >= 1 ? value.Level : throw Unassigned();
}

/// <summary><see cref="Urgency"/> as its level: <c>1</c>.</summary>
internal sealed class UrgencyConverter : NumberValueConverter<Urgency>
{
    protected override Urgency FromNumber(int number) => Urgency.FromLevel(number);

    protected override int ToNumber(Urgency value) => value.Level >= 1 ? value.Level : throw Unassigned();
}

/// <summary><see cref="Priority"/> as its rank: <c>3</c> for P3.</summary>
internal sealed class PriorityConverter : NumberValueConverter<Priority>
{
    protected override Priority FromNumber(int number) => Priority.FromRank(number);

    protected override int ToNumber(Priority value) => value.Rank >= 1 ? value.Rank : throw Unassigned();
}

/// <summary><see cref="RedundancyRule"/> as its minimum of dependencies up: <c>0</c> for all required, <c>2</c> for at least two.</summary>
internal sealed class RedundancyRuleConverter : NumberValueConverter<RedundancyRule>
{
    protected override RedundancyRule FromNumber(int number) => number == 0 ? RedundancyRule.AllRequired : RedundancyRule.AtLeast(number);

    protected override int ToNumber(RedundancyRule value) => value.MinimumUp;
}

/// <summary><see cref="SlaRetargetPolicy"/> as its stable name (<c>keep-elapsed</c>, <c>restart</c>, <c>retroactive</c>), restored as the named static value.</summary>
internal sealed class SlaRetargetPolicyConverter : TextValueConverter<SlaRetargetPolicy>
{
    protected override SlaRetargetPolicy FromText(string text)
    {
        var policy = SlaRetargetPolicy.FromName(text);
        return policy.IsSuccess ? policy.Value : throw new JsonException($"The stored re-target policy is not valid: {policy.Message}");
    }

    protected override string ToText(SlaRetargetPolicy value) => value.Name;
}

/// <summary>
/// <see cref="ConfigurationItemClass"/> as its name (<c>server</c>, or a vendor's <c>data-warehouse</c>),
/// restored through <see cref="ConfigurationItemClass.From"/>, so a well-known class comes back as itself.
/// </summary>
internal sealed class ConfigurationItemClassConverter : TextValueConverter<ConfigurationItemClass>
{
    protected override ConfigurationItemClass FromText(string text) => ConfigurationItemClass.From(text);

    protected override string ToText(ConfigurationItemClass value) =>
        value.Name ?? throw new JsonException("An unassigned (default) ConfigurationItemClass cannot be stored.");
}

/// <summary>
/// <see cref="WorkingRange"/> as <c>HH:mm-HH:mm</c>, with seconds and a fraction only when the range
/// has them (<c>09:00:30-17:00</c>, <c>09:00:00.25-17:00</c>); an end of day is <c>24:00</c>.
/// Precision is that of <see cref="WorkingRange.Start"/> and <see cref="WorkingRange.End"/> (100 ns).
/// </summary>
internal sealed class WorkingRangeConverter : TextValueConverter<WorkingRange>
{
    private const string EndOfDay = "24:00";
    private static readonly LocalTimePattern Minutes = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern Seconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");
    private static readonly LocalTimePattern Fraction = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss.FFFFFFFFF");

    protected override WorkingRange FromText(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            throw new JsonException($"The stored working range '{text}' is not of the form HH:mm-HH:mm.");
        }

        var start = ParseTime(text[..dash], text);
        var endText = text[(dash + 1)..];
        return endText == EndOfDay ? WorkingRange.ToEndOfDay(start) : WorkingRange.Between(start, ParseTime(endText, text));
    }

    protected override string ToText(WorkingRange value)
    {
        if (value.NominalLength <= Duration.Zero)
        {
            throw new JsonException("An empty (default) WorkingRange cannot be stored.");
        }

        return $"{Format(value.Start)}-{(value.EndsAtEndOfDay ? EndOfDay : Format(value.End))}";
    }

    private static string Format(LocalTime time) =>
        (time.NanosecondOfSecond != 0 ? Fraction : time.Second != 0 ? Seconds : Minutes).Format(time);

    private static LocalTime ParseTime(string part, string text)
    {
        foreach (var pattern in new[] { Minutes, Seconds, Fraction })
        {
            if (pattern.Parse(part) is { Success: true } parsed)
            {
                return parsed.Value;
            }
        }

        throw new JsonException($"The stored working range '{text}' has a time '{part}' that is not HH:mm, HH:mm:ss or HH:mm:ss.fffffffff.");
    }
}
