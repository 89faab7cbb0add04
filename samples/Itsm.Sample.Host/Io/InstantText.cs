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
internal static partial class InstantText
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
