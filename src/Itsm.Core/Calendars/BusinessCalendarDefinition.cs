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
/// <para>
/// <b>History.</b> <see cref="Create"/> validates a definition not yet recorded (an empty <see cref="History"/>);
/// <see cref="Define"/> records it (<see cref="CalendarDefined"/>) and <see cref="Redefine"/> records a replacement
/// (<see cref="CalendarRedefined"/>), each taking its inputs, then the acting user, then the instant, refusing an
/// instant before the latest record (<c>calendar.time-order</c>) and appending exactly one event to a new definition.
/// <see cref="Restore"/> replays a stored history through them; a document stored before calendars kept history
/// restores with one synthesized <see cref="CalendarDefined"/> (see <see cref="UnrecordedHistory"/>).
/// </para>
/// <para>Immutable and thread-safe. A class, so there is no <c>default</c>.</para>
/// </remarks>
public sealed class BusinessCalendarDefinition
{
    /// <summary>Error code of a change at an instant before the calendar's latest record.</summary>
    public const string TimeOrderCode = "calendar.time-order";

    /// <summary>Error code of a stored calendar whose history does not replay to its definition.</summary>
    public const string HistoryCode = "calendar.history";

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
        ImmutableSortedDictionary<LocalDate, ImmutableArray<WorkingRange>> days,
        ImmutableList<CalendarEvent> history)
    {
        History = history;
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

    /// <summary>Everything recorded about the calendar, oldest first; empty for one <see cref="Create"/> gave and nobody has defined yet.</summary>
    public ImmutableList<CalendarEvent> History { get; }

    /// <summary>The definition as stored in the events: the snapshot without history.</summary>
    private BusinessCalendarSnapshot Content => new(Name, Zone.Id, Week, Holidays, Days);

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

        return new BusinessCalendarDefinition(name, zone!, zoneProvider.VersionId, weekRanges, holidaySet.ToImmutable(), dayMap.ToImmutable(), []);
    }

    /// <summary>
    /// Records this definition, as <see cref="Create"/> gave it, as defined by <paramref name="by"/> at <paramref name="at"/>
    /// (<see cref="CalendarDefined"/>); Conflict <c>calendar.already-defined</c> when it has a history already.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="by"/> is <c>default</c>.</exception>
    public Result<BusinessCalendarDefinition> Define(UserId by, Instant at)
    {
        Preconditions.CheckArgument(by.Value is not null, nameof(by), "The actor must be assigned.");
        return History.IsEmpty
            ? With([new CalendarDefined(at, by, Content)])
            : Failure.Conflict<BusinessCalendarDefinition>($"Calendar '{Name}' was defined already (by {History[0].By} at {History[0].At}); redefine it instead.", "calendar.already-defined");
    }

    /// <summary>
    /// Replaces the definition with <paramref name="replacement"/> (its own history is not looked at), recording
    /// <see cref="CalendarRedefined"/> by <paramref name="by"/> at <paramref name="at"/>.
    /// </summary>
    /// <returns>The redefined calendar; Conflict <c>calendar.not-defined</c> when this one was never defined, <c>calendar.time-order</c> when <paramref name="at"/> is before the latest record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="replacement"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is <c>default</c>.</exception>
    public Result<BusinessCalendarDefinition> Redefine(BusinessCalendarDefinition replacement, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(replacement);
        Preconditions.CheckArgument(by.Value is not null, nameof(by), "The actor must be assigned.");
        if (History.IsEmpty)
        {
            return Failure.Conflict<BusinessCalendarDefinition>($"Calendar '{Name}' is not defined yet; define it before redefining it.", "calendar.not-defined");
        }

        var last = History[^1].At;
        return at < last
            ? Failure.Conflict<BusinessCalendarDefinition>($"Cannot redefine calendar '{Name}' at {at}: its last change was at {last}, and history does not run backwards.", TimeOrderCode)
            : replacement.With(History.Add(new CalendarRedefined(at, by, replacement.Content)));
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

    /// <summary>Returns the snapshot to store: the definition and, once recorded, its history.</summary>
    public BusinessCalendarSnapshot ToSnapshot() => Content with { History = History.IsEmpty ? null : History };

    /// <summary>
    /// Restores a stored calendar against <paramref name="zoneProvider"/> (tzdb when null): its definition is validated
    /// as <see cref="Create"/> does, and its history replayed through <see cref="Define"/> and <see cref="Redefine"/> must
    /// end in that definition. A snapshot without history (an older store) restores with one synthesized
    /// <see cref="CalendarDefined"/> of its definition (see <see cref="UnrecordedHistory"/>).
    /// </summary>
    /// <returns>The calendar; or Invalid (<c>calendar.history</c>, <see cref="HistoryCode"/>, naming the calendar and the record; or the definition's own codes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<BusinessCalendarDefinition> Restore(BusinessCalendarSnapshot snapshot, IDateTimeZoneProvider? zoneProvider = null)
    {
        Preconditions.CheckNotNull(snapshot);
        var content = FromContent(snapshot, zoneProvider);
        if (!content.IsSuccess || snapshot.History is null || snapshot.History.IsEmpty)
        {
            return content.IsSuccess ? content.Value.Define(UnrecordedHistory.Actor, UnrecordedHistory.At) : content;
        }

        var replay = HistoryReplay.Apply<BusinessCalendarDefinition, CalendarEvent>(snapshot.History, $"Stored calendar '{snapshot.Name}'", HistoryCode, e => $"{e?.GetType().Name ?? "null"} by {e?.By} at {e?.At}", (i, e, sofar) => e switch
        {
            CalendarDefined d when i == 0 && d.Definition is not null && d.By.Value is not null => FromContent(d.Definition, zoneProvider).Bind(c => c.Define(d.By, d.At)),
            CalendarRedefined r when i > 0 && r.Definition is not null && r.By.Value is not null => FromContent(r.Definition, zoneProvider).Bind(c => sofar!.Redefine(c, r.By, r.At)),
            _ => Result<BusinessCalendarDefinition>.Invalid(Failure.Field("History", i == 0 ? "the first record must be the definition" : "only redefinitions follow the definition", HistoryCode)),
        });
        if (!replay.IsSuccess)
        {
            return replay;
        }

        var replayed = replay.Value;
        var name = $"Stored calendar '{snapshot.Name}'";
        return SameContent(replayed.Content, content.Value.Content)
            ? replayed
            : Result<BusinessCalendarDefinition>.Invalid(Failure.Field(nameof(BusinessCalendarSnapshot.History), $"{name}: its definition is not the one its last history record ({snapshot.History.Count - 1}) sets.", HistoryCode));
    }

    /// <summary>Restores a stored calendar as <see cref="Restore"/> does, for stores that hold only snapshots they wrote.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot does not hold a valid definition or history (for example, its zone is unknown to the provider).</exception>
    public static BusinessCalendarDefinition FromSnapshot(BusinessCalendarSnapshot snapshot, IDateTimeZoneProvider? zoneProvider = null)
    {
        var result = Restore(snapshot, zoneProvider);
        Preconditions.CheckArgument(result.IsSuccess, nameof(snapshot), $"The snapshot holds an invalid calendar: {result.Message}");
        return result.Value;
    }

    private static Result<BusinessCalendarDefinition> FromContent(BusinessCalendarSnapshot snapshot, IDateTimeZoneProvider? zoneProvider) =>
        Create(
            snapshot.Name ?? string.Empty,
            snapshot.ZoneId ?? string.Empty,
            (snapshot.Week ?? ImmutableSortedDictionary<IsoDayOfWeek, ImmutableArray<WorkingRange>>.Empty).ToDictionary(p => p.Key, p => (IReadOnlyList<WorkingRange>)p.Value),
            snapshot.Holidays,
            (snapshot.Days ?? ImmutableSortedDictionary<LocalDate, ImmutableArray<WorkingRange>>.Empty).ToDictionary(p => p.Key, p => (IReadOnlyList<WorkingRange>)p.Value),
            zoneProvider);

    private static bool SameContent(BusinessCalendarSnapshot a, BusinessCalendarSnapshot b) =>
        a.Name == b.Name && a.ZoneId == b.ZoneId && a.Holidays.SetEquals(b.Holidays)
        && a.Week.Count == b.Week.Count && a.Week.All(w => b.Week.TryGetValue(w.Key, out var r) && r.SequenceEqual(w.Value))
        && a.Days.Count == b.Days.Count && a.Days.All(d => b.Days.TryGetValue(d.Key, out var r) && r.SequenceEqual(d.Value));

    private BusinessCalendarDefinition With(ImmutableList<CalendarEvent> history) =>
        new(Name, Zone, TzdbVersion, week, Holidays, Days, history);

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
/// <param name="History">Everything recorded about the calendar, oldest first; null for a definition alone (inside an event, not yet recorded, or stored before calendars kept history).</param>
public sealed record BusinessCalendarSnapshot(
    string Name,
    string ZoneId,
    ImmutableSortedDictionary<IsoDayOfWeek, ImmutableArray<WorkingRange>> Week,
    ImmutableSortedSet<LocalDate> Holidays,
    ImmutableSortedDictionary<LocalDate, ImmutableArray<WorkingRange>> Days,
    ImmutableList<CalendarEvent>? History = null)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
