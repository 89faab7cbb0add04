using Itsm.Core.Calendars;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Calendars.CalendarFixtures;

namespace Itsm.Core.Tests.Calendars;

public sealed class BusinessCalendarTests
{
    private const string London = "Europe/London";

    [Fact]
    public void Add_TwoBusinessDaysOpenedBeforeMondayOpening_DueAtTuesdayClosing()
    {
        // Monday 2026-03-02, an 7.5 hour business day.
        var start = Local(London, "2026-03-02T07:00");
        var due = UkOffice.Add(start, Duration.FromMinutes(2 * 450));
        Assert.Equal(Local(London, "2026-03-03T17:30"), due);
    }

    [Fact]
    public void Add_Zero_ReturnsStartEvenOutsideWorkingTime()
    {
        var start = Local(London, "2026-03-07T03:00");
        Assert.Equal(start, UkOffice.Add(start, Duration.Zero));
    }

    [Fact]
    public void Add_EndingExactlyAtRangeEnd_ReturnsThatEnd()
    {
        var start = Local(London, "2026-03-02T09:00");
        Assert.Equal(Local(London, "2026-03-02T12:00"), UkOffice.Add(start, Duration.FromHours(3)));
    }

    [Fact]
    public void Add_JustPastRangeEnd_ContinuesAfterLunch()
    {
        var start = Local(London, "2026-03-02T09:00");
        Assert.Equal(Local(London, "2026-03-02T13:00") + Duration.FromSeconds(1), UkOffice.Add(start, Duration.FromHours(3) + Duration.FromSeconds(1)));
    }

    [Fact]
    public void Add_OverChristmas_SkipsHolidayAndWeekendAndHonoursOverride()
    {
        // Thursday 24th: 09:00-12:00 only; Friday 25th holiday; then the weekend.
        var start = Local(London, "2026-12-24T11:00");
        Assert.Equal(Local(London, "2026-12-28T10:00"), UkOffice.Add(start, Duration.FromHours(2)));
    }

    [Fact]
    public void Add_FromYear2100_Works()
    {
        var start = Local(London, "2100-06-01T09:00");
        var due = UkOffice.Add(start, Duration.FromHours(7.5 * 10));
        Assert.Equal(Local(London, "2100-06-14T17:30"), due);
    }

    [Fact]
    public void Add_NegativeDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.Add(Utc("2026-01-01T00:00:00Z"), Duration.FromSeconds(-1)));
    }

    [Fact]
    public void Add_BeyondSupportedRange_ThrowsInsteadOfLooping()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.Add(Utc("2149-12-01T00:00:00Z"), Duration.FromDays(365)));
    }

    [Fact]
    public void Add_InstantOutsideSupportedRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.Add(BusinessCalendar.MaxSupportedInstant, Duration.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.Add(BusinessCalendar.MinSupportedInstant - Duration.Epsilon, Duration.FromHours(1)));
    }

    [Fact]
    public void BusinessTimeBetween_WholeWeek_IsFiveDaysOfSevenAndAHalfHours()
    {
        var from = Local(London, "2026-03-02T00:00");
        var to = Local(London, "2026-03-09T00:00");
        Assert.Equal(Duration.FromMinutes(5 * 450), UkOffice.BusinessTimeBetween(from, to));
    }

    [Fact]
    public void BusinessTimeBetween_ReversedInstants_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.BusinessTimeBetween(Utc("2026-01-02T00:00:00Z"), Utc("2026-01-01T00:00:00Z")));
    }

    [Fact]
    public void IsWorkingTime_RangeIsHalfOpen()
    {
        Assert.True(UkOffice.IsWorkingTime(Local(London, "2026-03-02T09:00")));
        Assert.True(UkOffice.IsWorkingTime(Local(London, "2026-03-02T11:59")));
        Assert.False(UkOffice.IsWorkingTime(Local(London, "2026-03-02T12:00")));
        Assert.False(UkOffice.IsWorkingTime(Local(London, "2026-03-02T08:59")));
    }

    [Fact]
    public void NextWorkingInstant_OnFridayEvening_IsMondayOpening()
    {
        Assert.Equal(Local(London, "2026-03-09T09:00"), UkOffice.NextWorkingInstant(Local(London, "2026-03-06T17:30")));
    }

    [Fact]
    public void NextWorkingInstant_WhileWorking_IsTheInstantItself()
    {
        var instant = Local(London, "2026-03-02T10:00");
        Assert.Equal(instant, UkOffice.NextWorkingInstant(instant));
    }

    [Fact]
    public void MakeUpWorkingDay_OnSaturday_IsWorkingTime()
    {
        var calendar = Create("Asia/Shanghai", Weekdays("09:00-18:00"), [new LocalDate(2026, 10, 1)], new() { [new LocalDate(2026, 9, 26)] = Ranges("09:00-18:00") });
        Assert.True(calendar.IsWorkingTime(Local("Asia/Shanghai", "2026-09-26T10:00")));
        Assert.False(calendar.IsWorkingTime(Local("Asia/Shanghai", "2026-10-01T10:00")));
        Assert.False(calendar.IsWorkingTime(Local("Asia/Shanghai", "2026-09-27T10:00")));
    }

    [Fact]
    public void RangeEndingAt24_JoinsNextDaysMidnightRange()
    {
        var calendar = Create("UTC", EveryDay("22:00-24:00", "00:00-02:00"));
        var intervals = calendar.WorkingIntervals(Utc("2026-01-01T12:00:00Z"), Utc("2026-01-02T12:00:00Z"));
        Assert.Equal([new Interval(Utc("2026-01-01T22:00:00Z"), Utc("2026-01-02T02:00:00Z"))], intervals);
    }

    [Fact]
    public void TwentyFourSeven_BetweenEqualsWallClock()
    {
        var calendar = BusinessCalendar.TwentyFourSeven(DateTimeZoneProviders.Tzdb[London]);
        var from = Utc("2026-03-01T00:00:00Z");
        var to = Utc("2026-11-01T00:00:00Z");
        Assert.Equal(to - from, calendar.BusinessTimeBetween(from, to));
    }

    [Fact]
    public void TzdbVersion_NamesTheDatabase()
    {
        Assert.Equal(DateTimeZoneProviders.Tzdb.VersionId, UkOffice.TzdbVersion);
        Assert.StartsWith("TZDB", UkOffice.TzdbVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_FromManyThreadsWhileExtending_AgreeWithSequentialAnswers()
    {
        var starts = Enumerable.Range(0, 200).Select(i => Utc("2026-01-01T00:00:00Z") + Duration.FromDays(i * 173 % 9000)).ToArray();
        var expected = starts.Select(s => UkOffice.Add(s, Duration.FromHours(100))).ToArray();
        var fresh = BusinessCalendar.FromDefinition(UkOffice.Definition!);
        var actual = await Task.WhenAll(starts.Select(s => Task.Run(() => fresh.Add(s, Duration.FromHours(100)))));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Precompile_ThenQueriesInsideAndOutside_GiveTheSameAnswersAsLazyCompilation()
    {
        var eager = BusinessCalendar.FromDefinition(UkOffice.Definition!);
        eager.Precompile(Utc("2030-01-01T00:00:00Z"), Utc("2031-01-01T00:00:00Z"));
        foreach (var start in new[] { "2030-06-03T08:00:00Z", "2020-06-03T08:00:00Z", "2040-06-04T08:00:00Z" })
        {
            Assert.Equal(UkOffice.Add(Utc(start), Duration.FromHours(40)), eager.Add(Utc(start), Duration.FromHours(40)));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => eager.Precompile(Utc("2031-01-01T00:00:00Z"), Utc("2030-01-01T00:00:00Z")));
    }
}
