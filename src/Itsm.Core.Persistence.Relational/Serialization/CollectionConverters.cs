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
            writer.WriteStringValue(item);
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
                writer.WritePropertyName(key);
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
