using System.Collections.Immutable;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Releases;

/// <summary>One deployment of a release to an environment: when it started, its before-baseline, and how it ended.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Baseline">The before-baseline captured of the configuration.</param>
/// <param name="BaselineHash">The before-baseline's content hash.</param>
/// <param name="CompletedAt">When it completed, verified; null while deploying.</param>
/// <param name="RolledBackAt">When it was rolled back, verified; null when it was not.</param>
/// <param name="Verification">The latest verification (of the completion, then of the rollback); null while deploying.</param>
public sealed record DeploymentRecord(
    DeploymentEnvironment Environment,
    Instant StartedAt,
    BaselineId Baseline,
    string BaselineHash,
    Instant? CompletedAt,
    Instant? RolledBackAt,
    DeploymentVerification? Verification)
{
    /// <summary>True when the deployment completed and was not rolled back: the release passed this environment.</summary>
    public bool IsPassed => CompletedAt is not null && RolledBackAt is null;
}

/// <summary>
/// The verification of a deployment or a rollback against its before-baseline: the configuration audit
/// (<see cref="ConfigurationAudit.Perform"/>) of the baseline's diff to the current state, restricted to the findings on the
/// target items of the environment (differences elsewhere belong to other work and other audits).
/// </summary>
/// <remarks>
/// Only the part of each state around the targets is diffed (the targets, the relationships touching them and their other
/// ends): one pass over the relationships plus the diff of that part, not of the whole CMDB. Stateless and thread-safe.
/// </remarks>
public static class DeploymentAudit
{
    /// <summary>
    /// Every difference between <paramref name="before"/> and <paramref name="after"/> that touches one of
    /// <paramref name="items"/>, each matched to the authorised changes implemented in (capture, <paramref name="at"/>].
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="at"/> is before the baseline's capture.</exception>
    public static ImmutableArray<AuditFinding> Findings(
        ConfigurationBaseline before, ConfigurationState after, Instant at, IEnumerable<AuthorisedChange> authorised, IReadOnlyCollection<ConfigurationItemId> items)
    {
        Preconditions.CheckNotNull(before);
        Preconditions.CheckNotNull(after);
        Preconditions.CheckNotNull(authorised);
        Preconditions.CheckNotNull(items);
        var targets = items.ToHashSet();
        var diff = ConfigurationDiff.Between(Around(before.State, targets), Around(after, targets));
        var audit = ConfigurationAudit.Perform(diff, before.CapturedAt, at, authorised);
        return [.. audit.Findings.Where(f => f.Items.Any(targets.Contains))];
    }

    /// <summary>
    /// The part of <paramref name="state"/> in which a difference touching <paramref name="targets"/> can show: the target
    /// items, every relationship with a target at one end, and the items at their other ends. Diffing these parts gives the
    /// same findings on the targets as diffing the whole CMDB, at the cost of one pass over the relationships.
    /// </summary>
    private static ConfigurationState Around(ConfigurationState state, HashSet<ConfigurationItemId> targets)
    {
        var relationships = state.Relationships.Where(r => targets.Contains(r.Source) || targets.Contains(r.Target)).ToList();
        var ids = new HashSet<ConfigurationItemId>(targets);
        foreach (var r in relationships)
        {
            ids.Add(r.Source);
            ids.Add(r.Target);
        }

        var items = ids.Select(id => state.Items.GetValueOrDefault(id)).OfType<ConfigurationItemSnapshot>();
        return ConfigurationState.Create(items, relationships).Value;
    }
}

/// <content>Deployment to environments, verified against before-baselines, and rollback.</content>
public sealed partial class Release
{
    /// <summary>Error code of a completion not given every bundled change.</summary>
    public const string ChangesMissingCode = "release.changes-missing";

    /// <summary>The latest deployment started, or null before the first.</summary>
    public DeploymentRecord? CurrentDeployment => deployments.IsEmpty ? null : deployments[^1];

    /// <summary>
    /// Starts deploying to <paramref name="environment"/>, with <paramref name="before"/> captured of the configuration:
    /// Accepted or Deployed -> Deploying. Conflict (<c>release.environment-order</c>) when the environment is not planned, was
    /// passed already, or an earlier planned environment has not passed (production before staging is allowed only for a type
    /// the policy expedites), (<c>release.deployment.window</c>) when <paramref name="at"/> is outside the environment's
    /// window (<see cref="Environments"/>); Invalid (<c>release.baseline</c>) when the baseline was captured after <paramref name="at"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="before"/> is null.</exception>
    public Result StartDeployment(DeploymentEnvironment environment, ConfigurationBaseline before, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(before);
        var started = new ReleaseDeploymentStarted(at, by, environment, before.Id, before.ContentHash);
        return Allowed(ReleaseTransition.StartDeployment, at, "start deploying") is { IsSuccess: false } refused ? refused
            : before.CapturedAt > at ? Failure.Invalid("Baseline", $"Baseline {before.Id} was captured at {before.CapturedAt}, after the deployment starts at {at}; capture it before.", BaselineCode)
            : StartRule(started, "start deploying") is { } broken ? broken
            : OutsideWindow(environment, at) is { } outside ? outside
            : Transit(started, "start deploying");
    }

    /// <summary>
    /// Completes the current deployment: Deploying -> Deployed, when every difference from <paramref name="before"/> (the
    /// deployment's before-baseline) to <paramref name="after"/> on the environment's target items is explained by a bundled
    /// change covering the item (<see cref="DeploymentAudit"/>). Conflict (<c>release.deployment.unauthorised</c>) listing the
    /// unexplained differences; Invalid (<c>release.baseline</c>) for another baseline, (<c>release.changes-missing</c>) when
    /// <paramref name="bundled"/> lacks a bundled change.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Result CompleteDeployment(ConfigurationBaseline before, ConfigurationState after, IReadOnlyCollection<ChangeRequest> bundled, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(before);
        Preconditions.CheckNotNull(after);
        Preconditions.CheckNotNull(bundled);
        if (Finishing(ReleaseTransition.CompleteDeployment, before, at, "complete the deployment of") is { } refused)
        {
            return refused;
        }

        var byId = bundled.Where(c => c is not null).ToDictionary(c => c.Id, c => c);
        if (changes.FirstOrDefault(c => !byId.ContainsKey(c)) is { Value: var missing } && missing != Guid.Empty)
        {
            return Failure.Invalid("Changes", $"Change {ChangeId.From(missing)} is bundled into release {Id} but was not given; pass every bundled change.", ChangesMissingCode);
        }

        var current = CurrentDeployment!;
        var authorised = changes.Select(c => new AuthorisedChange(c, [.. byId[c].AffectedItems], at));
        var findings = DeploymentAudit.Findings(before, after, at, authorised, PlanOf(current.Environment)!.Items);
        var unexplained = findings.Where(f => f.IsUnauthorised).ToList();
        return unexplained.Count > 0
            ? Failure.Conflict($"The {current.Environment} deployment of release {Id} changed what its bundled changes do not authorise: {string.Join("; ", unexplained.Select(f => f.Description))}.", UnauthorisedDifferenceCode)
            : Transit(new ReleaseDeploymentCompleted(at, by, current.Environment, new DeploymentVerification(before.ContentHash, after.ContentHash, findings.Length)), "complete the deployment of");
    }

    /// <summary>
    /// Rolls back the current deployment: Deploying or Deployed -> RolledBack, when the configuration <paramref name="current"/>
    /// shows no difference on the environment's target items from <paramref name="before"/>, the deployment's before-baseline.
    /// Conflict (<c>release.rollback.unverified</c>) listing what still differs; Invalid (<c>release.baseline</c>) for another
    /// baseline, (<c>release.rollback.reason</c>) without a reason.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="before"/> or <paramref name="current"/> is null.</exception>
    public Result RollBack(ConfigurationBaseline before, ConfigurationState current, string? reason, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(before);
        Preconditions.CheckNotNull(current);
        if (Finishing(ReleaseTransition.RollBack, before, at, "roll back") is { } refused)
        {
            return refused;
        }

        var deployment = CurrentDeployment!;
        var left = DeploymentAudit.Findings(before, current, at, [], PlanOf(deployment.Environment)!.Items);
        return !left.IsEmpty
            ? Failure.Conflict($"The rollback of the {deployment.Environment} deployment of release {Id} is not verified; against baseline {before.Id} still: {string.Join("; ", left.Select(f => f.Description))}.", RollbackUnverifiedCode)
            : Transit(new ReleaseRolledBack(at, by, deployment.Environment, reason?.Trim() ?? string.Empty, new DeploymentVerification(before.ContentHash, current.ContentHash, 0)), "roll back");
    }

    private Result? Finishing(ReleaseTransition via, ConfigurationBaseline before, Instant at, string action)
    {
        var allowed = Allowed(via, at, action);
        return !allowed.IsSuccess ? allowed
            : CurrentDeployment is not { } d || d.Baseline != before.Id || d.BaselineHash != before.ContentHash
                ? Failure.Invalid("Baseline", $"Baseline {before.Id} is not the before-baseline of the current deployment of release {Id} ({CurrentDeployment?.Baseline}).", BaselineCode)
                : null;
    }

    private Result? StartRule(ReleaseDeploymentStarted s, string action)
    {
        if (s.Baseline.Value == Guid.Empty || string.IsNullOrEmpty(s.BaselineHash))
        {
            return Failure.Invalid("Baseline", "A deployment needs an assigned before-baseline.", BaselineCode);
        }

        if (PlanOf(s.Environment) is null)
        {
            return Failure.Conflict($"Cannot {action} release {Id} to {s.Environment}: it targets only {string.Join(", ", environments.Select(e => e.Environment))}.", EnvironmentOrderCode);
        }

        if (deployments.Any(d => d.Environment == s.Environment && d.IsPassed))
        {
            return Failure.Conflict($"Cannot {action} release {Id} to {s.Environment}: it was deployed there already.", EnvironmentOrderCode);
        }

        var expedited = s.Environment == DeploymentEnvironment.Production && Details.Policy.IsExpedited(Details.Type);
        var pending = environments.Select(e => e.Environment).Where(e => e < s.Environment && !deployments.Any(d => d.Environment == e && d.IsPassed)).ToList();
        return pending.Count > 0 && !expedited
            ? Failure.Conflict(
                $"Cannot {action} release {Id} to {s.Environment} before it passed {string.Join(" and ", pending)}; a {Details.Type} release under policy '{Details.Policy.Name}' is not expedited.",
                EnvironmentOrderCode)
            : null;
    }

    private Result? FinishRule(DeploymentEnvironment environment, DeploymentVerification? verification, string action) =>
        CurrentDeployment is not { } d || d.Environment != environment || verification is null || verification.BaselineHash != d.BaselineHash
            ? Failure.Invalid("Baseline", $"Cannot {action} release {Id}: the record is not of the current deployment and its before-baseline.", BaselineCode)
            : null;

    private void ApplyDeployment(ReleaseEvent e)
    {
        switch (e)
        {
            case ReleaseDeploymentStarted s:
                deployments = deployments.Add(new DeploymentRecord(s.Environment, s.At, s.Baseline, s.BaselineHash, null, null, null));
                break;
            case ReleaseDeploymentCompleted c:
                deployments = deployments.SetItem(deployments.Count - 1, deployments[^1] with { CompletedAt = c.At, Verification = c.Verification });
                break;
            case ReleaseRolledBack r:
                deployments = deployments.SetItem(deployments.Count - 1, deployments[^1] with { RolledBackAt = r.At, Verification = r.Verification });
                break;
        }
    }
}
