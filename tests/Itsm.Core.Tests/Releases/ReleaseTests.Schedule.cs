using Itsm.Core.Changes;
using Itsm.Core.Configuration;
using Itsm.Core.Releases;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Changes.ChangeFixtures;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;
using static Itsm.Core.Tests.Releases.ReleaseFixtures;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Releases;

/// <summary>Deployment windows: rescheduling before deployment, the gate reading the current windows, deploying only inside them.</summary>
public sealed partial class ReleaseTests
{
    private static readonly BlackoutWindow Freeze = new(ProductionServer, new Interval(T0 + Duration.FromHours(25), T0 + Duration.FromHours(30)), "payroll freeze");

    [Fact]
    public void Reschedule_PastTheBlackoutTheGateRefused_IsAccepted_AndRestoreReplaysTheWindow()
    {
        var change = Change();
        var release = InTest(null, change);
        var refused = release.CheckAcceptance(Evidence([change], Freeze));
        Assert.Equal([AcceptanceCriterion.OutsideBlackout], refused.Unmet.Select(u => u.Criterion));
        var next = new Interval(H(30), H(32));

        Assert.True(release.Reschedule(DeploymentEnvironment.Production, next, ReleaseManager, H(1)).IsSuccess);

        Assert.Equal(ReleaseState.InTest, release.State);
        Assert.Equal(next, release.PlanOf(DeploymentEnvironment.Production)!.Window);
        Assert.Equal(new Interval(H(24), H(26)), release.Details.PlanOf(DeploymentEnvironment.Production)!.Window); // as planned, kept
        Assert.True(release.Accept(Evidence([change], Freeze), ReleaseManager, H(1)).IsSuccess);
        var restored = Release.Restore(release.ToSnapshot()).ValueOrThrow();
        Assert.Equal(release.Environments.Select(e => (e.Environment, e.Window)), restored.Environments.Select(e => (e.Environment, e.Window)));
        Assert.IsType<ReleaseRescheduled>(restored.History[^2]);
    }

    [Fact]
    public void Reschedule_AnAcceptedRelease_WithdrawsTheAcceptanceUntilTheGateIsPassedAgain()
    {
        var change = Change();
        var release = InTest(null, change);
        Assert.True(release.Accept(Evidence([change]), ReleaseManager, H(1)).IsSuccess);

        Assert.True(release.Reschedule(DeploymentEnvironment.Production, new Interval(H(26), H(28)), ReleaseManager, H(1)).IsSuccess);

        Assert.Equal(ReleaseState.InTest, release.State);
        Assert.Equal(Release.IllegalTransitionCode, release.StartDeployment(DeploymentEnvironment.Staging, Baseline(State(Item("c0")), H(2)), ReleaseManager, H(2)).ErrorCode);
        Assert.Equal(Release.AcceptanceRefusedCode, release.Accept(Evidence([change], new BlackoutWindow(ProductionServer, new Interval(H(27), H(29)), "late freeze")), ReleaseManager, H(1)).ErrorCode);
        Assert.True(release.Accept(Evidence([change]), ReleaseManager, H(1)).IsSuccess);
    }

    [Fact]
    public void Reschedule_AnEnvironmentNotTargetedAnUnboundedEmptyOrSameWindow_IsInvalid_AndAfterDeploymentIllegal()
    {
        var change = Change();
        var release = InTest(null, change);
        Assert.Equal("release.environments", release.Reschedule(DeploymentEnvironment.Test, new Interval(H(2), H(3)), ReleaseManager, H(1)).ErrorCode);
        Assert.Equal("release.environments", release.Reschedule(DeploymentEnvironment.Production, new Interval(H(2), null), ReleaseManager, H(1)).ErrorCode);
        Assert.Equal("release.environments", release.Reschedule(DeploymentEnvironment.Production, new Interval(H(3), H(3)), ReleaseManager, H(1)).ErrorCode);
        Assert.Equal("release.environments", release.Reschedule(DeploymentEnvironment.Production, new Interval(H(24), H(26)), ReleaseManager, H(1)).ErrorCode);
        Assert.Equal(Release.TimeOrderCode, release.Reschedule(DeploymentEnvironment.Production, new Interval(H(30), H(32)), ReleaseManager, T0 - Duration.FromHours(1)).ErrorCode);
        Assert.Equal(4, release.History.Count);

        var (deploying, _) = DeployingToStaging(change, State(Item("c0"), Item("c1")));
        Assert.Equal(Release.IllegalTransitionCode, deploying.Reschedule(DeploymentEnvironment.Production, new Interval(H(30), H(32)), ReleaseManager, H(3)).ErrorCode);
    }

    [Fact]
    public void StartDeployment_OutsideItsWindow_IsRefused_InsideItStarts()
    {
        var change = Change();
        var release = InTest(null, change);
        Assert.True(release.Accept(Evidence([change]), ReleaseManager, H(1)).IsSuccess);
        var baseline = Baseline(State(Item("c0"), Item("c1")), H(1));

        Assert.Equal(Release.DeploymentWindowCode, release.StartDeployment(DeploymentEnvironment.Staging, baseline, ReleaseManager, H(1)).ErrorCode);
        Assert.Equal(Release.DeploymentWindowCode, release.StartDeployment(DeploymentEnvironment.Staging, baseline, ReleaseManager, H(4)).ErrorCode); // half-open: the end is outside
        Assert.Equal(ReleaseState.Accepted, release.State);
        Assert.True(release.StartDeployment(DeploymentEnvironment.Staging, baseline, ReleaseManager, H(4) - Duration.FromMinutes(1)).IsSuccess);
    }
}
