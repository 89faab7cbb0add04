using Itsm.Core.Calendars;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Calendars.CalendarFixtures;

namespace Itsm.Core.Tests.Calendars;

/// <summary>
/// Conformance table: working time on the daylight-saving transition days of real zones. Each row
/// is a zone, a local date, a working range on that date, and the working time the range holds
/// (the instants whose local reading lies in it), taken from the zone's published transitions.
/// </summary>
public sealed class BusinessCalendarDstTests
{
    public static TheoryData<string, string, string, double> TransitionDays => new()
    {
        // Europe/London: 01:00 GMT -> 02:00 BST on 29 March 2026; 02:00 BST -> 01:00 GMT on 25 October 2026.
        { "Europe/London", "2026-03-29", "00:00-03:00", 2 },
        { "Europe/London", "2026-10-25", "00:00-03:00", 4 },
        { "Europe/London", "2026-03-29", "01:00-02:00", 0 },
        { "Europe/London", "2026-03-29", "01:30-02:30", 0.5 },
        { "Europe/London", "2026-10-25", "01:00-02:00", 2 },
        { "Europe/London", "2026-03-29", "00:00-24:00", 23 },
        { "Europe/London", "2026-10-25", "00:00-24:00", 25 },
        { "Europe/London", "2026-03-29", "09:00-17:00", 8 },

        // America/New_York: 02:00 -> 03:00 on 8 March 2026; 02:00 -> 01:00 on 1 November 2026.
        { "America/New_York", "2026-03-08", "00:00-24:00", 23 },
        { "America/New_York", "2026-11-01", "00:00-24:00", 25 },
        { "America/New_York", "2026-03-08", "02:00-03:00", 0 },
        { "America/New_York", "2026-11-01", "01:00-02:00", 2 },

        // America/Sao_Paulo: historic transitions at local midnight: 00:00 -> 01:00 on 4 Nov 2018,
        // and 00:00 -> 23:00 of the previous day on 17 Feb 2019 (so 16 Feb's 23:00-24:00 happens twice).
        { "America/Sao_Paulo", "2018-11-04", "00:00-24:00", 23 },
        { "America/Sao_Paulo", "2018-11-04", "00:00-01:00", 0 },
        { "America/Sao_Paulo", "2019-02-16", "00:00-24:00", 25 },
        { "America/Sao_Paulo", "2019-02-16", "23:00-24:00", 2 },
        { "America/Sao_Paulo", "2019-02-17", "00:00-24:00", 24 },

        // Australia/Lord_Howe: 30-minute DST. 02:00 -> 02:30 on 4 October 2026; 02:00 -> 01:30 on 5 April 2026.
        { "Australia/Lord_Howe", "2026-10-04", "00:00-24:00", 23.5 },
        { "Australia/Lord_Howe", "2026-04-05", "00:00-24:00", 24.5 },
        { "Australia/Lord_Howe", "2026-10-04", "02:00-03:00", 0.5 },
        { "Australia/Lord_Howe", "2026-04-05", "01:30-02:00", 1 },

        // Pacific/Apia skipped 30 December 2011 (UTC-10 -> UTC+14).
        { "Pacific/Apia", "2011-12-30", "00:00-24:00", 0 },
        { "Pacific/Apia", "2011-12-29", "00:00-24:00", 24 },
        { "Pacific/Apia", "2011-12-31", "00:00-24:00", 24 },

        // Europe/Dublin: negative DST (IST in summer is standard, GMT in winter is the -1h "saving"); wall clocks as London.
        { "Europe/Dublin", "2026-03-29", "00:00-24:00", 23 },
        { "Europe/Dublin", "2026-10-25", "00:00-24:00", 25 },
        { "Europe/Dublin", "2026-10-25", "01:00-02:00", 2 },

        // Asia/Shanghai: no DST since 1991; 1991-04-14 was the last spring forward (02:00 -> 03:00).
        { "Asia/Shanghai", "2026-03-29", "00:00-24:00", 24 },
        { "Asia/Shanghai", "1991-04-14", "00:00-24:00", 23 },
    };

    [Theory]
    [MemberData(nameof(TransitionDays))]
    public void BusinessTimeBetween_OnTransitionDay_CountsInstantsWhoseLocalReadingIsInRange(string zone, string date, string range, double hours)
    {
        // Every other day works 12:00-12:01; the window runs from just after the previous day's minute
        // to the start of the next day's, so only the transition day's range is measured.
        var day = NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value;
        var calendar = Create(zone, EveryDay("12:00-12:01"), days: new() { [day] = Ranges(range) });
        var tz = DateTimeZoneProviders.Tzdb[zone];
        var previous = day.PlusDays(-1);
        while (tz.AtLeniently(previous.At(new LocalTime(12, 1))).Date != previous)
        {
            previous = previous.PlusDays(-1); // a skipped day (Pacific/Apia 2011-12-30) has no working time anyway
        }

        var from = tz.AtLeniently(previous.At(new LocalTime(12, 1))).ToInstant();
        var to = tz.AtLeniently(day.PlusDays(1).At(new LocalTime(12, 0))).ToInstant();
        Assert.Equal(Duration.FromMinutes(hours * 60), calendar.BusinessTimeBetween(from, to));
    }

    [Fact]
    public void Add_AcrossSpringForward_UsesTwoHoursOfTheShortNight()
    {
        var calendar = Create("Europe/London", EveryDay("00:00-03:00"));
        var start = Local("Europe/London", "2026-03-29T00:00");
        Assert.Equal(Utc("2026-03-29T02:00:00Z"), calendar.Add(start, Duration.FromHours(2)));
        Assert.Equal(Local("Europe/London", "2026-03-30T00:00") + Duration.FromMinutes(1), calendar.Add(start, Duration.FromHours(2) + Duration.FromMinutes(1)));
    }

    [Fact]
    public void Add_AcrossFallBack_CountsTheRepeatedHourTwice()
    {
        var calendar = Create("Europe/London", EveryDay("00:00-03:00"));
        var start = Local("Europe/London", "2026-10-25T00:00");
        Assert.Equal(Utc("2026-10-25T03:00:00Z"), calendar.Add(start, Duration.FromHours(4)));
    }

    [Fact]
    public void IsWorkingTime_InsideRepeatedHour_BothOccurrencesWork()
    {
        var calendar = Create("Europe/London", EveryDay("01:15-01:45"));
        Assert.True(calendar.IsWorkingTime(Utc("2026-10-25T00:30:00Z")));
        Assert.True(calendar.IsWorkingTime(Utc("2026-10-25T01:30:00Z")));
        Assert.False(calendar.IsWorkingTime(Utc("2026-10-25T01:00:00Z")));
    }
}
