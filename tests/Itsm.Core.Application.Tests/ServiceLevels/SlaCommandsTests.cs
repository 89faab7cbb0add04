using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Application.Tests.ServiceLevels;

public sealed class SlaCommandsTests
{
    private static readonly RequestContext Acme = new(TenantId.From("acme"), UserId.From("alice"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("bob"));
    private static readonly CalendarId Office = CalendarId.From("uk-office");
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("svc-payroll");

    private static (IItsmDispatcher Dispatcher, ServiceProvider Provider) Create()
    {
        var services = new ServiceCollection();
        services.AddItsmCore();
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IItsmDispatcher>(), provider);
    }

    private static Itsm.Core.Calendars.BusinessCalendarDefinition Definition() =>
        CalendarJson.Read("{\"name\": \"UK office\", \"timeZone\": \"Europe/London\", \"week\": {\"monday\": [\"09:00-17:00\"], \"tuesday\": [\"09:00-17:00\"]}}").Value;

    private static SlaDefinition Sla(string id, CustomerId? customer = null) =>
        SlaDefinition.Create(SlaDefinitionId.From(id), id, new SlaScope(Payroll, customer), Office, new Dictionary<int, SlaTargets> { [1] = new(Duration.FromHours(1), Duration.FromHours(8)) }).Value;

    [Fact]
    public async Task DefineCalendar_ThenGet_ReturnsVersionOneAndIsTenantScoped()
    {
        var (dispatcher, provider) = Create();
        await using var _ = provider;
        Assert.True((await dispatcher.SendAsync(new DefineCalendar(Acme, Office, Definition()))).IsSuccess);

        var read = await dispatcher.QueryAsync(new GetCalendar(Acme, Office));
        Assert.Equal(1, read.Value.Version);
        Assert.Equal("UK office", read.Value.Record.Name);
        Assert.Equal(ResultStatus.NotFound, (await dispatcher.QueryAsync(new GetCalendar(Globex, Office))).Status);
    }

    [Fact]
    public async Task DefineCalendar_Twice_IsConflict()
    {
        var (dispatcher, provider) = Create();
        await using var _ = provider;
        await dispatcher.SendAsync(new DefineCalendar(Acme, Office, Definition()));
        Assert.Equal(ResultStatus.Conflict, (await dispatcher.SendAsync(new DefineCalendar(Acme, Office, Definition()))).Status);
    }

    [Fact]
    public async Task RedefineCalendar_StaleVersion_IsConflict()
    {
        var (dispatcher, provider) = Create();
        await using var _ = provider;
        await dispatcher.SendAsync(new DefineCalendar(Acme, Office, Definition()));
        Assert.True((await dispatcher.SendAsync(new RedefineCalendar(Acme, Office, Definition(), 1))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await dispatcher.SendAsync(new RedefineCalendar(Acme, Office, Definition(), 1))).Status);
        Assert.Equal(ResultStatus.Invalid, (await dispatcher.SendAsync(new RedefineCalendar(Acme, Office, Definition(), 0))).Status);
    }

    [Fact]
    public async Task DefineSla_WithoutCalendar_IsNotFound()
    {
        var (dispatcher, provider) = Create();
        await using var _ = provider;
        var result = await dispatcher.SendAsync(new DefineSla(Acme, Sla("gold")));
        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.Contains("define the calendar first", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindApplicableSla_PrefersCustomerSpecificDefinition()
    {
        var (dispatcher, provider) = Create();
        await using var _ = provider;
        await dispatcher.SendAsync(new DefineCalendar(Acme, Office, Definition()));
        Assert.True((await dispatcher.SendAsync(new DefineSla(Acme, Sla("a-general")))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new DefineSla(Acme, Sla("z-initech", CustomerId.From("initech"))))).IsSuccess);

        Assert.Equal("z-initech", (await dispatcher.QueryAsync(new FindApplicableSla(Acme, Payroll, CustomerId.From("initech")))).Value.Id.Value);
        Assert.Equal("a-general", (await dispatcher.QueryAsync(new FindApplicableSla(Acme, Payroll, CustomerId.From("other")))).Value.Id.Value);
        Assert.Equal(ResultStatus.NotFound, (await dispatcher.QueryAsync(new FindApplicableSla(Globex, Payroll, null))).Status);
    }

    [Fact]
    public async Task BusinessCalendarSource_CompilesOncePerVersion()
    {
        var (dispatcher, provider) = Create();
        await using var _ = provider;
        await dispatcher.SendAsync(new DefineCalendar(Acme, Office, Definition()));
        using var scope = provider.CreateScope();
        var source = scope.ServiceProvider.GetRequiredService<IBusinessCalendarSource>();
        var first = (await source.GetAsync(Acme.Tenant, Office, CancellationToken.None)).Value;
        var second = (await source.GetAsync(Acme.Tenant, Office, CancellationToken.None)).Value;
        Assert.Same(first, second);
        Assert.Equal(ResultStatus.NotFound, (await source.GetAsync(Globex.Tenant, Office, CancellationToken.None)).Status);
    }
}
