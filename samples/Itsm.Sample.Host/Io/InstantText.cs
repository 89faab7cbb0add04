using System.Globalization;
using Itsm.Core.Calendars;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// How the record-keeping subcommands read and write instants and business durations: instants as
/// ISO-8601 with <c>Z</c> or an offset on input, always UTC with <c>Z</c> on output; local times
/// with their offset; business time as hours and minutes.
/// </summary>
internal static class InstantText
{
    private static readonly OffsetDateTimePattern[] InputPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly OffsetDateTimePattern LocalPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    /// <summary>
    /// Parses <paramref name="text"/> given to <paramref name="option"/> as an instant.
    /// </summary>
    /// <exception cref="InputException">The text is not an ISO-8601 instant with Z or an offset, or lies outside the calendars' supported range.</exception>
    public static Instant Parse(string text, string option) =>
        TryParse(text, out var instant) is { } problem ? throw new InputException($"{option}: {problem}") : instant;

    /// <summary>
    /// Reads <paramref name="text"/> as an ISO-8601 instant with <c>Z</c> or an offset inside the
    /// calendars' supported range; returns null on success, else what is wrong, for a person.
    /// </summary>
    public static string? TryParse(string text, out Instant instant)
    {
        foreach (var pattern in InputPatterns)
        {
            var parsed = pattern.Parse(text);
            if (parsed.Success)
            {
                instant = parsed.Value.ToInstant();
                return instant < BusinessCalendar.MinSupportedInstant || instant >= BusinessCalendar.MaxSupportedInstant
                    ? $"'{text}' is outside the supported range {Format(BusinessCalendar.MinSupportedInstant)} to {Format(BusinessCalendar.MaxSupportedInstant)}."
                    : null;
            }
        }

        instant = default;
        return $"'{text}' is not an instant; use ISO-8601 with 'Z' or an offset, such as 2026-06-12T15:30:00Z or 2026-06-12T16:30:00+01:00.";
    }

    /// <summary>
    /// As <see cref="TryParse(string, out Instant)"/>, for the batch commands' millions of fields: the common UTC form
    /// <c>yyyy-MM-ddTHH:mm[:ss[.fffffffff]]Z</c> is read directly, anything else by NodaTime's patterns.
    /// </summary>
    public static string? TryParse(ReadOnlySpan<char> text, out Instant instant)
    {
        if (TryParseUtc(text, out instant))
        {
            return instant < BusinessCalendar.MinSupportedInstant || instant >= BusinessCalendar.MaxSupportedInstant
                ? $"'{text}' is outside the supported range {Format(BusinessCalendar.MinSupportedInstant)} to {Format(BusinessCalendar.MaxSupportedInstant)}."
                : null;
        }

        return TryParse(text.ToString(), out instant);
    }

    private static bool TryParseUtc(ReadOnlySpan<char> text, out Instant instant)
    {
        instant = default;
        if (text.Length < 17 || text[^1] != 'Z' || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':')
        {
            return false;
        }

        int year = Number(text, 0, 4), month = Number(text, 5, 2), day = Number(text, 8, 2), hour = Number(text, 11, 2), minute = Number(text, 14, 2);
        int second = 0;
        long nanos = 0;
        var at = 16;
        if (text.Length > 17)
        {
            if (text[16] != ':' || text.Length < 20 || (second = Number(text, 17, 2)) < 0)
            {
                return false;
            }

            at = 19;
            if (text[at] == '.')
            {
                var digits = text.Length - 1 - (at + 1);
                if (digits is < 1 or > 9 || Number(text, at + 1, digits) is var fraction && fraction < 0)
                {
                    return false;
                }

                nanos = fraction * (long)Math.Pow(10, 9 - digits);
                at += 1 + digits;
            }
        }

        if (at != text.Length - 1 || year < 1 || month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanos);
        return true;
    }

    /// <summary>The decimal number of <paramref name="count"/> digits at <paramref name="at"/>, or -1.</summary>
    private static int Number(ReadOnlySpan<char> text, int at, int count)
    {
        var value = 0;
        for (var i = at; i < at + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value;
    }

    private static readonly InstantPattern SecondsPattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");

    /// <summary>The instant in ISO-8601 UTC to the second, such as <c>2026-06-12T15:30:00Z</c>: the system clock's fraction of a second is noise to a reader.</summary>
    public static string FormatSeconds(Instant instant) => SecondsPattern.Format(instant);

    /// <summary>
    /// The instant for a person or a script reading a record: ISO-8601 UTC to the second, such as
    /// <c>2026-06-12T15:30:00Z</c>. Records carry the system clock's fraction of a second, which is noise to a reader;
    /// answers computed from input (<c>calendar due</c>) keep the input's precision with <see cref="WriteIso"/>.
    /// </summary>
    public static string Format(Instant instant) => FormatSeconds(instant);

    /// <summary>
    /// Writes the instant in ISO-8601 UTC with as many fractional digits as it has (none for whole seconds), as
    /// NodaTime's extended ISO pattern does, without allocating: the batch commands write millions of them.
    /// </summary>
    /// <remarks>Instants outside the years 0 to 9999 fall back to NodaTime's pattern.</remarks>
    public static void WriteIso(TextWriter writer, Instant instant)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var utc = instant.InUtc().LocalDateTime;
        if (utc.Year is < 0 or > 9999)
        {
            writer.Write(InstantPattern.ExtendedIso.Format(instant));
            return;
        }

        Span<char> text = stackalloc char[30];
        Digits(text, 0, utc.Year, 4);
        text[4] = '-';
        Digits(text, 5, utc.Month, 2);
        text[7] = '-';
        Digits(text, 8, utc.Day, 2);
        text[10] = 'T';
        Digits(text, 11, utc.Hour, 2);
        text[13] = ':';
        Digits(text, 14, utc.Minute, 2);
        text[16] = ':';
        Digits(text, 17, utc.Second, 2);
        var length = 19;
        long fraction = utc.NanosecondOfSecond;
        if (fraction != 0)
        {
            text[length++] = '.';
            Digits(text, length, fraction, 9);
            length += 9;
            while (text[length - 1] == '0')
            {
                length--;
            }
        }

        text[length++] = 'Z';
        writer.Write(text[..length]);
    }

    private static void Digits(Span<char> text, int at, long value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            text[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>The instant as a local date and time with its offset in <paramref name="zone"/>, such as <c>2026-06-12T16:30:00+01:00</c>.</summary>
    public static string FormatLocal(Instant instant, DateTimeZone zone) => LocalPattern.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>The instant for a person reading <paramref name="zone"/>'s clock, such as <c>Fri 2026-06-12 16:30 +01</c>.</summary>
    public static string FormatReadable(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local.DayOfWeek.ToString()[..3]} {local:yyyy-MM-dd HH:mm} {local.Offset}");
    }

    /// <summary>Business time as hours and minutes, such as <c>8h00m</c> (with seconds when there are any).</summary>
    public static string FormatDuration(Duration duration)
    {
        var sign = duration < Duration.Zero ? "-" : string.Empty;
        var magnitude = duration < Duration.Zero ? -duration : duration;
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{(long)magnitude.TotalHours}h{magnitude.Minutes:00}m");
        var seconds = magnitude - Duration.FromMinutes((long)magnitude.TotalMinutes);
        return seconds == Duration.Zero ? text : string.Create(CultureInfo.InvariantCulture, $"{text}{seconds.TotalSeconds:00.###}s");
    }

    /// <summary>Business time in seconds, for machine-readable output.</summary>
    public static double Seconds(Duration duration) => duration.ToInt64Nanoseconds() / 1e9;
}
