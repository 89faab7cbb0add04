using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Application.Pipeline;

/// <summary>
/// The shape rule every request meets before its own validators run, the same on every adapter:
/// it walks the request's properties (and the properties of the values they hold, collections
/// included) by reflection and refuses, as <c>Invalid</c> naming the field by its path (such as
/// <c>Items[3].Name</c>):
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>text with a control character other than tab and newline (a carriage return
/// only before a newline), or with a lone UTF-16 surrogate (<c>request.text</c>): a database cannot
/// store it, or a terminal that prints it obeys it;</description></item>
/// <item><description>text longer than <see cref="RequestLimits.MaxTextLength"/> (10,000 characters by
/// default, <c>request.text-length</c>): no field of any request may make the store hold, and every
/// later reader serve, an unbounded value;</description></item>
/// <item><description>an enum value the enum does not define (<c>request.enum</c>);</description></item>
/// <item><description>a missing value: null where the property is not nullable or as an element of a list, an unassigned
/// (<c>default</c>) identifier or value type whose required text is null (<c>request.required</c>);</description></item>
/// <item><description>an instant outside the range the library's calendars answer for,
/// <see cref="BusinessCalendar.MinSupportedInstant"/> to <see cref="BusinessCalendar.MaxSupportedInstant"/>,
/// or an interval without both ends (<c>request.instant</c>).</description></item>
/// </list>
/// <para>
/// The walk covers properties declared by Itsm.Core types only (a specification's Ardalis base is
/// not walked), stops at depth 8, and stops after 20 problems. What a field means (a title's length,
/// a period's order) stays with each request's validators, which run only on a well-shaped request.
/// Thread-safe: the per-type plans are built once and cached.
/// </para>
/// </remarks>
internal static class RequestShape
{
    private const int MaxDepth = 8;
    private const int MaxErrors = 20;
    private const string TextLengthCode = "request.text-length";
    private static readonly ConcurrentDictionary<Type, Member[]> Plans = new();
    private static readonly Lock NullabilityGate = new();
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Every shape problem of <paramref name="request"/> under the default <see cref="RequestLimits"/>; empty when it is well-shaped.</summary>
    public static List<ValidationError> Check(object request) => Check(request, RequestLimits.Default);

    /// <summary>Every shape problem of <paramref name="request"/> under <paramref name="limits"/>; empty when it is well-shaped.</summary>
    public static List<ValidationError> Check(object request, RequestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<ValidationError>();
        Walk(request, string.Empty, 0, limits.MaxTextLength, errors);
        return errors;
    }

    /// <summary>Why <paramref name="text"/> is not acceptable free text, or null.</summary>
    internal static string? TextProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return $"has a lone UTF-16 surrogate (U+{(int)c:X4}) at position {i}; send well-formed Unicode text.";
            }

            if (char.IsLowSurrogate(c))
            {
                return $"has a lone UTF-16 surrogate (U+{(int)c:X4}) at position {i}; send well-formed Unicode text.";
            }

            if (char.IsControl(c) && c is not ('\t' or '\n') && !(c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                return $"has the control character U+{(int)c:X4} at position {i}; only tab and newline are allowed in text.";
            }
        }

        return null;
    }

    private static void Walk(object value, string path, int depth, int maxText, List<ValidationError> errors)
    {
        foreach (var member in Plan(value.GetType()))
        {
            if (errors.Count >= MaxErrors)
            {
                return;
            }

            object? child;
            try
            {
                child = member.Get(value);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                continue; // a computed property that does not apply to this value
            }

            CheckValue(child, member.Required, Join(path, member.Property.Name), depth, maxText, errors);
        }
    }

    private static void CheckValue(object? value, bool required, string path, int depth, int maxText, List<ValidationError> errors)
    {
        switch (value)
        {
            case null:
                if (required)
                {
                    Add(errors, path, "is required.", "request.required");
                }

                return;
            case string text:
                if (text.Length > maxText)
                {
                    Add(errors, path, $"has {text.Length} characters, more than the limit of {maxText} (RequestLimits.MaxTextLength); shorten it.", TextLengthCode);
                }
                else if (TextProblem(text) is { } problem)
                {
                    Add(errors, path, problem, "request.text");
                }

                return;
            case AttributeValue { Kind: AttributeKind.Text } attribute:
                // Its text is a private field, which the walk over properties would not see.
                CheckValue(attribute.ToString(), false, path, depth, maxText, errors);
                return;
            case Enum:
                CheckEnum(value, path, errors);
                return;
            case Instant instant:
                CheckInstant(instant, path, errors);
                return;
            case Interval interval:
                if (!interval.HasStart || !interval.HasEnd)
                {
                    Add(errors, path, "needs both a start and an end.", "request.instant");
                }
                else
                {
                    CheckInstant(interval.Start, path + ".Start", errors);
                    CheckInstant(interval.End, path + ".End", errors);
                }

                return;
        }

        var type = value.GetType();
        if (depth >= MaxDepth || (type.IsPrimitive && type != typeof(char)) || type == typeof(decimal) || type == typeof(Guid))
        {
            return;
        }

        if (IsGuidIdentifier(type))
        {
            if ((Guid)type.GetProperty("Value")!.GetValue(value)! == Guid.Empty)
            {
                Add(errors, path, $"is the unassigned {type.Name}; send an assigned identifier.", "request.required");
            }

            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>) && (bool)type.GetProperty("IsDefault")!.GetValue(value)!)
        {
            return; // a default immutable array holds nothing (and cannot be enumerated)
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            var key = type.GetProperty("Key")!.GetValue(value);
            CheckValue(key, true, path + ".Key", depth + 1, maxText, errors);
            CheckValue(type.GetProperty("Value")!.GetValue(value), false, $"{path}[{key}]", depth + 1, maxText, errors);
            return;
        }

        if (value is IEnumerable sequence && IsOurs(type) is false)
        {
            var i = 0;
            foreach (var element in sequence)
            {
                if (errors.Count >= MaxErrors)
                {
                    return;
                }

                // A dictionary's entries are named by their keys (Attributes[note]), not by their position.
                var at = element is not null && element.GetType() is { IsGenericType: true } entry && entry.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? path : $"{path}[{i}]";
                i++;

                // No request holds a list with missing elements (random-request seed 20263: RemoveAttributes = [null] reached the domain's null check).
                CheckValue(element, true, at, depth + 1, maxText, errors);
            }

            return;
        }

        if (IsOurs(type))
        {
            var before = errors.Count;
            Walk(value, path, depth + 1, maxText, errors);
            if (type.IsValueType && errors.Count > before && errors.Skip(before).All(e => e.ErrorCode == "request.required") && value.Equals(Activator.CreateInstance(type)))
            {
                // A default value type (an unassigned identifier, class or relationship): one error for it, not one per part.
                errors.RemoveRange(before, errors.Count - before);
                Add(errors, path, $"is the unassigned {type.Name}; send an assigned value.", "request.required");
            }
        }
    }

    /// <summary>An enum value's bits, sign-extended for signed underlying types (a negative flags value has bits no flag defines; found by the random-request test: <c>(ChangeAuthority)(-1)</c> overflowed).</summary>
    private static ulong Bits(object value) =>
        Enum.GetUnderlyingType(value.GetType()) == typeof(ulong)
            ? Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : unchecked((ulong)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));

    private static void CheckEnum(object value, string path, List<ValidationError> errors)
    {
        var type = value.GetType();
        if (Enum.IsDefined(type, value))
        {
            return;
        }

        if (type.IsDefined(typeof(FlagsAttribute)))
        {
            var bits = Bits(value);
            var known = Enum.GetValues(type).Cast<object>().Aggregate(0UL, (all, v) => all | Bits(v));
            if ((bits & ~known) == 0)
            {
                return;
            }
        }

        Add(errors, path, $"is {value}, which {type.Name} does not define; use one of {string.Join(", ", Enum.GetNames(type))}.", "request.enum");
    }

    private static void CheckInstant(Instant instant, string path, List<ValidationError> errors)
    {
        if (instant < BusinessCalendar.MinSupportedInstant || instant >= BusinessCalendar.MaxSupportedInstant)
        {
            Add(errors, path, $"is {instant}, outside the supported range {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant} (exclusive).", "request.instant");
        }
    }

    private static void Add(List<ValidationError> errors, string path, string problem, string errorCode) =>
        errors.Add(Failure.Field(path, $"{(path.Length == 0 ? "The request" : path)} {problem}", errorCode));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool IsOurs(Type type) => !type.IsArray && type.Assembly is var assembly && (assembly == typeof(Failure).Assembly || assembly == typeof(RequestShape).Assembly);

    private static bool IsGuidIdentifier(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IGuidIdentifier<>));

    private static Member[] Plan(Type type) => Plans.GetOrAdd(type, static t =>
    {
        var members = new List<Member>();
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || !IsOurs(property.DeclaringType!) || property.Name == "EqualityContract")
            {
                continue;
            }

            bool required;
            lock (NullabilityGate)
            {
                required = !property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.NotNull;
            }

            members.Add(new Member(property, Getter(property), required));
        }

        return [.. members];
    });

    /// <summary>
    /// The property's getter compiled once: the walk also reads every stored record back
    /// (<see cref="Common.StoredRecordRules"/>), where reflection's <see cref="PropertyInfo.GetValue(object)"/> cost a third of a restore.
    /// </summary>
    private static Func<object, object?> Getter(PropertyInfo property)
    {
        var instance = System.Linq.Expressions.Expression.Parameter(typeof(object), "instance");
        var read = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(instance, property.DeclaringType!), property);
        return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(System.Linq.Expressions.Expression.Convert(read, typeof(object)), instance).Compile();
    }

    private readonly record struct Member(PropertyInfo Property, Func<object, object?> Get, bool Required);
}
