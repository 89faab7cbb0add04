using System.Text.Json;
using System.Text.Json.Serialization;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>
/// Strings as JSON strings, refusing text that is not valid UTF-16: the serializer would silently
/// replace a lone surrogate with U+FFFD, and a stored document must never differ from its value.
/// </summary>
internal sealed class TextConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"A stored text is a JSON string, but found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(Checked(value));

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(Checked(value));

    /// <summary>Returns <paramref name="text"/>, or throws when it holds a lone surrogate.</summary>
    public static string Checked(string text)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (!char.IsHighSurrogate(span[at]) || at + 1 >= span.Length || !char.IsLowSurrogate(span[at + 1]))
            {
                throw new JsonException($"Text with a lone surrogate (U+{(int)span[at]:X4} at index {at}) is not valid Unicode and cannot be stored.");
            }

            var next = span[(at + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            at = next < 0 ? -1 : at + 2 + next;
        }

        return text;
    }
}
