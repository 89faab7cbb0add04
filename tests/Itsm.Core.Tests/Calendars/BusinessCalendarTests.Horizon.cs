using Itsm.Core.Calendars;
using NodaTime;

namespace Itsm.Core.Tests.Calendars;

/// <summary>The calendar's horizon: the Try forms answer false beyond it instead of throwing.</summary>
public sealed class BusinessCalendarHorizonTests
{
    private static BusinessCalendar Office()
    {
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        return BusinessCalendar.Create("office", "Europe/London", weekdays.ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;
    }

    [Fact]
    public void TryAdd_WithinTheRange_GivesWhatAddGives()
    {
        var start = Instant.FromUtc(2026, 3, 2, 9, 0); // Monday

        Assert.True(Office().TryAdd(start, Duration.FromHours(10), out var due));
        Assert.Equal(Instant.FromUtc(2026, 3, 3, 11, 0), due);
        Assert.Equal(due, Office().Add(start, Duration.FromHours(10)));
    }

    [Fact]
    public void TryAdd_PastTheHorizon_IsFalse_AndAddThrows()
    {
        var start = Instant.FromUtc(2149, 12, 30, 9, 0);

        Assert.False(Office().TryAdd(start, Duration.FromHours(40), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Office().Add(start, Duration.FromHours(40)));
    }

    [Fact]
    public void TryNextWorkingInstant_AfterTheLastWorkingDay_IsFalse()
    {
        Assert.False(Office().TryNextWorkingInstant(Instant.FromUtc(2149, 12, 31, 18, 0), out _));
        Assert.True(Office().TryNextWorkingInstant(Instant.FromUtc(2026, 3, 2, 8, 0), out var next));
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 9, 0), next);
    }

    [Fact]
    public void TryAdd_OnAFreshCalendarIn2147_FindsTheWorkingDay()
    {
        // Reported with the random-request test: a fresh London calendar found no working time after 2116,
        // because zone interval edges were clamped at long.MaxValue / 2 nanoseconds (about 2116).
        Assert.True(Office().TryAdd(Instant.FromUtc(2147, 6, 5, 9, 0), Duration.FromHours(1), out var due)); // Monday, BST
        Assert.Equal(Instant.FromUtc(2147, 6, 5, 10, 0), due);
        Assert.True(Office().TryAdd(Instant.FromUtc(2149, 12, 1, 9, 0), Duration.FromHours(1), out var december)); // Monday, GMT
        Assert.Equal(Instant.FromUtc(2149, 12, 1, 10, 0), december);
    }

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    [InlineData("Pacific/Apia")]
    [InlineData("Asia/Kolkata")]
    public void EveryYearToTheHorizon_AFreshCalendarAgreesWithAWarmOne(string zone)
    {
        var everyDay = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))]);
        var warm = BusinessCalendar.Create("every day", zone, everyDay).Value;
        warm.BusinessTimeBetween(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 2, 0, 0));
        for (var year = 1901; year < 2150; year++)
        {
            var from = Instant.FromUtc(year, 6, 10, 0, 0);
            var to = from + Duration.FromDays(3);
            var fresh = BusinessCalendar.Create("every day", zone, everyDay).Value;
            var freshTime = fresh.BusinessTimeBetween(from, to);
            Assert.True(freshTime >= Duration.FromHours(16), $"{zone} {year}: a fresh calendar finds {freshTime} of work in three days of June");
            Assert.Equal(warm.BusinessTimeBetween(from, to), freshTime);
        }
    }
}
