using System.Globalization;
using System.Text;
using Itsm.Core.Calendars;
using NodaTime;

namespace Itsm.Core.Tests.Calendars;

/// <summary>A generated calendar in raw form (minutes of the day), independent of the types under test.</summary>
public sealed class CalendarSpec
{
    public required string Zone { get; init; }

    public required Dictionary<IsoDayOfWeek, (int Start, int End)[]> Week { get; init; }

    public required HashSet<LocalDate> Holidays { get; init; }

    public required Dictionary<LocalDate, (int Start, int End)[]> Days { get; init; }

    /// <summary>An instant near which the interesting things (transitions, holidays) happen.</summary>
    public required Instant Anchor { get; init; }

    public IEnumerable<(int Start, int End)> RangesFor(LocalDate date) =>
        Holidays.Contains(date) ? [] : Days.TryGetValue(date, out var ranges) ? ranges : Week.TryGetValue(date.DayOfWeek, out var weekly) ? weekly : [];

    public long WeeklyMinutes => Week.Values.SelectMany(r => r).Sum(r => (long)(r.End - r.Start));

    public BusinessCalendar Compile()
    {
        var result = BusinessCalendar.Create(
            "generated",
            Zone,
            Week.ToDictionary(p => p.Key, p => (IReadOnlyList<WorkingRange>)p.Value.Select(ToRange).ToArray()),
            Holidays,
            Days.ToDictionary(p => p.Key, p => (IReadOnlyList<WorkingRange>)p.Value.Select(ToRange).ToArray()));
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Generated an invalid calendar: {result.Message}\n{this}");
        }

        return result.Value;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Zone} anchor {Anchor}; week ");
        foreach (var (day, ranges) in Week.OrderBy(p => p.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"{day}:[{Format(ranges)}] ");
        }

        text.Append(CultureInfo.InvariantCulture, $"; holidays [{string.Join(",", Holidays.Order())}]; days ");
        foreach (var (date, ranges) in Days.OrderBy(p => p.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"{date}:[{Format(ranges)}] ");
        }

        return text.ToString();
    }

    private static string Format((int Start, int End)[] ranges) => string.Join(",", ranges.Select(r => $"{r.Start / 60:00}:{r.Start % 60:00}-{r.End / 60:00}:{r.End % 60:00}"));

    private static WorkingRange ToRange((int Start, int End) range) =>
        range.End == 1440 ? WorkingRange.ToEndOfDay(LocalTime.FromMinutesSinceMidnight(range.Start)) : WorkingRange.Between(LocalTime.FromMinutesSinceMidnight(range.Start), LocalTime.FromMinutesSinceMidnight(range.End));
}

/// <summary>A generated calendar with instants and durations to question it with.</summary>
public sealed record CalendarCase(CalendarSpec Spec, Instant[] Instants, long[] Minutes, Duration[] Durations)
{
    private BusinessCalendar? calendar;

    public BusinessCalendar Calendar => calendar ??= Spec.Compile();

    public override string ToString() =>
        $"{Spec}\n instants [{string.Join(", ", Instants)}]\n minutes [{string.Join(", ", Minutes)}]\n durations [{string.Join(", ", Durations)}]";
}
