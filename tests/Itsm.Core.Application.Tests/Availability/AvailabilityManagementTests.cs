using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Application.Tests.Availability.PayrollCmdb;

namespace Itsm.Core.Application.Tests.Availability;

/// <summary>
/// Availability management through the dispatcher on the in-memory adapters: outages recorded, ended and corrected, targets set,
/// the payroll service's March measured against them (with a what-if), outages listed, and the errors and audit of each.
/// </summary>
public sealed class AvailabilityManagementTests : InMemoryDispatcherTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly RequestContext Acme = new(Tenant, UserId.From("sam"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("gil"));
    private static readonly Instant T0 = Instant.FromUtc(2027, 4, 1, 9, 0);
    private static readonly CalendarId AllHours = CalendarId.From("24x7");
    private static readonly Interval March = new(Instant.FromUtc(2027, 3, 1, 0, 0), Instant.FromUtc(2027, 4, 1, 0, 0));

    private const string AllHoursJson = """{"name": "Around the clock", "timeZone": "Etc/UTC", "week": {"monday": ["00:00-24:00"], "tuesday": ["00:00-24:00"], "wednesday": ["00:00-24:00"], "thursday": ["00:00-24:00"], "friday": ["00:00-24:00"], "saturday": ["00:00-24:00"], "sunday": ["00:00-24:00"]}}""";


    public AvailabilityManagementTests()
        : base(T0)
    {
    }

    private static Instant InMarch(int day, int hour, int minute = 0) => Instant.FromUtc(2027, 3, day, hour, minute);

    [Fact]
    public async Task GetAvailability_OfMarch_CountsPlannedWorkApart_TheClusterDownOnlyWhileBothNodesAre_AndAssessesTheTargets()
    {
        await SeedAsync();
        await RecordMarchAsync();
        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.9995) { EffectiveFrom = March.Start })).IsSuccess);
        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.999) { Offering = "standard", EffectiveFrom = March.Start })).IsSuccess);

        var service = await itsm.QueryAsync(new GetAvailability(Acme, Payroll, March, AllHours));
        var standard = await itsm.QueryAsync(new GetAvailability(Acme, Payroll, March, AllHours) { Offering = "standard" });

        var figures = service.Value.Figures;
        Assert.Equal((Duration.FromHours(744), Duration.FromHours(4), Duration.FromMinutes(30), 1), (figures.ServiceHours, figures.Planned, figures.Down, figures.Outages));
        Assert.Equal((0.9995, false), (service.Value.Attainment!.Target, service.Value.Attainment!.Met));
        Assert.Equal((0.999, true), (standard.Value.Attainment!.Target, standard.Value.Attainment!.Met));
        Assert.Null(service.Value.WhatIfMember);
    }

    /// <summary>
    /// 99.9 % from 1 March, raised to 99.95 % from 16 March: the first half (356 h agreed, the 30 min down) missed its 21 min 21.6 s,
    /// the second (384 h, none down) met its 11 min 31.2 s, and March as a whole met the weighted 32 min 52.8 s; a target recorded in
    /// April without an earlier effective instant was not in force in March at all.
    /// </summary>
    [Fact]
    public async Task GetAvailability_TargetRaisedMidMonth_AssessesEachPartAgainstItsOwn_AndTheMonthAgainstTheWeightedAllowance()
    {
        await SeedAsync();
        await RecordMarchAsync();
        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.999) { EffectiveFrom = March.Start })).IsSuccess);
        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.9995) { EffectiveFrom = InMarch(16, 0) })).IsSuccess);
        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.99) { Offering = "basic" })).IsSuccess); // recorded now, in April

        var report = (await itsm.QueryAsync(new GetAvailability(Acme, Payroll, March, AllHours))).Value;
        var basic = (await itsm.QueryAsync(new GetAvailability(Acme, Payroll, March, AllHours) { Offering = "basic" })).Value;
        var april = (await itsm.QueryAsync(new GetAvailability(Acme, Payroll, new Interval(T0, T0 + Duration.FromDays(1)), AllHours) { Offering = "basic" })).Value;
        var stale = await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.995) { EffectiveFrom = InMarch(10, 0) });

        var attainment = report.Attainment!;
        Assert.Equal([(March.Start, InMarch(16, 0), 0.999, false), (InMarch(16, 0), March.End, 0.9995, true)], attainment.Parts.Select(p => (p.Period.Start, p.Period.End, p.Target!.Value, p.Met!.Value)));
        Assert.Equal((Duration.FromHours(356), Duration.FromMinutes(30)), (attainment.Parts[0].Figures.Agreed, attainment.Parts[0].Figures.Down));
        Assert.Equal((Duration.FromHours(740), Duration.FromMinutes(30), true), (attainment.Agreed, attainment.Down, attainment.Met));
        Assert.Equal(1972.8, attainment.AllowedDowntime.TotalSeconds, 6);
        Assert.Equal(report.Figures.Down, attainment.Down);
        Assert.Equal(attainment, basic.Attainment); // basic's own target is not in force before 1 April 09:00, so the service's applies
        Assert.Equal([0.99], april.Attainment!.Parts.Select(p => p.Target!.Value));
        Assert.Equal((ResultStatus.Conflict, 3L), (stale.Status, (await itsm.QueryAsync(new GetAvailabilityTargets(Acme, Payroll))).Value.Version));
    }

    [Fact]
    public async Task GetAvailability_TargetSetAfterThePeriod_HasNoAttainment_ThoughTheTargetIsAgreedNow()
    {
        await SeedAsync();
        await RecordMarchAsync();
        Assert.True((await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.999))).IsSuccess);

        var report = (await itsm.QueryAsync(new GetAvailability(Acme, Payroll, March, AllHours))).Value;
        var targets = (await itsm.QueryAsync(new GetAvailabilityTargets(Acme, Payroll))).Value.Record;

        Assert.Null(report.Attainment);
        Assert.Equal(Duration.FromMinutes(30), report.Figures.Down);
        Assert.Equal((0.999, T0), (targets.TargetFor(null)!.Target, targets.History.OfType<AvailabilityTargetSet>().Single().Effective));
    }

    [Fact]
    public async Task GetAvailability_WithOneMoreClusterMember_WouldHaveHadNoDowntime()
    {
        await SeedAsync();
        await RecordMarchAsync();

        var whatIf = await itsm.QueryAsync(new GetAvailability(Acme, Payroll, March, AllHours) { ExtraMemberOf = Cluster });
        var unknown = await itsm.QueryAsync(new GetAvailability(Acme, Payroll, March, AllHours) { ExtraMemberOf = ConfigurationItemId.From("nope") });

        Assert.Equal((Duration.Zero, 0, 1.0), (whatIf.Value.Figures.Down, whatIf.Value.Figures.Outages, whatIf.Value.Figures.Availability));
        Assert.NotNull(whatIf.Value.WhatIfMember);
        Assert.Null(whatIf.Value.Attainment);
        Assert.Equal("cmdb.item.unknown", unknown.ErrorCode);
    }

    [Fact]
    public async Task GetAvailability_OfAnotherPeriod_IgnoresOutagesOutsideIt_AndNamesAnUnknownCalendar()
    {
        await SeedAsync();
        await RecordMarchAsync();
        var february = new Interval(Instant.FromUtc(2027, 2, 1, 0, 0), March.Start);

        var measured = await itsm.QueryAsync(new GetAvailability(Acme, Payroll, february, AllHours));
        var noCalendar = await itsm.QueryAsync(new GetAvailability(Acme, Payroll, february, CalendarId.From("nope")));
        var empty = await itsm.QueryAsync(new GetAvailability(Acme, Payroll, new Interval(March.Start, March.Start), AllHours));

        Assert.Equal((Duration.FromDays(28), Duration.Zero, Duration.Zero, 0), (measured.Value.Figures.ServiceHours, measured.Value.Figures.Planned, measured.Value.Figures.Down, measured.Value.Figures.Outages));
        Assert.Equal("calendar.not-found", noCalendar.ErrorCode);
        Assert.Equal("availability.period.invalid", empty.ErrorCode);
    }

    [Fact]
    public async Task Outages_AreRecordedEndedAndCorrected_WithHistory_AndEachCommandIsAudited()
    {
        await SeedAsync();
        var cause = OutageCause.OfIncident(IncidentId.New());
        var recorded = await itsm.SendAsync(new RecordOutage(Acme, NodeA, InMarch(10, 10), null, OutageKind.Unplanned) { Cause = cause });
        var id = recorded.Value.Record.Id;
        var ended = await itsm.SendAsync(new EndOutage(Acme, id, InMarch(10, 13)) { ExpectedVersion = 1 });
        var twice = await itsm.SendAsync(new EndOutage(Acme, id, InMarch(10, 14)));
        var stale = await itsm.SendAsync(new CorrectOutage(Acme, id, ended.Value.Record.Details with { Start = InMarch(10, 9) }, "earlier alarm") { ExpectedVersion = 1 });
        var corrected = await itsm.SendAsync(new CorrectOutage(Acme, id, ended.Value.Record.Details with { Start = InMarch(10, 9) }, "earlier alarm") { ExpectedVersion = 2 });
        var got = await itsm.QueryAsync(new GetOutage(Acme, id));

        Assert.Equal((1L, 2L, 3L), (recorded.Value.Version, ended.Value.Version, corrected.Value.Version));
        Assert.Equal(OutageRecord.EndedCode, twice.ErrorCode);
        Assert.Equal("availability.outage.version-conflict", stale.ErrorCode);
        Assert.Equal((InMarch(10, 9), (Instant?)InMarch(10, 13), cause), (got.Value.Record.Start, got.Value.Record.End, got.Value.Record.Cause));
        Assert.Equal(["OutageRecorded", "OutageEnded", "OutageCorrected"], got.Value.Record.History.Select(e => e.GetType().Name));
        var audit = await AuditAsync();
        Assert.Equal(["RecordOutage", "EndOutage", "CorrectOutage"], audit.Where(r => r.Command.Contains("Outage", StringComparison.Ordinal)).Select(r => r.Command));
    }

    [Fact]
    public async Task Commands_OnUnknownItemsOutagesOrAnotherTenant_AreNotFound()
    {
        await SeedAsync();
        var recorded = await itsm.SendAsync(new RecordOutage(Acme, NodeA, InMarch(10, 10), null, OutageKind.Unplanned));

        var unknownItem = await itsm.SendAsync(new RecordOutage(Acme, ConfigurationItemId.From("nope"), InMarch(10, 10), null, OutageKind.Unplanned));
        var unknownOutage = await itsm.SendAsync(new EndOutage(Acme, OutageId.New(), InMarch(10, 11)));
        var otherTenant = await itsm.QueryAsync(new GetOutage(Globex, recorded.Value.Record.Id));
        var unknownService = await itsm.SendAsync(new SetAvailabilityTarget(Acme, ConfigurationItemId.From("nope"), 0.99));
        var noTargets = await itsm.QueryAsync(new GetAvailabilityTargets(Acme, Payroll));

        Assert.Equal<string?[]>(["cmdb.item.unknown", "availability.outage.not-found", "availability.outage.not-found", "cmdb.item.unknown", "availability.target.not-found"], [unknownItem.ErrorCode, unknownOutage.ErrorCode, otherTenant.ErrorCode, unknownService.ErrorCode, noTargets.ErrorCode]);
    }

    [Fact]
    public async Task SetAvailabilityTarget_DefinesThenSets_WithAVersionPerChange()
    {
        await SeedAsync();

        var first = await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.99));
        var second = await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.999) { Offering = "gold", ExpectedVersion = 1 });
        var same = await itsm.SendAsync(new SetAvailabilityTarget(Acme, Payroll, 0.999) { Offering = "gold" });
        var got = await itsm.QueryAsync(new GetAvailabilityTargets(Acme, Payroll));

        Assert.Equal((1L, 2L, 2L), (first.Value.Version, second.Value.Version, got.Value.Version));
        Assert.Equal(ServiceAvailabilityTargets.UnchangedCode, same.ErrorCode);
        Assert.Equal((0.99, 0.999), (got.Value.Record.ServiceTarget, got.Value.Record.Offerings["gold"]));
    }

    [Fact]
    public async Task ListOutages_ByServiceItemAndPeriod_InStartOrder_Paged()
    {
        await SeedAsync();
        await RecordMarchAsync();
        var april = await itsm.SendAsync(new RecordOutage(Acme, San, Instant.FromUtc(2027, 4, 2, 0, 0), null, OutageKind.Unplanned));
        Assert.True(april.IsSuccess);

        var ofService = await itsm.QueryAsync(new ListOutages(Acme) { Service = Payroll, From = March.Start, To = March.End });
        var ofItem = await itsm.QueryAsync(new ListOutages(Acme) { Item = NodeB });
        var page = await itsm.QueryAsync(new ListOutages(Acme) { Skip = 1, Take = 2 });
        var both = await itsm.QueryAsync(new ListOutages(Acme) { Item = NodeB, Service = Payroll });
        var halfPeriod = await itsm.QueryAsync(new ListOutages(Acme) { From = March.Start });

        Assert.Equal([San, NodeA, NodeB], ofService.Value.Select(o => o.Record.Item));
        Assert.Equal([NodeB], ofItem.Value.Select(o => o.Record.Item));
        Assert.Equal([NodeA, NodeB], page.Value.Select(o => o.Record.Item));
        Assert.Equal(("availability.outage.filter", "availability.period.invalid"), (both.ErrorCode, halfPeriod.ErrorCode));
    }

    private async Task SeedAsync()
    {
        Assert.True((await itsm.SendAsync(new DefineCalendar(Acme, AllHours, CalendarJson.Read(AllHoursJson).Value))).IsSuccess);
        await PayrollCmdb.RegisterAsync(itsm, Acme);
    }

    /// <summary>A planned firmware window on the array (4 h), and node A out 3 h with node B failing for its last 30 min and 30 min more.</summary>
    private async Task RecordMarchAsync()
    {
        Assert.True((await itsm.SendAsync(new RecordOutage(Acme, San, InMarch(7, 22), InMarch(8, 2), OutageKind.Planned))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RecordOutage(Acme, NodeA, InMarch(10, 10), InMarch(10, 13), OutageKind.Unplanned))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RecordOutage(Acme, NodeB, InMarch(10, 12, 30), InMarch(10, 13, 30), OutageKind.Unplanned))).IsSuccess);
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 1000, CancellationToken.None);
    }
}
