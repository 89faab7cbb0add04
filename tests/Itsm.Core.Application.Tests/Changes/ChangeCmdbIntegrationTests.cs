using Itsm.Core.Application;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Application.Tests.Changes;

/// <summary>Change management wired to the real CMDB with the default registrations: risk from impact analysis, audit from implemented changes.</summary>
public sealed class ChangeCmdbIntegrationTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 21, 22, 0);
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly UserId Requester = UserId.From("alice");
    private static readonly UserId[] Cab = [UserId.From("cab1"), UserId.From("cab2"), UserId.From("cab3")];
    private static readonly ConfigurationItemId Payments = ConfigurationItemId.From("svc-payments");
    private static readonly ConfigurationItemId App = ConfigurationItemId.From("app-01");
    private static readonly ConfigurationItemId Db = ConfigurationItemId.From("db-01");

    private readonly FakeClock clock = new(T0);
    private readonly ServiceProvider provider;
    private readonly IItsmDispatcher dispatcher;

    public ChangeCmdbIntegrationTests()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = clock);
        provider = services.BuildServiceProvider();
        dispatcher = provider.GetRequiredService<IItsmDispatcher>();
        using var scope = provider.CreateScope();
        foreach (var member in Cab)
        {
            var granted = scope.ServiceProvider.GetRequiredService<IChangeAuthorityStore>().GrantAsync(Tenant, ChangeAuthorityGrant.Create(member, ChangeAuthority.ChangeAdvisoryBoard).Value, CancellationToken.None);
            Assert.True(granted.GetAwaiter().GetResult().IsSuccess);
        }
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task AssessAndAudit_UseTheRealCmdb()
    {
        var imported = await dispatcher.SendAsync(new ImportConfiguration(
            Context(Requester),
            [new ImportedItem(Payments, ConfigurationItemClass.BusinessService, "Payments", BusinessCriticality.Critical),
             new ImportedItem(App, ConfigurationItemClass.Application, "Payments app"),
             new ImportedItem(Db, ConfigurationItemClass.Database, "Payments db")],
            [Relationship.Create(Payments, App, RelationshipType.DependsOn).Value, Relationship.Create(App, Db, RelationshipType.DependsOn).Value]));
        Assert.True(imported.IsSuccess, imported.Message);
        var baseline = (await dispatcher.SendAsync(new CaptureBaseline(Context(Requester), "before"))).Value;

        clock.Advance(Duration.FromHours(1));
        var id = (await dispatcher.SendAsync(new RaiseChange(Context(Requester), ChangeType.Normal, "Rename db", [Db], new Interval(T0 + Duration.FromHours(1), T0 + Duration.FromHours(3)), new ChangePlans("rename", "tested", "rename back")))).Value.Record.Id;
        await dispatcher.SendAsync(new SubmitChange(Context(Requester), id));
        var assessment = await dispatcher.SendAsync(new AssessChangeRisk(Context(Requester), id));

        Assert.True(assessment.IsSuccess, assessment.Message);
        Assert.Contains(assessment.Value.Record.Assessment!.Contributions, c => c.Detail == "svc-payments (critical criticality) is down" && c.Points == 16);
        Assert.Equal(RiskClass.High, assessment.Value.Record.Assessment!.Class);
        foreach (var member in Cab)
        {
            Assert.True((await dispatcher.SendAsync(new ApproveChange(Context(member), id, "ok"))).IsSuccess);
        }

        Assert.True((await dispatcher.SendAsync(new ScheduleChange(Context(Requester), id))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new StartImplementation(Context(Requester), id))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new UpdateConfigurationItem(Context(Requester), Db, Name: "Payments db v2"))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new UpdateConfigurationItem(Context(Requester), App, Name: "Renamed without a change"))).IsSuccess);
        clock.Advance(Duration.FromHours(1));
        Assert.True((await dispatcher.SendAsync(new CompleteChange(Context(Requester), id))).IsSuccess);

        var audit = (await dispatcher.QueryAsync(new AuditConfiguration(Context(Requester), baseline))).Value;

        Assert.Contains(audit.Findings, f => f.Items.Contains(Db) && f.ExplainedBy == id);
        Assert.Contains(audit.Unauthorised, f => f.Items.Contains(App));
        Assert.False(audit.IsClean);
    }

    /// <summary>The change itself refuses items the CMDB does not know (or that are retired), listing them all; the handler only tells it which exist.</summary>
    [Fact]
    public async Task RaiseChange_WithItemsUnknownToTheCmdb_IsInvalidListingThemAndStoresNothing()
    {
        var imported = await dispatcher.SendAsync(new ImportConfiguration(
            Context(Requester), [new ImportedItem(Db, ConfigurationItemClass.Database, "Payments db"), new ImportedItem(App, ConfigurationItemClass.Application, "Payments app")], []));
        Assert.True(imported.IsSuccess, imported.Message);
        Assert.True((await dispatcher.SendAsync(new RetireConfigurationItem(Context(Requester), App))).IsSuccess);
        var typo = ConfigurationItemId.From("db-10");

        var raised = await dispatcher.SendAsync(new RaiseChange(Context(Requester), ChangeType.Normal, "Rename db", [Db, typo, App], new Interval(T0 + Duration.FromHours(1), T0 + Duration.FromHours(3)), new ChangePlans("rename", "tested", "rename back")));

        Assert.Equal(ResultStatus.Invalid, raised.Status);
        var error = Assert.Single(raised.ValidationErrors);
        Assert.Equal(ChangeRequest.UnknownItemsCode, error.ErrorCode);
        Assert.Contains("db-10", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("app-01", error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("db-01", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty((await dispatcher.QueryAsync(new ListChanges(Context(Requester), new ChangesByWindowStart()))).Value);
        Assert.True((await dispatcher.SendAsync(new RaiseChange(Context(Requester), ChangeType.Normal, "Rename db", [Db], new Interval(T0 + Duration.FromHours(1), T0 + Duration.FromHours(3)), new ChangePlans("rename", "tested", "rename back")))).IsSuccess);
    }

    private static RequestContext Context(UserId actor) => new(Tenant, actor);
}
