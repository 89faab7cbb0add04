using Itsm.Core.Calendars;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Application.Tests.Readme;

/// <summary>
/// The README's code examples, compiled and run. <see cref="ReadmeTests"/> checks that the README
/// shows exactly the code between the snippet markers.
/// </summary>
public class ReadmeExamples
{
    [Fact]
    public void Calendar_DueAcrossChristmasHolidays()
    {
        // snippet: calendar
        var officeHours = new[]
        {
            WorkingRange.Between(new LocalTime(9, 0), new LocalTime(12, 0)),
            WorkingRange.Between(new LocalTime(13, 0), new LocalTime(17, 30)),
        };
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var created = BusinessCalendar.Create(
            "uk-office-hours",
            "Europe/London",
            weekdays.ToDictionary(day => day, _ => (IReadOnlyList<WorkingRange>)officeHours),
            holidays: [new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 28)]);
        if (!created.IsSuccess)
        {
            throw new InvalidOperationException(created.Message); // e.g. "TimeZone: Unknown time zone id ..."
        }

        var calendar = created.Value;
        var opened = Instant.FromUtc(2026, 12, 24, 16, 0);               // Thursday 16:00 in London
        var due = calendar.Add(opened, Duration.FromHours(8));           // Tuesday 29 December, 16:30
        var elapsed = calendar.BusinessTimeBetween(opened, due);         // exactly 8 hours, by law

        var clock = SlaClock.Start(SlaMetric.Resolution, opened, Duration.FromHours(8)).Value
            .Pause(Instant.FromUtc(2026, 12, 29, 10, 0), "awaiting customer").Value  // pauses add nothing
            .Resume(Instant.FromUtc(2026, 12, 29, 14, 0)).Value;
        var status = clock.Evaluate(Instant.FromUtc(2026, 12, 29, 17, 0), calendar);
        // status.State == Running, status.Elapsed == 5h30m, status.Due == Wednesday 30 December 11:00
        // end snippet

        Assert.Equal(Instant.FromUtc(2026, 12, 29, 16, 30), due);
        Assert.Equal(Duration.FromHours(8), elapsed);
        Assert.Equal(SlaClockState.Running, status.State);
        Assert.Equal(Duration.FromMinutes(330), status.Elapsed);
        Assert.Equal(Instant.FromUtc(2026, 12, 30, 11, 0), status.Due);
    }
}
