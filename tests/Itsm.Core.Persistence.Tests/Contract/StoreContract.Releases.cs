using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Releases;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.Persistence.Tests.Serialization;
using Itsm.Core.Releases;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Releases on every store: whole history back, stale versions lose, one release per unit and version, tenants apart.</summary>
public abstract partial class StoreContract
{
    private static readonly ConfigurationItemId PayrollStaging = ConfigurationItemId.From("payroll-app-staging");
    private static readonly ConfigurationItemId PayrollApp = ConfigurationItemId.From("payroll-app");
    private static readonly ReleaseUnitId PayrollUnit = ReleaseUnitId.From("payroll-app");

    [Fact]
    public async Task Release_DeployedThroughTheDispatcher_ReloadsWithItsWholeHistory_AStaleVersionIsConflict_AndTenantsStayApart()
    {
        var start = Clock.GetCurrentInstant();
        var change = await ApprovedReleaseChangeAsync(start);
        var planned = await Itsm.SendAsync(PlanPayroll(new ReleaseVersion(4, 2, 0), start));
        Assert.True(planned.IsSuccess, planned.Message);
        var release = planned.Value.Record.Id;
        var steps = new List<Result<Versioned<Release>>>
        {
            await Itsm.SendAsync(new BundleChange(As(Acme), release, change) { ExpectedVersion = 1 }),
            await Itsm.SendAsync(new RecordBuild(As(Acme), release, "build-417") { RollbackPlan = "redeploy 4.1.0" }),
            await Itsm.SendAsync(new RecordTestResult(As(Acme), release, "regression", true)),
            await Itsm.SendAsync(new AcceptRelease(As(Acme), release)),
        };
        Clock.Advance(Duration.FromHours(2));
        steps.Add(await Itsm.SendAsync(new StartDeployment(As(Acme), release, DeploymentEnvironment.Staging)));
        Clock.Advance(Duration.FromMinutes(30));
        Assert.True((await Itsm.SendAsync(new UpdateConfigurationItem(As(Acme), PayrollStaging, Name: "Payroll app 4.2 (staging)"))).IsSuccess);
        steps.Add(await Itsm.SendAsync(new CompleteDeployment(As(Acme), release)));
        foreach (var step in steps)
        {
            Assert.True(step.IsSuccess, step.Message);
        }

        var stale = await Itsm.SendAsync(new ReviewRelease(As(Acme), release, "late") { ExpectedVersion = 3 });
        var reloaded = (await Itsm.QueryAsync(new GetRelease(As(Acme), release))).Value;

        Assert.Equal((ResultStatus.Conflict, "release.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal(7L, reloaded.Version);
        Assert.Equal(SnapshotJson.Serialize(steps[^1].Value.Record.ToSnapshot()), SnapshotJson.Serialize(reloaded.Record.ToSnapshot()));
        Assert.Equal(
            [typeof(ReleasePlanned), typeof(ReleaseChangeBundled), typeof(ReleaseBuilt), typeof(ReleaseTestRecorded), typeof(ReleaseAccepted), typeof(ReleaseDeploymentStarted), typeof(ReleaseDeploymentCompleted)],
            reloaded.Record.History.Select(e => e.GetType()).ToArray());
        Assert.Equal(1, reloaded.Record.Deployments.Single().Verification!.ExplainedDifferences);

        var sameVersion = await Itsm.SendAsync(PlanPayroll(new ReleaseVersion(4, 2, 0), start + Duration.FromDays(3)));
        var next = await Itsm.SendAsync(PlanPayroll(new ReleaseVersion(4, 3, 0), start + Duration.FromDays(3)));
        Assert.Equal("release.version-order", sameVersion.ErrorCode);
        Assert.True(next.IsSuccess, next.Message);
        Assert.Equal([new ReleaseVersion(4, 2, 0), new ReleaseVersion(4, 3, 0)], (await Itsm.QueryAsync(new ListReleases(As(Acme)) { Unit = PayrollUnit })).Value.Select(v => v.Record.Details.Version));
        Assert.Equal([release], (await Itsm.QueryAsync(new ListReleases(As(Acme)) { States = [ReleaseState.Deployed] })).Value.Select(v => v.Record.Id));
        Assert.Equal(new ReleaseVersion(4, 3, 0), (await Itsm.QueryAsync(new GetLatestReleaseVersion(As(Acme), PayrollUnit))).Value);

        Assert.Equal("release.not-found", (await Itsm.QueryAsync(new GetRelease(As(Globex), release))).ErrorCode);
        Assert.Equal("release.not-found", (await Itsm.SendAsync(new CloseRelease(As(Globex), release))).ErrorCode);
        Assert.Empty((await Itsm.QueryAsync(new ListReleases(As(Globex)))).Value);
        Assert.Equal("release.unit.not-found", (await Itsm.QueryAsync(new GetLatestReleaseVersion(As(Globex), PayrollUnit))).ErrorCode);
    }

    /// <summary>The port holds one release per tenant, unit and version: a second one is Conflict and stores nothing; another tenant may hold the same.</summary>
    [Fact]
    public async Task ReleaseRepository_ASecondReleaseOfTheSameUnitAndVersion_IsConflict_InItsTenantOnly()
    {
        var fixedRelease = SnapshotJsonTests.FixedRelease();
        var again = Release.Plan(ReleaseId.New(), fixedRelease.Details, null, UserId.From("bob"), fixedRelease.PlannedAt).Value;

        var first = await WithAsync<IReleaseRepository, Result>(r => r.AddAsync(Acme, fixedRelease, CancellationToken.None));
        var second = await WithAsync<IReleaseRepository, Result>(r => r.AddAsync(Acme, again, CancellationToken.None));
        var sameId = await WithAsync<IReleaseRepository, Result>(r => r.AddAsync(Acme, fixedRelease, CancellationToken.None));
        var otherTenant = await WithAsync<IReleaseRepository, Result>(r => r.AddAsync(Globex, again, CancellationToken.None));
        var staleUpdate = await WithAsync<IReleaseRepository, Result>(r => r.UpdateAsync(Acme, fixedRelease, 2, CancellationToken.None));

        Assert.True(first.IsSuccess && otherTenant.IsSuccess, first.Message + otherTenant.Message);
        Assert.Equal((ResultStatus.Conflict, "record.exists"), (second.Status, second.ErrorCode));
        Assert.Equal((ResultStatus.Conflict, "record.exists"), (sameId.Status, sameId.ErrorCode));
        Assert.Equal(ResultStatus.Conflict, staleUpdate.Status);
        var stored = await WithAsync<IReleaseRepository, IReadOnlyList<Versioned<Release>>>(r => r.ListAsync(Acme, PayrollUnit, null, CancellationToken.None));
        Assert.Equal([(fixedRelease.Id, 1L)], stored.Select(v => (v.Record.Id, v.Version)));
        Assert.Equal(SnapshotJson.Serialize(fixedRelease.ToSnapshot()), SnapshotJson.Serialize(stored[0].Record.ToSnapshot()));
        Assert.Empty(await WithAsync<IReleaseRepository, IReadOnlyList<Versioned<Release>>>(r => r.ListAsync(Acme, null, [], CancellationToken.None)));
    }

    private PlanRelease PlanPayroll(ReleaseVersion version, Instant start) =>
        new(As(Acme), $"Payroll {version}", PayrollUnit, version, ReleaseType.Minor,
            [new(DeploymentEnvironment.Staging, [PayrollStaging], new Interval(start + Duration.FromHours(2), start + Duration.FromHours(4))),
             new(DeploymentEnvironment.Production, [PayrollApp], new Interval(start + Duration.FromHours(24), start + Duration.FromHours(26)))]);

    /// <summary>Registers the payroll apps in Acme's CMDB and answers a change on both, approved for the next 48 hours.</summary>
    private async Task<ChangeId> ApprovedReleaseChangeAsync(Instant start)
    {
        Assert.True((await Itsm.SendAsync(new GrantChangeAuthority(As(Acme), UserId.From("alice"), ChangeAuthorityGrant.All))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(As(Acme), PayrollApp, ConfigurationItemClass.Application, "Payroll app"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(As(Acme), PayrollStaging, ConfigurationItemClass.Application, "Payroll app (staging)"))).IsSuccess);
        var raised = await Itsm.SendAsync(new RaiseChange(As(Acme, "bob"), ChangeType.Normal, "Payroll 4.2", [PayrollStaging, PayrollApp], new Interval(start, start + Duration.FromHours(48)), new ChangePlans("deploy", "tested", "redeploy")));
        Assert.True(raised.IsSuccess, raised.Message);
        var id = raised.Value.Record.Id;
        Assert.True((await Itsm.SendAsync(new SubmitChange(As(Acme, "bob"), id))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new AssessChangeRisk(As(Acme), id))).IsSuccess);
        var approved = await Itsm.SendAsync(new ApproveChange(As(Acme), id, "fine"));
        Assert.True(approved.IsSuccess, approved.Message);
        return id;
    }
}
