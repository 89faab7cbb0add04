using System.Collections.Immutable;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Releases;

/// <summary>The criteria of the release acceptance gate, each checked and, when unmet, explained.</summary>
/// <remarks><c>default</c> is <see cref="ChangesBundled"/>.</remarks>
public enum AcceptanceCriterion
{
    /// <summary>The release bundles at least one change.</summary>
    ChangesBundled = 0,

    /// <summary>Every bundled change is approved and not backed out.</summary>
    ChangeApproved = 1,

    /// <summary>Each deployment window lies inside the approved window of every bundled change that touches its items.</summary>
    InsideChangeWindow = 2,

    /// <summary>Each deployment window lies inside the maintenance windows of its items and the services they impact.</summary>
    InsideMaintenanceWindow = 3,

    /// <summary>Each deployment window lies outside every blackout of its items and the services they impact.</summary>
    OutsideBlackout = 4,

    /// <summary>Test results are recorded for the current build and the latest result of every suite passed.</summary>
    TestsPassed = 5,

    /// <summary>A rollback plan is present.</summary>
    RollbackPlan = 6,

    /// <summary>Every known error open on the target items is listed as shipped.</summary>
    KnownErrorsListed = 7,

    /// <summary>Every known error the release ships is acknowledged by the acceptor.</summary>
    KnownErrorsAcknowledged = 8,
}

/// <summary>One criterion of the gate a release does not meet, and why.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="Explanation">What is wrong, in words a person can act on.</param>
/// <param name="Environment">The environment whose window it concerns, or null.</param>
/// <param name="Change">The change it concerns, or null.</param>
public sealed record UnmetCriterion(AcceptanceCriterion Criterion, string Explanation, DeploymentEnvironment? Environment, ChangeId? Change);

/// <summary>What the acceptance gate is given beside the release: the facts of other processes it checks the release against.</summary>
/// <param name="Changes">The change requests the release bundles, as stored now (others are ignored; a missing one is unmet).</param>
/// <param name="Windows">The maintenance and blackout windows of the services.</param>
/// <param name="Impact">The impact sets of the target items, so that windows of the services they impact count too; <see cref="ImpactSets.None"/> checks the items alone.</param>
/// <param name="OpenKnownErrors">The known errors open on the target items (problem management); empty when there are none or none are tracked.</param>
/// <param name="Acknowledged">The known errors the acceptor acknowledges the release ships.</param>
public sealed record AcceptanceEvidence(
    IReadOnlyCollection<ChangeRequest> Changes,
    ServiceWindows Windows,
    ImpactSets Impact,
    IReadOnlyCollection<KnownErrorId> OpenKnownErrors,
    IReadOnlyCollection<KnownErrorId> Acknowledged)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The gate's answer for one release: every unmet criterion, explained; accepted when there is none.</summary>
/// <param name="Release">The release checked.</param>
/// <param name="Unmet">Every unmet criterion, ordered by criterion, environment, change and explanation.</param>
public sealed record AcceptanceVerdict(ReleaseId Release, ImmutableArray<UnmetCriterion> Unmet)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>True when every criterion is met.</summary>
    public bool IsMet => Unmet.IsEmpty;
}

/// <summary>
/// The release acceptance gate as a pure function (<see cref="Check"/>): the release, its bundled changes' approval state
/// (<see cref="ChangeRequest.HasRequiredApprovals"/>, its status and remediation), the services' maintenance and blackout
/// windows (<see cref="ServiceWindows"/>), and the known errors it ships. It returns every unmet criterion, not the first.
/// </summary>
/// <remarks>
/// <para>
/// The verdict depends on the set of bundled changes, not on the order they were bundled in: changes are checked in
/// identifier order and the unmet criteria are sorted. A change's approved window is its
/// <see cref="ChangeRequest.PlannedWindow"/>; it bounds the windows of the environments whose items the change touches.
/// Maintenance and blackout windows are checked for the environment's items and every item in their impact sets.
/// </para>
/// <para>Linear in changes × environments plus the window look-ups; stateless and thread-safe.</para>
/// </remarks>
public static class ReleaseAcceptanceGate
{
    /// <summary>Checks <paramref name="release"/> against every criterion.</summary>
    /// <exception cref="ArgumentNullException">An argument or one of the evidence's parts is null.</exception>
    public static AcceptanceVerdict Check(Release release, AcceptanceEvidence evidence)
    {
        Preconditions.CheckNotNull(release);
        Preconditions.CheckNotNull(evidence);
        Preconditions.CheckNotNull(evidence.Changes, nameof(evidence));
        Preconditions.CheckNotNull(evidence.Windows, nameof(evidence));
        Preconditions.CheckNotNull(evidence.Impact, nameof(evidence));
        Preconditions.CheckNotNull(evidence.OpenKnownErrors, nameof(evidence));
        Preconditions.CheckNotNull(evidence.Acknowledged, nameof(evidence));
        var unmet = new List<UnmetCriterion>();
        var byId = evidence.Changes.Where(c => c is not null).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        if (release.Changes.IsEmpty)
        {
            unmet.Add(new(AcceptanceCriterion.ChangesBundled, $"Release {release.Id} bundles no change; bundle the approved changes it deploys.", null, null));
        }

        var changes = new List<ChangeRequest>();
        foreach (var id in release.Changes.Order())
        {
            if (!byId.TryGetValue(id, out var change))
            {
                unmet.Add(new(AcceptanceCriterion.ChangeApproved, $"Change {id} is bundled but was not found.", null, id));
                continue;
            }

            changes.Add(change);
            if (ApprovalProblem(change) is { } problem)
            {
                unmet.Add(new(AcceptanceCriterion.ChangeApproved, problem, null, id));
            }
        }

        foreach (var plan in release.Environments)
        {
            CheckWindows(plan, changes, evidence, unmet);
        }

        CheckTests(release, unmet);
        if (string.IsNullOrWhiteSpace(release.RollbackPlan))
        {
            unmet.Add(new(AcceptanceCriterion.RollbackPlan, $"Release {release.Id} has no rollback plan; record one with its build.", null, null));
        }

        var shipped = release.Details.KnownErrors.ToHashSet();
        var acknowledged = evidence.Acknowledged.ToHashSet();
        foreach (var error in evidence.OpenKnownErrors.Distinct().Order().Where(e => !shipped.Contains(e)))
        {
            unmet.Add(new(AcceptanceCriterion.KnownErrorsListed, $"Known error {error} is open on the target items but not listed as shipped by release {release.Id}.", null, null));
        }

        foreach (var error in release.Details.KnownErrors.Where(e => !acknowledged.Contains(e)))
        {
            unmet.Add(new(AcceptanceCriterion.KnownErrorsAcknowledged, $"Release {release.Id} ships known error {error}; acknowledge it to accept the release.", null, null));
        }

        return new AcceptanceVerdict(
            release.Id,
            [.. unmet.OrderBy(u => u.Criterion).ThenBy(u => u.Environment).ThenBy(u => u.Change).ThenBy(u => u.Explanation, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Why <paramref name="change"/> may not go into a release, or null when it is approved and not backed out: it must hold
    /// its required approvals and be Approved or later, and not Rejected or failed and backed out.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null.</exception>
    public static string? ApprovalProblem(ChangeRequest change)
    {
        Preconditions.CheckNotNull(change);
        return change.Status is ChangeStatus.Draft or ChangeStatus.Submitted or ChangeStatus.Assessed or ChangeStatus.Rejected || !change.HasRequiredApprovals()
            ? $"Change {change.Id} is {change.Status} without the approvals it requires; only approved changes go into a release."
            : change.Remediation == FailureRemediation.BackedOut
                ? $"Change {change.Id} failed and was backed out; it cannot be released."
                : null;
    }

    private static void CheckWindows(EnvironmentPlan plan, List<ChangeRequest> changes, AcceptanceEvidence evidence, List<UnmetCriterion> unmet)
    {
        var window = plan.Window;
        var items = plan.Items.ToHashSet();
        foreach (var change in changes.Where(c => c.AffectedItems.Any(items.Contains)))
        {
            if (!Contains(change.PlannedWindow, window))
            {
                unmet.Add(new(
                    AcceptanceCriterion.InsideChangeWindow,
                    $"The {plan.Environment} window [{window.Start}, {window.End}) is not inside change {change.Id}'s approved window [{change.PlannedWindow.Start}, {change.PlannedWindow.End}).",
                    plan.Environment,
                    change.Id));
            }
        }

        var checkedItems = plan.Items.Concat(plan.Items.SelectMany(evidence.Impact.Of)).Distinct().Order().ToList();
        foreach (var service in evidence.Windows.ServicesOutsideMaintenance(checkedItems, window))
        {
            unmet.Add(new(AcceptanceCriterion.InsideMaintenanceWindow, $"The {plan.Environment} window [{window.Start}, {window.End}) is not all inside the maintenance window of {service}.", plan.Environment, null));
        }

        foreach (var blackout in evidence.Windows.BlackoutsOverlapping(checkedItems, window))
        {
            unmet.Add(new(AcceptanceCriterion.OutsideBlackout, $"The {plan.Environment} window [{window.Start}, {window.End}) crosses {blackout}.", plan.Environment, null));
        }
    }

    private static void CheckTests(Release release, List<UnmetCriterion> unmet)
    {
        if (release.TestResults.IsEmpty)
        {
            unmet.Add(new(AcceptanceCriterion.TestsPassed, $"No test result is recorded for build {release.BuildReference ?? "(none)"} of release {release.Id}.", null, null));
            return;
        }

        foreach (var failed in release.TestResults.GroupBy(r => r.Suite, StringComparer.Ordinal).Select(g => g.Last()).Where(r => !r.Passed).OrderBy(r => r.Suite, StringComparer.Ordinal))
        {
            unmet.Add(new(AcceptanceCriterion.TestsPassed, $"Test suite '{failed.Suite}' failed on build {release.BuildReference}: {failed.Notes}", null, null));
        }
    }

    private static bool Contains(Interval outer, Interval inner) => outer.Start <= inner.Start && inner.End <= outer.End;
}
