using Itsm.Core.Calendars;
using NodaTime;

namespace Itsm.Core.Benchmarks.Calendars;

/// <summary>
/// The benchmark calendar of the issue: Europe/London, two ranges a day Monday to Friday
/// (09:00-12:30, 13:30-17:30), ten holidays a year, with query starts spread over five years.
/// Built once per process.
/// </summary>
internal static class CalendarBenchmarkFixture
{
    public const int StartCount = 4096;

    public static readonly BusinessCalendarDefinition Definition = CreateDefinition();

    public static readonly Instant[] Starts = CreateStarts();

    public static readonly Instant FirstYear = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static Duration BusinessDays(double days) => Duration.FromMinutes(days * 450);

    private static BusinessCalendarDefinition CreateDefinition()
    {
        IReadOnlyList<WorkingRange> day = [WorkingRange.Parse("09:00-12:30").Value, WorkingRange.Parse("13:30-17:30").Value];
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>
        {
            [IsoDayOfWeek.Monday] = day,
            [IsoDayOfWeek.Tuesday] = day,
            [IsoDayOfWeek.Wednesday] = day,
            [IsoDayOfWeek.Thursday] = day,
            [IsoDayOfWeek.Friday] = day,
        };
        var holidays = new List<LocalDate>();
        for (var year = 2024; year <= 2040; year++)
        {
            foreach (var (month, dayOfMonth) in new[] { (1, 1), (3, 20), (4, 2), (5, 4), (5, 25), (7, 14), (8, 31), (11, 11), (12, 25), (12, 28) })
            {
                holidays.Add(new LocalDate(year, month, dayOfMonth));
            }
        }

        return BusinessCalendarDefinition.Create("benchmark", "Europe/London", week, holidays).Value;
    }

    private static Instant[] CreateStarts()
    {
        var random = new Random(20261122);
        var span = Duration.FromDays(5 * 365).TotalMinutes;
        return [.. Enumerable.Range(0, StartCount).Select(_ => FirstYear + Duration.FromMinutes(random.Next(0, (int)span)))];
    }
}
