using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.ServiceLevels;

/// <summary>Commands near the business calendars' horizon (2150-01-01): refused, typed, never a fault (regression of the random-request test).</summary>
public sealed class SlaHorizonTests : IDisposable
{
    private static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");
    private static readonly RequestContext Context = new(TenantId.From("acme"), UserId.From("alice"));
    private readonly FakeClock clock = new(Instant.FromUtc(2149, 12, 30, 9, 0)); // Tuesday 30 December 2149, 09:00 London
    private readonly ServiceProvider provider;
    private readonly IItsmDispatcher itsm;

    public SlaHorizonTests()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = clock);
        provider = services.BuildServiceProvider();
        itsm = provider.GetRequiredService<IItsmDispatcher>();
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task OpenIncident_WhoseTargetEndsBeyondTheHorizon_IsRefusedWithBeyondHorizon_AndLeavesNoRecord()
    {
        await DefineSlaAsync(resolution: Duration.FromHours(40)); // five office days: past 1 January 2150

        var opened = await itsm.SendAsync(new OpenIncident(Context, "Mail is not delivered", Email, 2, 2, UserId.From("carol")));

        Assert.Equal(ResultStatus.Conflict, opened.Status);
        Assert.Equal("sla.beyond-horizon", opened.ErrorCode);
        Assert.Contains("2150-01-01", opened.Message);
        Assert.Equal(["DefineCalendar", "DefineSla"], (await AuditAsync()).Select(r => r.Command));
    }

    [Fact]
    public async Task IncidentCommand_WithTheClockPastTheHorizon_IsRefusedWithBeyondHorizon()
    {
        clock.Reset(Instant.FromUtc(2026, 3, 2, 9, 0)); // Monday
        await DefineSlaAsync(resolution: Duration.FromHours(8));
        var opened = await itsm.SendAsync(new OpenIncident(Context, "Mail is not delivered", Email, 2, 2, UserId.From("carol")));
        Assert.True(opened.IsSuccess, opened.Message);
        clock.Reset(Instant.FromUtc(2150, 1, 2, 9, 0));

        var assigned = await itsm.SendAsync(new AssignIncident(Context, opened.Value.Record.Id, UserId.From("bob")));
        var status = await itsm.QueryAsync(new GetSlaStatus(Context, opened.Value.Record.Id));

        Assert.Equal("sla.beyond-horizon", assigned.ErrorCode);
        Assert.Equal("sla.beyond-horizon", status.ErrorCode);
    }

    private async Task DefineSlaAsync(Duration resolution)
    {
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var definition = BusinessCalendarDefinition.Create(
            "office", "Europe/London", weekdays.ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;
        Assert.True((await itsm.SendAsync(new DefineCalendar(Context, CalendarId.From("office"), definition))).IsSuccess);
        var sla = SlaDefinition.Create(
            SlaDefinitionId.From("email-gold"), "Email gold", new SlaScope(Email), CalendarId.From("office"),
            new Dictionary<int, SlaTargets> { [1] = new(Duration.FromHours(1), resolution), [2] = new(Duration.FromHours(1), resolution), [3] = new(Duration.FromHours(1), resolution) }).Value;
        var defined = await itsm.SendAsync(new DefineSla(Context, sla));
        Assert.True(defined.IsSuccess, defined.Message);
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync() =>
        provider.GetRequiredService<IAuditLog>().ListAsync(Context.Tenant, 0, 100, CancellationToken.None);
}
