using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Reliability;

/// <summary>
/// Makes random, type-correct requests of every command and query type the application layer
/// offers, found by reflection (a request type added tomorrow is covered without a change here).
/// </summary>
/// <remarks>
/// <para>
/// Values are built from the types alone: a request through its widest public constructor and its
/// settable properties; an abstract type through one of its concrete public subclasses; any other
/// type through a public constructor or a public static factory returning it (or a <c>Result</c> of
/// it), or one of its public static instances (<c>RelationshipType.MemberOf</c>). Primitive values
/// are drawn from pools that reach the hard cases: texts with NUL, ESC, lone surrogates, bidi
/// overrides and 10,000 characters; instants at both ends of NodaTime's range and at the calendar's
/// horizon; undefined enum values; <c>default</c> and unknown identifiers beside the ones that
/// exist. Identifiers that successful commands return join the pools, so later requests hit
/// existing records.
/// </para>
/// <para>A construction that throws (a contract breach of a public factory) is retried with other values: what is sent is always a request a caller can build.</para>
/// </remarks>
internal sealed class RandomRequests
{
    private static readonly string[] Texts =
    [
        "Mail is not delivered", "srv-1", "svc-email", "cluster-a", "office", "Europe/London", "UTC", "Asia/Shanghai", "OnHold", "InProgress",
        "depends on", "member of", "hosted on", "server", "cluster", "business-service", "09:00-17:00", "gold", "x",
        string.Empty, " ", "  padded  ", "\t", "line one\nline two", "windows\r\nline", "tab\there",
        "nul\0inside", "\u001b[2Jcleared", "bell\u0007", "del\u007f", "lone \ud800 high", "lone \udc00 low", "pair 😀 ok", "\u202eevil", "zero\u200bwidth",
        "ＡＣＭＥ", "'; DROP TABLE incidents; --", "{\"json\": true}", "%s%n", "null", "NULL", new string('a', 201), new string('x', 10_000), new string('y', 10_001),
    ];

    private static readonly int[] Integers = [0, 1, 1, 2, 2, 3, 3, 4, 5, 10, 100, 1000, 1001, -1, -5, int.MinValue, int.MaxValue];

    private static readonly long[] Longs = [0, 1, 2, 3, -1, long.MinValue, long.MaxValue];

    private static readonly Instant[] FixedInstants =
    [
        NodaTime.Instant.MinValue, NodaTime.Instant.MaxValue, NodaTime.Instant.FromUnixTimeTicks(0),
        NodaTime.Instant.FromUtc(1900, 1, 1, 0, 0), NodaTime.Instant.FromUtc(1899, 12, 31, 23, 59),
        NodaTime.Instant.FromUtc(2149, 12, 31, 23, 0), NodaTime.Instant.FromUtc(2150, 1, 1, 0, 0), NodaTime.Instant.FromUtc(9999, 12, 31, 0, 0),
    ];

    private readonly Random random;
    private readonly Func<Instant> now;
    private readonly List<Guid> guids = [];
    private readonly Dictionary<Type, List<string>> texts = [];

    /// <summary>Creates the generator.</summary>
    /// <param name="seed">The seed: the same seed gives the same requests, given the same responses.</param>
    /// <param name="tenants">The tenants requests are made in.</param>
    /// <param name="now">The clock's current instant, around which most instants are drawn.</param>
    public RandomRequests(int seed, IReadOnlyList<TenantId> tenants, Func<Instant> now)
    {
        random = new Random(seed);
        Tenants = tenants;
        this.now = now;
    }

    /// <summary>Every command and query type of the application layer, by name.</summary>
    public static IReadOnlyList<Type> RequestTypes { get; } =
        [.. typeof(IItsmDispatcher).Assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && RequestInterface(t) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The tenants requests are made in.</summary>
    public IReadOnlyList<TenantId> Tenants { get; }

    /// <summary>The <c>ICommand&lt;T&gt;</c> or <c>IQuery&lt;T&gt;</c> interface <paramref name="type"/> implements, or null.</summary>
    public static Type? RequestInterface(Type type) => type.GetInterfaces().FirstOrDefault(i =>
        i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICommand<>) || i.GetGenericTypeDefinition() == typeof(IQuery<>)));

    /// <summary>Remembers the identifiers in a successful response's value, for later requests.</summary>
    public void Learn(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string:
                return;
            case IEnumerable sequence:
                foreach (var element in sequence.Cast<object?>().Take(20))
                {
                    Learn(element);
                }

                return;
        }

        var type = value.GetType();
        if (IsGuidIdentifier(type))
        {
            guids.Add((Guid)type.GetProperty("Value")!.GetValue(value)!);
        }
        else if (IsTextIdentifier(type) && type.GetProperty("Value")!.GetValue(value) is string text)
        {
            Pool(type).Add(text);
        }
        else if (type.GetProperty("Id") is { } id && id.GetIndexParameters().Length == 0)
        {
            Learn(id.GetValue(value));
        }
        else if (type.GetProperty("Record") is { } record)
        {
            Learn(record.GetValue(value));
        }
    }

    /// <summary>A random request of <paramref name="type"/>.</summary>
    public object Request(Type type)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Construct(type, 0) ?? throw new InvalidOperationException($"No {type.Name} could be made.");
            }
            catch (Exception) when (attempt < 50)
            {
                // A public constructor refused the values (a contract breach): draw others.
            }
        }
    }

    /// <summary>A random request of any type.</summary>
    public object AnyRequest() => Request(RequestTypes[random.Next(RequestTypes.Count)]);

    /// <summary>Every command type (requests that write).</summary>
    public static IReadOnlyList<Type> CommandTypes { get; } = [.. RequestTypes.Where(t => RequestInterface(t)!.GetGenericTypeDefinition() == typeof(ICommand<>))];

    /// <summary>A random command of any type.</summary>
    public object AnyCommand() => Request(CommandTypes[random.Next(CommandTypes.Count)]);

    private object? Value(Type type, int depth, string? name)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return random.Next(3) == 0 ? null : Value(underlying, depth, name);
        }

        if (type == typeof(RequestContext))
        {
            return new RequestContext(Tenants[random.Next(Tenants.Count)], UserId.From(Pick(["alice", "bob", "carol", "admin"])));
        }

        if (type == typeof(string))
        {
            return Text(name);
        }

        if (type == typeof(bool))
        {
            return random.Next(2) == 0;
        }

        if (type == typeof(int))
        {
            return Pick(Integers);
        }

        if (type == typeof(long))
        {
            return Pick(Longs);
        }

        if (type == typeof(decimal))
        {
            return Pick([0m, 1.5m, -3m, decimal.MaxValue]);
        }

        if (type == typeof(Guid))
        {
            return guids.Count > 0 && random.Next(3) > 0 ? Pick(guids) : random.Next(4) == 0 ? Guid.Empty : Guid.NewGuid();
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return random.Next(8) == 0 ? Enum.ToObject(type, Pick([99, -1, 1 << 20])) : values.GetValue(random.Next(values.Length));
        }

        if (type == typeof(Instant))
        {
            return AnyInstant();
        }

        if (type == typeof(Duration))
        {
            return Pick([Duration.Zero, Duration.FromMinutes(30), Duration.FromHours(4), Duration.FromDays(3), Duration.FromDays(-1), Duration.FromDays(100_000)]);
        }

        if (type == typeof(Interval))
        {
            var (a, b) = (AnyInstant(), AnyInstant());
            return a <= b ? new Interval(a, b) : new Interval(b, a);
        }

        if (type == typeof(LocalDate))
        {
            return Pick([new LocalDate(2026, 3, 2), new LocalDate(2026, 12, 25), new LocalDate(1900, 1, 1), new LocalDate(2149, 12, 31), new LocalDate(1, 1, 1), new LocalDate(9999, 12, 31)]);
        }

        if (type == typeof(LocalTime))
        {
            return Pick([new LocalTime(9, 0), new LocalTime(17, 0), LocalTime.Midnight, new LocalTime(23, 59), new LocalTime(1, 30)]);
        }

        if (type == typeof(DateTimeZone))
        {
            return DateTimeZoneProviders.Tzdb[Pick(["Europe/London", "UTC", "Asia/Shanghai", "Pacific/Apia", "America/New_York"])];
        }

        if (type == typeof(Itsm.Core.Suppliers.Money))
        {
            // Random text is almost never a currency code; amounts are what the supplier commands decide on.
            return Itsm.Core.Suppliers.Money.Of(Pick([0m, 2500m, 0.01m, -1m, 79228162514264337593543950335m]), Pick(["EUR", "GBP", "JPY"]));
        }

        if (type == typeof(Itsm.Core.Suppliers.Periodicity))
        {
            return Itsm.Core.Suppliers.Periodicity.Create(Pick([1, 3, 12, 100]), Pick([Itsm.Core.Suppliers.PeriodicityUnit.Day, Itsm.Core.Suppliers.PeriodicityUnit.Month, Itsm.Core.Suppliers.PeriodicityUnit.Year])).Value;
        }

        if (type == typeof(IDateTimeZoneProvider))
        {
            return DateTimeZoneProviders.Tzdb;
        }

        if (IsGuidIdentifier(type))
        {
            var guid = guids.Count > 0 && random.Next(4) > 0 ? Pick(guids) : random.Next(5) == 0 ? Guid.Empty : Guid.NewGuid();
            return guid == Guid.Empty ? Activator.CreateInstance(type) : type.GetMethod("From", [typeof(Guid)])!.Invoke(null, [guid]);
        }

        if (IsTextIdentifier(type))
        {
            if (random.Next(12) == 0)
            {
                return Activator.CreateInstance(type); // default: the unassigned identifier
            }

            var pool = Pool(type);
            var text = pool.Count > 0 && random.Next(3) > 0 ? Pick(pool) : Pick(["srv-1", "srv-2", "cluster-a", "svc-email", "app-mail", "office", "gold", "alice", "nobody", "ACME", "ｓｒｖ-1", "srv\u200b-1"]);
            return type.GetMethod("From", [typeof(string)])!.Invoke(null, [text]);
        }

        if (depth > 4)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        if (Sequence(type, depth, name) is { } sequence)
        {
            return sequence;
        }

        return Construct(type, depth + 1);
    }

    private object? Sequence(Type type, int depth, string? name)
    {
        if (!type.IsGenericType)
        {
            return type.IsArray ? Array(type.GetElementType()!, depth, name) : null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>)
            || definition == typeof(ImmutableDictionary<,>) || definition == typeof(ImmutableSortedDictionary<,>))
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
            for (int i = 0, n = random.Next(4); i < n; i++)
            {
                if (Value(arguments[0], depth + 1, name) is { } key && !dictionary.Contains(key))
                {
                    dictionary[key] = Value(arguments[1], depth + 1, name);
                }
            }

            return definition == typeof(ImmutableDictionary<,>) || definition == typeof(ImmutableSortedDictionary<,>)
                ? (definition == typeof(ImmutableSortedDictionary<,>) ? typeof(ImmutableSortedDictionary) : typeof(ImmutableDictionary)).GetMethods().First(m => m.Name == "CreateRange" && m.GetParameters().Length == 1)
                    .MakeGenericMethod(arguments).Invoke(null, [dictionary])
                : dictionary;
        }

        if (definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>)
            || definition == typeof(IList<>) || definition == typeof(ICollection<>) || definition == typeof(List<>) || definition == typeof(ISet<>)
            || definition == typeof(IReadOnlySet<>))
        {
            var array = Array(arguments[0], depth, name);
            return definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>)
                ? Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(arguments), array)
                : definition == typeof(List<>) ? Activator.CreateInstance(type, array) : array;
        }

        if (definition == typeof(ImmutableArray<>) || definition == typeof(ImmutableList<>))
        {
            var array = Array(arguments[0], depth, name);
            var factory = definition == typeof(ImmutableArray<>) ? typeof(ImmutableArray) : typeof(ImmutableList);
            return factory.GetMethods().First(m => m.Name == "CreateRange" && m.GetParameters().Length == 1).MakeGenericMethod(arguments).Invoke(null, [array]);
        }

        return null;
    }

    private Array Array(Type element, int depth, string? name)
    {
        var count = random.Next(10) switch
        {
            0 => 0,
            < 7 => 1 + random.Next(3),
            _ => 4 + random.Next(8),
        };
        var array = System.Array.CreateInstance(element, count);
        for (var i = 0; i < count; i++)
        {
            array.SetValue(Value(element, depth + 1, name), i);
        }

        return array;
    }

    private object? Construct(Type type, int depth)
    {
        if (type.IsAbstract || type.IsInterface)
        {
            var concrete = type.Assembly.GetExportedTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
            return concrete.Count == 0 ? null : Construct(Pick(concrete), depth);
        }

        var makers = new List<Func<object?>>();
        foreach (var constructor in type.GetConstructors())
        {
            makers.Add(() => constructor.Invoke(Arguments(constructor, depth)));
        }

        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => !m.IsGenericMethodDefinition && !m.IsSpecialName))
        {
            if (method.ReturnType == type)
            {
                makers.Add(() => method.Invoke(null, Arguments(method, depth)));
            }
            else if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Result<>) && method.ReturnType.GetGenericArguments()[0] == type)
            {
                makers.Add(() =>
                {
                    var result = (IResult)method.Invoke(null, Arguments(method, depth))!;
                    return result.IsSuccess ? result.GetValue() : throw new ArgumentException(result.Message);
                });
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type && p.GetIndexParameters().Length == 0))
        {
            makers.Add(() => property.GetValue(null));
        }

        if (makers.Count == 0)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        Exception? last = null;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            try
            {
                var made = Pick(makers)();
                if (made is not null && RequestInterface(type) is not null)
                {
                    SetProperties(made, depth);
                }

                return made;
            }
            catch (Exception e)
            {
                last = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            }
        }

        throw new ArgumentException($"No {type.Name} could be made.", last);
    }

    private void SetProperties(object request, int depth)
    {
        foreach (var property in request.GetType().GetProperties().Where(p => p.SetMethod is { IsPublic: true } && p.Name != "Context"))
        {
            if (random.Next(2) == 0)
            {
                property.SetValue(request, Value(property.PropertyType, depth, property.Name));
            }
        }
    }

    private object?[] Arguments(MethodBase method, int depth) =>
        [.. method.GetParameters().Select(p => p.HasDefaultValue && random.Next(3) == 0 ? p.DefaultValue : Value(p.ParameterType, depth, p.Name))];

    private string? Text(string? name)
    {
        var pool = name is not null && name.Contains("zone", StringComparison.OrdinalIgnoreCase)
            ? ["Europe/London", "UTC", "Asia/Shanghai", "Mars/Olympus", string.Empty]
            : Texts;
        return random.Next(30) == 0 ? null : Pick(pool);
    }

    private Instant AnyInstant()
    {
        var current = now();
        return random.Next(6) switch
        {
            0 => Pick(FixedInstants),
            1 => current.Plus(Duration.FromMinutes(random.Next(-100_000, 100_000))),
            _ => current.Plus(Duration.FromMinutes(random.Next(-600, 6000))),
        };
    }

    private List<string> Pool(Type type)
    {
        if (!texts.TryGetValue(type, out var pool))
        {
            texts[type] = pool = [];
        }

        return pool;
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static bool IsGuidIdentifier(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IGuidIdentifier<>));

    private static bool IsTextIdentifier(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITextIdentifier<>));
}
