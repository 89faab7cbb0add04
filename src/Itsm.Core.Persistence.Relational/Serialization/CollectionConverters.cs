using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>
/// An <see cref="ImmutableSortedSet{T}"/> of strings as a JSON array in order, restored with the
/// ordinal comparer: every sorted set of strings in Itsm.Core (the pausing states of an SLA) is
/// ordinal, and the serializer's default would silently restore it with the culture comparer.
/// </summary>
internal sealed class OrdinalSortedSetConverter : JsonConverter<ImmutableSortedSet<string>>
{
    public override ImmutableSortedSet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ImmutableSortedSet.CreateRange(StringComparer.Ordinal, JsonSerializer.Deserialize<string[]>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, ImmutableSortedSet<string> value, JsonSerializerOptions options)
    {
        // Written in ordinal order whatever the instance's comparer, so equal content gives equal text.
        writer.WriteStartArray();
        foreach (var item in value.Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(TextConverter.Checked(item));
        }

        writer.WriteEndArray();
    }
}

/// <summary>
/// An <see cref="ImmutableSortedDictionary{TKey, TValue}"/> keyed by strings as a JSON object in
/// ordinal key order, restored with the ordinal key comparer (the comparer of every such
/// dictionary in Itsm.Core, for example a configuration item's attributes).
/// </summary>
internal sealed class OrdinalSortedDictionaryConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>)
        && typeToConvert.GenericTypeArguments[0] == typeof(string);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GenericTypeArguments[1]))!;

    private sealed class Converter<TValue> : JsonConverter<ImmutableSortedDictionary<string, TValue>>
    {
        public override ImmutableSortedDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, TValue>>(ref reader, options) ?? [];
            return ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, entries);
        }

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, TValue> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, item) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(TextConverter.Checked(key));
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndObject();
        }
    }
}

/// <summary>
/// An <see cref="ImmutableHashSet{T}"/> as a JSON array in sorted order (ordinal for strings): a
/// hash set enumerates in hash order, and string hashes differ from process to process, so without
/// sorting the same value would be written differently on every run. Restored with the default
/// equality comparer (the one Itsm.Core uses); an empty set is restored as the shared empty set.
/// </summary>
internal sealed class SortedHashSetConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableHashSet<>)
        && (typeToConvert.GenericTypeArguments[0] == typeof(string)
            || typeToConvert.GenericTypeArguments[0].IsAssignableTo(typeof(IComparable<>).MakeGenericType(typeToConvert.GenericTypeArguments[0])));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GenericTypeArguments[0]))!;

    private sealed class Converter<T> : JsonConverter<ImmutableHashSet<T>>
    {
        private static readonly IComparer<T> Order = typeof(T) == typeof(string) ? (IComparer<T>)StringComparer.Ordinal : Comparer<T>.Default;

        public override ImmutableHashSet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var items = JsonSerializer.Deserialize<T[]>(ref reader, options) ?? [];
            return items.Length == 0 ? ImmutableHashSet<T>.Empty : ImmutableHashSet.CreateRange(items);
        }

        public override void Write(Utf8JsonWriter writer, ImmutableHashSet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Order(Order).ToArray(), options);
    }
}

/// <summary>
/// An <see cref="ImmutableArray{T}"/> as a JSON array; a <c>default</c> (uninitialised) array, which
/// the domain reads as empty, is written as <c>[]</c> instead of failing with a
/// <see cref="NullReferenceException"/>. A JSON <c>null</c> is refused.
/// </summary>
internal sealed class ImmutableArrayConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GenericTypeArguments[0]))!;

    private sealed class Converter<T> : JsonConverter<ImmutableArray<T>>
    {
        public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.StartArray
                ? ImmutableArray.Create(JsonSerializer.Deserialize<T[]>(ref reader, options)!)
                : throw new JsonException($"A stored list of {typeof(T).Name} is a JSON array, but found {reader.TokenType}.");

        public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            if (!value.IsDefault)
            {
                foreach (var item in value)
                {
                    JsonSerializer.Serialize(writer, item, options);
                }
            }

            writer.WriteEndArray();
        }
    }
}
