using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Calendars;

/// <summary>
/// A business calendar compiled for fast questions about working time: when is a business
/// duration due (<see cref="Add"/>), how much business time lies between two instants
/// (<see cref="BusinessTimeBetween"/>), is an instant working time, when is the next working instant.
/// </summary>
/// <remarks>
/// <para>
/// <b>What working time is.</b> Working time is the set of instants whose <i>local</i> wall-clock
/// reading, in the calendar's zone, lies in a working range of a working date. Across daylight
/// saving time this is what the office clock on the wall says: on a spring-forward day in
/// Europe/London the range <c>00:00-03:00</c> holds two hours (01:00-02:00 does not exist), on the
/// fall-back day it holds four (01:00-02:00 happens twice and both count); a range inside the gap
/// holds nothing; a date skipped by the zone (Pacific/Apia, 30 December 2011) has no working time.
/// A <see cref="WorkingRange"/> ending at <c>24:00</c> runs up to the next local midnight.
/// </para>
/// <para>
/// <b>How it is fast.</b> The calendar compiles into a timeline of working intervals (instants as
/// nanoseconds) with the cumulative working time before each and a per-day index, so locating an
/// instant takes a few comparisons and <see cref="Add"/> gallops forward over the cumulative times
/// (O(log distance)); no query loops over days, and none allocates. The timeline is compiled lazily around the first query and
/// extended in whole years, forward or backward, whenever a query needs more; extension is
/// thread-safe (a lock guards building, readers see an immutable published timeline).
/// </para>
/// <para>
/// <b>Supported range.</b> Instants from <see cref="MinSupportedInstant"/> (inclusive) to
/// <see cref="MaxSupportedInstant"/> (exclusive). Arguments outside it, negative durations and
/// results that would lie beyond it throw <see cref="ArgumentOutOfRangeException"/>; nothing loops
/// forever. All intervals are half-open, <c>[start, end)</c>.
/// </para>
/// <para>
/// <b>Reproducibility.</b> <see cref="TzdbVersion"/> names the time-zone database the calendar was
/// compiled with; a result computed today can be reproduced after a tzdb update by loading that version.
/// </para>
/// <para>A class: there is no <c>default</c>. All members are thread-safe.</para>
/// </remarks>
public sealed partial class BusinessCalendar
{
    /// <summary>The first date a calendar definition may name (holidays, overrides).</summary>
    public static readonly LocalDate MinSupportedDate = new(1900, 1, 1);

    /// <summary>The last date a calendar definition may name (holidays, overrides).</summary>
    public static readonly LocalDate MaxSupportedDate = new(2149, 12, 31);

    /// <summary>The earliest instant the calendar answers questions about (1900-01-01T00:00:00Z).</summary>
    public static readonly Instant MinSupportedInstant = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>The end (exclusive) of the instants the calendar answers questions about (2150-01-01T00:00:00Z).</summary>
    public static readonly Instant MaxSupportedInstant = Instant.FromUtc(2150, 1, 1, 0, 0);

    private const long NanosPerYear = 366 * TimelineMath.NanosPerDay;
    private static readonly Duration MaxSupportedDuration = MaxSupportedInstant - MinSupportedInstant;
    private static readonly long MinNanos = TimelineMath.ToNanos(MinSupportedInstant);
    private static readonly long MaxNanos = TimelineMath.ToNanos(MaxSupportedInstant);

    private static readonly int[] ProbeYears = [.. Enumerable.Range(2025, 15), .. Enumerable.Range(2000, 25).Reverse()];

    private readonly WorkingTimeSource source;
    private readonly Lock gate = new();
    private volatile WorkingTimeline? timeline;

    private BusinessCalendar(string name, DateTimeZone zone, string tzdbVersion, BusinessCalendarDefinition? definition, WorkingTimeSource source)
    {
        Name = name;
        Zone = zone;
        TzdbVersion = tzdbVersion;
        Definition = definition;
        this.source = source;
    }

    /// <summary>A person's name for the calendar.</summary>
    public string Name { get; }

    /// <summary>
    /// The zone whose local readings define working time; for a calendar made by algebra
    /// (<see cref="Intersect"/>, <see cref="Union"/>, <see cref="Except"/>) the left operand's zone,
    /// used only to display local times.
    /// </summary>
    public DateTimeZone Zone { get; }

    /// <summary>The time-zone database version the calendar was compiled with, such as <c>TZDB: 2025b</c>
    /// (both versions joined by <c>+</c> when the operands of algebra used different ones).</summary>
    public string TzdbVersion { get; }

    /// <summary>The definition this calendar was compiled from, or null for a calendar made by algebra.</summary>
    public BusinessCalendarDefinition? Definition { get; }

    /// <summary>Compiles a validated definition. Compilation itself is lazy, on the first query.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static BusinessCalendar FromDefinition(BusinessCalendarDefinition definition)
    {
        Preconditions.CheckNotNull(definition);
        return new BusinessCalendar(definition.Name, definition.Zone, definition.TzdbVersion, definition, new DefinitionSource(definition));
    }

    /// <summary>
    /// Validates a definition (see <see cref="BusinessCalendarDefinition.Create"/>) and compiles it.
    /// Bad content gives <see cref="ResultStatus.Invalid"/> with one error per problem.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="zoneId"/> or <paramref name="week"/> is null.</exception>
    public static Result<BusinessCalendar> Create(
        string name,
        string zoneId,
        IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> week,
        IEnumerable<LocalDate>? holidays = null,
        IReadOnlyDictionary<LocalDate, IReadOnlyList<WorkingRange>>? days = null,
        IDateTimeZoneProvider? zoneProvider = null)
    {
        var definition = BusinessCalendarDefinition.Create(name, zoneId, week, holidays, days, zoneProvider);
        return definition.IsSuccess ? FromDefinition(definition.Value) : definition.AsFailure<BusinessCalendar>();
    }

    /// <summary>A calendar where every instant is working time (24x7), with <paramref name="zone"/> for display.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="zone"/> is not a zone of <see cref="DateTimeZoneProviders.Tzdb"/>.</exception>
    public static BusinessCalendar TwentyFourSeven(DateTimeZone zone)
    {
        Preconditions.CheckNotNull(zone);
        Preconditions.CheckArgument(DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id) is not null, nameof(zone), $"'{zone.Id}' is not a tzdb zone.");
        IReadOnlyList<WorkingRange> day = [WorkingRange.WholeDay];
        var week = Enumerable.Range(1, 7).ToDictionary(d => (IsoDayOfWeek)d, _ => day);
        return FromDefinition(BusinessCalendarDefinition.Create("24x7", zone.Id, week).Value);
    }

    /// <summary>
    /// The earliest instant by which <paramref name="businessDuration"/> of working time has elapsed
    /// since <paramref name="start"/>. <c>Add(s, Duration.Zero) == s</c>; when the duration runs out
    /// exactly at the end of a working range the result is that end, not the next opening; from a
    /// non-working instant counting starts at the next opening.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the supported
    /// range, <paramref name="businessDuration"/> is negative, or the result would lie beyond
    /// <see cref="MaxSupportedInstant"/>.</exception>
    public Instant Add(Instant start, Duration businessDuration) =>
        TryAdd(start, businessDuration, out var due)
            ? due
            : throw new ArgumentOutOfRangeException(nameof(businessDuration), businessDuration, $"Adding {businessDuration} of business time to {start} goes beyond {MaxSupportedInstant}.");

    /// <summary>
    /// <see cref="Add"/> for a caller that must not fault at the calendar's horizon: false (and
    /// <paramref name="due"/> is <see cref="MaxSupportedInstant"/>) when the duration does not elapse
    /// before <see cref="MaxSupportedInstant"/>, so that an SLA clock can refuse a target it cannot
    /// place (<c>sla.beyond-horizon</c>) instead of throwing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the supported
    /// range, or <paramref name="businessDuration"/> is negative.</exception>
    public bool TryAdd(Instant start, Duration businessDuration, out Instant due)
    {
        CheckInstant(start, nameof(start));
        if (businessDuration < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(businessDuration), businessDuration, "The business duration must be zero or positive.");
        }

        due = MaxSupportedInstant;
        if (businessDuration >= MaxSupportedDuration)
        {
            return false;
        }

        if (businessDuration == Duration.Zero)
        {
            due = start;
            return true;
        }

        var s = TimelineMath.ToNanos(start);
        var work = businessDuration.ToInt64Nanoseconds();
        var current = Ensure(s, s);
        while (true)
        {
            var before = current.WorkBefore(s, out var index);
            if (work <= current.Total - before)
            {
                due = TimelineMath.ToInstant(current.InstantAtWork(before + work, index));
                return true;
            }

            if (current.To >= MaxNanos)
            {
                return false;
            }

            current = Ensure(s, Math.Min(MaxNanos - 1, current.To + Math.Max(NanosPerYear, current.To - current.From)));
        }
    }

    /// <summary>The working time in <c>[from, to)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the supported range, or
    /// <paramref name="to"/> is before <paramref name="from"/>.</exception>
    public Duration BusinessTimeBetween(Instant from, Instant to)
    {
        var (a, b) = CheckRange(from, to);
        var current = Ensure(a, b);
        return Duration.FromNanoseconds(current.WorkBefore(b) - current.WorkBefore(a));
    }

    /// <summary>True when <paramref name="instant"/> is working time (working intervals are half-open: a range's end is not working).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range.</exception>
    public bool IsWorkingTime(Instant instant)
    {
        CheckInstant(instant, nameof(instant));
        var t = TimelineMath.ToNanos(instant);
        return Ensure(t, t).IsWorking(t);
    }

    /// <summary>The earliest working instant at or after <paramref name="instant"/> (the instant itself when it is working time).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported
    /// range, or there is no working time between it and <see cref="MaxSupportedInstant"/>.</exception>
    public Instant NextWorkingInstant(Instant instant) =>
        TryNextWorkingInstant(instant, out var next)
            ? next
            : throw new ArgumentOutOfRangeException(nameof(instant), instant, $"There is no working time after {instant} before {MaxSupportedInstant}.");

    /// <summary>
    /// <see cref="NextWorkingInstant"/> for a caller that must not fault at the calendar's horizon:
    /// false (and <paramref name="next"/> is <see cref="MaxSupportedInstant"/>) when there is no
    /// working time between <paramref name="instant"/> and <see cref="MaxSupportedInstant"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range.</exception>
    public bool TryNextWorkingInstant(Instant instant, out Instant next)
    {
        CheckInstant(instant, nameof(instant));
        next = MaxSupportedInstant;
        var t = TimelineMath.ToNanos(instant);
        var current = Ensure(t, t);
        while (true)
        {
            var i = current.LastStartingAtOrBefore(t);
            if (i >= 0 && current.Ends[i] > t)
            {
                next = instant;
                return true;
            }

            if (i + 1 < current.Count)
            {
                next = TimelineMath.ToInstant(current.Starts[i + 1]);
                return true;
            }

            if (current.To >= MaxNanos)
            {
                return false;
            }

            current = Ensure(t, Math.Min(MaxNanos - 1, current.To + NanosPerYear));
        }
    }

    /// <summary>
    /// Compiles the timeline eagerly so that it covers <c>[from, to)</c>, for example at start-up so
    /// that no query pays for compilation. Queries outside still extend it lazily.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the supported range, or <paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public void Precompile(Instant from, Instant to)
    {
        CheckInstant(from, nameof(from));
        CheckInstant(to, nameof(to));
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end {to} is not after the start {from}.");
        }

        var a = TimelineMath.ToNanos(from);
        var b = TimelineMath.ToNanos(to);
        var current = timeline;
        if (current is null || !current.Covers(a, b - 1))
        {
            Extend(a, b - 1, exact: true);
        }
    }

    /// <summary>
    /// The working intervals overlapping <c>[from, to)</c>, cut to it, in order. Touching ranges
    /// (including a range ending at 24:00 and the next day's range starting at 00:00) are merged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the supported range, or <paramref name="to"/> is before <paramref name="from"/>.</exception>
    public IReadOnlyList<Interval> WorkingIntervals(Instant from, Instant to)
    {
        var (a, b) = CheckRange(from, to);
        var intervals = new List<WorkingInterval>();
        if (b > a)
        {
            CopyIntervals(a, b, intervals);
        }

        return [.. intervals.Select(i => new Interval(TimelineMath.ToInstant(i.Start), TimelineMath.ToInstant(i.End)))];
    }

    /// <summary>
    /// The working time common to both calendars (customer hours within provider hours).
    /// Invalid when the result has no working time in any of the probe years 2000 to 2039, because such a
    /// calendar could never make a target due.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Result<BusinessCalendar> Intersect(BusinessCalendar other) => Combine(other, CalendarOperation.Intersection, "and");

    /// <summary>The working time of either calendar (follow-the-sun teams).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Result<BusinessCalendar> Union(BusinessCalendar other) => Combine(other, CalendarOperation.Union, "or");

    /// <summary>
    /// This calendar's working time minus <paramref name="other"/>'s (working hours minus a blackout).
    /// Invalid when nothing is left in any of the probe years 2000 to 2039.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Result<BusinessCalendar> Except(BusinessCalendar other) => Combine(other, CalendarOperation.Difference, "except");

    /// <summary>Returns the name, zone and tzdb version.</summary>
    public override string ToString() => $"{Name} ({Zone.Id}, {TzdbVersion})";

    private Result<BusinessCalendar> Combine(BusinessCalendar other, CalendarOperation operation, string word)
    {
        Preconditions.CheckNotNull(other);
        var version = TzdbVersion == other.TzdbVersion ? TzdbVersion : $"{TzdbVersion}+{other.TzdbVersion}";
        var combined = new BusinessCalendar($"({Name}) {word} ({other.Name})", Zone, version, null, new CombinedSource(this, other, operation));
        // Probe year by year so that the usual case (work in the first year) compiles little.
        var hasWork = false;
        foreach (var year in ProbeYears)
        {
            hasWork = hasWork || combined.BusinessTimeBetween(Instant.FromUtc(year, 1, 1, 0, 0), Instant.FromUtc(year + 1, 1, 1, 0, 0)) > Duration.Zero;
        }

        if (!hasWork)
        {
            return Result<BusinessCalendar>.Invalid(Failure.Field(string.Empty, $"The calendar {combined.Name} has no working time between 2000 and 2040, so no target could ever become due.", "calendar.no-working-time"));
        }

        return combined;
    }
}
