using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
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
    /// As <see cref="TryParse(string, out Instant)"/>, for the batch commands' millions of UTF-8 fields: the common UTC
    /// form <c>yyyy-MM-ddTHH:mm[:ss[.fffffffff]]Z</c> is read directly from the bytes, anything else by NodaTime's patterns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? TryParse(ReadOnlySpan<byte> utf8, out Instant instant)
    {
        if (TryParseUtc(utf8, out instant))
        {
            return instant < BusinessCalendar.MinSupportedInstant || instant >= BusinessCalendar.MaxSupportedInstant
                ? $"'{Encoding.UTF8.GetString(utf8)}' is outside the supported range {Format(BusinessCalendar.MinSupportedInstant)} to {Format(BusinessCalendar.MaxSupportedInstant)}."
                : null;
        }

        return TryParse(Encoding.UTF8.GetString(utf8), out instant);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseUtc(ReadOnlySpan<byte> text, out Instant instant)
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

                nanos = fraction * PowersOfTen[9 - digits];
                at += 1 + digits;
            }
        }

        // Number answers -1 for a non-digit, so every part is checked at both ends ("-1" is no hour).
        if (at != text.Length - 1 || year < 1 || month is < 1 or > 12 || hour is < 0 or > 23 || minute is < 0 or > 59 || second > 59
            || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var seconds = (DaysFromCivil(year, month, day) * SecondsPerDay) + (hour * 3600L) + (minute * 60L) + second;
        instant = Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanos);
        return true;
    }

    private const long SecondsPerDay = 86_400;

    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>The decimal number of <paramref name="count"/> digits at <paramref name="at"/>, or -1.</summary>
    private static int Number(ReadOnlySpan<byte> text, int at, int count)
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

    /// <summary>Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's <c>days_from_civil</c>).</summary>
    internal static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    /// <summary>The proleptic Gregorian date <paramref name="days"/> after 1970-01-01 (Howard Hinnant's <c>civil_from_days</c>).</summary>
    internal static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        var year = (int)(yearOfEra + (era * 400) + (month <= 2 ? 1 : 0));
        return (year, month, day);
    }

    /// <summary>The longest text <see cref="FormatIso"/> writes: <c>yyyy-MM-ddTHH:mm:ss.fffffffffZ</c>.</summary>
    public const int IsoLength = 30;

    /// <summary>
    /// Writes the instant into <paramref name="utf8"/> (at least <see cref="IsoLength"/> bytes) in ISO-8601 UTC with as many
    /// fractional digits as it has (none for whole seconds), as NodaTime's extended ISO pattern does, and answers the
    /// length; the batch commands write millions of them. The instant lies in the calendars' supported range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int FormatIso(Span<byte> utf8, Instant instant)
    {
        var sinceEpoch = instant - NodaConstants.UnixEpoch;
        long days = sinceEpoch.Days;
        var nanoOfDay = sinceEpoch.NanosecondOfDay;
        if (nanoOfDay < 0)
        {
            // Duration truncates towards zero: before 1970 the day is one earlier and its nanoseconds positive.
            days--;
            nanoOfDay += NodaConstants.NanosecondsPerDay;
        }

        var (year, month, day) = CivilFromDays(days);
        var secondOfDay = (int)(nanoOfDay / NodaConstants.NanosecondsPerSecond);
        var fraction = nanoOfDay % NodaConstants.NanosecondsPerSecond;
        Pair(utf8, 0, year / 100);
        Pair(utf8, 2, year % 100);
        utf8[4] = (byte)'-';
        Pair(utf8, 5, month);
        utf8[7] = (byte)'-';
        Pair(utf8, 8, day);
        utf8[10] = (byte)'T';
        Pair(utf8, 11, secondOfDay / 3600);
        utf8[13] = (byte)':';
        Pair(utf8, 14, secondOfDay / 60 % 60);
        utf8[16] = (byte)':';
        Pair(utf8, 17, secondOfDay % 60);
        var length = 19;
        if (fraction != 0)
        {
            utf8[length++] = (byte)'.';
            for (var i = length + 8; i >= length; i--)
            {
                utf8[i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            length += 9;
            while (utf8[length - 1] == '0')
            {
                length--;
            }
        }

        utf8[length++] = (byte)'Z';
        return length;
    }

    private static ReadOnlySpan<byte> TwoDigits => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private static void Pair(Span<byte> utf8, int at, int value)
    {
        utf8[at] = TwoDigits[value * 2];
        utf8[at + 1] = TwoDigits[(value * 2) + 1];
    }

    private static readonly InstantPattern SecondsPattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");

    /// <summary>The instant in ISO-8601 UTC to the second, such as <c>2026-06-12T15:30:00Z</c>: the system clock's fraction of a second is noise to a reader.</summary>
    public static string FormatSeconds(Instant instant) => SecondsPattern.Format(instant);

    /// <summary>
    /// The instant for a person or a script reading a record: ISO-8601 UTC to the second, such as
    /// <c>2026-06-12T15:30:00Z</c>. Records carry the system clock's fraction of a second, which is noise to a reader;
    /// answers computed from input (<c>calendar due</c>) keep the input's precision with <see cref="FormatIso"/>.
    /// </summary>
    public static string Format(Instant instant) => FormatSeconds(instant);

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
