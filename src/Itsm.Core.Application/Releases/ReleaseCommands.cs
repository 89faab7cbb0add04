using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Releases;

namespace Itsm.Core.Application.Releases;

/// <summary>
/// Plans a release of a release unit (<see cref="Release.Plan"/>): its version (greater than every version of the unit planned
/// so far, <c>release.version-order</c>), its type under <see cref="Policy"/>, and per environment its target items and planned
/// deployment window. NotFound (<c>cmdb.item.unknown</c>) for a target item the CMDB does not have, (<c>known-error.not-found</c>)
/// for a shipped known error the known-error database does not have. Answers the release at version 1.
/// </summary>
/// <param name="Context">Who plans it, for which tenant.</param>
/// <param name="Title">A one-line name, such as <c>Payroll 4.2</c>.</param>
/// <param name="Unit">The release unit it versions.</param>
/// <param name="Version">Its version.</param>
/// <param name="Type">Major, minor or emergency.</param>
/// <param name="Environments">Where it is deployed: each environment once, with its items and window.</param>
public sealed record PlanRelease(RequestContext Context, string Title, ReleaseUnitId Unit, ReleaseVersion Version, ReleaseType Type, IReadOnlyList<EnvironmentPlan> Environments)
    : ICommand<Result<Versioned<Release>>>
{
    /// <summary>The release policy it follows, stored with it; <see cref="ReleasePolicy.Standard"/> unless set.</summary>
    public ReleasePolicy Policy { get; init; } = ReleasePolicy.Standard;

    /// <summary>How a deployment is rolled back, or null until a build records it.</summary>
    public string? RollbackPlan { get; init; }

    /// <summary>The known errors the release ships (still present after it); empty unless set.</summary>
    public ImmutableArray<KnownErrorId> KnownErrors { get; init; } = [];

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// A command on one existing release, with optional client-side optimistic concurrency. Answers the release as the command left
/// it, with its new version. NotFound (<c>release.not-found</c>) for an unknown release.
/// </summary>
/// <param name="Context">Who acts, for which tenant.</param>
/// <param name="Release">The release.</param>
public abstract record ReleaseCommand(RequestContext Context, ReleaseId Release) : ICommand<Result<Versioned<Release>>>
{
    /// <summary>When set, the command fails with Conflict (<c>release.version-conflict</c>) unless the stored release is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Bundles an approved change into a planned release (<see cref="Release.BundleChange"/>); NotFound (<c>change.not-found</c>) for an unknown change.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Release">The release.</param>
/// <param name="Change">The approved change.</param>
public sealed record BundleChange(RequestContext Context, ReleaseId Release, ChangeId Change) : ReleaseCommand(Context, Release);

/// <summary>Records the build of the release (<see cref="Release.RecordBuild"/>); a rebuild restarts its tests.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Release">The release.</param>
/// <param name="BuildReference">The artefact, tag or pipeline run built.</param>
public sealed record RecordBuild(RequestContext Context, ReleaseId Release, string BuildReference) : ReleaseCommand(Context, Release)
{
    /// <summary>The rollback plan of this build, replacing the current one; null keeps it.</summary>
    public string? RollbackPlan { get; init; }
}

/// <summary>Records a test result of the current build (<see cref="Release.RecordTestResult"/>).</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Release">The release.</param>
/// <param name="Suite">The test suite, such as <c>regression</c>.</param>
/// <param name="Passed">True when it passed.</param>
public sealed record RecordTestResult(RequestContext Context, ReleaseId Release, string Suite, bool Passed) : ReleaseCommand(Context, Release)
{
    /// <summary>What was found; empty unless set.</summary>
    public string Notes { get; init; } = string.Empty;
}

/// <summary>
/// Moves the planned deployment window of <paramref name="Environment"/> before the release is deployed
/// (<see cref="Release.Reschedule"/>), for example to the next window after a blackout the gate refused; rescheduling an
/// accepted release withdraws its acceptance (it is back in test, and must pass the gate again).
/// </summary>
/// <param name="Context">Who acts.</param>
/// <param name="Release">The release.</param>
/// <param name="Environment">The environment whose window moves.</param>
/// <param name="Window">The new window: bounded, half-open, starting before it ends.</param>
public sealed record RescheduleDeployment(RequestContext Context, ReleaseId Release, DeploymentEnvironment Environment, NodaTime.Interval Window) : ReleaseCommand(Context, Release);

/// <summary>
/// Accepts the release through the acceptance gate (<see cref="Release.Accept"/>), against the evidence as stored now: the bundled
/// changes, the maintenance and blackout windows of the target items and the services they impact, and the published known
/// errors on the target items. Conflict (<c>release.acceptance-refused</c>) listing every unmet criterion.
/// </summary>
/// <param name="Context">Who accepts.</param>
/// <param name="Release">The release.</param>
public sealed record AcceptRelease(RequestContext Context, ReleaseId Release) : ReleaseCommand(Context, Release)
{
    /// <summary>The known errors the acceptor acknowledges the release ships; empty unless set.</summary>
    public ImmutableArray<KnownErrorId> Acknowledged { get; init; } = [];

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Starts deploying the release to <paramref name="Environment"/> (<see cref="Release.StartDeployment"/>): captures a
/// before-baseline of the CMDB now, stored with the configuration baselines, in the same unit of work.
/// </summary>
/// <param name="Context">Who deploys.</param>
/// <param name="Release">The release.</param>
/// <param name="Environment">The environment.</param>
public sealed record StartDeployment(RequestContext Context, ReleaseId Release, DeploymentEnvironment Environment) : ReleaseCommand(Context, Release);

/// <summary>
/// Completes the current deployment (<see cref="Release.CompleteDeployment"/>): the CMDB now, against the deployment's
/// before-baseline, must differ on the environment's items only as the bundled changes authorise
/// (<c>release.deployment.unauthorised</c> otherwise). NotFound (<c>cmdb.baseline.unknown</c>) when the before-baseline is gone.
/// </summary>
/// <param name="Context">Who acts.</param>
/// <param name="Release">The release.</param>
public sealed record CompleteDeployment(RequestContext Context, ReleaseId Release) : ReleaseCommand(Context, Release);

/// <summary>
/// Records the rollback of the current deployment (<see cref="Release.RollBack"/>): the CMDB now must not differ from the
/// deployment's before-baseline on the environment's items (<c>release.rollback.unverified</c> otherwise).
/// </summary>
/// <param name="Context">Who acts.</param>
/// <param name="Release">The release.</param>
/// <param name="Reason">Why the deployment is rolled back.</param>
public sealed record RollBackDeployment(RequestContext Context, ReleaseId Release, string Reason) : ReleaseCommand(Context, Release);

/// <summary>Records the review of a deployed or rolled-back release (<see cref="Release.Review"/>).</summary>
/// <param name="Context">Who reviews.</param>
/// <param name="Release">The release.</param>
/// <param name="Findings">What the review found.</param>
public sealed record ReviewRelease(RequestContext Context, ReleaseId Release, string Findings) : ReleaseCommand(Context, Release);

/// <summary>Closes a reviewed release (<see cref="Release.Close"/>).</summary>
/// <param name="Context">Who closes it.</param>
/// <param name="Release">The release.</param>
public sealed record CloseRelease(RequestContext Context, ReleaseId Release) : ReleaseCommand(Context, Release);
