using System.Collections.Immutable;
using FsCheck.Xunit;
using Itsm.Core.Incidents;
using Itsm.Core.Reporting;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;

namespace Itsm.Core.Tests.Reporting;

/// <summary>A month that spans a new agreement version reports each part against its own version: the month is the sum of its parts.</summary>
public sealed class ServiceReportPartsTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly AgreementId Agreement = AgreementId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01"));

    private static AgreementTargets Versions(Instant change) => new(
        Agreement,
        AgreementRetargetPolicy.KeepStartingVersion,
        [
            new AgreementTargetPeriod(1, Instant.FromUtc(2026, 1, 1, 0, 0), change, "gold", Sla.Targets),
            new AgreementTargetPeriod(2, change, null, "platinum", Sla.Targets),
        ]);

    [Property]
    public void Month_EqualsTheSumOfItsPartsSplitAtAVersionChange(ReportSplitCase c)
    {
        var month = MonthlyServiceReport.MonthIn(c.Month, London);
        var change = month.Start + Duration.FromMinutes(c.Change);
        var incidents = c.Incidents.Select(i => Incident(month.Start, i)).ToList();

        var report = ServiceReport.Build(Email, month, incidents, OfficeHours, month.End, null, null, Versions(change));

        var parts = report.Parts;
        Assert.Equal(change > month.Start && change < month.End ? 2 : 1, parts.Length);
        Assert.Equal(month.Start, parts[0].Period.Start);
        Assert.Equal(month.End, parts[^1].Period.End);
        Assert.All(parts.Zip(parts.Skip(1)), p => Assert.Equal(p.First.Period.End, p.Second.Period.Start));
        Assert.All(parts, p => Assert.Equal(p.Period.Start < change ? 1 : 2, p.Version!.Version));
        var figures = parts.Select(p => p.Figures).ToList();
        Assert.Equal(report.IncidentsByPriority, Merge(figures.Select(f => f.IncidentsByPriority)));
        Assert.Equal(report.IncidentCount, figures.Sum(f => f.IncidentCount));
        Assert.Equal(report.Response, (figures.Sum(f => f.Response.Met), figures.Sum(f => f.Response.Breached)));
        Assert.Equal(report.Resolution, (figures.Sum(f => f.Resolution.Met), figures.Sum(f => f.Resolution.Breached)));
        Assert.Equal<ReportedBreach>(report.Breaches, figures.SelectMany(f => f.Breaches).OrderBy(b => b.BreachedAt));
        Assert.Equal(report.TimeToRestore, figures.Aggregate(Duration.Zero, (sum, f) => sum + f.TimeToRestore));
        Assert.Equal(report.Restored, figures.Sum(f => f.Restored));
    }

    [Fact]
    public void Parts_WithoutAnAgreement_AreEmpty_AndAVersionOutsideTheMonthGivesNone()
    {
        var month = MonthlyServiceReport.MonthIn(new YearMonth(2026, 3), London);
        var outside = new AgreementTargets(Agreement, AgreementRetargetPolicy.KeepStartingVersion, [new AgreementTargetPeriod(1, month.End, null, "gold", Sla.Targets)]);

        Assert.Empty(ServiceReport.Build(Email, month, [], OfficeHours, month.End, null, null).Parts);
        Assert.Empty(ServiceReport.Build(Email, month, [], OfficeHours, month.End, null, null, outside).Parts);
    }

    [Fact]
    public void Parts_AVersionStartingMidMonth_LeavesAPartWithoutAVersionBeforeIt()
    {
        var month = MonthlyServiceReport.MonthIn(new YearMonth(2026, 3), London);
        var from = Instant.FromUtc(2026, 3, 16, 0, 0);
        var mid = new AgreementTargets(Agreement, AgreementRetargetPolicy.KeepStartingVersion, [new AgreementTargetPeriod(1, from, null, "gold", Sla.Targets)]);
        var early = Open(at: Instant.FromUtc(2026, 3, 2, 9, 0));
        var late = Open(at: Instant.FromUtc(2026, 3, 17, 9, 0));

        var parts = ServiceReport.Build(Email, month, [early, late], OfficeHours, month.End, null, null, mid).Parts;

        Assert.Equal([(month.Start, from, (int?)null, 1), (from, month.End, 1, 1)], parts.Select(p => (p.Period.Start, p.Period.End, p.Version?.Version, p.Figures.IncidentCount)));
    }

    private static Incident Incident(Instant monthStart, SplitIncident i)
    {
        var opened = monthStart + Duration.FromMinutes(i.OpenedMinute);
        var incident = Open(i.Impact, i.Urgency, opened);
        // Only a worked incident can be resolved: one resolved without an assignment was assigned the minute before.
        if ((i.AssignedAfter ?? (i.ResolvedAfter - 1)) is { } assigned)
        {
            Assert.True(incident.Assign(Agent, Agent, opened + Duration.FromMinutes(assigned)).IsSuccess);
        }

        if (i.ResolvedAfter is { } resolved)
        {
            Assert.True(incident.Resolve("fixed", Agent, opened + Duration.FromMinutes(resolved)).IsSuccess);
        }

        return incident;
    }

    private static ImmutableSortedDictionary<Priority, int> Merge(IEnumerable<ImmutableSortedDictionary<Priority, int>> parts) =>
        parts.SelectMany(p => p).GroupBy(p => p.Key).ToImmutableSortedDictionary(g => g.Key, g => g.Sum(p => p.Value));
}
