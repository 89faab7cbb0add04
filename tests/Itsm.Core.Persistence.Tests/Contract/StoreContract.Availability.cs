using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Outages and availability targets on every store: the whole history comes back, a period reads only its outages, stale versions lose, tenants stay apart.</summary>
public abstract partial class StoreContract
{
    private protected static readonly ConfigurationItemId HrService = ConfigurationItemId.From("svc-hr");
    private protected static readonly ConfigurationItemId HrServer = ConfigurationItemId.From("srv-hr");

    [Fact]
    public async Task Outage_RecordedEndedAndCorrected_ReloadsWithItsWholeHistory_AndEveryAnswerIsWhatWasStored()
    {
        await RegisterHrAsync(Acme);
        var monday = Clock.GetCurrentInstant(); // Monday 2 March 2026, 09:00 UTC (09:00 in London)
        var recorded = await Itsm.SendAsync(new RecordOutage(As(Acme), HrServer, monday + Duration.FromHours(1), null, OutageKind.Unplanned) { Cause = OutageCause.OfIncident(IncidentId.New()) });
        Assert.True(recorded.IsSuccess, recorded.Message);
        var id = recorded.Value.Record.Id;
        var steps = new List<(Type What, Instant At)> { (typeof(OutageRecorded), monday) };
        async Task StepAsync<TEvent>(OutageCommand command)
        {
            Clock.Advance(Duration.FromHours(1));
            var result = await Itsm.SendAsync(command);
            Assert.True(result.IsSuccess, result.Message);
            var stored = (await Itsm.QueryAsync(new GetOutage(As(Acme), id))).Value;
            Assert.Equal(stored.Version, result.Value.Version);
            Assert.Equal(SnapshotJson.Serialize(stored.Record.ToSnapshot()), SnapshotJson.Serialize(result.Value.Record.ToSnapshot()));
            steps.Add((typeof(TEvent), Clock.GetCurrentInstant()));
        }

        await StepAsync<OutageEnded>(new EndOutage(As(Acme), id, monday + Duration.FromHours(3)) { ExpectedVersion = 1 });
        await StepAsync<OutageCorrected>(new CorrectOutage(As(Acme), id, recorded.Value.Record.Details with { Start = monday + Duration.FromMinutes(30), End = monday + Duration.FromHours(3), Kind = OutageKind.Planned, Cause = null }, "it was the patch window"));

        var reloaded = (await Itsm.QueryAsync(new GetOutage(As(Acme), id))).Value;
        Assert.Equal((3L, monday + Duration.FromMinutes(30), (Instant?)(monday + Duration.FromHours(3)), OutageKind.Planned, (OutageCause?)null), (reloaded.Version, reloaded.Record.Start, reloaded.Record.End, reloaded.Record.Kind, reloaded.Record.Cause));
        Assert.Equal(steps, reloaded.Record.History.Select(e => (e.GetType(), e.At)).ToList());
        Assert.Equal("availability.outage.not-found", (await Itsm.QueryAsync(new GetOutage(As(Globex), id))).ErrorCode);
        Assert.Empty((await Itsm.QueryAsync(new ListOutages(As(Globex)))).Value);
        var audit = await WithAsync<IAuditLog, IReadOnlyList<AuditRecord>>(log => log.ListAsync(Acme, 0, 100, CancellationToken.None));
        Assert.Equal(["RecordOutage", "EndOutage", "CorrectOutage"], audit.Select(r => r.Command).Where(c => c.Contains("Outage", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public async Task OutagesOfAPeriod_AreThoseOverlappingIt_OngoingIncluded_AndMeasuredAgainstTheStoredTarget()
    {
        await DefineSlaAsync(Acme);
        await RegisterHrAsync(Acme);
        var monday = Clock.GetCurrentInstant();
        async Task<OutageId> RecordAsync(Duration from, Duration? to, ConfigurationItemId? item = null)
        {
            var recorded = await Itsm.SendAsync(new RecordOutage(As(Acme), item ?? HrServer, monday + from, to is { } t ? monday + t : null, OutageKind.Unplanned));
            Assert.True(recorded.IsSuccess, recorded.Message);
            return recorded.Value.Record.Id;
        }

        var lastWeek = await RecordAsync(Duration.FromDays(-7), Duration.FromDays(-7) + Duration.FromHours(2));
        var morning = await RecordAsync(Duration.FromHours(1), Duration.FromHours(2));
        var ongoing = await RecordAsync(Duration.FromHours(6), null);
        var ofService = await RecordAsync(Duration.FromHours(3), Duration.FromHours(3) + Duration.FromMinutes(30), HrService);
        var tomorrow = await RecordAsync(Duration.FromDays(1), Duration.FromDays(1) + Duration.FromHours(1));
        Assert.True((await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.9))).IsSuccess);
        var monday0900To1700 = new Interval(monday, monday + Duration.FromHours(8));

        var listed = await Itsm.QueryAsync(new ListOutages(As(Acme)) { From = monday0900To1700.Start, To = monday0900To1700.End });
        var ofServer = await Itsm.QueryAsync(new ListOutages(As(Acme)) { Item = HrServer });
        var page = await Itsm.QueryAsync(new ListOutages(As(Acme)) { Item = HrServer, Skip = 1, Take = 2 });
        var measured = await Itsm.QueryAsync(new GetAvailability(As(Acme), HrService, monday0900To1700, CalendarId.From("office")));

        Assert.Equal([morning, ofService, ongoing], listed.Value.Select(o => o.Record.Id));
        Assert.Equal([lastWeek, morning, ongoing, tomorrow], ofServer.Value.Select(o => o.Record.Id));
        Assert.Equal([morning, ongoing], page.Value.Select(o => o.Record.Id));
        var figures = measured.Value.Figures;
        Assert.Equal((Duration.FromHours(8), Duration.FromHours(3) + Duration.FromMinutes(30), 3), (figures.ServiceHours, figures.Down, figures.Outages));
        Assert.Equal((0.9, false), (measured.Value.Attainment!.Target, measured.Value.Attainment!.Met));
    }

    [Fact]
    public async Task OutageAndTargetCommands_AtAStaleVersion_AreConflict_AndChangeNothing()
    {
        await RegisterHrAsync(Acme);
        var monday = Clock.GetCurrentInstant();
        var recorded = await Itsm.SendAsync(new RecordOutage(As(Acme), HrServer, monday, null, OutageKind.Unplanned));
        Assert.True((await Itsm.SendAsync(new EndOutage(As(Acme), recorded.Value.Record.Id, monday + Duration.FromHours(1)))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.99))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.999) { Offering = "gold" })).IsSuccess);

        var staleOutage = await Itsm.SendAsync(new CorrectOutage(As(Acme), recorded.Value.Record.Id, recorded.Value.Record.Details with { Kind = OutageKind.Planned }, "planned after all") { ExpectedVersion = 1 });
        var staleTarget = await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.95) { ExpectedVersion = 1 });

        Assert.Equal((ResultStatus.Conflict, "availability.outage.version-conflict"), (staleOutage.Status, staleOutage.ErrorCode));
        Assert.Equal(ResultStatus.Conflict, staleTarget.Status);
        var outage = (await Itsm.QueryAsync(new GetOutage(As(Acme), recorded.Value.Record.Id))).Value;
        Assert.Equal((2L, OutageKind.Unplanned), (outage.Version, outage.Record.Kind));
        var targets = (await Itsm.QueryAsync(new GetAvailabilityTargets(As(Acme), HrService))).Value;
        Assert.Equal((2L, (double?)0.99, 0.999, 2), (targets.Version, targets.Record.ServiceTarget, targets.Record.Offerings["gold"], targets.Record.History.Count));
        Assert.Equal("availability.target.not-found", (await Itsm.QueryAsync(new GetAvailabilityTargets(As(Globex), HrService))).ErrorCode);
    }

    /// <summary>The HR service running on its server, in the tenant's CMDB.</summary>
    private protected async Task RegisterHrAsync(TenantId tenant)
    {
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(As(tenant), HrService, ConfigurationItemClass.BusinessService, "HR"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(As(tenant), HrServer, ConfigurationItemClass.Server, "HR server"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new Relate(As(tenant), HrService, HrServer, RelationshipType.RunsOn))).IsSuccess);
    }
}
