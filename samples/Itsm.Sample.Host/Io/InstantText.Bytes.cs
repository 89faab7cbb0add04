using System.Runtime.CompilerServices;
using System.Text;
using Itsm.Core.Calendars;
using NodaTime;

namespace Itsm.Sample.Host.Io;

/// <content>
/// Instants as UTF-8 bytes, for the batch commands' millions of fields: the fixed ISO-8601 layouts read by hand
/// (<see cref="ReadIso"/>), anything else by NodaTime's patterns; and UTC written by hand (<see cref="FormatIso"/>).
/// </content>
internal static partial class InstantText
{
    /// <summary>The longest text <see cref="FormatIso"/> writes: <c>yyyy-MM-ddTHH:mm:ss.fffffffffZ</c>.</summary>
    public const int IsoLength = 30;

    private const long SecondsPerDay = 86_400;

    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    private static ReadOnlySpan<byte> DaysInMonth => [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private static ReadOnlySpan<byte> TwoDigits => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>
    /// As <see cref="TryParse(string, out Instant)"/>, for UTF-8 fields: the fixed layouts <see cref="ReadIso"/> knows are
    /// read from the bytes, anything else (and anything out of range, for the same message) by NodaTime's patterns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? TryParse(ReadOnlySpan<byte> utf8, out Instant instant) =>
        ReadIso(utf8, out instant) == utf8.Length && IsSupported(instant) ? null : TryParse(Encoding.UTF8.GetString(utf8), out instant);

    /// <summary>True when <paramref name="instant"/> is in the calendars' supported range.</summary>
    public static bool IsSupported(Instant instant) => instant >= BusinessCalendar.MinSupportedInstant && instant < BusinessCalendar.MaxSupportedInstant;

    /// <summary>
    /// Reads an instant at the start of <paramref name="text"/> in one of the fixed layouts NodaTime's input patterns
    /// accept, <c>yyyy-MM-ddTHH:mm[:ss[.f{1,9}]]</c> then <c>Z</c> or <c>±HH:mm</c> (years 1000 to 2999, offsets under 18
    /// hours); answers the bytes read, or 0 when the text does not start with such a layout. Whatever it reads, NodaTime
    /// reads as the same instant; what it leaves (a comma for the fraction, <c>-00:00</c>, <c>+HH</c>, hour 24, ...) is
    /// NodaTime's to judge.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ReadIso(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;
        if (text.Length < 17 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':')
        {
            return 0;
        }

        int century = Two(text, 0), year = (century * 100) + Two(text, 2), month = Two(text, 5), day = Two(text, 8), hour = Two(text, 11), minute = Two(text, 14);
        if (century is < 10 or > 29 || year < century * 100 || month is < 1 or > 12 || day < 1 || (uint)hour > 23 || (uint)minute > 59
            || (day > DaysInMonth[month] && !(month == 2 && day == 29 && DateTime.IsLeapYear(year))))
        {
            return 0; // a negative part is a non-digit: Two answers -1 for it, so it is refused here too
        }

        var (second, nanos, at) = (0, 0L, 16);
        if (text[16] == ':')
        {
            if (text.Length < 20 || (uint)(second = Two(text, 17)) > 59)
            {
                return 0;
            }

            at = 19;
            if (text[at] == '.')
            {
                var (digits, fraction) = (0, 0L);
                for (at++; at < text.Length && digits < 10 && (uint)(text[at] - '0') <= 9; at++, digits++)
                {
                    fraction = (fraction * 10) + (text[at] - '0');
                }

                if (digits is 0 or > 9)
                {
                    return 0;
                }

                nanos = fraction * PowersOfTen[9 - digits];
            }
        }

        var offset = 0;
        if (at < text.Length && text[at] == 'Z')
        {
            at++;
        }
        else if (at + 6 <= text.Length && text[at] is (byte)'+' or (byte)'-' && text[at + 3] == ':'
            && (uint)Two(text, at + 1) <= 17 && (uint)Two(text, at + 4) <= 59 && (at + 6 == text.Length || text[at + 6] != ':'))
        {
            offset = (Two(text, at + 1) * 3600) + (Two(text, at + 4) * 60);
            if (text[at] == '-')
            {
                if (offset == 0)
                {
                    return 0;
                }

                offset = -offset;
            }

            at += 6;
        }
        else
        {
            return 0;
        }

        var seconds = (DaysFromCivil(year, month, day) * SecondsPerDay) + (hour * 3600L) + (minute * 60L) + second - offset;
        instant = Instant.FromUnixTimeSeconds(seconds);
        if (nanos != 0)
        {
            instant = instant.PlusNanoseconds(nanos);
        }

        return at;
    }

    /// <summary>The two decimal digits at <paramref name="at"/>, or -1 when either is not a digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Two(ReadOnlySpan<byte> text, int at)
    {
        uint tens = (uint)(text[at] - '0'), units = (uint)(text[at + 1] - '0');
        return tens <= 9 && units <= 9 ? (int)((tens * 10) + units) : -1;
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

    /// <summary>
    /// The proleptic Gregorian date <paramref name="days"/> after 1970-01-01, by Neri and Schneider's Euclidean affine
    /// functions ("Euclidean affine functions and their application to calendar algorithms", 2022, as in libstdc++'s
    /// <c>chrono</c>): 32-bit multiplications and shifts instead of Hinnant's 64-bit divisions, for the millions of answers
    /// a batch writes. Exact for several million years either side of 1970, far beyond the calendars' 1900 to 2150.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        unchecked
        {
            var r0 = (uint)days + 536_895_458u; // days since 1 March of year -1468000, a multiple of 400 years back
            var n1 = (4 * r0) + 3;
            var (centuries, r1) = (n1 / 146_097, n1 % 146_097 / 4);
            var p2 = 2_939_745UL * ((4 * r1) + 3);
            var (yearOfCentury, dayOfYear) = ((uint)(p2 >> 32), (uint)p2 / 2_939_745 / 4);
            var n3 = (2141 * dayOfYear) + 197_913;
            var (month, day) = (n3 >> 16, (n3 & 0xFFFF) / 2141);
            var january = dayOfYear >= 306 ? 1u : 0u; // January and February belong to the next year
            return ((int)((100 * centuries) + yearOfCentury + january - 1_468_000u), (int)(january != 0 ? month - 12 : month), (int)day + 1);
        }
    }

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

    private static void Pair(Span<byte> utf8, int at, int value)
    {
        utf8[at] = TwoDigits[value * 2];
        utf8[at + 1] = TwoDigits[(value * 2) + 1];
    }
}
