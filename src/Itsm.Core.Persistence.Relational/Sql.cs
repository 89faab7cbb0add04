using System.Data.Common;
using System.Globalization;
using NodaTime;

namespace Itsm.Core.Persistence.Relational;

/// <summary>Small helpers shared by every statement: parameters, instants as columns, scalar reads.</summary>
internal static class Sql
{
    private static readonly Instant MinStored = Instant.FromUnixTimeTicks(long.MinValue / NodaConstants.NanosecondsPerTick);
    private static readonly Instant MaxStored = Instant.FromUnixTimeTicks(long.MaxValue / NodaConstants.NanosecondsPerTick);

    /// <summary>Adds parameter <c>@name</c> with <paramref name="value"/> (null becomes SQL NULL).</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// An instant as a sortable column value: nanoseconds since the Unix epoch, clamped to the
    /// years 1678 to 2262 that a 64-bit count of nanoseconds covers (the document keeps the exact value).
    /// </summary>
    public static long FromInstant(Instant instant)
    {
        if (instant <= MinStored)
        {
            return long.MinValue;
        }

        return instant >= MaxStored ? long.MaxValue : (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
    }

    /// <summary>The column value of an optional instant.</summary>
    public static object? FromInstant(Instant? instant) => instant is { } value ? FromInstant(value) : null;

    /// <summary>An instant read back from its column value.</summary>
    public static Instant ToInstant(object value) =>
        NodaConstants.UnixEpoch.PlusNanoseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));

    /// <summary>A 64-bit integer column read back, whatever integer type the provider returned.</summary>
    public static long ToInt64(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
