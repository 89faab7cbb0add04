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

/// <summary>The release lifecycle, the acceptance gate, environment order, verified deployment and rollback, and restore by replay.</summary>
public sealed partial class ReleaseTests
{
    private static Instant H(int hours) => T0 + Duration.FromHours(hours);

    /// <summary>Conformance: Planned -> Built -> In test -> Accepted -> Deploying -> Deployed / Rolled back -> Reviewed -> Closed; a reschedule takes an accepted release back to in test.</summary>
    [Fact]
    public void Table_StateChanges_AreTheDocumentedLifecycle()
    {
        var changes = ReleaseLifecycle.Table.Rules.Where(r => r.From != r.To).Select(r => (r.From, r.To)).Distinct().Order().ToList();
        (ReleaseState, ReleaseState)[] expected =
        [
            (ReleaseState.Planned, ReleaseState.Built), (ReleaseState.Built, ReleaseState.InTest), (ReleaseState.InTest, ReleaseState.Built),
            (ReleaseState.InTest, ReleaseState.Accepted), (ReleaseState.Accepted, ReleaseState.InTest), (ReleaseState.Accepted, ReleaseState.Deploying), (ReleaseState.Deploying, ReleaseState.Deployed),
            (ReleaseState.Deploying, ReleaseState.RolledBack), (ReleaseState.Deployed, ReleaseState.Deploying), (ReleaseState.Deployed, ReleaseState.RolledBack),
            (ReleaseState.Deployed, ReleaseState.Reviewed), (ReleaseState.RolledBack, ReleaseState.Reviewed), (ReleaseState.Reviewed, ReleaseState.Closed),
        ];
        Assert.Equal(expected.Order(), changes);
        Assert.Equal([ReleaseState.Closed], Enum.GetValues<ReleaseState>().Where(ReleaseLifecycle.Table.IsFinal));
    }

    [Fact]
    public void FullLifecycle_StagingThenProduction_OneRecordPerStep_AndRestoreReplaysIt()
    {
        var change = Change();
        var before = State(Item("c0"), Item("c1"));
        var (release, baseline) = DeployingToStaging(change, before);
        var staged = State(Item("c0", "firmware-2"), Item("c1"));
        Assert.True(release.CompleteDeployment(baseline, staged, [change], ReleaseManager, H(3)).IsSuccess);
        var prodBaseline = Baseline(staged, H(24));
        Assert.True(release.StartDeployment(DeploymentEnvironment.Production, prodBaseline, ReleaseManager, H(24)).IsSuccess);
        Assert.True(release.CompleteDeployment(prodBaseline, State(Item("c0", "firmware-2"), Item("c1", "firmware-2")), [change], ReleaseManager, H(25)).IsSuccess);
        Assert.True(release.Review("went well", ReleaseManager, H(30)).IsSuccess);
        Assert.True(release.Close(ReleaseManager, H(31)).IsSuccess);

        Assert.Equal(ReleaseState.Closed, release.State);
        Assert.Equal(11, release.History.Count); // plan, bundle, build, test, accept, 2 x (start, complete), review, close
        Assert.All(release.Deployments, d => Assert.True(d.IsPassed));
        Assert.Equal(1, release.Deployments[0].Verification!.ExplainedDifferences);
        var restored = Release.Restore(release.ToSnapshot()).ValueOrThrow();
        Assert.Equal(release.History, restored.History);
        Assert.Equal((release.State, release.BuildReference, release.RollbackPlan), (restored.State, restored.BuildReference, restored.RollbackPlan));
        Assert.Equal(release.Deployments, restored.Deployments);
        Assert.Equal(release.Changes.AsEnumerable(), restored.Changes.AsEnumerable());
    }

    [Fact]
    public void Gate_ListsEveryUnmetCriterion_AndAcceptRefusesChangingNothing()
    {
        var unapproved = Change(approved: false);
        var outside = Change(true, new Interval(H(0), H(10)));
        var release = Planned(Details(rollback: null) with { KnownErrors = [KnownErrorId.New()] });
        Assert.True(release.BundleChange(outside, ReleaseManager, T0).IsSuccess);
        Assert.Equal(Release.ChangeUnapprovedCode, release.BundleChange(unapproved, ReleaseManager, T0).ErrorCode);
        Assert.Equal(Release.ChangeBundledCode, release.BundleChange(outside, ReleaseManager, T0).ErrorCode);
        Assert.True(release.RecordBuild("build-1", null, ReleaseManager, T0).IsSuccess);
        Assert.True(release.RecordTestResult(new ReleaseTestResult("regression", false, "payslip totals off"), ReleaseManager, T0).IsSuccess);
        var freeze = new BlackoutWindow(ProductionServer, new Interval(H(25), H(30)), "payroll freeze");
        var open = KnownErrorId.New();
        var evidence = new AcceptanceEvidence([outside, unapproved], new ServiceWindows([], [freeze]), ImpactSets.None, [open], []);

        var verdict = release.CheckAcceptance(evidence);

        Assert.False(verdict.IsMet);
        Assert.Equal(
            [AcceptanceCriterion.InsideChangeWindow, AcceptanceCriterion.OutsideBlackout, AcceptanceCriterion.TestsPassed, AcceptanceCriterion.RollbackPlan, AcceptanceCriterion.KnownErrorsListed, AcceptanceCriterion.KnownErrorsAcknowledged],
            verdict.Unmet.Select(u => u.Criterion));
        Assert.Contains("payroll freeze", verdict.Unmet.Single(u => u.Criterion == AcceptanceCriterion.OutsideBlackout).Explanation);
        var history = release.History;
        var refused = release.Accept(evidence, ReleaseManager, H(1));
        Assert.Equal(Release.AcceptanceRefusedCode, refused.ErrorCode);
        Assert.Same(history, release.History);
    }

    [Fact]
    public void Gate_NoChangesAndBackedOutChange_AreUnmet()
    {
        Assert.Contains(InTest().CheckAcceptance(Evidence([])).Unmet, u => u.Criterion == AcceptanceCriterion.ChangesBundled);
        var change = Change();
        var release = InTest(null, change);
        Assert.True(change.Schedule([], Manager, T0).IsSuccess);
        Assert.True(change.StartImplementation(Manager, T0).IsSuccess);
        Assert.True(change.Fail(FailureRemediation.BackedOut, "firmware bricked the test box", Manager, T0).IsSuccess);
        var unmet = Assert.Single(release.CheckAcceptance(Evidence([change])).Unmet);
        Assert.Equal((AcceptanceCriterion.ChangeApproved, change.Id), (unmet.Criterion, unmet.Change));
        Assert.Contains("backed out", unmet.Explanation);
    }

    [Fact]
    public void Plan_VersionNotAboveTheUnitsLatest_IsConflict_AndBadDetailsAreInvalid()
    {
        Assert.Equal(Release.VersionOrderCode, Release.Plan(ReleaseId.New(), Details(new ReleaseVersion(4, 2, 0)), new ReleaseVersion(4, 2, 0), ReleaseManager, T0).ErrorCode);
        Assert.True(Release.Plan(ReleaseId.New(), Details(new ReleaseVersion(4, 2, 1)), new ReleaseVersion(4, 2, 0), ReleaseManager, T0).IsSuccess);
        Assert.Equal(Release.EnvironmentOrderCode, Release.Plan(ReleaseId.New(), Details(staging: false), null, ReleaseManager, T0).ErrorCode);
        Assert.True(Release.Plan(ReleaseId.New(), Details(type: ReleaseType.Emergency, staging: false), null, ReleaseManager, T0).IsSuccess);
        var strict = Release.Plan(ReleaseId.New(), Details(type: ReleaseType.Emergency, policy: ReleasePolicy.Strict, staging: false), null, ReleaseManager, T0);
        Assert.Equal(Release.EnvironmentOrderCode, strict.ErrorCode);
        var minorOnly = ReleasePolicy.Create("minor-only", [ReleaseType.Minor], []).ValueOrThrow();
        var bad = Release.Plan(ReleaseId.New(), Details(type: ReleaseType.Major, policy: minorOnly, productionWindow: new Interval(H(3), H(3))) with { Title = " " }, null, ReleaseManager, T0);
        Assert.Equal(["release.title", "release.type", "release.environments"], bad.ValidationErrors.Select(e => e.ErrorCode));
        Assert.Equal(ReleasePolicy.PolicyCode, ReleasePolicy.Create("p", [ReleaseType.Minor], [ReleaseType.Emergency]).ErrorCode);
        Assert.Equal(ReleaseVersion.FormatCode, ReleaseVersion.Parse("4.2").ErrorCode);
        Assert.Equal(new ReleaseVersion(4, 10, 0), ReleaseVersion.Parse(" 4.10.0 ").ValueOrThrow());
    }

    [Fact]
    public void StartDeployment_ProductionBeforeStagingPassed_IsRefusedUnlessExpedited()
    {
        var change = Change();
        var release = InTest(null, change);
        Assert.True(release.Accept(Evidence([change]), ReleaseManager, H(1)).IsSuccess);
        var baseline = Baseline(State(Item("c0"), Item("c1")), H(2));
        Assert.Equal(Release.EnvironmentOrderCode, release.StartDeployment(DeploymentEnvironment.Production, baseline, ReleaseManager, H(2)).ErrorCode);
        Assert.Equal(Release.EnvironmentOrderCode, release.StartDeployment(DeploymentEnvironment.Test, baseline, ReleaseManager, H(2)).ErrorCode);
        Assert.Equal(Release.BaselineCode, release.StartDeployment(DeploymentEnvironment.Staging, baseline, ReleaseManager, H(1)).ErrorCode);

        var emergency = InTest(Details(type: ReleaseType.Emergency), change);
        Assert.True(emergency.Accept(Evidence([change]), ReleaseManager, H(1)).IsSuccess);
        Assert.True(emergency.StartDeployment(DeploymentEnvironment.Production, baseline, ReleaseManager, H(24)).IsSuccess);
    }

    [Fact]
    public void CompleteDeployment_DifferenceNoBundledChangeCovers_IsUnauthorised_AndOtherItemsAreIgnored()
    {
        var onStaging = Change(true, null, StagingServer);
        var release = InTest(null, onStaging);
        Assert.True(release.Accept(Evidence([onStaging]), ReleaseManager, H(1)).IsSuccess);
        var baseline = Baseline(State(Item("c0"), Item("c1"), Item("c5")), H(2));
        Assert.True(release.StartDeployment(DeploymentEnvironment.Staging, baseline, ReleaseManager, H(2)).IsSuccess);
        Assert.True(release.CompleteDeployment(baseline, State(Item("c0", "y"), Item("c1"), Item("c5", "y")), [onStaging], ReleaseManager, H(3)).IsSuccess);

        var prod = Baseline(State(Item("c0", "y"), Item("c1")), H(24));
        Assert.True(release.StartDeployment(DeploymentEnvironment.Production, prod, ReleaseManager, H(24)).IsSuccess);
        var refused = release.CompleteDeployment(prod, State(Item("c0", "y"), Item("c1", "y")), [onStaging], ReleaseManager, H(25));
        Assert.Equal(Release.UnauthorisedDifferenceCode, refused.ErrorCode);
        Assert.Contains("c1 modified", refused.Errors.Single());
        Assert.Equal(Release.ChangesMissingCode, release.CompleteDeployment(prod, State(Item("c0", "y"), Item("c1")), [], ReleaseManager, H(25)).ErrorCode);
        Assert.Equal(Release.BaselineCode, release.CompleteDeployment(baseline, State(Item("c0", "y"), Item("c1")), [onStaging], ReleaseManager, H(25)).ErrorCode);
    }

    [Fact]
    public void RollBack_LeavingADifference_IsUnverified_BackToTheBaselineIsRolledBack()
    {
        var change = Change();
        var before = State(Item("c0"), Item("c1"));
        var (release, baseline) = DeployingToStaging(change, before);
        Assert.Equal(Release.RollbackUnverifiedCode, release.RollBack(baseline, State(Item("c0", "y"), Item("c1")), "payslips wrong", ReleaseManager, H(3)).ErrorCode);
        Assert.Equal("release.rollback.reason", release.RollBack(baseline, before, " ", ReleaseManager, H(3)).ErrorCode);
        Assert.True(release.RollBack(baseline, before, "payslips wrong", ReleaseManager, H(3)).IsSuccess);
        Assert.Equal(ReleaseState.RolledBack, release.State);
        Assert.NotNull(release.Deployments.Single().RolledBackAt);
    }

    [Fact]
    public void Transitions_CheckStateBeforeTimeBeforeInput()
    {
        var release = Planned();
        Assert.Equal(Release.IllegalTransitionCode, release.Close(ReleaseManager, T0 - Duration.FromDays(1)).ErrorCode);
        Assert.Equal(Release.TimeOrderCode, release.RecordBuild(" ", null, ReleaseManager, T0 - Duration.FromDays(1)).ErrorCode);
        Assert.Equal("release.build", release.RecordBuild(" ", null, ReleaseManager, T0).ErrorCode);
        Assert.True(release.RecordBuild("b1", null, ReleaseManager, T0).IsSuccess);
        Assert.Equal("release.test-result", release.RecordTestResult(new ReleaseTestResult(" ", true, string.Empty), ReleaseManager, T0).ErrorCode);
        Assert.Equal(2, release.History.Count);
    }

    [Fact]
    public void Rebuild_StartsTheTestsOver()
    {
        var release = InTest(null, Change());
        Assert.Equal(ReleaseState.InTest, release.State);
        Assert.True(release.RecordBuild("build-418", "redeploy build-417", ReleaseManager, H(1)).IsSuccess);
        Assert.Equal((ReleaseState.Built, "redeploy build-417"), (release.State, release.RollbackPlan));
        Assert.Empty(release.TestResults);
    }

    [Theory]
    [InlineData("backwards", "history does not run backwards")]
    [InlineData("twice", "bundled into release")]
    [InlineData("state", "but its history leaves it")]
    [InlineData("skip", "Cannot replay release")]
    public void Restore_StoredReleaseTheRulesDoNotAllow_IsInvalidNamingTheRecord(string broken, string expected)
    {
        var change = Change();
        var snapshot = InTest(null, change).ToSnapshot();
        var history = snapshot.History;
        snapshot = broken switch
        {
            "backwards" => snapshot with { History = history.SetItem(2, new ReleaseBuilt(T0 - Duration.FromHours(1), ReleaseManager, "build-417", null)) },
            "twice" => snapshot with { History = history.Insert(2, history[1]) },
            "state" => snapshot with { State = ReleaseState.Accepted },
            _ => snapshot with { History = history.Add(new ReleaseClosed(H(5), ReleaseManager)) },
        };
        var restored = Release.Restore(snapshot);
        Assert.Equal(ReleaseLifecycle.HistoryCode, restored.ErrorCode);
        Assert.Contains(expected, restored.ValidationErrors.Single().ErrorMessage);
    }
}
