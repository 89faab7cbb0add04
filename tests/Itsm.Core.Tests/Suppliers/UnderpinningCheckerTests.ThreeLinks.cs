using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Calendars;
using Itsm.Core.Suppliers;
using Itsm.Core.Tests.Calendars;
using Itsm.Core.Tests.Suppliers;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Suppliers
{
    /// <summary>
    /// A chain of three links over three generated calendars: the SLA, the internal group's OLA (holding the incident
    /// for a share of the SLA target before handing on), then the supplier; the period around the SLA calendar's anchor.
    /// </summary>
    public sealed record ThreeLinkCase(UnderpinningCase Two, CalendarSpec Ola, Duration OlaHandoff)
    {
        public UnderpinningChain Chain =>
            UnderpinningChain.CreateThroughOla(Two.Sla.Compile(), Two.SlaTarget, Two.Handoff, Ola.Compile(), OlaHandoff, Two.Uc.Compile(), Two.UcTarget).Value;

        /// <summary>The shortfall at <paramref name="start"/>, computed directly with the three calendars' <c>Add</c>.</summary>
        public static Duration ShortfallAt(UnderpinningChain chain, Instant start)
        {
            var sla = chain.SlaCalendar.Add(start, chain.SlaTarget);
            var group = chain.OlaCalendar!.Add(chain.SlaCalendar.Add(start, chain.Handoff), chain.OlaHandoff);
            return chain.UcCalendar.Add(group, chain.UcTarget) - sla;
        }

        public override string ToString() => $"{Two}\n OLA {Ola}, olaHandoff {OlaHandoff}";
    }

    /// <summary>The three-link checker against <c>Add</c> itself: sound, and complete against a minute walk and a second walk near each zone's transition.</summary>
    public sealed partial class UnderpinningCheckerTests
    {
        [Property]
        public Property ThreeLinks_AreSound_EveryReportedStartFailsAndEveryRunIsMaximal(ThreeLinkCase c)
        {
            var chain = c.Chain;
            var period = c.Two.Period;
            var report = UnderpinningChecker.Check(chain, period).Value;
            var problems = new List<string>();
            foreach (var run in report.FailingIntervals)
            {
                foreach (var start in new[] { run.First, run.Last })
                {
                    if (ThreeLinkCase.ShortfallAt(chain, start) <= Duration.Zero)
                    {
                        problems.Add($"reported {start} in {run} passes");
                    }
                }

                if (run.First - Second >= period.Start && ThreeLinkCase.ShortfallAt(chain, run.First - Second) > Duration.Zero)
                {
                    problems.Add($"the second before {run} fails too");
                }

                if (run.Last + Second < period.End && ThreeLinkCase.ShortfallAt(chain, run.Last + Second) > Duration.Zero)
                {
                    problems.Add($"the second after {run} fails too");
                }
            }

            if (report.WorstShortfall is { } worst && ThreeLinkCase.ShortfallAt(chain, worst.Start) != worst.Shortfall)
            {
                problems.Add($"worst {worst} is not the real shortfall there");
            }

            return (problems.Count == 0).Label($"{string.Join("; ", problems.Take(5))}\n{report}");
        }

        [Property]
        public Property ThreeLinks_AreComplete_AgainstAMinuteWalk(ThreeLinkCase c)
        {
            var chain = c.Chain;
            var report = UnderpinningChecker.Check(chain, c.Two.Period).Value;
            var problems = new List<string>();
            var worst = Duration.MinValue;
            foreach (var start in c.Two.Minutes())
            {
                var shortfall = ThreeLinkCase.ShortfallAt(chain, start);
                if ((shortfall > Duration.Zero) != report.FailingIntervals.Any(r => r.First <= start && start <= r.Last))
                {
                    problems.Add($"{start}: shortfall {shortfall}, reported otherwise");
                }

                worst = shortfall > worst ? shortfall : worst;
            }

            if ((report.WorstShortfall?.Shortfall ?? Duration.MinValue) < worst && worst > Duration.Zero)
            {
                problems.Add($"worst reported {report.WorstShortfall?.Shortfall}, the walk found {worst}");
            }

            return (problems.Count == 0).Label($"{string.Join("; ", problems.Take(5))}\n{report}");
        }

        [Property]
        public Property ThreeLinks_AreComplete_AgainstASecondWalkNearEachZonesTransition(ThreeLinkCase c, int which)
        {
            // Near the SLA zone's transition, or the OLA's or the supplier's shifted back so that hand-offs or deadlines land on it.
            var two = c.Two;
            var anchor = Math.Abs(which % 3) switch
            {
                0 => two.Sla.Anchor,
                1 => c.Ola.Anchor - two.Handoff - c.OlaHandoff,
                _ => two.Uc.Anchor - two.Handoff - c.OlaHandoff - two.UcTarget,
            };
            var period = new NodaTime.Interval(anchor - Duration.FromMinutes(30), anchor + Duration.FromMinutes(30));
            var chain = c.Chain;
            var report = UnderpinningChecker.Check(chain, period).Value;
            var problems = new List<string>();
            for (var start = period.Start; start < period.End; start += Second)
            {
                var fails = ThreeLinkCase.ShortfallAt(chain, start) > Duration.Zero;
                if (fails != report.FailingIntervals.Any(r => r.First <= start && start <= r.Last))
                {
                    problems.Add($"{start}: fails {fails}, reported {!fails}");
                }
            }

            return (problems.Count == 0).Label($"{string.Join("; ", problems.Take(5))}\n{report}");
        }

        [Property]
        public Property ThreeLinks_WithAZeroOlaHandoff_AreTheTwoLinkChain(ThreeLinkCase three)
        {
            var c = three.Two;
            var through = UnderpinningChain.CreateThroughOla(c.Sla.Compile(), c.SlaTarget, c.Handoff, three.Ola.Compile(), Duration.Zero, c.Uc.Compile(), c.UcTarget).Value;
            var direct = UnderpinningChecker.Check(c.Chain, c.Period).Value;
            var report = UnderpinningChecker.Check(through, c.Period).Value;
            return (report.FirstFailure == direct.FirstFailure && report.FailingIntervals.SequenceEqual(direct.FailingIntervals))
                .Label($"through: {report}\ndirect: {direct}");
        }

        [Fact]
        public void CreateThroughOla_NamesANegativeOlaHandoff()
        {
            var calendar = BusinessCalendar.TwentyFourSeven(DateTimeZone.Utc);

            var created = UnderpinningChain.CreateThroughOla(calendar, Duration.FromHours(8), Duration.Zero, calendar, Duration.FromHours(-1), calendar, Duration.FromHours(1));

            Assert.Equal(("OlaHandoff", "supplier.underpin.duration"), (created.ValidationErrors.Single().Identifier, created.ValidationErrors.Single().ErrorCode));
        }
    }
}

namespace Itsm.Core.Tests
{
    /// <summary>Three-link chains: a two-link case and a third generated calendar with the OLA's hand-off as a share of what is left of the SLA target.</summary>
    internal static partial class Arbitraries
    {
        public static Arbitrary<ThreeLinkCase> ThreeLinkCases() =>
            (from two in UnderpinningCases().Generator
             from ola in CalendarSpecGen
             from share in Gen.Frequency((1, Gen.Constant(0)), (5, Gen.Choose(1, 80)))
             select new ThreeLinkCase(two, ola, Duration.FromMinutes((long)Math.Max(0, (two.SlaTarget - two.Handoff).TotalMinutes) * share / 100))).ToArbitrary();
    }
}
