using Itsm.Core.Calendars;
using NodaTime;

namespace Itsm.Core.Tests.Calendars;

/// <summary>Calendars and helpers shared by the calendar tests.</summary>
internal static class CalendarFixtures
{
    public static IReadOnlyList<WorkingRange> Ranges(params string[] texts) => texts.Select(t => WorkingRange.Parse(t).Value).ToArray();

    public static Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> Weekdays(params string[] ranges) => new()
    {
        [IsoDayOfWeek.Monday] = Ranges(ranges),
        [IsoDayOfWeek.Tuesday] = Ranges(ranges),
        [IsoDayOfWeek.Wednesday] = Ranges(ranges),
        [IsoDayOfWeek.Thursday] = Ranges(ranges),
        [IsoDayOfWeek.Friday] = Ranges(ranges),
    };

    public static Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> EveryDay(params string[] ranges) =>
        Enumerable.Range(1, 7).ToDictionary(d => (IsoDayOfWeek)d, _ => Ranges(ranges));

    /// <summary>Europe/London, Monday to Friday 09:00-12:00 and 13:00-17:30, Christmas 2026 off, Christmas Eve mornings only.</summary>
    public static BusinessCalendar UkOffice { get; } = BusinessCalendar.Create(
        "UK office hours",
        "Europe/London",
        Weekdays("09:00-12:00", "13:00-17:30"),
        [new LocalDate(2026, 12, 25)],
        new Dictionary<LocalDate, IReadOnlyList<WorkingRange>> { [new LocalDate(2026, 12, 24)] = Ranges("09:00-12:00") }).Value;

    public static BusinessCalendar Create(string zone, Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> week, LocalDate[]? holidays = null, Dictionary<LocalDate, IReadOnlyList<WorkingRange>>? days = null)
    {
        var result = BusinessCalendar.Create("test", zone, week, holidays, days);
        Xunit.Assert.True(result.IsSuccess, result.Message);
        return result.Value;
    }

    /// <summary>The instant at which <paramref name="local"/> (written yyyy-MM-ddTHH:mm) occurs in <paramref name="zone"/>; the earlier one when ambiguous.</summary>
    public static Instant Local(string zone, string local)
    {
        var value = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(local).Value;
        return DateTimeZoneProviders.Tzdb[zone].AtLeniently(value).ToInstant();
    }

    public static Instant Utc(string text) => NodaTime.Text.InstantPattern.General.Parse(text).Value;
}
