using FsCheck.Xunit;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Reporting;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Tests.Availability;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.ServiceLevels;
using NodaTime;
using static Itsm.Core.Application.Tests.Availability.PayrollCmdb;

namespace Itsm.Core.Application.Tests.Reporting;

/// <summary>
/// The monthly service report through the dispatcher on the in-memory adapters: its availability is the outage records' measure on
/// the SLA's calendar (the service hours), exactly what <see cref="GetAvailability"/> answers, with the target's attainment when one
/// is agreed and none when not; incidents no longer count as downtime.
/// </summary>
public sealed class ServiceReportingTests : InMemoryDispatcherTests
{
    private static readonly Instant T0 = Instant.FromUtc(2027, 4, 1, 9, 0);
    private static readonly CalendarId Office = CalendarId.From("office");
    private static readonly Interval March = new(Instant.FromUtc(2027, 3, 1, 0, 0), Instant.FromUtc(2027, 4, 1, 0, 0));

    /// <summary>Monday to Friday 09:00 to 17:00 UTC: March 2027 starts on a Monday and has 23 such days, 184 hours.</summary>
    private const string OfficeJson = """{"name": "Office", "timeZone": "Etc/UTC", "week": {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}}""";

    private int run;

    public ServiceReportingTests()
        : base(T0)
    {
    }

    private static RequestContext Acme { get; } = new(TenantId.From("acme"), UserId.From("sam"));

    private static Instant InMarch(int day, int hour, int minute = 0) => Instant.FromUtc(2027, 3, day, hour, minute);

    [Fact]
    public async Task GetServiceReport_OfMarch_TakesAvailabilityFromTheOutages_OverlapsOnce_PlannedApart_NothingOutsideHours()
    {
        await SeedAsync(Acme);
        clock.Reset(InMarch(3, 9, 30));
        Assert.True((await itsm.SendAsync(new OpenIncident(Acme, "Payroll is down", Payroll, 1, 1, UserId.From("carol")))).IsSuccess); // never resolved
        clock.Reset(T0);
        foreach (var (item, start, end, kind) in MarchOutages)
        {
            Assert.True((await itsm.SendAsync(new RecordOutage(Acme, item, start, end, kind))).IsSuccess);
        }

        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.99) { EffectiveFrom = March.Start })).IsSuccess);
        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.985) { Offering = "basic", EffectiveFrom = March.Start })).IsSuccess);

        var report = (await itsm.QueryAsync(new GetServiceReport(Acme, Payroll, March))).Value;
        var basic = (await itsm.QueryAsync(new GetServiceReport(Acme, Payroll, March) { Offering = "basic" })).Value;
        var measured = (await itsm.QueryAsync(new GetAvailability(Acme, Payroll, March, Office))).Value;

        var f = report.AvailabilityFigures!.Value;
        Assert.Equal(1, report.IncidentCount); // the impact-1 incident open since 3 March is reported, but is not downtime
        Assert.Equal(
            (Duration.FromHours(184), Duration.FromHours(1), Duration.FromHours(183), Duration.FromHours(2), Duration.FromHours(3), 2),
            (f.ServiceHours, f.Planned, f.Agreed, f.Down, f.Degraded, f.Outages));
        Assert.Equal(181.0 / 183, f.Availability!.Value, 12);
        Assert.Equal((Duration.FromHours(1), Duration.FromMinutes(90 * 60 + 30), Duration.FromMinutes(91 * 60 + 30)), (f.MeanTimeToRestore, f.MeanTimeBetweenFailures, f.MeanTimeBetweenServiceIncidents));
        Assert.Equal(measured.Figures, f);
        Assert.Equal(measured.Attainment, report.AvailabilityAttainment);
        var missed = report.AvailabilityAttainment!;
        Assert.Equal((0.99, false, Duration.FromSeconds(6588), Duration.FromSeconds(6588) - Duration.FromHours(2)), (missed.Target, missed.Met, missed.AllowedDowntime, missed.ToSpare)); // 1 % of 183 h
        Assert.Equal((0.985, true), (basic.AvailabilityAttainment!.Target, basic.AvailabilityAttainment!.Met));
    }

    [Fact]
    public async Task GetServiceReport_WithoutATarget_StatesNone_AndAPeriodWithoutOutagesIsFullyAvailable()
    {
        await SeedAsync(Acme);
        foreach (var (item, start, end, kind) in MarchOutages)
        {
            Assert.True((await itsm.SendAsync(new RecordOutage(Acme, item, start, end, kind))).IsSuccess);
        }

        var march = (await itsm.QueryAsync(new GetServiceReport(Acme, Payroll, March))).Value;
        var february = (await itsm.QueryAsync(new GetServiceReport(Acme, Payroll, new Interval(Instant.FromUtc(2027, 2, 1, 0, 0), March.Start)))).Value;

        Assert.Null(march.AvailabilityAttainment);
        Assert.Equal(Duration.FromHours(2), march.AvailabilityFigures!.Value.Down);
        Assert.Equal((Duration.FromHours(160), Duration.Zero, 0, 1.0), (february.AvailabilityFigures!.Value.ServiceHours, february.AvailabilityFigures.Value.Down, february.AvailabilityFigures.Value.Outages, february.AvailabilityFigures.Value.Availability));
        Assert.Null(february.AvailabilityAttainment);
    }

    [Fact]
    public async Task GetServiceReport_DuringThePeriod_CountsAnOngoingOutageUpToNowOnly()
    {
        await SeedAsync(Acme);
        Assert.True((await itsm.SendAsync(new RecordOutage(Acme, San, InMarch(4, 10), null, OutageKind.Unplanned))).IsSuccess);
        clock.Reset(InMarch(4, 12, 15));

        var report = (await itsm.QueryAsync(new GetServiceReport(Acme, Payroll, March))).Value;
        var soFar = (await itsm.QueryAsync(new GetAvailability(Acme, Payroll, new Interval(March.Start, InMarch(4, 12, 15)), Office))).Value;

        Assert.Equal(InMarch(4, 12, 15), report.AsOf);
        Assert.Equal(new Interval(March.Start, InMarch(4, 12, 15)), report.AvailabilityFigures!.Value.Period);
        Assert.Equal((Duration.FromMinutes(135), 1), (report.AvailabilityFigures.Value.Down, report.AvailabilityFigures.Value.Outages));
        Assert.Equal(soFar.Figures, report.AvailabilityFigures);
    }

    [Fact]
    public async Task GetServiceReport_OfAServiceNotOrNoLongerInTheCmdb_HasNoAvailabilityFigures_NorAnAttainment()
    {
        await SeedAsync(Acme);
        var crm = ConfigurationItemId.From("svc-crm");
        Assert.True((await itsm.SendAsync(new DefineSla(Acme, Sla("crm", crm, Office)))).IsSuccess);

        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.99) { EffectiveFrom = March.Start })).IsSuccess);
        Assert.True((await itsm.SendAsync(new RetireConfigurationItem(Acme, Payroll))).IsSuccess);

        var report = await itsm.QueryAsync(new GetServiceReport(Acme, crm, March));
        var retired = await itsm.QueryAsync(new GetServiceReport(Acme, Payroll, March));

        Assert.True(report.IsSuccess, report.Message);
        Assert.Null(report.Value.AvailabilityFigures);
        Assert.Null(report.Value.AvailabilityAttainment);
        Assert.True(retired.IsSuccess, retired.Message);
        Assert.Null(retired.Value.AvailabilityFigures);
        Assert.Null(retired.Value.AvailabilityAttainment);
    }

    /// <summary>For any outages (overlapping, planned, ongoing, outside the period or the hours), any target and any clock, the report's availability is <see cref="GetAvailability"/>'s up to the report's instant.</summary>
    [Property]
    public bool GetServiceReport_Availability_EqualsGetAvailabilityUpToTheReportsInstant(ReportCase c)
    {
        var context = new RequestContext(TenantId.From($"t{++run}"), UserId.From("sam"));
        clock.Reset(T0);
        SeedAsync(context).GetAwaiter().GetResult();
        foreach (var (item, start, end, kind) in c.Outages)
        {
            Assert.True(itsm.SendAsync(new RecordOutage(context, item, start, end, kind)).GetAwaiter().GetResult().IsSuccess);
        }

        if (c.Target is { } target)
        {
            Assert.True(itsm.SendAsync(new SetAvailabilityTarget(context, Payroll, target) { EffectiveFrom = March.Start }).GetAwaiter().GetResult().IsSuccess);
        }

        clock.Reset(c.Now);
        var report = itsm.QueryAsync(new GetServiceReport(context, Payroll, March)).GetAwaiter().GetResult().Value;
        var upTo = new Interval(March.Start, c.Now < March.End ? c.Now : March.End);
        var measured = itsm.QueryAsync(new GetAvailability(context, Payroll, upTo, Office)).GetAwaiter().GetResult().Value;
        return report.AvailabilityFigures == measured.Figures
            && report.AvailabilityAttainment == measured.Attainment
            && (c.Target is null) == (report.AvailabilityAttainment is null);
    }

    /// <summary>
    /// Planned work on the array 16:00 to 20:00 on Tuesday (an hour of service hours) with a failure inside it; two overlapping
    /// records of one array failure on Wednesday (90 minutes, once); node A out three hours on Thursday and node B for its last half
    /// hour and half an hour more (the 1-of-2 cluster down 30 minutes, degraded 3 hours); and the array out on Saturday night.
    /// </summary>
    private static (ConfigurationItemId Item, Instant Start, Instant? End, OutageKind Kind)[] MarchOutages =>
    [
        (San, InMarch(2, 16), InMarch(2, 20), OutageKind.Planned),
        (San, InMarch(2, 16, 30), InMarch(2, 17, 30), OutageKind.Unplanned),
        (San, InMarch(3, 10), InMarch(3, 11), OutageKind.Unplanned),
        (San, InMarch(3, 10, 30), InMarch(3, 11, 30), OutageKind.Unplanned),
        (NodeA, InMarch(4, 10), InMarch(4, 13), OutageKind.Unplanned),
        (NodeB, InMarch(4, 12, 30), InMarch(4, 13, 30), OutageKind.Unplanned),
        (San, InMarch(6, 2), InMarch(6, 4), OutageKind.Unplanned),
    ];

    private static SlaDefinition Sla(string id, ConfigurationItemId service, CalendarId calendar) =>
        SlaDefinition.Create(SlaDefinitionId.From(id), id, new SlaScope(service), calendar, new Dictionary<int, SlaTargets> { [1] = new(Duration.FromHours(1), Duration.FromHours(8)) }).Value;

    private async Task SeedAsync(RequestContext context)
    {
        Assert.True((await itsm.SendAsync(new DefineCalendar(context, Office, CalendarJson.Read(OfficeJson).Value))).IsSuccess);
        await PayrollCmdb.RegisterAsync(itsm, context);
        Assert.True((await itsm.SendAsync(new DefineSla(context, Sla("payroll", Payroll, Office)))).IsSuccess);
    }
}

/// <summary>A case of the report property: outages of the payroll CMDB's items around March 2027, an optional target, and the clock.</summary>
/// <param name="Outages">The outages to record.</param>
/// <param name="Target">The service's target, or null for none.</param>
/// <param name="Now">When the report is asked for: in March or after it.</param>
public sealed record ReportCase(IReadOnlyList<(ConfigurationItemId Item, Instant Start, Instant? End, OutageKind Kind)> Outages, double? Target, Instant Now)
{
    /// <summary>Lists the outages and the instant, for a failing case.</summary>
    public override string ToString() =>
        $"now {Now}, target {Target?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: " + string.Join("; ", Outages.Select(o => $"{o.Item} {o.Kind} [{o.Start}, {o.End?.ToString() ?? "ongoing"})"));
}
