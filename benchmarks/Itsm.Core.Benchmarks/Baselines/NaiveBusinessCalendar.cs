using Itsm.Core.Calendars;
using NodaTime;

namespace Itsm.Core.Benchmarks.Baselines;

/// <summary>
/// The way typical ITSM tools compute business time: walk the calendar day by day from the start,
/// turn each day's working ranges into instants, and subtract their lengths until the duration is
/// used up. Honest: it uses the same definition, maps local times through the same zone, skips
/// non-working days immediately, and allocates nothing per day; it is simply linear in the number
/// of days spanned.
/// </summary>
public sealed class NaiveBusinessCalendar(BusinessCalendarDefinition definition)
{
    private readonly DateTimeZone zone = definition.Zone;

    /// <summary>The earliest instant by which <paramref name="duration"/> of working time has elapsed.</summary>
    public Instant Add(Instant start, Duration duration)
    {
        if (duration == Duration.Zero)
        {
            return start;
        }

        var remaining = duration;
        for (var date = start.InZone(zone).Date; ; date = date.PlusDays(1))
        {
            foreach (var range in definition.RangesFor(date))
            {
                var (rangeStart, rangeEnd) = ToInstants(date, range);
                if (rangeEnd <= start)
                {
                    continue;
                }

                if (rangeStart < start)
                {
                    rangeStart = start;
                }

                var length = rangeEnd - rangeStart;
                if (length >= remaining)
                {
                    return rangeStart + remaining;
                }

                remaining -= length;
            }
        }
    }

    /// <summary>The working time in <c>[from, to)</c>.</summary>
    public Duration BusinessTimeBetween(Instant from, Instant to)
    {
        var total = Duration.Zero;
        var last = to.InZone(zone).Date;
        for (var date = from.InZone(zone).Date; date <= last; date = date.PlusDays(1))
        {
            foreach (var range in definition.RangesFor(date))
            {
                var (rangeStart, rangeEnd) = ToInstants(date, range);
                var start = rangeStart < from ? from : rangeStart;
                var end = rangeEnd > to ? to : rangeEnd;
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    private (Instant Start, Instant End) ToInstants(LocalDate date, WorkingRange range)
    {
        var start = zone.AtLeniently(date + range.Start).ToInstant();
        var end = range.EndsAtEndOfDay ? zone.AtStartOfDay(date.PlusDays(1)).ToInstant() : zone.AtLeniently(date + range.End).ToInstant();
        return (start, end);
    }
}
