using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Calendars;

/// <summary>
/// The validated description of a business calendar: an IANA time zone, weekly working ranges per
/// weekday, holidays and per-date overrides. <see cref="BusinessCalendar"/> compiles it for queries.
/// </summary>
/// <remarks>
/// <para>
/// A date's working ranges are, in order of precedence: none when the date is a holiday; the
/// override's ranges when the date has one (an override on a weekend is a make-up working day; an
/// override with no ranges is a day off); otherwise the weekly ranges of its weekday. A weekday
/// missing from the week has no working time.
/// </para>
/// <para>
/// Validation (<see cref="Create"/>) rejects an unknown zone id, an empty or overlapping range,
/// a date that is both a holiday and an override, dates outside the supported years
/// (<see cref="BusinessCalendar.MinSupportedDate"/> to <see cref="BusinessCalendar.MaxSupportedDate"/>)
/// and a week without any working time: every working-time computation must terminate, and a
/// calendar whose only working time lies on finitely many dates would leave long targets
/// unreachable. Touching ranges (<c>09:00-12:00</c>, <c>12:00-13:00</c>) are allowed.
/// </para>
/// <para>Immutable and thread-safe. A class, so there is no <c>default</c>.</para>
/// </remarks>
public sealed class BusinessCalendarDefinition
{
    private static readonly IsoDayOfWeek[] Weekdays =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    private readonly ImmutableArray<WorkingRange>[] week;
    private readonly Dictionary<LocalDate, ImmutableArray<WorkingRange>> overrideLookup;
    private readonly HashSet<LocalDate> holidayLookup;

    private BusinessCalendarDefinition(
        string name,
        DateTimeZone zone,
        string tzdbVersion,
        ImmutableArray<WorkingRange>[] week,
        ImmutableSortedSet<LocalDate> holidays,
        ImmutableSortedDictionary<LocalDate, ImmutableArray<WorkingRange>> days)
    {
        Name = name;
        Zone = zone;
        TzdbVersion = tzdbVersion;
        this.week = week;
        Holidays = holidays;
        Days = days;
        overrideLookup = new Dictionary<LocalDate, ImmutableArray<WorkingRange>>(days);
        holidayLookup = [.. holidays];
    }

    /// <summary>A person's name for the calendar, such as <c>UK office hours</c>.</summary>
    public string Name { get; }

    /// <summary>The time zone whose local wall-clock readings the ranges are written in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The version of the time-zone database the zone came from, such as <c>TZDB: 2025b</c>.</summary>
    public string TzdbVersion { get; }

    /// <summary>Dates with no working time at all, ascending.</summary>
    public ImmutableSortedSet<LocalDate> Holidays { get; }

    /// <summary>Per-date overrides of the weekly pattern (each date's ranges sorted), ascending by date.</summary>
    public ImmutableSortedDictionary<LocalDate, ImmutableArray<WorkingRange>> Days { get; }

    /// <summary>
    /// Validates and creates a definition. Never throws for bad content: every problem comes back
    /// as a <see cref="ValidationError"/> naming the field (<c>TimeZone</c>, <c>Week.Monday[1]</c>,
    /// <c>Holidays[2]</c>, <c>Days.2026-12-24[0]</c>).
    /// </summary>
    /// <param name="name">A person's name for the calendar.</param>
    /// <param name="zoneId">An IANA zone id such as <c>Europe/London</c>.</param>
    /// <param name="week">Working ranges per weekday, in any order; a missing weekday has none.</param>
    /// <param name="holidays">Dates with no working time.</param>
    /// <param name="days">Per-date overrides of the weekly pattern.</param>
    /// <param name="zoneProvider">Where to look the zone up; <see cref="DateTimeZoneProviders.Tzdb"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="zoneId"/> or <paramref name="week"/> is null.</exception>
    public static Result<BusinessCalendarDefinition> Create(
        string name,
        string zoneId,
        IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> week,
        IEnumerable<LocalDate>? holidays = null,
        IReadOnlyDictionary<LocalDate, IReadOnlyList<WorkingRange>>? days = null,
        IDateTimeZoneProvider? zoneProvider = null)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckNotNull(zoneId);
        Preconditions.CheckNotNull(week);
        zoneProvider ??= DateTimeZoneProviders.Tzdb;
        var errors = new List<ValidationError>();

        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Failure.Field("Name", "A calendar needs a name.", "calendar.name.empty"));
        }

        var zone = zoneProvider.GetZoneOrNull(zoneId);
        if (zone is null)
        {
            errors.Add(Failure.Field("TimeZone", $"Unknown time zone id '{zoneId}' in {zoneProvider.VersionId}; use an IANA id such as Europe/London.", "calendar.zone.unknown"));
        }

        var weekRanges = new ImmutableArray<WorkingRange>[8];
        var hasWeeklyWork = false;
        foreach (var day in Weekdays)
        {
            var ranges = week.TryGetValue(day, out var given) ? given : [];
            weekRanges[(int)day] = CheckRanges(ranges, $"Week.{day}", errors);
            hasWeeklyWork |= weekRanges[(int)day].Length > 0;
        }

        foreach (var key in week.Keys)
        {
            if (key is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                errors.Add(Failure.Field("Week", $"'{key}' is not a day of the week.", "calendar.week.day"));
            }
        }

        var holidaySet = ImmutableSortedSet.CreateBuilder<LocalDate>();
        var index = 0;
        foreach (var date in holidays ?? [])
        {
            CheckDate(date, $"Holidays[{index}]", errors);
            holidaySet.Add(date);
            index++;
        }

        var dayMap = ImmutableSortedDictionary.CreateBuilder<LocalDate, ImmutableArray<WorkingRange>>();
        foreach (var (date, ranges) in days ?? ImmutableDictionary<LocalDate, IReadOnlyList<WorkingRange>>.Empty)
        {
            var field = $"Days.{date:yyyy-MM-dd}";
            CheckDate(date, field, errors);
            Preconditions.CheckNotNull(ranges, nameof(days));
            dayMap[date] = CheckRanges(ranges, field, errors);
            if (holidaySet.Contains(date))
            {
                errors.Add(Failure.Field(field, $"{date:yyyy-MM-dd} is both a holiday and a day with its own hours; keep one of them.", "calendar.date.conflict"));
            }
        }

        if (!hasWeeklyWork)
        {
            errors.Add(Failure.Field("Week", "The calendar has no weekly working time, so business time would never elapse after its last special day; give at least one weekday working hours (use 00:00-24:00 every day for 24x7).", "calendar.no-working-time"));
        }

        if (errors.Count > 0)
        {
            return Result<BusinessCalendarDefinition>.Invalid(errors);
        }

        return new BusinessCalendarDefinition(name, zone!, zoneProvider.VersionId, weekRanges, holidaySet.ToImmutable(), dayMap.ToImmutable());
    }

    /// <summary>The weekly working ranges of <paramref name="day"/>, sorted; empty when it has none.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> is not Monday to Sunday.</exception>
    public ImmutableArray<WorkingRange> RangesOn(IsoDayOfWeek day)
    {
        Preconditions.CheckArgumentRange((int)day, 1, 7, nameof(day));
        return week[(int)day];
    }

    /// <summary>
    /// The working ranges that apply on <paramref name="date"/> after holidays and overrides, sorted;
    /// empty on a day without working time.
    /// </summary>
    public ImmutableArray<WorkingRange> RangesFor(LocalDate date)
    {
        if (holidayLookup.Contains(date))
        {
            return [];
        }

        return overrideLookup.TryGetValue(date, out var ranges) ? ranges : week[(int)date.DayOfWeek];
    }

    /// <summary>The weekly working ranges of every weekday that has any, in weekday order.</summary>
    public ImmutableSortedDictionary<IsoDayOfWeek, ImmutableArray<WorkingRange>> Week =>
        Weekdays.Where(d => week[(int)d].Length > 0).ToImmutableSortedDictionary(d => d, d => week[(int)d]);

    /// <summary>Returns the snapshot to store.</summary>
    public BusinessCalendarSnapshot ToSnapshot() => new(Name, Zone.Id, Week, Holidays, Days);

    /// <summary>Restores a stored definition, re-validating it against <paramref name="zoneProvider"/> (tzdb when null).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot does not hold a valid definition (for example, its zone is unknown to the provider).</exception>
    public static BusinessCalendarDefinition FromSnapshot(BusinessCalendarSnapshot snapshot, IDateTimeZoneProvider? zoneProvider = null)
    {
        Preconditions.CheckNotNull(snapshot);
        var result = Create(
            snapshot.Name,
            snapshot.ZoneId,
            snapshot.Week.ToDictionary(p => p.Key, p => (IReadOnlyList<WorkingRange>)p.Value),
            snapshot.Holidays,
            snapshot.Days.ToDictionary(p => p.Key, p => (IReadOnlyList<WorkingRange>)p.Value),
            zoneProvider);
        Preconditions.CheckArgument(result.IsSuccess, nameof(snapshot), $"The snapshot holds an invalid calendar: {result.Message}");
        return result.Value;
    }

    private static void CheckDate(LocalDate date, string field, List<ValidationError> errors)
    {
        if (date < BusinessCalendar.MinSupportedDate || date > BusinessCalendar.MaxSupportedDate)
        {
            errors.Add(Failure.Field(field, $"{date:yyyy-MM-dd} is outside the supported dates {BusinessCalendar.MinSupportedDate:yyyy-MM-dd} to {BusinessCalendar.MaxSupportedDate:yyyy-MM-dd}.", "calendar.date.range"));
        }

        if (date.Calendar != CalendarSystem.Iso)
        {
            errors.Add(Failure.Field(field, $"{date} is not in the ISO calendar system.", "calendar.date.calendar"));
        }
    }

    private static ImmutableArray<WorkingRange> CheckRanges(IReadOnlyList<WorkingRange> ranges, string field, List<ValidationError> errors)
    {
        Preconditions.CheckNotNull(ranges, field);
        for (var i = 0; i < ranges.Count; i++)
        {
            if (ranges[i].EndNanosecondOfDay <= ranges[i].StartNanosecondOfDay)
            {
                errors.Add(Failure.Field($"{field}[{i}]", "The working range is empty; it must end after it starts.", "calendar.range.inverted"));
            }
        }

        var sorted = ranges.Order().ToImmutableArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].StartNanosecondOfDay < sorted[i - 1].EndNanosecondOfDay)
            {
                errors.Add(Failure.Field(field, $"The working ranges {sorted[i - 1]} and {sorted[i]} overlap.", "calendar.range.overlap"));
            }
        }

        return sorted;
    }
}

/// <summary>The stored form of a <see cref="BusinessCalendarDefinition"/>.</summary>
/// <param name="Name">A person's name for the calendar.</param>
/// <param name="ZoneId">The IANA zone id.</param>
/// <param name="Week">Working ranges per weekday (weekdays without work omitted).</param>
/// <param name="Holidays">Dates without working time.</param>
/// <param name="Days">Per-date overrides.</param>
public sealed record BusinessCalendarSnapshot(
    string Name,
    string ZoneId,
    ImmutableSortedDictionary<IsoDayOfWeek, ImmutableArray<WorkingRange>> Week,
    ImmutableSortedSet<LocalDate> Holidays,
    ImmutableSortedDictionary<LocalDate, ImmutableArray<WorkingRange>> Days)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
