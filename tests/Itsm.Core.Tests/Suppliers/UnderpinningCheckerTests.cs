using Itsm.Core.Calendars;
using Itsm.Core.Suppliers;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Calendars.CalendarFixtures;

namespace Itsm.Core.Tests.Suppliers;

/// <summary>The underpinning checker on hand-made chains whose answer a person can work out.</summary>
public sealed partial class UnderpinningCheckerTests
{
    private static readonly Interval Year2027 = new(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2028, 1, 1, 0, 0));

    /// <summary>London office hours 09:00-17:00 Monday to Friday.</summary>
    private static BusinessCalendar Office(params LocalDate[] holidays) => Create("Europe/London", Weekdays("09:00-17:00"), holidays);

    [Fact]
    public void Check_SameCalendarShorterTarget_Underpins()
    {
        var chain = UnderpinningChain.Create(Office(), Duration.FromHours(8), Duration.FromMinutes(30), Office(), Duration.FromHours(7) + Duration.FromMinutes(30)).Value;

        var report = UnderpinningChecker.Check(chain, Year2027).Value;

        Assert.True(report.Underpins);
        Assert.Null(report.FirstFailure);
        Assert.Empty(report.FailingIntervals);
    }

    [Fact]
    public void Check_SupplierBankHoliday_FailsFromTheSecondAfterTheDeadlineFallsOnIt()
    {
        // The supplier does not work on Monday 3 May 2027 (a bank holiday); the SLA's calendar does.
        // With 8h SLA, 30m hand-off and 7h30m UC on the same hours, a start on Friday 30 April is due on
        // Monday for the SLA but only on Tuesday for the supplier, from 09:00:01 on Friday: a start at
        // 09:00:00 exactly is due at Friday 17:00 for both.
        var sla = Office();
        var uc = Office(new LocalDate(2027, 5, 3));
        var chain = UnderpinningChain.Create(sla, Duration.FromHours(8), Duration.FromMinutes(30), uc, Duration.FromHours(7) + Duration.FromMinutes(30)).Value;

        var report = UnderpinningChecker.Check(chain, Year2027).Value;

        Assert.False(report.Underpins);
        var fridayNine = Local("Europe/London", "2027-04-30T09:00");
        Assert.Equal(fridayNine + Duration.FromSeconds(1), report.FirstFailure!.Start);
        Assert.True(UnderpinningCase.ShortfallAt(chain, fridayNine) <= Duration.Zero);
        var run = Assert.Single(report.FailingIntervals);
        // Monday's starts hand off on Monday but the supplier counts only from Tuesday 09:00; from
        // 16:30 on Monday the hand-off reaches Monday's closing time and both are due on Tuesday alike.
        Assert.Equal(fridayNine + Duration.FromSeconds(1), run.First);
        Assert.Equal(Local("Europe/London", "2027-05-03T16:30") - Duration.FromSeconds(1), run.Last);
        Assert.Equal(Duration.FromHours(24), report.WorstShortfall!.Shortfall);
        Assert.Equal(fridayNine + Duration.FromSeconds(1), report.WorstShortfall.Start);
    }

    [Fact]
    public void Check_AcrossTheSpringForwardInAnotherZone_MatchesAdd()
    {
        // SLA 24x7 in New York, supplier 09:00-17:00 in London, over the weeks in which the US has
        // already sprung forward and the UK not yet.
        var sla = BusinessCalendar.TwentyFourSeven(DateTimeZoneProviders.Tzdb["America/New_York"]);
        var uc = Create("Europe/London", EveryDay("09:00-17:00"));
        var chain = UnderpinningChain.Create(sla, Duration.FromHours(24), Duration.FromHours(1), uc, Duration.FromHours(8)).Value;
        var period = new Interval(Instant.FromUtc(2027, 3, 10, 0, 0), Instant.FromUtc(2027, 4, 2, 0, 0));

        var report = UnderpinningChecker.Check(chain, period).Value;

        Assert.False(report.Underpins);
        foreach (var run in report.FailingIntervals)
        {
            Assert.True(UnderpinningCase.ShortfallAt(chain, run.First) > Duration.Zero);
            Assert.True(UnderpinningCase.ShortfallAt(chain, run.First - Duration.FromSeconds(1)) <= Duration.Zero || run.First == period.Start);
        }
    }

    [Fact]
    public void Check_PeriodWithoutEnd_IsInvalid()
    {
        var chain = UnderpinningChain.Create(Office(), Duration.FromHours(8), Duration.Zero, Office(), Duration.FromHours(4)).Value;

        var result = UnderpinningChecker.Check(chain, new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), null));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("supplier.underpin.period", result.ValidationErrors.Single().ErrorCode);
    }

    [Fact]
    public void Check_DeadlinesBeyondTheHorizon_IsInvalid()
    {
        var chain = UnderpinningChain.Create(Office(), Duration.FromHours(80), Duration.Zero, Office(), Duration.FromHours(4)).Value;

        var result = UnderpinningChecker.Check(chain, new Interval(Instant.FromUtc(2149, 12, 20, 0, 0), Instant.FromUtc(2149, 12, 31, 0, 0)));

        Assert.Equal("supplier.underpin.beyond-horizon", result.ValidationErrors.Single().ErrorCode);
    }

    [Fact]
    public void Create_NegativeDurations_AreInvalidPerField()
    {
        var result = UnderpinningChain.Create(Office(), Duration.FromHours(-1), Duration.FromHours(-1), Office(), Duration.FromHours(-1));

        Assert.Equal(["SlaTarget", "Handoff", "UcTarget"], result.ValidationErrors.Select(e => e.Identifier));
        Assert.All(result.ValidationErrors, e => Assert.Equal("supplier.underpin.duration", e.ErrorCode));
    }
}
