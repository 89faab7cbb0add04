using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Itsm.Core.Common;

/// <summary>
/// Prints a record's public properties readably, as the library's records do in <c>ToString</c>:
/// <c>Name = value</c> pairs like the compiler's, but collections as their elements (<c>[a, b]</c>,
/// dictionaries as <c>{k: v}</c>) instead of their type name, at most <see cref="MaxElements"/> elements each,
/// and formattable values in the invariant culture. A record opts in with one line:
/// <c>private bool PrintMembers(StringBuilder builder) => RecordText.PrintMembers(builder, this);</c>
/// </summary>
/// <remarks>Thread-safe. Reads properties by reflection, once per type: for printing, not for hot paths.</remarks>
public static class RecordText
{
    /// <summary>The most elements printed of one collection; the rest are counted (<c>… +12 more</c>).</summary>
    public const int MaxElements = 16;

    /// <summary>Appends <paramref name="record"/>'s public properties to <paramref name="builder"/>, in declaration order.</summary>
    /// <typeparam name="T">The record's type.</typeparam>
    /// <param name="builder">Where to print.</param>
    /// <param name="record">The record.</param>
    /// <returns>True when anything was printed (the compiler's convention for <c>PrintMembers</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="record"/> is null.</exception>
    public static bool PrintMembers<T>(StringBuilder builder, T record)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(record);
        var members = Members<T>.All;
        for (var i = 0; i < members.Length; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(members[i].Name).Append(" = ");
            Append(builder, members[i].GetValue(record));
        }

        return members.Length > 0;
    }

    /// <summary>The text of one value as <see cref="PrintMembers{T}"/> prints it.</summary>
    /// <param name="value">The value, possibly null or a collection.</param>
    public static string Format(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                builder.Append(text);
                break;
            case IEnumerable elements when IsReadOnlyDictionary(value):
                AppendElements(builder, '{', '}', elements.Cast<object?>().Select(e => KeyValue(e) ?? e), -1);
                break;
            case IDictionary dictionary:
                AppendElements(builder, '{', '}', Entries(dictionary), dictionary.Count);
                break;
            case DictionaryEntry entry:
                Append(builder, entry.Key);
                builder.Append(": ");
                Append(builder, entry.Value);
                break;
            case IEnumerable when IsDefaultImmutableArray(value):
                builder.Append("default");
                break;
            case IEnumerable elements:
                AppendElements(builder, '[', ']', elements.Cast<object?>(), -1);
                break;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    private static void AppendElements(StringBuilder builder, char open, char close, IEnumerable<object?> elements, int count)
    {
        builder.Append(open);
        var printed = 0;
        var total = 0;
        foreach (var element in elements)
        {
            total++;
            if (printed == MaxElements)
            {
                continue;
            }

            builder.Append(printed == 0 ? string.Empty : ", ");
            Append(builder, element);
            printed++;
        }

        total = Math.Max(total, count);

        if (total > printed)
        {
            builder.Append(CultureInfo.InvariantCulture, $", … +{total - printed} more");
        }

        builder.Append(close);
    }

    /// <summary>A <c>KeyValuePair</c> (of a read-only dictionary that is not an <see cref="IDictionary"/>) as a dictionary entry, else null.</summary>
    private static object? KeyValue(object? element)
    {
        if (element is null || !element.GetType().IsGenericType || element.GetType().GetGenericTypeDefinition() != typeof(KeyValuePair<,>))
        {
            return null;
        }

        var type = element.GetType();
        return new DictionaryEntry(type.GetProperty("Key")!.GetValue(element)!, type.GetProperty("Value")!.GetValue(element));
    }

    private static IEnumerable<object?> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    private static bool IsReadOnlyDictionary(object value) =>
        value.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

    private static bool IsDefaultImmutableArray(object value) =>
        value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
        && (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!;

    private static class Members<T>
    {
        public static readonly PropertyInfo[] All = typeof(T)
            .GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .OrderBy(p => p.MetadataToken)
            .ToArray();
    }
}
