using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Incidents;

public sealed class IncidentCommandTests : IDisposable
{
    private static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");
    private static readonly UserId Caller = UserId.From("carol");
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 9, 0)); // Monday 09:00 London
    private readonly ServiceProvider provider;
    private readonly IItsmDispatcher itsm;

    public IncidentCommandTests()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = clock);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        itsm = provider.GetRequiredService<IItsmDispatcher>();
    }

    public void Dispose() => provider.Dispose();

    private static RequestContext Acme(string actor = "alice") => new(TenantId.From("acme"), UserId.From(actor));

    private async Task DefineSlaAsync(string tenant = "acme")
    {
        var context = new RequestContext(TenantId.From(tenant), UserId.From("admin"));
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var definition = BusinessCalendarDefinition.Create(
            "office", "Europe/London", weekdays.ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;
        Assert.True((await itsm.SendAsync(new DefineCalendar(context, CalendarId.From("office"), definition))).IsSuccess);
        var sla = SlaDefinition.Create(
            SlaDefinitionId.From("email-gold"), "Email gold", new SlaScope(Email), CalendarId.From("office"),
            new Dictionary<int, SlaTargets>
            {
                [1] = new(Duration.FromHours(1), Duration.FromHours(4)),
                [2] = new(Duration.FromHours(2), Duration.FromHours(8)),
                [3] = new(Duration.FromHours(4), Duration.FromHours(16)),
            }, new SlaClockRules { PausedBy = [SlaPause.OnHold] }).Value;
        var defined = await itsm.SendAsync(new DefineSla(context, sla));
        Assert.True(defined.IsSuccess, defined.Message);
    }

    private async Task<IncidentId> OpenAsync(int impact = 2, int urgency = 2, RequestContext? context = null)
    {
        var opened = await itsm.SendAsync(new OpenIncident(context ?? Acme(), "Mail is not delivered", Email, impact, urgency, Caller));
        Assert.True(opened.IsSuccess, opened.Message);
        return opened.Value.Record.Id;
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync(string tenant = "acme")
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(TenantId.From(tenant), 0, 1000, CancellationToken.None);
    }

    [Fact]
    public async Task OpenIncident_DecidesPriorityAndStartsSlaClocks()
    {
        await DefineSlaAsync();

        var id = await OpenAsync(impact: 1, urgency: 2);

        var incident = (await itsm.QueryAsync(new GetIncident(Acme(), id))).Value.Record;
        Assert.Equal(Priority.FromRank(2), incident.Priority);
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 11, 0), incident.NextBreachAt); // 2h response target
        clock.AdvanceMinutes(30);
        var status = (await itsm.QueryAsync(new GetSlaStatus(Acme(), id))).Value;
        Assert.Equal(Duration.FromMinutes(30), status.Resolution!.Elapsed);
        Assert.Equal("Europe/London", status.Zone!.Id);
    }

    [Fact]
    public async Task OpenIncident_BadInput_IsInvalidAndWritesNothing()
    {
        var result = await itsm.SendAsync(new OpenIncident(Acme(), " ", Email, 9, 0, Caller));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal(["Title", "Impact", "Urgency"], result.ValidationErrors.Select(e => e.Identifier));
        Assert.Empty((await itsm.QueryAsync(new ListIncidents(Acme()))).Value);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task OpenIncident_WithoutImpactOrCmdb_IsInvalidWithReason()
    {
        var result = await itsm.SendAsync(new OpenIncident(Acme(), "VPN down", Email, null, 2, Caller) { AffectedItem = ConfigurationItemId.From("vpn-1") });

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("could not suggest", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_EachAcceptedCommandLeavesOneAuditRecord()
    {
        await DefineSlaAsync();
        var id = await OpenAsync();

        Assert.True((await itsm.SendAsync(new AssignIncident(Acme(), id, UserId.From("bob")))).IsSuccess);
        clock.AdvanceMinutes(10);
        Assert.True((await itsm.SendAsync(new StartIncidentWork(Acme("bob"), id))).IsSuccess);
        Assert.True((await itsm.SendAsync(new PutIncidentOnHold(Acme("bob"), id, HoldReason.AwaitingCustomer))).IsSuccess);
        clock.AdvanceHours(3);
        Assert.True((await itsm.SendAsync(new ResumeIncident(Acme("bob"), id))).IsSuccess);
        clock.AdvanceMinutes(20);
        Assert.True((await itsm.SendAsync(new ResolveIncident(Acme("bob"), id, "relay restarted"))).IsSuccess);

        var status = (await itsm.QueryAsync(new GetSlaStatus(Acme(), id))).Value;
        Assert.Equal(SlaClockState.Met, status.Resolution!.State);
        Assert.Equal(Duration.FromMinutes(30), status.Resolution.Elapsed); // the three hours on hold do not count
        var commands = (await AuditAsync()).Select(r => r.Command).ToList();
        Assert.Equal(["DefineCalendar", "DefineSla", "OpenIncident", "AssignIncident", "StartIncidentWork", "PutIncidentOnHold", "ResumeIncident", "ResolveIncident"], commands);
    }

    [Fact]
    public async Task OpenIncident_WithoutImpact_TakesItFromTheCmdb()
    {
        ConfigurationItemId Id(string id) => ConfigurationItemId.From(id);
        var imported = await itsm.SendAsync(new ImportConfiguration(
            Acme(),
            [
                new ImportedItem(Email, ConfigurationItemClass.BusinessService, "Email", BusinessCriticality.Critical),
                new ImportedItem(Id("exchange"), ConfigurationItemClass.Application, "Exchange"),
                new ImportedItem(Id("vm-mail-1"), ConfigurationItemClass.VirtualMachine, "vm-mail-1"),
            ],
            [
                Relationship.Create(Email, Id("exchange"), RelationshipType.DependsOn).Value,
                Relationship.Create(Id("exchange"), Id("vm-mail-1"), RelationshipType.RunsOn).Value,
            ]));
        Assert.True(imported.IsSuccess, imported.Message);

        var opened = await itsm.SendAsync(new OpenIncident(Acme(), "Mail VM unreachable", Email, null, 2, Caller) { AffectedItem = Id("vm-mail-1") });

        Assert.True(opened.IsSuccess, opened.Message);
        var incident = (await itsm.QueryAsync(new GetIncident(Acme(), opened.Value.Record.Id))).Value.Record;
        Assert.Equal(Impact.FromLevel(1), incident.Decision.Impact);
        Assert.Equal(Priority.FromRank(2), incident.Priority);
    }

    [Fact]
    public async Task IllegalTransition_IsConflictAndLeavesNoAudit()
    {
        var id = await OpenAsync();
        var before = (await AuditAsync()).Count;

        var result = await itsm.SendAsync(new ResumeIncident(Acme(), id));

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal("incident.illegal-transition", result.ErrorCode);
        Assert.Equal(before, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task StaleExpectedVersion_IsConflict()
    {
        var id = await OpenAsync();
        await itsm.SendAsync(new AssignIncident(Acme(), id, UserId.From("bob")));

        var result = await itsm.SendAsync(new CancelIncident(Acme(), id, "duplicate") { ExpectedVersion = 1 });

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal(IncidentState.Assigned, (await itsm.QueryAsync(new GetIncident(Acme(), id))).Value.Record.State);
    }

    [Fact]
    public async Task OtherTenant_CannotSeeOrChangeTheIncident()
    {
        var id = await OpenAsync();
        var globex = new RequestContext(TenantId.From("globex"), UserId.From("mallory"));

        Assert.Equal(ResultStatus.NotFound, (await itsm.QueryAsync(new GetIncident(globex, id))).Status);
        Assert.Equal(ResultStatus.NotFound, (await itsm.SendAsync(new CancelIncident(globex, id, "mine now"))).Status);
        Assert.Empty((await itsm.QueryAsync(new ListIncidents(globex))).Value);
        Assert.Equal(IncidentState.New, (await itsm.QueryAsync(new GetIncident(Acme(), id))).Value.Record.State);
    }

    [Fact]
    public async Task ChangePriority_RetargetsAndOverrideIsExplained()
    {
        await DefineSlaAsync();
        var id = await OpenAsync(impact: 2, urgency: 2); // P3
        clock.AdvanceHours(1);

        var changed = await itsm.SendAsync(new ChangeIncidentPriority(Acme("lead"), id, 2, 2, "CEO's mailbox") { OverridePriority = 1 });

        Assert.True(changed.IsSuccess, changed.Message);
        var incident = (await itsm.QueryAsync(new GetIncident(Acme(), id))).Value.Record;
        Assert.Equal(Priority.FromRank(1), incident.Priority);
        Assert.Contains(incident.Decision.Explain(), line => line.StartsWith("override by lead", StringComparison.Ordinal));
        var status = (await itsm.QueryAsync(new GetSlaStatus(Acme(), id))).Value;
        Assert.Equal(Duration.FromHours(4), status.Resolution!.Target);
        Assert.Equal(Duration.FromHours(1), status.Resolution.Elapsed);
    }

    [Fact]
    public async Task ForecastBreaches_ListsRunningClocksBreachingBeforeTheHorizon()
    {
        await DefineSlaAsync();
        var p1 = await OpenAsync(impact: 1, urgency: 1); // response due 10:00, breach at 10:00
        var p3 = await OpenAsync(impact: 2, urgency: 2); // response due 13:00
        await itsm.SendAsync(new AssignIncident(Acme(), p1, UserId.From("bob"))); // response met; resolution breach 13:00

        var forecast = (await itsm.QueryAsync(new ForecastBreaches(Acme(), Instant.FromUtc(2026, 3, 2, 13, 30)))).Value;

        Assert.Equal([p1, p3], forecast.Select(f => f.Incident).Order().ToList().OrderBy(id => id == p1 ? 0 : 1));
        Assert.All(forecast, f => Assert.Equal(Instant.FromUtc(2026, 3, 2, 13, 0), f.BreachAt));
        Assert.Empty((await itsm.QueryAsync(new ForecastBreaches(Acme(), Instant.FromUtc(2026, 3, 2, 12, 0)))).Value);
    }

    [Fact]
    public async Task ListIncidents_FiltersByStateAndPriority()
    {
        var p1 = await OpenAsync(impact: 1, urgency: 1);
        var p3 = await OpenAsync(impact: 2, urgency: 2);
        await itsm.SendAsync(new AssignIncident(Acme(), p3, UserId.From("bob")));

        var assigned = (await itsm.QueryAsync(new ListIncidents(Acme()) { States = [IncidentState.Assigned] })).Value;
        var top = (await itsm.QueryAsync(new ListIncidents(Acme()) { Priority = 1 })).Value;

        Assert.Equal(p3, Assert.Single(assigned).Record.Id);
        Assert.Equal(p1, Assert.Single(top).Record.Id);
        Assert.Equal(ResultStatus.Invalid, (await itsm.QueryAsync(new ListIncidents(Acme()) { Take = 0 })).Status);
    }
}
