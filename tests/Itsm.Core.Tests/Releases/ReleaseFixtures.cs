using System.Collections.Immutable;
using Itsm.Core.Changes;
using Itsm.Core.Configuration;
using Itsm.Core.Releases;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Changes.ChangeFixtures;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Releases;

/// <summary>Builders shared by the release tests: approved changes, a release planned for staging and production, baselines.</summary>
internal static class ReleaseFixtures
{
    public static readonly UserId ReleaseManager = UserId.From("release-manager");
    public static readonly ConfigurationItemId StagingServer = ConfigurationItemId.From("c0");
    public static readonly ConfigurationItemId ProductionServer = ConfigurationItemId.From("c1");
    public static readonly ReleaseUnitId Payroll = ReleaseUnitId.From("payroll-app");

    /// <summary>The change window every fixture change is approved for: T0 + 0h .. T0 + 48h.</summary>
    public static Interval ChangeWindow => new(T0, T0 + Duration.FromHours(48));

    /// <summary>A standard change on <paramref name="items"/> in <paramref name="window"/>, pre-approved (or only assessed when <paramref name="approved"/> is false).</summary>
    public static ChangeRequest Change(bool approved = true, Interval? window = null, params ConfigurationItemId[] items)
    {
        ConfigurationItemId[] affected = items.Length == 0 ? [StagingServer, ProductionServer] : items;
        var change = ChangeRequest.Raise(
            ChangeId.New(), approved ? ChangeType.Standard : ChangeType.Normal, "Firmware", Requester, affected, affected, window ?? ChangeWindow,
            approved ? null : FullPlans, T0, approved ? PatchTemplate : null).ValueOrThrow();
        Assert.True(change.Submit(Requester, T0).IsSuccess);
        Assert.True(change.AssessRisk(Assessed(RiskClass.Low), ApprovalPolicy.Default, Manager, T0).IsSuccess);
        Assert.Equal(approved ? ChangeStatus.Approved : ChangeStatus.Assessed, change.Status);
        return change;
    }

    public static ReleaseDetails Details(
        ReleaseVersion? version = null, ReleaseType type = ReleaseType.Minor, ReleasePolicy? policy = null, bool staging = true, string? rollback = "redeploy 4.1.0",
        Interval? stagingWindow = null, Interval? productionWindow = null)
    {
        var plans = new List<EnvironmentPlan>();
        if (staging)
        {
            plans.Add(new(DeploymentEnvironment.Staging, [StagingServer], stagingWindow ?? new Interval(T0 + Duration.FromHours(2), T0 + Duration.FromHours(4))));
        }

        plans.Add(new(DeploymentEnvironment.Production, [ProductionServer], productionWindow ?? new Interval(T0 + Duration.FromHours(24), T0 + Duration.FromHours(26))));
        return new ReleaseDetails("Payroll 4.2", Payroll, version ?? new ReleaseVersion(4, 2, 0), type, policy ?? ReleasePolicy.Standard, [.. plans], rollback, []);
    }

    public static Release Planned(ReleaseDetails? details = null) =>
        Release.Plan(ReleaseId.New(), details ?? Details(), null, ReleaseManager, T0).ValueOrThrow();

    /// <summary>A release bundling <paramref name="changes"/>, built and with a passing test: ready for the gate.</summary>
    public static Release InTest(ReleaseDetails? details = null, params ChangeRequest[] changes)
    {
        var release = Planned(details);
        foreach (var change in changes)
        {
            Assert.True(release.BundleChange(change, ReleaseManager, T0).IsSuccess);
        }

        Assert.True(release.RecordBuild("build-417", null, ReleaseManager, T0).IsSuccess);
        Assert.True(release.RecordTestResult(new ReleaseTestResult("regression", true, string.Empty), ReleaseManager, T0).IsSuccess);
        return release;
    }

    /// <summary>A release bundling <paramref name="change"/>, accepted at T0 + 1h and deploying to staging from T0 + 2h with a baseline of <paramref name="before"/>.</summary>
    public static (Release Release, ConfigurationBaseline Baseline) DeployingToStaging(ChangeRequest change, ConfigurationState before)
    {
        var release = InTest(null, change);
        Assert.True(release.Accept(Evidence([change]), ReleaseManager, T0 + Duration.FromHours(1)).IsSuccess);
        var baseline = Baseline(before, T0 + Duration.FromHours(2));
        Assert.True(release.StartDeployment(DeploymentEnvironment.Staging, baseline, ReleaseManager, T0 + Duration.FromHours(2)).IsSuccess);
        return (release, baseline);
    }

    public static AcceptanceEvidence Evidence(IEnumerable<ChangeRequest> changes, params BlackoutWindow[] blackouts) =>
        new([.. changes], new ServiceWindows([], blackouts), ImpactSets.None, [], []);

    public static ConfigurationBaseline Baseline(ConfigurationState state, Instant at) =>
        ConfigurationBaseline.Capture(BaselineId.New(), "before", at, ReleaseManager, state).ValueOrThrow();

    public static ConfigurationState State(params ConfigurationItemSnapshot[] items) => ConfigurationState.Create(items, []).ValueOrThrow();

    public static ImmutableArray<ChangeRequest> Bundle(params ChangeRequest[] changes) => [.. changes];
}
