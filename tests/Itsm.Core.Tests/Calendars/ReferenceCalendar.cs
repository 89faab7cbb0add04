using NodaTime;

namespace Itsm.Core.Tests.Calendars;

/// <summary>
/// A slow, obviously correct business calendar: it walks the instant line minute by minute and asks,
/// for each minute, whether its local wall-clock reading lies in a working range of its local date.
/// Exact for calendars whose range boundaries are whole minutes in zones whose offsets are whole
/// minutes (every zone and year the tests use), because then every minute is wholly in or out.
/// </summary>
internal sealed class ReferenceCalendar(CalendarSpec spec)
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private readonly DateTimeZone zone = DateTimeZoneProviders.Tzdb[spec.Zone];

    public bool IsWorking(Instant instant)
    {
        var local = instant.InZone(zone).LocalDateTime;
        var minute = (local.Hour * 60) + local.Minute;
        foreach (var (start, end) in spec.RangesFor(local.Date))
        {
            if (minute >= start && minute < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Working time in [from, to) for minute-aligned instants.</summary>
    public Duration Between(Instant from, Instant to)
    {
        var minutes = 0L;
        for (var t = from; t < to; t += Minute)
        {
            if (IsWorking(t))
            {
                minutes++;
            }
        }

        return Duration.FromMinutes(minutes);
    }

    /// <summary>The end of the minute in which the <paramref name="minutes"/>-th working minute after <paramref name="start"/> falls.</summary>
    public Instant Add(Instant start, long minutes)
    {
        if (minutes == 0)
        {
            return start;
        }

        var counted = 0L;
        for (var t = start; ; t += Minute)
        {
            if (IsWorking(t) && ++counted == minutes)
            {
                return t + Minute;
            }
        }
    }

    public Instant NextWorking(Instant start)
    {
        var t = start;
        while (!IsWorking(t))
        {
            t += Minute;
        }

        return t;
    }
}
