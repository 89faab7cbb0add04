using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Calendars.CalendarFixtures;

namespace Itsm.Core.Tests.Calendars;

public sealed class BusinessCalendarValidationTests
{
    [Fact]
    public void Create_UnknownZone_IsInvalidNamingTheZone()
    {
        var result = BusinessCalendar.Create("x", "Europe/Atlantis", Weekdays("09:00-17:00"));
        Assert.Equal(ResultStatus.Invalid, result.Status);
        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal("TimeZone", error.Identifier);
        Assert.Equal("calendar.zone.unknown", error.ErrorCode);
        Assert.Contains("Europe/Atlantis", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OverlappingRanges_IsInvalid()
    {
        var result = BusinessCalendar.Create("x", "UTC", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Monday] = Ranges("09:00-12:00", "11:00-17:00") });
        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal("Week.Monday", error.Identifier);
        Assert.Equal("calendar.range.overlap", error.ErrorCode);
    }

    [Fact]
    public void Create_TouchingRanges_IsValid()
    {
        var result = BusinessCalendar.Create("x", "UTC", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Monday] = Ranges("09:00-12:00", "12:00-17:00") });
        Assert.True(result.IsSuccess, result.Message);
    }

    [Fact]
    public void Create_DefaultRange_IsInvalidAsEmpty()
    {
        var result = BusinessCalendar.Create("x", "UTC", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Monday] = [default(WorkingRange)] });
        Assert.Contains(result.ValidationErrors, e => e.ErrorCode == "calendar.range.inverted" && e.Identifier == "Week.Monday[0]");
    }

    [Fact]
    public void Create_DateBothHolidayAndOverride_IsInvalid()
    {
        var date = new LocalDate(2026, 12, 24);
        var result = BusinessCalendar.Create("x", "UTC", Weekdays("09:00-17:00"), [date], new Dictionary<LocalDate, IReadOnlyList<WorkingRange>> { [date] = Ranges("09:00-12:00") });
        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal("calendar.date.conflict", error.ErrorCode);
        Assert.Equal("Days.2026-12-24", error.Identifier);
    }

    [Fact]
    public void Create_NoWeeklyWorkingTime_IsRejectedUpFront()
    {
        var result = BusinessCalendar.Create("x", "UTC", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>());
        Assert.Equal("calendar.no-working-time", Assert.Single(result.ValidationErrors).ErrorCode);
    }

    [Fact]
    public void Create_HolidayOutsideSupportedDates_IsInvalid()
    {
        var result = BusinessCalendar.Create("x", "UTC", Weekdays("09:00-17:00"), [new LocalDate(2200, 1, 1)]);
        Assert.Equal("calendar.date.range", Assert.Single(result.ValidationErrors).ErrorCode);
    }

    [Fact]
    public void Create_SeveralProblems_ReportsEach()
    {
        var result = BusinessCalendar.Create(" ", "Nowhere/Zone", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>());
        Assert.Equal(3, result.ValidationErrors.Count());
    }

    [Theory]
    [InlineData("09:00-17:30", "09:00-17:30")]
    [InlineData("00:00-24:00", "00:00-24:00")]
    [InlineData(" 08:15 - 12:00:30 ", "08:15-12:00:30")]
    public void WorkingRangeParse_ValidText_RoundTrips(string text, string expected)
    {
        Assert.Equal(expected, WorkingRange.Parse(text).Value.ToString());
    }

    [Theory]
    [InlineData("17:00-09:00", "calendar.range.inverted")]
    [InlineData("09:00-09:00", "calendar.range.inverted")]
    [InlineData("24:00-24:00", "calendar.range.format")]
    [InlineData("9-17", "calendar.range.format")]
    [InlineData("09:60-10:00", "calendar.range.format")]
    [InlineData("09:00", "calendar.range.format")]
    [InlineData(null, "calendar.range.format")]
    public void WorkingRangeParse_BadText_IsInvalid(string? text, string code)
    {
        var result = WorkingRange.Parse(text, "Week.Monday[0]");
        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("Week.Monday[0]", error.Identifier);
    }

    [Fact]
    public void WorkingRangeBetween_Inverted_Throws()
    {
        Assert.Throws<ArgumentException>(() => WorkingRange.Between(new LocalTime(10, 0), new LocalTime(9, 0)));
    }

    [Fact]
    public void Definition_RangesFor_AppliesHolidayThenOverrideThenWeek()
    {
        var definition = UkOffice.Definition!;
        Assert.Empty(definition.RangesFor(new LocalDate(2026, 12, 25)));
        Assert.Equal(Ranges("09:00-12:00"), definition.RangesFor(new LocalDate(2026, 12, 24)));
        Assert.Equal(Ranges("09:00-12:00", "13:00-17:30"), definition.RangesFor(new LocalDate(2026, 12, 23)));
        Assert.Empty(definition.RangesFor(new LocalDate(2026, 12, 26)));
    }
}

public sealed class BusinessCalendarAlgebraTests
{
    [Fact]
    public void Intersect_DisjointCalendars_IsInvalidInsteadOfNeverDue()
    {
        var mornings = Create("UTC", Weekdays("08:00-12:00"));
        var afternoons = Create("UTC", Weekdays("13:00-17:00"));
        var result = mornings.Intersect(afternoons);
        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("calendar.no-working-time", Assert.Single(result.ValidationErrors).ErrorCode);
    }

    [Fact]
    public void Intersect_CustomerHoursWithinProviderHoursAcrossZones_IsTheOverlap()
    {
        var london = Create("Europe/London", Weekdays("09:00-17:00"));
        var newYork = Create("America/New_York", Weekdays("09:00-17:00"));
        var overlap = london.Intersect(newYork).Value;

        // 2026-03-02 (winter): London 09-17 UTC, New York 14-22 UTC: three hours in common.
        var day = Utc("2026-03-02T00:00:00Z");
        Assert.Equal(Duration.FromHours(3), overlap.BusinessTimeBetween(day, day + Duration.FromDays(1)));
        Assert.Equal(Utc("2026-03-02T14:00:00Z"), overlap.NextWorkingInstant(day));
        Assert.Equal(london.TzdbVersion, overlap.TzdbVersion);
    }

    [Fact]
    public void Except_Blackout_RemovesItsHours()
    {
        var office = Create("UTC", Weekdays("09:00-17:00"));
        var blackout = Create("UTC", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Wednesday] = Ranges("12:00-24:00") });
        var open = office.Except(blackout).Value;
        var week = Utc("2026-03-02T00:00:00Z");
        Assert.Equal(Duration.FromHours(35), open.BusinessTimeBetween(week, week + Duration.FromDays(7)));
        Assert.False(open.IsWorkingTime(Utc("2026-03-04T13:00:00Z")));
    }

    [Fact]
    public void Union_FollowTheSun_CoversBothTeams()
    {
        var london = Create("Europe/London", Weekdays("09:00-17:00"));
        var sydney = Create("Australia/Sydney", Weekdays("09:00-17:00"));
        var both = london.Union(sydney).Value;
        Assert.True(both.IsWorkingTime(Utc("2026-03-03T00:00:00Z")));
        Assert.True(both.IsWorkingTime(Utc("2026-03-03T10:00:00Z")));
        Assert.Equal(Duration.FromHours(80), both.BusinessTimeBetween(Utc("2026-03-01T00:00:00Z"), Utc("2026-03-08T00:00:00Z")));
    }
}
