using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Reporting;
using Itsm.Core.Tests.Reporting;
using NodaTime;

namespace Itsm.Core.Tests;

/// <summary>
/// Monthly report splits that reach the hard cases: London's clock-change months (March and October 2026, 743 and 745 hours)
/// beside an ordinary one; a version change at the month's first or last instant, at the clock change itself, at a local
/// midnight, anywhere, or outside the month; incidents opened on the change instant and on the month's edges.
/// </summary>
internal static partial class Arbitraries
{
    /// <summary>The cases of the sum-of-parts property.</summary>
    public static Arbitrary<ReportSplitCase> ReportSplitCases() =>
        (from month in Gen.Elements(new YearMonth(2026, 3), new YearMonth(2026, 10), new YearMonth(2026, 6))
         let length = (int)MonthlyServiceReport.MonthIn(month, DateTimeZoneProviders.Tzdb["Europe/London"]).Duration.TotalMinutes
         let clockChange = month.Month == 3 ? (28 * 24 * 60) + 60 : month.Month == 10 ? (24 * 24 * 60) + 60 : 15 * 24 * 60
         from change in Gen.Frequency(
             (2, Gen.Constant(0)),
             (2, Gen.Constant(length)),
             (1, Gen.Constant(length - 1)),
             (2, Gen.Constant(clockChange)),
             (2, Gen.Choose(0, (length / 1440) - 1).Select(d => d * 1440)),
             (3, Gen.Choose(1, length - 1)),
             (1, Gen.Elements(-1440, length + 1440)))
         from incidents in (from opened in Gen.Frequency((4, Gen.Choose(0, length - 1)), (1, Gen.Elements(0, length - 1, Math.Clamp(change, 0, length - 1), Math.Clamp(change - 1, 0, length - 1))))
                            from impact in Gen.Choose(1, 3)
                            from urgency in Gen.Choose(1, 3)
                            from assigned in Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(1, 600).Select(m => (int?)m)))
                            from resolved in Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(601, 6000).Select(m => (int?)m)))
                            select new SplitIncident(opened, impact, urgency, assigned, resolved)).ListOf()
         select new ReportSplitCase(month, change, [.. incidents.Take(40)])).ToArbitrary();
}
