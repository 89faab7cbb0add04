using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.Calendars;
using NodaTime;

namespace Itsm.Core.Tests;

/// <summary>
/// Calendars that reach the hard cases: real zones with DST quirks, ranges on and around
/// transition times and midnight (including 24:00), holidays and overrides on the transition days
/// and next to the instants asked about, weekdays without work, and instants on transitions and on
/// range edges.
/// </summary>
internal static partial class Arbitraries
{
    private static readonly string[] Zones =
    [
        "Europe/London", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe",
        "Pacific/Apia", "Europe/Dublin", "Asia/Shanghai", "UTC",
    ];

    private static readonly Instant CalendarWindowStart = Instant.FromUtc(2010, 1, 1, 0, 0);
    private static readonly Instant CalendarWindowEnd = Instant.FromUtc(2020, 12, 31, 0, 0);

    /// <summary>Minutes of the day where DST transitions and day edges happen, and where offices open.</summary>
    private static readonly int[] EdgeMinutes = [0, 30, 60, 90, 120, 150, 180, 210, 540, 720, 1020, 1410, 1440];

    /// <summary>A calendar with instants, minute counts and durations to question it with.</summary>
    public static Arbitrary<CalendarCase> CalendarCases() =>
        (from spec in CalendarSpecGen
         from instants in Gen.ListOf(InstantNear(spec), 4)
         from minutes in Gen.ListOf(Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, (int)Math.Max(1, Math.Min(spec.WeeklyMinutes, 3000))))), 3)
         from durations in Gen.ListOf(DurationGen, 3)
         select new CalendarCase(spec, [.. instants], [.. minutes.Select(m => (long)m)], [.. durations])).ToArbitrary();

    private static Gen<(int Start, int End)[]> Ranges(int maxRanges) =>
        from count in Gen.Choose(0, maxRanges)
        from points in Gen.ListOf(Gen.Frequency((3, Gen.Elements(EdgeMinutes)), (4, Gen.Choose(0, 1440))), count * 2)
        select PairUp(points);

    private static Gen<CalendarSpec> CalendarSpecGen =>
        from zone in Gen.Elements(Zones)
        from anchor in TransitionAnchor(zone)
        from week in Gen.ListOf(Ranges(3), 7)
        from fallbackDay in Gen.Choose(1, 7)
        from holidayOffsets in Gen.ListOf(Gen.Choose(-3, 6))
        from dayOffsets in Gen.ListOf(Gen.Choose(-3, 6))
        from dayRanges in Gen.ListOf(Ranges(2), 10)
        select BuildCalendar(zone, anchor, week, fallbackDay, holidayOffsets, dayOffsets, dayRanges);

    /// <summary>Durations from zero to about a month, with sub-second parts sometimes.</summary>
    private static Gen<Duration> DurationGen =>
        Gen.Frequency(
            (1, Gen.Constant(Duration.Zero)),
            (4, Gen.Choose(1, 60 * 24 * 30).Select(m => Duration.FromMinutes(m))),
            (2, Gen.Choose(1, int.MaxValue).Select(n => Duration.FromNanoseconds(n * 997L))));

    /// <summary>A minute-aligned instant: on or near a transition, on a range edge, or anywhere near the anchor.</summary>
    private static Gen<Instant> InstantNear(CalendarSpec spec)
    {
        var zone = DateTimeZoneProviders.Tzdb[spec.Zone];
        var anchorDate = spec.Anchor.InZone(zone).Date;
        var edge =
            from dayOffset in Gen.Choose(-2, 4)
            from minute in Gen.Elements(spec.Week.Values.SelectMany(r => r).SelectMany(r => new[] { r.Start, r.End }).Concat(EdgeMinutes).ToArray())
            select zone.AtLeniently(anchorDate.PlusDays(dayOffset).AtMidnight()).ToInstant() + Duration.FromMinutes(minute);
        var near = Gen.Choose(-3 * 1440, 5 * 1440).Select(m => spec.Anchor + Duration.FromMinutes(m));
        var close = Gen.Choose(-240, 240).Select(m => spec.Anchor + Duration.FromMinutes(m));
        return Gen.Frequency((3, edge), (3, near), (2, close)).Select(FloorToMinute);
    }

    /// <summary>A transition of the zone in 2010-2020 (or a random instant when it has none), floored to the minute.</summary>
    private static Gen<Instant> TransitionAnchor(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var transitions = zone.GetZoneIntervals(CalendarWindowStart, CalendarWindowEnd).Where(i => i.HasStart && i.Start > CalendarWindowStart).Select(i => i.Start).ToArray();
        var random = Gen.Choose(0, (int)((CalendarWindowEnd - CalendarWindowStart).TotalMinutes)).Select(m => CalendarWindowStart + Duration.FromMinutes(m));
        return transitions.Length == 0 ? random : Gen.Frequency((4, Gen.Elements(transitions)), (1, random));
    }

    private static CalendarSpec BuildCalendar(string zone, Instant anchor, List<(int, int)[]> week, int fallbackDay, List<int> holidayOffsets, List<int> dayOffsets, List<(int, int)[]> dayRanges)
    {
        var weekMap = new Dictionary<IsoDayOfWeek, (int, int)[]>();
        for (var d = 0; d < 7; d++)
        {
            if (week[d].Length > 0)
            {
                weekMap[(IsoDayOfWeek)(d + 1)] = week[d];
            }
        }

        if (weekMap.Count == 0)
        {
            weekMap[(IsoDayOfWeek)fallbackDay] = [(540, 1020)];
        }

        var anchorDate = anchor.InZone(DateTimeZoneProviders.Tzdb[zone]).Date;
        var holidays = holidayOffsets.Take(3).Select(o => anchorDate.PlusDays(o)).ToHashSet();
        var days = new Dictionary<LocalDate, (int, int)[]>();
        for (var i = 0; i < Math.Min(3, dayOffsets.Count); i++)
        {
            var date = anchorDate.PlusDays(dayOffsets[i]);
            if (!holidays.Contains(date))
            {
                days[date] = dayRanges[i];
            }
        }

        return new CalendarSpec { Zone = zone, Week = weekMap, Holidays = holidays, Days = days, Anchor = anchor };
    }

    private static (int, int)[] PairUp(List<int> points)
    {
        var distinct = points.Distinct().Order().ToArray();
        var ranges = new List<(int, int)>();
        for (var i = 0; i + 1 < distinct.Length; i += 2)
        {
            ranges.Add((distinct[i], distinct[i + 1]));
        }

        return [.. ranges];
    }

    private static Instant FloorToMinute(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - (((ticks % NodaConstants.TicksPerMinute) + NodaConstants.TicksPerMinute) % NodaConstants.TicksPerMinute));
    }
}
