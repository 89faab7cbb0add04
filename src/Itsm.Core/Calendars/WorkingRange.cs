using System.Globalization;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Calendars;

/// <summary>
/// A half-open range of local wall-clock time within one day, <c>[Start, End)</c>, during which
/// work happens, such as <c>09:00-17:30</c>. The end may be the end of the day, written <c>24:00</c>.
/// </summary>
/// <remarks>
/// <para>
/// A range is a reading of the local clock, not a length of time: on a daylight-saving day the
/// instants whose local reading falls in the range may add up to more or less than
/// <see cref="End"/> minus <see cref="Start"/> (see <see cref="BusinessCalendar"/>).
/// </para>
/// <para>
/// Immutable and thread-safe. Every value is valid: <see cref="Start"/> is strictly before the end.
/// <c>default</c> is not a valid range (it is empty, <c>00:00-00:00</c>); the calendar rejects it.
/// </para>
/// </remarks>
public readonly struct WorkingRange : IEquatable<WorkingRange>, IComparable<WorkingRange>
{
    /// <summary>Nanoseconds in one day: the end of a range that lasts to midnight.</summary>
    internal const long NanosecondsPerDay = 86_400_000_000_000L;

    private WorkingRange(long startNanoOfDay, long endNanoOfDay)
    {
        StartNanosecondOfDay = startNanoOfDay;
        EndNanosecondOfDay = endNanoOfDay;
    }

    /// <summary>A range covering the whole day, <c>00:00-24:00</c>.</summary>
    public static WorkingRange WholeDay { get; } = new(0, NanosecondsPerDay);

    /// <summary>The first local time of the range (inclusive).</summary>
    public LocalTime Start => LocalTime.FromTicksSinceMidnight(StartNanosecondOfDay / 100);

    /// <summary>
    /// The local time at which the range ends (exclusive); <see cref="LocalTime.Midnight"/> when the
    /// range lasts to the end of the day (see <see cref="EndsAtEndOfDay"/>).
    /// </summary>
    public LocalTime End => EndsAtEndOfDay ? LocalTime.Midnight : LocalTime.FromTicksSinceMidnight(EndNanosecondOfDay / 100);

    /// <summary>True when the range lasts to the end of the day (<c>24:00</c>).</summary>
    public bool EndsAtEndOfDay => EndNanosecondOfDay == NanosecondsPerDay;

    /// <summary>The nominal length of the range on a day without a time-zone transition.</summary>
    public Duration NominalLength => Duration.FromNanoseconds(EndNanosecondOfDay - StartNanosecondOfDay);

    /// <summary>The start as nanoseconds since local midnight.</summary>
    internal long StartNanosecondOfDay { get; }

    /// <summary>The end as nanoseconds since local midnight; <see cref="NanosecondsPerDay"/> for <c>24:00</c>.</summary>
    internal long EndNanosecondOfDay { get; }

    /// <summary>Creates a range ending before midnight.</summary>
    /// <param name="start">The first local time of the range.</param>
    /// <param name="end">The end (exclusive); must be after <paramref name="start"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public static WorkingRange Between(LocalTime start, LocalTime end)
    {
        Preconditions.CheckArgument(end > start, nameof(end), $"A working range must end after it starts, but {start:HH:mm:ss} is not before {end:HH:mm:ss}.");
        return new WorkingRange(start.NanosecondOfDay, end.NanosecondOfDay);
    }

    /// <summary>Creates a range from <paramref name="start"/> to the end of the day (<c>24:00</c>).</summary>
    public static WorkingRange ToEndOfDay(LocalTime start) => new(start.NanosecondOfDay, NanosecondsPerDay);

    /// <summary>
    /// Parses <c>HH:mm-HH:mm</c> (seconds optional, <c>HH:mm:ss</c>), where the end may be
    /// <c>24:00</c>. Untrusted text never throws: a malformed or inverted range gives
    /// <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.
    /// </summary>
    /// <param name="text">The text to parse, such as <c>09:00-17:30</c>.</param>
    /// <param name="field">The name of the input field, used in errors.</param>
    public static Result<WorkingRange> Parse(string? text, string field = "range")
    {
        ArgumentNullException.ThrowIfNull(field);
        var dash = text?.IndexOf('-') ?? -1;
        if (text is null || dash < 0)
        {
            return Result<WorkingRange>.Invalid(Failure.Field(field, $"'{text}' is not a working range; expected HH:mm-HH:mm such as 09:00-17:30.", "calendar.range.format"));
        }

        if (!TryParseTime(text.AsSpan(0, dash).Trim(), allowEndOfDay: false, out var start)
            || !TryParseTime(text.AsSpan(dash + 1).Trim(), allowEndOfDay: true, out var end))
        {
            return Result<WorkingRange>.Invalid(Failure.Field(field, $"'{text}' is not a working range; expected HH:mm-HH:mm (00:00 to 24:00) such as 09:00-17:30.", "calendar.range.format"));
        }

        if (end <= start)
        {
            return Result<WorkingRange>.Invalid(Failure.Field(field, $"The working range '{text}' is inverted or empty: it must end after it starts.", "calendar.range.inverted"));
        }

        return new WorkingRange(start, end);
    }

    /// <summary>True when the local time of day <paramref name="nanoOfDay"/> lies in the range.</summary>
    internal bool Contains(long nanoOfDay) => nanoOfDay >= StartNanosecondOfDay && nanoOfDay < EndNanosecondOfDay;

    /// <inheritdoc />
    public bool Equals(WorkingRange other) => StartNanosecondOfDay == other.StartNanosecondOfDay && EndNanosecondOfDay == other.EndNanosecondOfDay;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WorkingRange other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StartNanosecondOfDay, EndNanosecondOfDay);

    /// <summary>Orders by start, then by end.</summary>
    public int CompareTo(WorkingRange other)
    {
        var byStart = StartNanosecondOfDay.CompareTo(other.StartNanosecondOfDay);
        return byStart != 0 ? byStart : EndNanosecondOfDay.CompareTo(other.EndNanosecondOfDay);
    }

    /// <summary>Equality of ranges.</summary>
    public static bool operator ==(WorkingRange left, WorkingRange right) => left.Equals(right);

    /// <summary>Inequality of ranges.</summary>
    public static bool operator !=(WorkingRange left, WorkingRange right) => !left.Equals(right);

    /// <summary>Returns the range as <c>HH:mm-HH:mm</c> (with seconds when needed), the format <see cref="Parse"/> reads.</summary>
    public override string ToString() => $"{Format(StartNanosecondOfDay)}-{Format(EndNanosecondOfDay)}";

    private static string Format(long nanoOfDay)
    {
        var seconds = nanoOfDay / 1_000_000_000L;
        var text = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}");
        return seconds % 60 == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}:{seconds % 60:00}");
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, bool allowEndOfDay, out long nanoOfDay)
    {
        nanoOfDay = 0;
        if (text.Length != 5 && text.Length != 8)
        {
            return false;
        }

        if (text[2] != ':' || (text.Length == 8 && text[5] != ':'))
        {
            return false;
        }

        if (!TwoDigits(text[0..2], out var hours) || !TwoDigits(text[3..5], out var minutes))
        {
            return false;
        }

        var seconds = 0;
        if (text.Length == 8 && !TwoDigits(text[6..8], out seconds))
        {
            return false;
        }

        if (minutes > 59 || seconds > 59 || hours > 24 || (hours == 24 && (minutes != 0 || seconds != 0 || !allowEndOfDay)))
        {
            return false;
        }

        nanoOfDay = ((hours * 3600L) + (minutes * 60L) + seconds) * 1_000_000_000L;
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (!char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]))
        {
            return false;
        }

        value = ((text[0] - '0') * 10) + (text[1] - '0');
        return true;
    }
}
