using System.Text.Json;
using System.Text.Json.Serialization;
using Itsm.Core.Common;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>
/// Stores every <see cref="ITextIdentifier{TSelf}"/> (tenant, user, CI, customer, calendar, SLA
/// definition ids) as its text, also as a dictionary key, and restores it through its static
/// <c>From</c>, so stored text is validated like any other input.
/// </summary>
internal sealed class TextIdentifierConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => IdentifierKinds.Implements(typeToConvert, typeof(ITextIdentifier<>));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(TextIdentifierConverter<>).MakeGenericType(typeToConvert))!;
}

/// <summary>Stores every <see cref="IGuidIdentifier{TSelf}"/> (incident, problem, change, baseline ids) as its GUID in the 36-character <c>D</c> form.</summary>
internal sealed class GuidIdentifierConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => IdentifierKinds.Implements(typeToConvert, typeof(IGuidIdentifier<>));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(GuidIdentifierConverter<>).MakeGenericType(typeToConvert))!;
}

/// <summary>The converter of one text identifier type.</summary>
internal sealed class TextIdentifierConverter<TId> : TextValueConverter<TId>
    where TId : struct, ITextIdentifier<TId>
{
    protected override TId FromText(string text) => TId.From(text);

    protected override string ToText(TId value) =>
        value.Value ?? throw new JsonException($"An unassigned (default) {typeof(TId).Name} cannot be stored.");
}

/// <summary>The converter of one GUID identifier type.</summary>
internal sealed class GuidIdentifierConverter<TId> : TextValueConverter<TId>
    where TId : struct, IGuidIdentifier<TId>
{
    protected override string StoredForm => "a JSON string holding a GUID";

    protected override TId FromText(string text) =>
        Guid.TryParseExact(text, "D", out var guid) && guid != Guid.Empty
            ? TId.From(guid)
            : throw new JsonException($"The stored {typeof(TId).Name} '{text}' is not a non-empty GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.");

    protected override string ToText(TId value) => value.Value != Guid.Empty
        ? value.Value.ToString("D")
        : throw new JsonException($"An unassigned (empty) {typeof(TId).Name} cannot be stored.");
}

/// <summary>Recognises the identifier kinds by the self-referencing interface they implement.</summary>
internal static class IdentifierKinds
{
    public static bool Implements(Type type, Type openInterface) =>
        type.IsValueType && !type.IsGenericType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface && i.GenericTypeArguments[0] == type);
}
