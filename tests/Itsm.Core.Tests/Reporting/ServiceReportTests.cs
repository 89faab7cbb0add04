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

        var report = ServiceReport.Build(Email, March, [fast, late, other, april], OfficeHours, Instant.FromUtc(2026, 4, 1, 0, 0));

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
    public void Build_AvailabilityCountsImpactOneOutagesInServiceHoursOnly()
    {
        var outage = Open(impact: 1, urgency: 2, at: At(2, 16));      // Monday 16:00
        outage.Assign(Agent, Agent, At(2, 16));
        outage.Resolve("power restored", Agent, At(3, 10));           // Tuesday 10:00: 1h + 1h of service hours
        var overlapping = Open(impact: 1, urgency: 1, at: At(3, 9));  // overlaps the first outage
        overlapping.Assign(Agent, Agent, At(3, 9));
        overlapping.Resolve("same cause", Agent, At(3, 9, 30));
        var minor = Open(impact: 3, urgency: 1, at: At(4, 9));        // not service-wide: no downtime

        var report = ServiceReport.Build(Email, March, [outage, overlapping, minor], OfficeHours, Instant.FromUtc(2026, 4, 1, 0, 0));

        Assert.Equal(OfficeHours.BusinessTimeBetween(March.Start, March.End), report.AgreedServiceTime);
        Assert.Equal(Duration.FromHours(2), report.Downtime);
        Assert.Equal(100.0 * (report.AgreedServiceTime - Duration.FromHours(2)).TotalTicks / report.AgreedServiceTime.TotalTicks, report.Availability);
    }

    [Fact]
    public void Build_NothingInPeriod_HasNoAttainmentAndFullAvailability()
    {
        var report = ServiceReport.Build(Email, March, [], OfficeHours, March.End);

        Assert.Equal(0, report.IncidentCount);
        Assert.Null(report.ResolutionAttainment);
        Assert.Null(report.MeanTimeToRestore);
        Assert.Equal(100.0, report.Availability);
    }
}
