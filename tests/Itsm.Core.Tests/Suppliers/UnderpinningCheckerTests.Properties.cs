using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Suppliers;
using Itsm.Core.Tests.Calendars;
using NodaTime;

namespace Itsm.Core.Tests.Suppliers;

/// <summary>
/// The checker against <c>Add</c> itself on generated calendars: sound (what it reports really
/// fails, and the seconds just outside each failing run really pass), complete (a minute-by-minute
/// and, near the anchor, a second-by-second walk finds no failing start it missed), and monotone.
/// </summary>
public sealed partial class UnderpinningCheckerTests
{
    private static readonly Duration Second = Duration.FromSeconds(1);

    [Property]
    public Property Check_IsSound_EveryReportedStartFailsAndEveryRunIsMaximal(UnderpinningCase c)
    {
        var chain = c.Chain;
        var report = UnderpinningChecker.Check(chain, c.Period).Value;
        var problems = new List<string>();
        foreach (var run in report.FailingIntervals)
        {
            var middle = run.First + Duration.FromSeconds((long)((run.Last - run.First).TotalSeconds / 2));
            foreach (var start in new[] { run.First, middle, run.Last })
            {
                if (UnderpinningCase.ShortfallAt(chain, start) <= Duration.Zero)
                {
                    problems.Add($"reported {start} in {run} passes");
                }
            }

            if (run.First - Second >= c.Period.Start && UnderpinningCase.ShortfallAt(chain, run.First - Second) > Duration.Zero)
            {
                problems.Add($"the second before {run} fails too");
            }

            if (run.Last + Second < c.Period.End && UnderpinningCase.ShortfallAt(chain, run.Last + Second) > Duration.Zero)
            {
                problems.Add($"the second after {run} fails too");
            }
        }

        if (report.FirstFailure is { } firstFailure)
        {
            if (firstFailure.Start != report.FailingIntervals[0].First || UnderpinningCase.ShortfallAt(chain, firstFailure.Start) != firstFailure.Shortfall)
            {
                problems.Add($"first failure {firstFailure} is not the first run's start or not its real shortfall");
            }

            var worst = report.WorstShortfall!;
            if (UnderpinningCase.ShortfallAt(chain, worst.Start) != worst.Shortfall)
            {
                problems.Add($"worst {worst} is not the real shortfall there");
            }
        }

        return (problems.Count == 0).Label($"{string.Join("; ", problems)}\n{report}");
    }

    [Property]
    public Property Check_IsComplete_AgainstAMinuteWalk(UnderpinningCase c)
    {
        var chain = c.Chain;
        var report = UnderpinningChecker.Check(chain, c.Period).Value;
        var problems = new List<string>();
        var worst = Duration.MinValue;
        foreach (var start in c.Minutes())
        {
            var shortfall = UnderpinningCase.ShortfallAt(chain, start);
            var reported = report.FailingIntervals.Any(r => r.First <= start && start <= r.Last);
            if ((shortfall > Duration.Zero) != reported)
            {
                problems.Add($"{start}: shortfall {shortfall}, reported {reported}");
            }

            worst = shortfall > worst ? shortfall : worst;
        }

        if (report.WorstShortfall is { } w && w.Shortfall < worst)
        {
            problems.Add($"worst reported {w.Shortfall}, the walk found {worst}");
        }

        if (report.Underpins && worst > Duration.Zero)
        {
            problems.Add("reported as underpinning");
        }

        return (problems.Count == 0).Label($"{string.Join("; ", problems.Take(5))}\n{report}");
    }

    [Property]
    public Property Check_IsComplete_AgainstASecondWalkNearTheAnchor(UnderpinningCase c, bool nearUcAnchor)
    {
        // Near a transition of either zone: the SLA's, or the supplier's shifted back by the SLA target
        // so that the supplier's deadlines land on it.
        var anchor = nearUcAnchor ? c.Uc.Anchor - c.Handoff - c.UcTarget : c.Sla.Anchor;
        var period = new NodaTime.Interval(anchor - Duration.FromMinutes(45), anchor + Duration.FromMinutes(45));
        var chain = c.Chain;
        var report = UnderpinningChecker.Check(chain, period).Value;
        var problems = new List<string>();
        for (var start = period.Start; start < period.End; start += Second)
        {
            var fails = UnderpinningCase.ShortfallAt(chain, start) > Duration.Zero;
            var reported = report.FailingIntervals.Any(r => r.First <= start && start <= r.Last);
            if (fails != reported)
            {
                problems.Add($"{start}: fails {fails}, reported {reported}");
            }
        }

        return (problems.Count == 0).Label($"{string.Join("; ", problems.Take(5))}\n{report}");
    }

    [Property]
    public Property ShorterUcTarget_NeverTurnsAPassIntoAFail(UnderpinningCase c, PositiveInt cut)
    {
        var sla = c.Sla.Compile();
        var uc = c.Uc.Compile();
        var shorter = c.UcTarget - Duration.FromMinutes(Math.Min(cut.Get, (long)c.UcTarget.TotalMinutes));
        var longReport = UnderpinningChecker.Check(c.ChainOf(sla, uc, c.UcTarget), c.Period).Value;
        var shortReport = UnderpinningChecker.Check(c.ChainOf(sla, uc, shorter), c.Period).Value;
        return Within(shortReport, longReport).Label($"{shorter}: {shortReport}\n{c.UcTarget}: {longReport}");
    }

    [Property]
    public Property ExtraUcHoliday_NeverTurnsAFailIntoAPass(UnderpinningCase c, int dayOffset)
    {
        var date = c.Period.Start.InZone(DateTimeZoneProviders.Tzdb[c.Uc.Zone]).Date.PlusDays(Math.Abs(dayOffset % 6));
        var withHoliday = WithHoliday(c.Uc, date);
        var sla = c.Sla.Compile();
        var before = UnderpinningChecker.Check(c.ChainOf(sla, c.Uc.Compile(), c.UcTarget), c.Period).Value;
        var after = UnderpinningChecker.Check(c.ChainOf(sla, withHoliday.Compile(), c.UcTarget), c.Period).Value;
        return Within(before, after).Label($"holiday {date}: {after}\nbefore: {before}");
    }

    [Property]
    public Property ExtraSlaHolidayInThePeriod_NeverTurnsAPassIntoAFail(UnderpinningCase c, int dayOffset)
    {
        // A holiday whose working time lies wholly before the period's last start: from there on the
        // hand-offs and deadlines are unchanged, so the starts before it can only be due later on the
        // SLA calendar, never later on the supplier's than some start of the original period.
        var zone = DateTimeZoneProviders.Tzdb[c.Sla.Zone];
        var firstDate = c.Period.Start.InZone(zone).Date;
        var lastDate = (c.Period.End - Duration.FromDays(1)).InZone(zone).Date.PlusDays(-1);
        if (lastDate < firstDate)
        {
            return true.ToProperty();
        }

        var date = firstDate.PlusDays(Math.Abs(dayOffset) % (Period.Between(firstDate, lastDate, PeriodUnits.Days).Days + 1));
        var withHoliday = WithHoliday(c.Sla, date);
        var uc = c.Uc.Compile();
        var before = UnderpinningChecker.Check(UnderpinningChain.Create(c.Sla.Compile(), c.SlaTarget, c.Handoff, uc, c.UcTarget).Value, c.Period).Value;
        var after = UnderpinningChecker.Check(UnderpinningChain.Create(withHoliday.Compile(), c.SlaTarget, c.Handoff, uc, c.UcTarget).Value, c.Period).Value;
        return (!before.Underpins || after.Underpins).Label($"holiday {date}: {after}\nbefore: {before}");
    }

    /// <summary>True when every failing start of <paramref name="inner"/> also fails in <paramref name="outer"/>.</summary>
    private static bool Within(UnderpinningReport inner, UnderpinningReport outer) =>
        inner.FailingIntervals.All(r => outer.FailingIntervals.Any(o => o.First <= r.First && r.Last <= o.Last));

    private static CalendarSpec WithHoliday(CalendarSpec spec, LocalDate date) => new()
    {
        Zone = spec.Zone,
        Week = spec.Week,
        Holidays = [.. spec.Holidays, date],
        Days = spec.Days.Where(p => p.Key != date).ToDictionary(p => p.Key, p => p.Value),
        Anchor = spec.Anchor,
    };
}
