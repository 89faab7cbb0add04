using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Releases;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Releases;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Releases;

/// <summary>Release and deployment management through the dispatcher on the in-memory adapters: the lifecycle, the gate's evidence, verified deployments and rollbacks, errors and audit.</summary>
public sealed class ReleaseManagementTests : InMemoryDispatcherTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly UserId Manager = UserId.From("alice");
    private static readonly RequestContext Acme = new(Tenant, Manager);
    private static readonly RequestContext Requester = new(Tenant, UserId.From("bob"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("gil"));
    private static readonly Instant T0 = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("payroll");
    private static readonly ConfigurationItemId StagingApp = ConfigurationItemId.From("payroll-app-staging");
    private static readonly ConfigurationItemId ProductionApp = ConfigurationItemId.From("payroll-app");
    private static readonly ReleaseUnitId Unit = ReleaseUnitId.From("payroll-app");
    private static readonly Interval StagingWindow = new(T0 + Duration.FromHours(2), T0 + Duration.FromHours(4));
    private static readonly Interval ProductionWindow = new(T0 + Duration.FromHours(24), T0 + Duration.FromHours(26));

    public ReleaseManagementTests()
        : base(T0)
    {
    }

    [Fact]
    public async Task Release_ThroughItsWholeLifecycle_VerifiesEachDeploymentKeepsItsHistoryAndAuditsEachCommand()
    {
        await SeedAsync();
        var change = await ApprovedChangeAsync();
        var release = await PlanAsync(new ReleaseVersion(4, 2, 0));
        await StepAsync(new BundleChange(Acme, release, change) { ExpectedVersion = 1 });
        await StepAsync(new RecordBuild(Acme, release, "build-417") { RollbackPlan = "redeploy 4.1.0" });
        await StepAsync(new RecordTestResult(Acme, release, "regression", true));
        Assert.True((await itsm.QueryAsync(new CheckReleaseAcceptance(Acme, release))).Value.IsMet);
        await StepAsync(new AcceptRelease(Acme, release));

        clock.AdvanceHours(2);
        var staging = await StepAsync(new StartDeployment(Acme, release, DeploymentEnvironment.Staging));
        var before = staging.Record.CurrentDeployment!.Baseline;
        Assert.Contains(before, (await itsm.QueryAsync(new ListBaselines(Acme))).Value.Select(b => b.Id));
        clock.AdvanceMinutes(30);
        Assert.True((await itsm.SendAsync(new UpdateConfigurationItem(Acme, StagingApp, Name: "Payroll app 4.2 (staging)"))).IsSuccess);
        var completed = await StepAsync(new CompleteDeployment(Acme, release));
        Assert.Equal(1, completed.Record.Deployments[0].Verification!.ExplainedDifferences);

        clock.AdvanceHours(22);
        await StepAsync(new StartDeployment(Acme, release, DeploymentEnvironment.Production));
        clock.AdvanceMinutes(30);
        await StepAsync(new CompleteDeployment(Acme, release));
        await StepAsync(new ReviewRelease(Acme, release, "deployed in its windows; no incident"));
        var closed = await StepAsync(new CloseRelease(Acme, release));

        var read = await itsm.QueryAsync(new GetRelease(Acme, release));
        Assert.Equal((ReleaseState.Closed, closed.Version, 11), (read.Value.Record.State, read.Value.Version, read.Value.Record.History.Count));
        Assert.True(read.Value.Record.Deployments.All(d => d.IsPassed));
        Assert.Equal(new ReleaseVersion(4, 2, 0), (await itsm.QueryAsync(new GetLatestReleaseVersion(Acme, Unit))).Value);
        Assert.Equal([release], (await itsm.QueryAsync(new ListReleases(Acme) { Unit = Unit, States = [ReleaseState.Closed] })).Value.Select(v => v.Record.Id));
        Assert.Empty((await itsm.QueryAsync(new ListReleases(Acme) { States = [ReleaseState.Planned] })).Value);
        Assert.Equal("release.not-found", (await itsm.QueryAsync(new GetRelease(Globex, release))).ErrorCode);
        Assert.Empty((await itsm.QueryAsync(new ListReleases(Globex))).Value);

        var audited = (await AuditAsync()).Select(r => r.Command).Where(c => c.Contains("Release", StringComparison.Ordinal) || c.Contains("Deployment", StringComparison.Ordinal) || c is "BundleChange" or "RecordBuild" or "RecordTestResult").ToArray();
        Assert.Equal(
            ["PlanRelease", "BundleChange", "RecordBuild", "RecordTestResult", "AcceptRelease", "StartDeployment", "CompleteDeployment", "StartDeployment", "CompleteDeployment", "ReviewRelease", "CloseRelease"],
            audited);
    }

    /// <summary>The gate reads the blackouts of the services the target items impact: a freeze on payroll refuses a production window inside it, and says so.</summary>
    [Fact]
    public async Task Accept_WithTheProductionWindowInsideABlackoutOfTheImpactedService_IsRefusedNamingTheCriterionAndChangesNothing()
    {
        await SeedAsync();
        var change = await ApprovedChangeAsync();
        Assert.True((await itsm.SendAsync(new DeclareBlackout(Acme, Payroll, new Interval(T0 + Duration.FromHours(20), T0 + Duration.FromHours(30)), "payroll freeze"))).IsSuccess);
        var release = await InTestAsync(change);

        var verdict = await itsm.QueryAsync(new CheckReleaseAcceptance(Acme, release));
        var accepted = await itsm.SendAsync(new AcceptRelease(Acme, release));

        Assert.Equal([(AcceptanceCriterion.OutsideBlackout, DeploymentEnvironment.Production)], verdict.Value.Unmet.Select(u => (u.Criterion, u.Environment!.Value)));
        Assert.Equal(Release.AcceptanceRefusedCode, accepted.ErrorCode);
        Assert.Contains("payroll freeze", accepted.Message, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.InTest, (await itsm.QueryAsync(new GetRelease(Acme, release))).Value.Record.State);

        var calendar = await itsm.QueryAsync(new GetReleaseCalendar(Acme, T0, T0 + Duration.FromDays(2)));
        Assert.Equal([DeploymentEnvironment.Staging, DeploymentEnvironment.Production], calendar.Value.Entries.Select(e => e.Environment));
        Assert.Single(calendar.Value.Blackouts);
        Assert.Equal([DeploymentEnvironment.Production], (await itsm.QueryAsync(new GetReleaseCalendar(Acme, T0 + Duration.FromHours(25), T0 + Duration.FromHours(27)))).Value.Entries.Select(e => e.Environment));
    }

    /// <summary>Refused inside a freeze, the release is rescheduled to the next window and accepted; it deploys only inside its windows; the reschedule is audited.</summary>
    [Fact]
    public async Task RescheduleDeployment_PastTheFreezeTheGateRefused_IsAcceptedDeploysOnlyInItsWindowAndIsAudited()
    {
        await SeedAsync();
        var change = await ApprovedChangeAsync();
        Assert.True((await itsm.SendAsync(new DeclareBlackout(Acme, Payroll, new Interval(T0 + Duration.FromHours(20), T0 + Duration.FromHours(30)), "payroll freeze"))).IsSuccess);
        var release = await InTestAsync(change);
        Assert.Equal(Release.AcceptanceRefusedCode, (await itsm.SendAsync(new AcceptRelease(Acme, release))).ErrorCode);
        var next = new Interval(T0 + Duration.FromHours(30), T0 + Duration.FromHours(32));

        var stale = await itsm.SendAsync(new RescheduleDeployment(Acme, release, DeploymentEnvironment.Production, next) { ExpectedVersion = 1 });
        var notTargeted = await itsm.SendAsync(new RescheduleDeployment(Acme, release, DeploymentEnvironment.Test, next));
        var rescheduled = await StepAsync(new RescheduleDeployment(Acme, release, DeploymentEnvironment.Production, next));
        await StepAsync(new AcceptRelease(Acme, release));
        clock.AdvanceHours(1);
        var early = await itsm.SendAsync(new StartDeployment(Acme, release, DeploymentEnvironment.Staging));
        clock.AdvanceHours(1);
        await StepAsync(new StartDeployment(Acme, release, DeploymentEnvironment.Staging));
        await StepAsync(new CompleteDeployment(Acme, release));
        clock.AdvanceHours(24);
        var inFreeze = await itsm.SendAsync(new StartDeployment(Acme, release, DeploymentEnvironment.Production));
        clock.AdvanceHours(4);
        var deploying = await StepAsync(new StartDeployment(Acme, release, DeploymentEnvironment.Production));

        Assert.Equal(("release.version-conflict", "release.environments"), (stale.ErrorCode, notTargeted.ErrorCode));
        Assert.Equal(next, rescheduled.Record.PlanOf(DeploymentEnvironment.Production)!.Window);
        Assert.Equal((Release.DeploymentWindowCode, Release.DeploymentWindowCode), (early.ErrorCode, inFreeze.ErrorCode));
        Assert.Equal(ReleaseState.Deploying, deploying.Record.State);
        var calendar = await itsm.QueryAsync(new GetReleaseCalendar(Acme, T0 + Duration.FromHours(24), T0 + Duration.FromHours(48)));
        Assert.Equal([(DeploymentEnvironment.Production, next)], calendar.Value.Entries.Select(e => (e.Environment, e.Window)));
        Assert.Contains("RescheduleDeployment", (await AuditAsync()).Select(r => r.Command));
    }

    /// <summary>A rollback is recorded only once the CMDB is back at the before-baseline on the environment's items.</summary>
    [Fact]
    public async Task RollBack_WhileTheItemStillDiffersFromTheBaseline_IsUnverified_AndAfterRestoringItIsRecorded()
    {
        await SeedAsync();
        var release = await InTestAsync(await ApprovedChangeAsync());
        await StepAsync(new AcceptRelease(Acme, release));
        clock.AdvanceHours(2);
        await StepAsync(new StartDeployment(Acme, release, DeploymentEnvironment.Staging));
        Assert.True((await itsm.SendAsync(new UpdateConfigurationItem(Acme, StagingApp, Name: "Payroll app 4.2 (staging)"))).IsSuccess);

        var unverified = await itsm.SendAsync(new RollBackDeployment(Acme, release, "smoke test failed"));
        Assert.True((await itsm.SendAsync(new UpdateConfigurationItem(Acme, StagingApp, Name: "Payroll app (staging)"))).IsSuccess);
        var rolledBack = await itsm.SendAsync(new RollBackDeployment(Acme, release, "smoke test failed"));

        Assert.Equal(Release.RollbackUnverifiedCode, unverified.ErrorCode);
        Assert.Equal(ReleaseState.RolledBack, rolledBack.Value.Record.State);
        Assert.Equal(0, rolledBack.Value.Record.Deployments.Single().Verification!.ExplainedDifferences);
    }

    [Fact]
    public async Task Commands_WithBadInputOrOutOfOrder_FailWithTheirCodesAndStoreNothing()
    {
        await SeedAsync();
        var unapproved = (await itsm.SendAsync(new RaiseChange(Requester, ChangeType.Normal, "Firmware", [ProductionApp], new Interval(T0, T0 + Duration.FromHours(48)), new ChangePlans("flash", "tested", "reflash")))).Value.Record.Id;
        var release = await PlanAsync(new ReleaseVersion(4, 2, 0));

        var sameVersion = await itsm.SendAsync(Plan(new ReleaseVersion(4, 2, 0)));
        var unknownItem = await itsm.SendAsync(Plan(new ReleaseVersion(5, 0, 0)) with { Environments = [new(DeploymentEnvironment.Test, [ConfigurationItemId.From("ghost")], StagingWindow)] });
        var unknownKnownError = await itsm.SendAsync(Plan(new ReleaseVersion(5, 0, 0)) with { KnownErrors = [KnownErrorId.New()] });
        Assert.Equal(("release.version-order", "cmdb.item.unknown", "known-error.not-found"), (sameVersion.ErrorCode, unknownItem.ErrorCode, unknownKnownError.ErrorCode));

        var notApproved = await itsm.SendAsync(new BundleChange(Acme, release, unapproved));
        var noChange = await itsm.SendAsync(new BundleChange(Acme, release, ChangeId.New()));
        var stale = await itsm.SendAsync(new RecordBuild(Acme, release, "build-1") { ExpectedVersion = 7 });
        var badVersion = await itsm.SendAsync(new RecordBuild(Acme, release, "build-1") { ExpectedVersion = 0 });
        Assert.Equal(("release.change-unapproved", "change.not-found", "release.version-conflict", "release.expected-version"), (notApproved.ErrorCode, noChange.ErrorCode, stale.ErrorCode, badVersion.ErrorCode));

        var early = await itsm.SendAsync(new AcceptRelease(Acme, release));
        var nothingDeployed = await itsm.SendAsync(new CompleteDeployment(Acme, release));
        var otherTenant = await itsm.SendAsync(new CloseRelease(Globex, release));
        Assert.Equal(("release.illegal-transition", "release.illegal-transition", "release.not-found"), (early.ErrorCode, nothingDeployed.ErrorCode, otherTenant.ErrorCode));

        var period = await itsm.QueryAsync(new GetReleaseCalendar(Acme, T0, T0));
        var noUnit = await itsm.QueryAsync(new GetLatestReleaseVersion(Acme, ReleaseUnitId.From("hr-app")));
        var longTitle = await itsm.SendAsync(Plan(new ReleaseVersion(6, 0, 0)) with { Title = new string('t', 501) });
        Assert.Equal(("release.calendar.period", "release.unit.not-found", "release.title"), (period.ErrorCode, noUnit.ErrorCode, longTitle.ErrorCode));

        var stored = await itsm.QueryAsync(new GetRelease(Acme, release));
        Assert.Equal((1L, ReleaseState.Planned), (stored.Value.Version, stored.Value.Record.State));
        Assert.Single((await itsm.QueryAsync(new ListReleases(Acme))).Value);
    }

    private static PlanRelease Plan(ReleaseVersion version) =>
        new(Acme, "Payroll " + version, Unit, version, ReleaseType.Minor, [new(DeploymentEnvironment.Staging, [StagingApp], StagingWindow), new(DeploymentEnvironment.Production, [ProductionApp], ProductionWindow)]);

    private async Task<ReleaseId> PlanAsync(ReleaseVersion version)
    {
        var planned = await itsm.SendAsync(Plan(version));
        Assert.True(planned.IsSuccess, planned.Message);
        Assert.Equal(1L, planned.Value.Version);
        return planned.Value.Record.Id;
    }

    private async Task<ReleaseId> InTestAsync(ChangeId change)
    {
        var release = await PlanAsync(new ReleaseVersion(4, 2, 0));
        await StepAsync(new BundleChange(Acme, release, change));
        await StepAsync(new RecordBuild(Acme, release, "build-417") { RollbackPlan = "redeploy 4.1.0" });
        await StepAsync(new RecordTestResult(Acme, release, "regression", true));
        return release;
    }

    private async Task<Versioned<Release>> StepAsync(ReleaseCommand command)
    {
        var result = await itsm.SendAsync(command);
        Assert.True(result.IsSuccess, $"{command.GetType().Name}: {result.ErrorCode} {result.Message}");
        return result.Value;
    }

    /// <summary>A normal change on both apps, approved for T0 .. T0 + 48h.</summary>
    private async Task<ChangeId> ApprovedChangeAsync()
    {
        var raised = await itsm.SendAsync(new RaiseChange(Requester, ChangeType.Normal, "Payroll 4.2", [StagingApp, ProductionApp], new Interval(T0, T0 + Duration.FromHours(48)), new ChangePlans("deploy", "tested", "redeploy")));
        Assert.True(raised.IsSuccess, raised.Message);
        var id = raised.Value.Record.Id;
        Assert.True((await itsm.SendAsync(new SubmitChange(Requester, id))).IsSuccess);
        var assessed = await itsm.SendAsync(new AssessChangeRisk(Acme, id));
        Assert.True(assessed.IsSuccess, assessed.Message);
        var approved = await itsm.SendAsync(new ApproveChange(Acme, id, "fine"));
        Assert.True(approved.IsSuccess, approved.Message);
        return id;
    }

    private async Task SeedAsync()
    {
        Assert.True((await itsm.SendAsync(new GrantChangeAuthority(Acme, Manager, ChangeAuthorityGrant.All))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, Payroll, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, ProductionApp, ConfigurationItemClass.Application, "Payroll app"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, StagingApp, ConfigurationItemClass.Application, "Payroll app (staging)"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(Acme, Payroll, ProductionApp, RelationshipType.DependsOn))).IsSuccess);
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 1000, CancellationToken.None);
    }
}
