using FsCheck.Xunit;
using Itsm.Core.Suppliers;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Suppliers;

/// <summary>Contract date arithmetic: the month-end rule, renewal dates, notice deadlines, billing dates, refusals.</summary>
public sealed class ContractTermTests
{
    private static ContractTerm Monthly(LocalDate start, Periodicity? notice = null) =>
        ContractTerm.Create(start, Periodicity.FromMonths(1), RenewalKind.Automatic, Periodicity.FromMonths(1), notice).Value;

    [Theory]
    [InlineData(2027, "2027-02-28")]
    [InlineData(2028, "2028-02-29")]
    public void RenewalDates_StartOn31January_RenewsOnTheLastDayOfFebruaryThenOnThe31st(int year, string february)
    {
        var term = Monthly(new LocalDate(year, 1, 31));

        var dates = term.RenewalDates(new LocalDate(year, 6, 30));

        Assert.Equal([february, $"{year}-03-31", $"{year}-04-30", $"{year}-05-31", $"{year}-06-30"], dates.Select(d => d.ToString("yyyy-MM-dd", null)));
    }

    [Fact]
    public void RenewalDates_YearlyFrom29February_AreThe28thAndThe29thInLeapYears()
    {
        var term = ContractTerm.Create(new LocalDate(2028, 2, 29), Periodicity.FromYears(1), RenewalKind.Automatic, Periodicity.FromYears(1)).Value;

        Assert.Equal([new LocalDate(2029, 2, 28), new LocalDate(2030, 2, 28), new LocalDate(2031, 2, 28), new LocalDate(2032, 2, 29)], term.RenewalDates(new LocalDate(2032, 12, 31)));
    }

    [Fact]
    public void NoticeDeadline_ThreeMonthsBeforeA31DecemberLastDay_Is30September()
    {
        var term = ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromYears(1), RenewalKind.Automatic, Periodicity.FromYears(1), Periodicity.FromMonths(3)).Value;

        Assert.Equal(new LocalDate(2027, 9, 30), term.NoticeDeadline(0));
        Assert.Equal(new LocalDate(2028, 9, 30), term.NextNoticeDeadline(new LocalDate(2027, 10, 1)));
        Assert.Equal(new LocalDate(2027, 9, 30), term.NextNoticeDeadline(new LocalDate(2027, 9, 30)));
    }

    [Fact]
    public void NoRenewal_HasOneTermAndNoRenewalDates()
    {
        var term = ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromYears(2), RenewalKind.None, notice: Periodicity.FromMonths(1)).Value;

        Assert.Empty(term.RenewalDates(new LocalDate(2040, 1, 1)));
        Assert.Equal(new LocalDate(2029, 1, 1), term.EndOfTerm(0));
        Assert.Null(term.EndOfTerm(1));
        Assert.Equal(0, term.TermIndexOn(new LocalDate(2028, 12, 31)));
        Assert.Null(term.TermIndexOn(new LocalDate(2029, 1, 1)));
        Assert.Null(term.NextNoticeDeadline(new LocalDate(2028, 12, 1)));
    }

    [Fact]
    public void OpenEnded_HasNoEndNoRenewalAndNoDeadline()
    {
        var term = ContractTerm.Create(new LocalDate(2027, 1, 1), null, RenewalKind.None).Value;

        Assert.True(term.IsOpenEnded);
        Assert.Null(term.EndOfTerm(0));
        Assert.Null(term.NextNoticeDeadline(new LocalDate(2027, 6, 1)));
        Assert.Equal(0, term.TermIndexOn(new LocalDate(2999, 12, 31)));
    }

    [Fact]
    public void Create_OpenEndedWithRenewal_IsInvalid()
    {
        var result = ContractTerm.Create(new LocalDate(2027, 1, 1), null, RenewalKind.Automatic, Periodicity.FromMonths(1));

        Assert.Equal("supplier.term.renewal", result.ValidationErrors.Single().ErrorCode);
    }

    [Fact]
    public void Create_RenewingWithoutAPeriod_OrStartOutOfRange_IsInvalid()
    {
        Assert.Equal("supplier.term.renewal", ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromYears(1), RenewalKind.Explicit).ValidationErrors.Single().ErrorCode);
        Assert.Equal("supplier.term.start", ContractTerm.Create(new LocalDate(3000, 1, 1), Periodicity.FromYears(1), RenewalKind.None).ValidationErrors.Single().ErrorCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Periodicity_ZeroOrNegative_IsRefusedAtConstruction(int count)
    {
        foreach (var unit in Enum.GetValues<PeriodicityUnit>())
        {
            Assert.Equal("supplier.periodicity.range", Periodicity.Create(count, unit).ValidationErrors.Single().ErrorCode);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Periodicity.FromMonths(count));
        Assert.Throws<ArgumentOutOfRangeException>(() => Periodicity.FromDays(count));
    }

    [Fact]
    public void Periodicity_Default_IsOneMonth()
    {
        Assert.Equal(Periodicity.FromMonths(1), default);
        Assert.Equal("1 month", default(Periodicity).ToString());
    }

    [Fact]
    public void Computations_OnTheLongestSpans_Terminate()
    {
        var daily = ContractTerm.Create(ContractTerm.MinSupportedDate, Periodicity.FromDays(1), RenewalKind.Automatic, Periodicity.FromDays(1), Periodicity.FromYears(100)).Value;

        Assert.Equal(ContractTerm.MaxSupportedDate, daily.RenewalDates(ContractTerm.MaxSupportedDate)[^1]);
        Assert.NotNull(daily.NextNoticeDeadline(ContractTerm.MaxSupportedDate));
        Assert.NotNull(daily.TermIndexOn(ContractTerm.MaxSupportedDate));
        var century = ContractTerm.Create(ContractTerm.MaxSupportedDate, Periodicity.FromYears(100), RenewalKind.Automatic, Periodicity.FromYears(100)).Value;
        Assert.Equal([], century.RenewalDates(ContractTerm.MaxSupportedDate));
        Assert.Equal(new LocalDate(3999, 12, 31), century.EndOfTerm(9));
        Assert.Null(century.EndOfTerm(10));
    }

    [Fact]
    public void BillingSchedule_MonthlyFrom31January_FollowsTheMonthEndRule()
    {
        var billing = new BillingSchedule(new LocalDate(2027, 1, 31), Periodicity.FromMonths(1));

        Assert.Equal([new LocalDate(2027, 2, 28), new LocalDate(2027, 3, 31)], billing.Between(new LocalDate(2027, 2, 1), new LocalDate(2027, 4, 29)));
        Assert.Equal(new LocalDate(2027, 4, 30), billing.NextOnOrAfter(new LocalDate(2027, 4, 1)));
        Assert.Equal(new LocalDate(2027, 1, 31), billing.NextOnOrAfter(new LocalDate(2020, 1, 1)));
    }

    [Property]
    public bool RenewalDates_StrictlyIncrease_AndAreTheTermEnds(ContractCase c)
    {
        var dates = c.Term.RenewalDates(c.Date);
        return dates.Zip(dates.Skip(1)).All(p => p.First < p.Second)
            && dates.Select((d, k) => c.Term.EndOfTerm(k) == d).All(x => x)
            && dates.All(d => d <= c.Date && d > c.Term.Start);
    }

    [Property]
    public bool NoticeDeadline_IsNeverAfterTheTermsLastDay(ContractCase c) =>
        Enumerable.Range(0, 30).All(k => c.Term.EndOfTerm(k) is not { } end || c.Term.NoticeDeadline(k) <= end.PlusDays(-1));

    [Property]
    public bool TermIndexOn_NamesTheTermThatContainsTheDate(ContractCase c)
    {
        var index = c.Term.TermIndexOn(c.Date);
        if (index is not { } k)
        {
            return c.Date < c.Term.Start || (c.Term.Renewal == RenewalKind.None && c.Term.EndOfTerm(0) <= c.Date);
        }

        return c.Term.StartOfTerm(k) <= c.Date && (c.Term.EndOfTerm(k) is not { } end || c.Date < end);
    }

    [Property]
    public bool NextNoticeDeadline_IsTheFirstDeadlineOnOrAfterTheDate(ContractCase c)
    {
        // Reference: walk the terms one by one (bounded: the generated dates lie within about a century).
        LocalDate? expected = null;
        for (var k = 0; k < 200_000 && c.Term.EndOfTerm(k) is not null; k++)
        {
            if (c.Term.NoticeDeadline(k) is { } deadline && deadline >= c.Date)
            {
                expected = deadline;
                break;
            }

            if (c.Term.Renewal == RenewalKind.None)
            {
                break;
            }
        }

        return c.Term.NextNoticeDeadline(c.Date) == expected;
    }

    [Property]
    public bool IsNoticeDeadlineWithin_AgreesWithTheTermsDeadlines(ContractCase c, PositiveIntSmall weeks)
    {
        var days = weeks.Value * 7;
        // Reference: the first term (walked one by one) whose deadline is on or after the date.
        var expected = false;
        for (var k = 0; k < 200_000 && c.Term.NoticeDeadline(k) is { } deadline; k++)
        {
            if (deadline >= c.Date)
            {
                expected = deadline <= c.Date.PlusDays(days);
                break;
            }

            if (c.Term.Renewal == RenewalKind.None)
            {
                break;
            }
        }

        return c.Term.IsNoticeDeadlineWithin(c.Date, days) == expected;
    }

    [Property]
    public bool MonthlyDates_KeepTheAnchorsDayOrTheMonthsLastDay(ContractCase c, PositiveIntSmall months)
    {
        var step = Periodicity.FromMonths(Math.Min(months.Value, 12));
        var anchor = c.Term.Start;
        return Enumerable.Range(0, 40).All(n =>
        {
            var date = step.AddTo(anchor, n);
            var month = anchor.PlusMonths(n * step.Count);
            return date.Year == month.Year && date.Month == month.Month && date.Day == Math.Min(anchor.Day, CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month));
        });
    }

    [Property]
    public bool Billing_DatesStrictlyIncrease_AndNextIsTheFirstOnOrAfter(ContractCase c, Periodicity periodicity)
    {
        var billing = new BillingSchedule(c.Term.Start, periodicity);
        var through = c.Date > c.Term.Start ? c.Date : c.Term.Start;
        var dates = billing.Between(c.Term.Start, through.PlusDays(0));
        var next = billing.NextOnOrAfter(c.Date);
        var upToDate = billing.Between(c.Term.Start, c.Date);
        return dates.Zip(dates.Skip(1)).All(p => p.First < p.Second)
            && dates.Count > 0 && dates[0] == c.Term.Start
            && next is { } n && n >= c.Date && (upToDate.Count == 0 || upToDate[^1] < c.Date || upToDate[^1] == n);
    }
}

/// <summary>A small positive count (1 to 12) for month steps.</summary>
public sealed record PositiveIntSmall(int Value);
