using Itsm.Core.Changes;
using Itsm.Core.Configuration;
using Itsm.Core.Releases;
using FsCheck.Xunit;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Changes.ChangeFixtures;
using static Itsm.Core.Tests.Releases.ReleaseFixtures;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Releases;

/// <summary>A gate case: approval and narrow-window flags per change, a blackout (start and length in minutes from the production window's start) or none, and a bundling order.</summary>
public sealed record GateCase(bool[] Approved, bool[] Narrow, (int Start, int Length)? Blackout, int[] Order);

/// <summary>A sequence of planned releases: unit index and version components.</summary>
public sealed record VersionScript((int Unit, int Major, int Minor, int Patch)[] Steps);

/// <summary>The release invariants of the issue as properties.</summary>
public sealed class ReleasePropertyTests
{
    private static readonly Instant ProductionStart = T0 + Duration.FromHours(24);

    [Property]
    public void Accept_NeverWithAnUnapprovedChangeOrAWindowCrossingABlackout(GateCase c)
    {
        var changes = Changes(c);
        var release = InTest(null, [.. changes.Where(x => ReleaseAcceptanceGate.ApprovalProblem(x) is null)]);
        var blackouts = Blackouts(c);
        var evidence = new AcceptanceEvidence([.. changes], new ServiceWindows([], blackouts), ImpactSets.None, [], []);
        foreach (var unapproved in changes.Where(x => ReleaseAcceptanceGate.ApprovalProblem(x) is not null))
        {
            Assert.Equal(Release.IllegalTransitionCode, release.BundleChange(unapproved, ReleaseManager, T0).ErrorCode); // built already: nothing more is bundled
        }

        var crosses = c.Blackout is { } b && b.Start < 120 && b.Start + b.Length > 0;
        var expected = c.Approved.Any(a => a) && !c.Narrow.Where((n, i) => n && c.Approved[i]).Any() && !crosses;

        var accepted = release.Accept(evidence, ReleaseManager, T0 + Duration.FromHours(1));

        Assert.Equal(expected, accepted.IsSuccess);
        if (accepted.IsSuccess)
        {
            Assert.All(release.Changes, id => Assert.Null(ReleaseAcceptanceGate.ApprovalProblem(changes.Single(x => x.Id == id))));
        }
    }

    [Property]
    public void Accept_WithAnUnapprovedChangeBundledBeforeItWasRejected_IsRefused(GateCase c)
    {
        var changes = Changes(c);
        var release = Planned();
        foreach (var change in changes.Where(x => ReleaseAcceptanceGate.ApprovalProblem(x) is null))
        {
            Assert.True(release.BundleChange(change, ReleaseManager, T0).IsSuccess);
        }

        var rejected = Change(approved: false);
        Assert.True(rejected.Reject(ChangeAuthority.ChangeManager, "no", Manager, T0).IsSuccess);
        Assert.True(release.RecordBuild("b", null, ReleaseManager, T0).IsSuccess);
        Assert.True(release.RecordTestResult(new ReleaseTestResult("s", true, string.Empty), ReleaseManager, T0).IsSuccess);
        var bundledThenEvidence = new AcceptanceEvidence([.. changes.Select(x => x.Id == release.Changes.FirstOrDefault() ? rejected : x)], new ServiceWindows([], Blackouts(c)), ImpactSets.None, [], []);
        var verdict = release.CheckAcceptance(bundledThenEvidence);
        Assert.False(verdict.IsMet);
    }

    [Property]
    public void GateVerdict_DoesNotDependOnTheOrderChangesWereBundledIn(GateCase c)
    {
        var changes = Changes(c).Where(x => ReleaseAcceptanceGate.ApprovalProblem(x) is null).ToList();
        var inOrder = Planned();
        var shuffled = Planned();
        foreach (var change in changes)
        {
            Assert.True(inOrder.BundleChange(change, ReleaseManager, T0).IsSuccess);
        }

        foreach (var i in c.Order.Where(i => i < changes.Count))
        {
            Assert.True(shuffled.BundleChange(changes[i], ReleaseManager, T0).IsSuccess);
        }

        var evidence = new AcceptanceEvidence([.. Enumerable.Reverse(changes)], new ServiceWindows([], Blackouts(c)), ImpactSets.None, [], []);
        var a = inOrder.CheckAcceptance(evidence).Unmet.Select(u => (u.Criterion, u.Environment, u.Change, u.Explanation.Replace(inOrder.Id.ToString(), "R", StringComparison.Ordinal)));
        var b = shuffled.CheckAcceptance(evidence).Unmet.Select(u => (u.Criterion, u.Environment, u.Change, u.Explanation.Replace(shuffled.Id.ToString(), "R", StringComparison.Ordinal)));
        Assert.Equal(a, b);
    }

    [Property]
    public void Plan_VersionsStrictlyIncreasePerUnit(VersionScript script)
    {
        var latest = new Dictionary<int, ReleaseVersion>();
        var planned = new List<(int Unit, ReleaseVersion Version)>();
        foreach (var (unit, major, minor, patch) in script.Steps)
        {
            var version = new ReleaseVersion(major, minor, patch);
            var known = latest.TryGetValue(unit, out var v) ? v : (ReleaseVersion?)null;
            var details = Details(version) with { Unit = ReleaseUnitId.From($"unit-{unit}") };
            var result = Release.Plan(ReleaseId.New(), details, known, ReleaseManager, T0);
            Assert.Equal(known is null || version > known.Value, result.IsSuccess);
            if (result.IsSuccess)
            {
                latest[unit] = version;
                planned.Add((unit, version));
            }
            else
            {
                Assert.Equal(Release.VersionOrderCode, result.ErrorCode);
            }
        }

        foreach (var unit in planned.GroupBy(p => p.Unit))
        {
            var versions = unit.Select(p => p.Version).ToList();
            Assert.True(versions.Zip(versions.Skip(1)).All(p => p.First < p.Second));
        }
    }

    [Property]
    public void DeploymentFollowedByItsRollback_LeavesTheEmptyDiff(ConfigurationState before, ConfigurationState after)
    {
        ConfigurationItemId[] all = [.. Enumerable.Range(0, 8).Select(i => ConfigurationItemId.From($"c{i}"))];
        var change = ChangeRequest.Raise(ChangeId.New(), ChangeType.Standard, "Firmware", Requester, all, all, ChangeWindow, null, T0, PatchTemplate).ValueOrThrow();
        Assert.True(change.Submit(Requester, T0).IsSuccess);
        Assert.True(change.AssessRisk(Assessed(RiskClass.Low), ApprovalPolicy.Default, Manager, T0).IsSuccess);
        var (release, baseline) = DeployingToStaging(change, before);
        Assert.True(release.CompleteDeployment(baseline, after, [change], ReleaseManager, T0 + Duration.FromHours(3)).IsSuccess);
        var rolledBack = ConfigurationDiff.Between(after, before).ApplyTo(after);

        Assert.True(baseline.CompareWith(rolledBack).IsEmpty);
        Assert.Empty(DeploymentAudit.Findings(baseline, rolledBack, T0 + Duration.FromHours(4), [], [StagingServer]));
        Assert.True(release.RollBack(baseline, rolledBack, "verify", ReleaseManager, T0 + Duration.FromHours(4)).IsSuccess);

        // Not rolling back verifies only when the deployment left the target item as it was.
        var unchanged = DeploymentAudit.Findings(baseline, after, T0 + Duration.FromHours(4), [], [StagingServer]).IsEmpty;
        var (other, otherBaseline) = DeployingToStaging(change, before);
        Assert.Equal(unchanged, other.RollBack(otherBaseline, after, "verify", ReleaseManager, T0 + Duration.FromHours(4)).IsSuccess);
    }

    /// <summary>The audit diffs only the part of the CMDB around the targets; it must find exactly what the whole diff finds on them.</summary>
    [Property]
    public void DeploymentAudit_OfThePartAroundTheTargets_FindsWhatTheWholeDiffFindsOnThem(ConfigurationState before, ConfigurationState after)
    {
        ConfigurationItemId[] targets = [StagingServer, ConfigurationItemId.From("c3")];
        var baseline = Baseline(before, T0);
        var at = T0 + Duration.FromHours(1);
        AuthorisedChange[] authorised = [new(Itsm.Core.Common.ChangeId.New(), [StagingServer, ConfigurationItemId.From("c5")], at)];
        var whole = ConfigurationAudit.Perform(baseline.CompareWith(after), T0, at, authorised).Findings.Where(f => f.Items.Any(targets.Contains));

        var part = DeploymentAudit.Findings(baseline, after, at, authorised, targets);

        Assert.Equal(whole.Select(f => (f.Kind, f.Description, f.ExplainedBy)), part.Select(f => (f.Kind, f.Description, f.ExplainedBy)));
    }

    private static List<ChangeRequest> Changes(GateCase c) =>
        [.. c.Approved.Select((approved, i) => Change(approved, c.Narrow[i] ? new Interval(T0, ProductionStart + Duration.FromMinutes(119)) : null))];

    private static BlackoutWindow[] Blackouts(GateCase c) =>
        c.Blackout is { } b ? [new BlackoutWindow(ProductionServer, new Interval(ProductionStart + Duration.FromMinutes(b.Start), ProductionStart + Duration.FromMinutes(b.Start + b.Length)), "payroll freeze")] : [];
}
