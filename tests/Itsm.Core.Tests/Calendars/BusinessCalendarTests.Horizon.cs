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
}
