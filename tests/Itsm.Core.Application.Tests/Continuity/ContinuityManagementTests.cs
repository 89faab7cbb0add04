using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Continuity;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Continuity;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Continuity;

/// <summary>Service continuity through the dispatcher on the in-memory adapters: the record's commands, the stale list, errors and audit.</summary>
public sealed class ContinuityManagementTests : InMemoryDispatcherTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly RequestContext Acme = new(Tenant, UserId.From("sam"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("gil"));
    private static readonly Instant T0 = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("payroll");
    private static readonly ConfigurationItemId Hr = ConfigurationItemId.From("hr-portal");
    private static readonly ConfigurationItemId App = ConfigurationItemId.From("payroll-app");
    private static readonly ConfigurationItemId Db = ConfigurationItemId.From("payroll-db");


    public ContinuityManagementTests()
        : base(T0)
    {
    }

    [Fact]
    public async Task Record_ThroughTheDispatcher_KeepsEachChangeInHistoryAndAuditsEachCommand()
    {
        await SeedAsync();
        var impact = await itsm.SendAsync(new DefineBusinessImpact(Acme, Payroll, Duration.FromHours(24), Duration.FromHours(4), Duration.FromHours(1)));
        Assert.Equal(1L, impact.Value.Version);
        var plan = await itsm.SendAsync(new DefineContinuityPlan(Acme, Payroll, ["fail over the database", "start the application"], [App, Db]) { ExpectedVersion = 1 });
        Assert.Equal(2L, plan.Value.Version);
        var stale = await itsm.SendAsync(new DefineContinuityPlan(Acme, Payroll, ["again"], [App]) { ExpectedVersion = 1 });
        Assert.Equal("continuity.version-conflict", stale.ErrorCode);

        clock.AdvanceHours(2);
        var tested = await itsm.SendAsync(new RecordPlanTest(Acme, Payroll, T0 + Duration.FromHours(1), Duration.FromHours(3), Duration.FromMinutes(20)));
        Assert.True(tested.Value.Record.Tests.Single().Passed);
        var failed = await itsm.SendAsync(new RecordPlanTest(Acme, Payroll, T0 + Duration.FromHours(2), Duration.FromHours(5), Duration.FromMinutes(20)));
        Assert.False(failed.Value.Record.Tests[^1].Passed);

        var read = await itsm.QueryAsync(new GetContinuityPlan(Acme, Payroll));
        Assert.Equal((4L, 4), (read.Value.Version, read.Value.Record.History.Count));
        Assert.Equal([Db, App, Payroll], read.Value.Record.LastPassedTest!.Closure.Items.Keys.Order().Reverse().ToArray());
        Assert.Equal("continuity.not-found", (await itsm.QueryAsync(new GetContinuityPlan(Globex, Payroll))).ErrorCode);

        var audit = await AuditAsync();
        Assert.Equal(
            ["DefineBusinessImpact", "DefineContinuityPlan", "RecordPlanTest", "RecordPlanTest"],
            audit.Where(r => r.Command is not ("RegisterConfigurationItem" or "Relate")).Select(r => r.Command).ToArray());
    }

    [Fact]
    public async Task Commands_OutOfOrderOrOnUnknownItems_FailWithTheirCodesAndStoreNothing()
    {
        await SeedAsync();

        var unknownService = await itsm.SendAsync(new DefineBusinessImpact(Acme, ConfigurationItemId.From("ghost"), Duration.FromHours(24), Duration.FromHours(4), Duration.FromHours(1)));
        var noImpact = await itsm.SendAsync(new DefineContinuityPlan(Acme, Payroll, ["restore"], [App]));
        var rtoAboveMtd = await itsm.SendAsync(new DefineBusinessImpact(Acme, Payroll, Duration.FromHours(2), Duration.FromHours(4), Duration.FromHours(1)));
        Assert.Equal(("cmdb.item.unknown", "continuity.not-found", "continuity.impact.rto-above-mtd"), (unknownService.ErrorCode, noImpact.ErrorCode, rtoAboveMtd.ErrorCode));

        await itsm.SendAsync(new DefineBusinessImpact(Acme, Payroll, Duration.FromHours(24), Duration.FromHours(4), Duration.FromHours(1)));
        var untested = await itsm.SendAsync(new RecordPlanTest(Acme, Payroll, T0, Duration.FromHours(1), Duration.Zero));
        var unknownItem = await itsm.SendAsync(new DefineContinuityPlan(Acme, Payroll, ["restore"], [ConfigurationItemId.From("ghost")]));
        var noSteps = await itsm.SendAsync(new DefineContinuityPlan(Acme, Payroll, [], [App]));
        Assert.Equal(("continuity.plan.undefined", "cmdb.item.unknown", "continuity.plan.steps"), (untested.ErrorCode, unknownItem.ErrorCode, noSteps.ErrorCode));
        Assert.Equal(1L, (await itsm.QueryAsync(new GetContinuityPlan(Acme, Payroll))).Value.Version);
    }

    /// <summary>A passed test keeps the closure; a change to an item of it afterwards makes the plan stale, naming the item; untested plans are listed too.</summary>
    [Fact]
    public async Task ListStale_AfterAChangeInTheTestedClosure_NamesTheServiceAndTheChangedItem()
    {
        await SeedAsync();
        foreach (var service in new[] { Payroll, Hr })
        {
            await itsm.SendAsync(new DefineBusinessImpact(Acme, service, Duration.FromHours(24), Duration.FromHours(4), Duration.FromHours(1)));
            await itsm.SendAsync(new DefineContinuityPlan(Acme, service, ["restore"], [Db]));
        }

        clock.AdvanceHours(1);
        Assert.True((await itsm.SendAsync(new RecordPlanTest(Acme, Payroll, T0, Duration.FromHours(1), Duration.Zero))).IsSuccess);
        var justTested = await itsm.QueryAsync(new ListStaleContinuityPlans(Acme));
        Assert.Equal([(Hr, ContinuityPlanStatus.Untested)], justTested.Value.Select(v => (v.Service, v.Status)).ToArray());

        clock.AdvanceDays(10);
        Assert.True((await itsm.SendAsync(new UpdateConfigurationItem(Acme, Db, Name: "Payroll database (new array)"))).IsSuccess);
        var listed = await itsm.QueryAsync(new ListStaleContinuityPlans(Acme));

        Assert.Equal([(Hr, ContinuityPlanStatus.Untested), (Payroll, ContinuityPlanStatus.Stale)], listed.Value.Select(v => (v.Service, v.Status)).ToArray());
        Assert.Equal([Db], listed.Value[1].ChangedItems.ToArray());
        Assert.NotEmpty(listed.Value[1].Reasons);
        Assert.Empty((await itsm.QueryAsync(new ListStaleContinuityPlans(Globex))).Value);
        Assert.Equal("continuity.interval.invalid", (await itsm.QueryAsync(new ListStaleContinuityPlans(Acme) { TestInterval = Duration.Zero })).ErrorCode);
    }

    /// <summary>A test older than the interval makes the plan stale though nothing changed.</summary>
    [Fact]
    public async Task ListStale_WhenTheLastPassedTestIsOlderThanTheInterval_IsStaleWithNoChangedItems()
    {
        await SeedAsync();
        await itsm.SendAsync(new DefineBusinessImpact(Acme, Payroll, Duration.FromHours(24), Duration.FromHours(4), Duration.FromHours(1)));
        await itsm.SendAsync(new DefineContinuityPlan(Acme, Payroll, ["restore"], [Db]));
        await itsm.SendAsync(new RecordPlanTest(Acme, Payroll, T0, Duration.FromHours(1), Duration.Zero));
        clock.AdvanceDays(40);

        var within = await itsm.QueryAsync(new ListStaleContinuityPlans(Acme) { TestInterval = Duration.FromDays(60) });
        var beyond = await itsm.QueryAsync(new ListStaleContinuityPlans(Acme) { TestInterval = Duration.FromDays(30) });

        Assert.Empty(within.Value);
        Assert.Equal((Payroll, ContinuityPlanStatus.Stale, 0), (beyond.Value.Single().Service, beyond.Value.Single().Status, beyond.Value.Single().ChangedItems.Length));
    }

    private async Task SeedAsync()
    {
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, Payroll, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, Hr, ConfigurationItemClass.BusinessService, "HR portal"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, App, ConfigurationItemClass.Application, "Payroll app"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, Db, ConfigurationItemClass.Database, "Payroll database"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(Acme, Payroll, App, RelationshipType.DependsOn))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(Acme, App, Db, RelationshipType.DependsOn))).IsSuccess);
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 1000, CancellationToken.None);
    }
}
