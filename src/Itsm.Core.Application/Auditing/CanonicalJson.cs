using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Application.Auditing;

/// <summary>
/// Writes any command as canonical JSON for its audit record: the same fields always give the same
/// text, whatever the adapter or the process. Objects list their public properties in ordinal order
/// of name; identifiers are their value; enums their name; NodaTime values their ISO text; a value
/// with a <c>ToSnapshot()</c> method its snapshot (what the store keeps); dictionaries are objects
/// with keys in ordinal order; sequences are arrays. The request context is left out (the record
/// keeps tenant, actor and correlation beside). A sequence of more than <see cref="MaxArrayItems"/>
/// items is written as its count and the SHA-256 of its full canonical text, so an import of a
/// million items leaves a short record that still proves what was imported.
/// </summary>
/// <remarks>Thread-safe. Never throws for a command's values: an unpaired surrogate becomes U+FFFD,
/// a property that throws is written as null, and nesting deeper than <see cref="MaxDepth"/> is cut.</remarks>
internal static class CanonicalJson
{
    /// <summary>The most items of one sequence written out in full.</summary>
    public const int MaxArrayItems = 1000;

    /// <summary>The deepest nesting written out.</summary>
    public const int MaxDepth = 24;

    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesOf = new();
    private static readonly ConcurrentDictionary<Type, MethodInfo?> SnapshotOf = new();

    /// <summary>The canonical JSON of <paramref name="command"/>'s fields.</summary>
    public static string Of(object? command)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, command, 0, full: false);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes an ISO-8601 instant with as many fraction digits as it needs.</summary>
    public static string Instant(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>Replaces unpaired surrogates, which JSON cannot carry, with U+FFFD.</summary>
    public static string Clean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]) && !(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
            {
                return Replace(text);
            }

            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }
        }

        return text;

        static string Replace(string text)
        {
            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(text[i]).Append(text[i + 1]);
                    i++;
                }
                else
                {
                    builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
                }
            }

            return builder.ToString();
        }
    }

    private static void Write(Utf8JsonWriter writer, object? value, int depth, bool full)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (depth > MaxDepth)
        {
            writer.WriteStringValue("...");
            return;
        }

        if (Scalar(value) is { } scalar)
        {
            WriteScalar(writer, scalar);
            return;
        }

        var type = value.GetType();
        if (Snapshot(type) is { } toSnapshot && Invoke(toSnapshot, value) is { } snapshot)
        {
            Write(writer, snapshot, depth + 1, full);
            return;
        }

        if (value is IDictionary dictionary)
        {
            var entries = new List<(string Key, object? Value)>();
            foreach (DictionaryEntry entry in dictionary)
            {
                entries.Add((KeyText(entry.Key), entry.Value));
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            writer.WriteStartObject();
            foreach (var (key, item) in entries)
            {
                writer.WritePropertyName(Clean(key));
                Write(writer, item, depth + 1, full);
            }

            writer.WriteEndObject();
            return;
        }

        if (value is IEnumerable sequence)
        {
            List<object?> items;
            try
            {
                items = sequence.Cast<object?>().ToList();
            }
            catch (InvalidOperationException)
            {
                // A default ImmutableArray cannot be enumerated: it holds nothing.
                writer.WriteNullValue();
                return;
            }

            if (!full && items.Count > MaxArrayItems)
            {
                writer.WriteStartObject();
                writer.WriteNumber("count", items.Count);
                writer.WriteString("sha256", Digest(items, depth));
                writer.WriteEndObject();
                return;
            }

            writer.WriteStartArray();
            foreach (var item in items)
            {
                Write(writer, item, depth + 1, full);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        foreach (var property in Properties(type))
        {
            writer.WritePropertyName(property.Name);
            Write(writer, Read(property, value), depth + 1, full);
        }

        writer.WriteEndObject();
    }

    private static string Digest(List<object?> items, int depth)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                Write(writer, item, depth + 1, full: true);
            }

            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The value as a JSON scalar (string, bool, long, decimal or double), or null when it is not one.</summary>
    private static object? Scalar(object value) => value switch
    {
        string text => Clean(text),
        bool or long or int or short or byte or sbyte or ushort or uint or decimal => value,
        ulong big => big <= long.MaxValue ? (long)big : big.ToString(CultureInfo.InvariantCulture),
        double or float => value,
        char c => c.ToString(),
        Enum e => Enum.IsDefined(e.GetType(), e) ? e.ToString() : Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        Guid guid => guid.ToString("D"),
        Instant instant => Instant(instant),
        DateTimeZone zone => zone.Id,
        Interval interval => (interval.HasStart ? Instant(interval.Start) : string.Empty) + "/" + (interval.HasEnd ? Instant(interval.End) : string.Empty),
        IFormattable formattable when value.GetType().Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true
            => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Identifier(value),
    };

    private static object? Identifier(object value)
    {
        var type = value.GetType();
        var isIdentifier = type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(ITextIdentifier<>) || i.GetGenericTypeDefinition() == typeof(IGuidIdentifier<>)));
        if (!isIdentifier)
        {
            return null;
        }

        var inner = type.GetProperty("Value")?.GetValue(value);
        return inner switch
        {
            null => null,
            string text => Clean(text),
            Guid guid => guid.ToString("D"),
            _ => inner.ToString(),
        };
    }

    private static void WriteScalar(Utf8JsonWriter writer, object scalar)
    {
        switch (scalar)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case double or float:
                writer.WriteStringValue(Convert.ToString(scalar, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteNumberValue(Convert.ToInt64(scalar, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string KeyText(object key) => Scalar(key) switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? string.Empty,
    };

    private static PropertyInfo[] Properties(Type type) => PropertiesOf.GetOrAdd(type, static t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.PropertyType != typeof(RequestContext))
            .OrderBy(p => p.Name, StringComparer.Ordinal)]);

    private static MethodInfo? Snapshot(Type type) => SnapshotOf.GetOrAdd(type, static t =>
        t.GetMethod("ToSnapshot", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is { ReturnType: var returns } method && returns != typeof(void) && returns != t
            ? method
            : null);

    private static object? Invoke(MethodInfo method, object target)
    {
        try
        {
            return method.Invoke(target, null);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    private static object? Read(PropertyInfo property, object target)
    {
        try
        {
            return property.GetValue(target);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
