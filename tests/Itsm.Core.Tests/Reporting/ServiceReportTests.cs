using Itsm.Core.Availability;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Reporting;
using Itsm.Core.ServiceLevels;
using NodaTime;
using static Itsm.Core.Tests.Incidents.IncidentFixture;

namespace Itsm.Core.Tests.Reporting;

public class ServiceReportTests
{
    private static readonly Interval March = new(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 4, 1, 0, 0));

    private static Instant At(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 3, day, hour, minute);

    [Fact]
    public void Build_CountsPriorityAttainmentBreachesAndRestoreTime()
    {
        var fast = Open(impact: 2, urgency: 2, at: At(2, 9)); // P3, 16h resolution
        fast.Assign(Agent, Agent, At(2, 9, 30));
        fast.Resolve("fixed", Agent, At(2, 11));

        var late = Open(impact: 1, urgency: 1, at: At(3, 9)); // P1, 1h response, 4h resolution
        late.Assign(Agent, Agent, At(3, 12));                 // response breached at 10:00
        late.Resolve("fixed", Agent, At(4, 10));              // 8h + 1h = 9h of business time: breached

        var other = Incident.Open(IncidentId.New(), "other service", Caller, ConfigurationItemId.From("svc-crm"), Decision(1, 1), Agent, At(3, 9)).Value;
        var april = Open(at: Instant.FromUtc(2026, 4, 1, 9, 0));

        var report = ServiceReport.Build(Email, March, [fast, late, other, april], OfficeHours, Instant.FromUtc(2026, 4, 1, 0, 0), null, null);

        Assert.Equal(2, report.IncidentCount);
        Assert.Equal(1, report.IncidentsByPriority[Priority.FromRank(1)]);
        Assert.Equal(1, report.IncidentsByPriority[Priority.FromRank(3)]);
        Assert.Equal((1, 1), report.Resolution);
        Assert.Equal(50.0, report.ResolutionAttainment);
        Assert.Equal((1, 1), report.Response);
        Assert.Equal(
            [(SlaMetric.Response, At(3, 10)), (SlaMetric.Resolution, At(3, 13))],
            report.Breaches.Select(b => (b.Metric, b.BreachedAt)));
        Assert.Equal(Duration.FromMinutes(330), report.MeanTimeToRestore); // (2h + 9h) / 2
    }

    [Fact]
    public void Build_AvailabilityIsTheMeasuredFigures_NotImpactOneIncidents_AndAssessesTheTarget()
    {
        var outage = Open(impact: 1, urgency: 2, at: At(2, 16)); // service-wide, but availability comes from outage records
        outage.Assign(Agent, Agent, At(2, 16));
        outage.Resolve("power restored", Agent, At(3, 10));
        var hours = OfficeHours.BusinessTimeBetween(March.Start, March.End);
        var figures = new ServiceAvailability(Email, March, hours, Duration.FromHours(1), Duration.FromMinutes(45), Duration.Zero, 1);
        var target = AvailabilityTarget.Create(Email, 0.995).Value;

        var report = ServiceReport.Build(Email, March, [outage], OfficeHours, March.End, figures, target.Assess(figures).Value);
        var noTarget = ServiceReport.Build(Email, March, [outage], OfficeHours, March.End, figures, null);

        Assert.Equal(figures, report.AvailabilityFigures);
        Assert.Equal(target.Assess(figures).Value, report.AvailabilityAttainment);
        Assert.True(report.AvailabilityAttainment!.Met); // 0.5 % of (hours - 1h) allows more than 45 min
        Assert.Null(noTarget.AvailabilityAttainment);
        Assert.Equal(figures, noTarget.AvailabilityFigures);
    }

    [Fact]
    public void Build_FiguresOrTargetOfAnotherServiceOrPeriod_AreProgrammerErrors()
    {
        var hours = OfficeHours.BusinessTimeBetween(March.Start, March.End);
        var crm = ConfigurationItemId.From("svc-crm");
        var ofCrm = new ServiceAvailability(crm, March, hours, Duration.Zero, Duration.Zero, Duration.Zero, 0);
        var longer = new ServiceAvailability(Email, new Interval(March.Start, March.End + Duration.FromDays(1)), hours, Duration.Zero, Duration.Zero, Duration.Zero, 0);
        var later = new ServiceAvailability(Email, new Interval(March.Start + Duration.FromDays(1), March.End), hours, Duration.Zero, Duration.Zero, Duration.Zero, 0);
        var partial = new ServiceAvailability(Email, new Interval(March.Start, At(15, 0)), hours, Duration.Zero, Duration.Zero, Duration.Zero, 0);

        Assert.Throws<ArgumentException>(() => ServiceReport.Build(Email, March, [], OfficeHours, March.End, ofCrm, null));
        Assert.Throws<ArgumentException>(() => ServiceReport.Build(Email, March, [], OfficeHours, March.End, longer, null));
        Assert.Throws<ArgumentException>(() => ServiceReport.Build(Email, March, [], OfficeHours, March.End, later, null));
        var ofEmail = new ServiceAvailability(Email, March, hours, Duration.Zero, Duration.Zero, Duration.Zero, 0);
        Assert.Throws<ArgumentException>(() => ServiceReport.Build(Email, March, [], OfficeHours, March.End, null, AvailabilityTarget.Create(Email, 0.99).Value.Assess(ofEmail).Value));
        Assert.Throws<ArgumentException>(() => ServiceReport.Build(Email, March, [], OfficeHours, At(15, 0), partial, AvailabilityTarget.Create(Email, 0.99).Value.Assess(ofEmail).Value));
        Assert.Equal(partial, ServiceReport.Build(Email, March, [], OfficeHours, At(15, 0), partial, null).AvailabilityFigures);
    }

    [Fact]
    public void Build_NothingInPeriod_HasNoAttainmentAndNoAvailabilityWithoutFigures()
    {
        var report = ServiceReport.Build(Email, March, [], OfficeHours, March.End, null, null);

        Assert.Equal(0, report.IncidentCount);
        Assert.Null(report.ResolutionAttainment);
        Assert.Null(report.MeanTimeToRestore);
        Assert.Null(report.AvailabilityFigures);
        Assert.Null(report.AvailabilityAttainment);
    }
}
