using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Releases;

/// <summary>Where a release is deployed: one environment, the configuration items it deploys to there, and the planned deployment window.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Items">The target configuration items in that environment, distinct and ordered; at least one.</param>
/// <param name="Window">The planned deployment window, half-open, bounded and not empty.</param>
public sealed record EnvironmentPlan(DeploymentEnvironment Environment, ImmutableArray<ConfigurationItemId> Items, Interval Window)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>What a release is, as planned: <see cref="Release.Plan"/> validates it, and it does not change afterwards.</summary>
/// <param name="Title">A one-line name, such as <c>Payroll 4.2</c>.</param>
/// <param name="Unit">The release unit it versions.</param>
/// <param name="Version">Its version; greater than every earlier version of <paramref name="Unit"/>.</param>
/// <param name="Type">Major, minor or emergency; a type <paramref name="Policy"/> plans.</param>
/// <param name="Policy">The release policy it follows.</param>
/// <param name="Environments">Its target environments, ordered test, staging, production, each with its items and window.</param>
/// <param name="RollbackPlan">How a deployment is rolled back, or null until the build records it.</param>
/// <param name="KnownErrors">The known errors the release ships (still present after it), distinct and ordered; may be empty.</param>
public sealed record ReleaseDetails(
    string Title,
    ReleaseUnitId Unit,
    ReleaseVersion Version,
    ReleaseType Type,
    ReleasePolicy Policy,
    ImmutableArray<EnvironmentPlan> Environments,
    string? RollbackPlan,
    ImmutableArray<KnownErrorId> KnownErrors)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>Every target configuration item over all environments, distinct and ordered.</summary>
    public ImmutableArray<ConfigurationItemId> AllItems => [.. Environments.SelectMany(e => e.Items).Distinct().Order()];

    /// <summary>The plan of <paramref name="environment"/>, or null when the release does not target it.</summary>
    public EnvironmentPlan? PlanOf(DeploymentEnvironment environment) => Environments.FirstOrDefault(e => e.Environment == environment);
}

/// <summary>The result of one test suite run against the build.</summary>
/// <param name="Suite">The suite's name, such as <c>regression</c>.</param>
/// <param name="Passed">True when it passed.</param>
/// <param name="Notes">What was found, or empty.</param>
public sealed record ReleaseTestResult(string Suite, bool Passed, string Notes);

/// <summary>What a deployment's verification found: the before-baseline, the state after, and how many differences the bundled changes explain.</summary>
/// <param name="BaselineHash">The content hash of the before-baseline.</param>
/// <param name="AfterHash">The content hash of the state verified.</param>
/// <param name="ExplainedDifferences">How many differences on the target items the bundled changes explain (all of them; an unexplained one refuses the step).</param>
public sealed record DeploymentVerification(string BaselineHash, string AfterHash, int ExplainedDifferences);

/// <summary>Something that happened to a release: its history, and the domain events of each transition.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who did it.</param>
public abstract record ReleaseEvent(Instant At, UserId By);

/// <summary>The release was planned.</summary>
public sealed record ReleasePlanned(Instant At, UserId By) : ReleaseEvent(At, By);

/// <summary>An approved change was bundled into the release.</summary>
public sealed record ReleaseChangeBundled(Instant At, UserId By, ChangeId Change) : ReleaseEvent(At, By);

/// <summary>The build was recorded (a rebuild replaces the earlier one and restarts testing); a rollback plan given here replaces the planned one.</summary>
public sealed record ReleaseBuilt(Instant At, UserId By, string BuildReference, string? RollbackPlan) : ReleaseEvent(At, By);

/// <summary>A test result was recorded against the current build.</summary>
public sealed record ReleaseTestRecorded(Instant At, UserId By, ReleaseTestResult Result) : ReleaseEvent(At, By);

/// <summary>The release passed the acceptance gate; the known errors it ships were acknowledged.</summary>
public sealed record ReleaseAccepted(Instant At, UserId By, ImmutableArray<KnownErrorId> AcknowledgedKnownErrors) : ReleaseEvent(At, By)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Deployment to <paramref name="Environment"/> started; the before-baseline <paramref name="Baseline"/> (content <paramref name="BaselineHash"/>) was captured of it.</summary>
public sealed record ReleaseDeploymentStarted(Instant At, UserId By, DeploymentEnvironment Environment, BaselineId Baseline, string BaselineHash) : ReleaseEvent(At, By);

/// <summary>Deployment to <paramref name="Environment"/> completed and verified.</summary>
public sealed record ReleaseDeploymentCompleted(Instant At, UserId By, DeploymentEnvironment Environment, DeploymentVerification Verification) : ReleaseEvent(At, By);

/// <summary>The latest deployment, to <paramref name="Environment"/>, was rolled back, verified against its before-baseline.</summary>
public sealed record ReleaseRolledBack(Instant At, UserId By, DeploymentEnvironment Environment, string Reason, DeploymentVerification Verification) : ReleaseEvent(At, By);

/// <summary>
/// The planned deployment window of <paramref name="Environment"/> was moved to <paramref name="Window"/> before deployment;
/// rescheduling an accepted release withdraws its acceptance.
/// </summary>
public sealed record ReleaseRescheduled(Instant At, UserId By, DeploymentEnvironment Environment, Interval Window) : ReleaseEvent(At, By);

/// <summary>The release was reviewed.</summary>
public sealed record ReleaseReviewed(Instant At, UserId By, string Findings) : ReleaseEvent(At, By);

/// <summary>The release was closed.</summary>
public sealed record ReleaseClosed(Instant At, UserId By) : ReleaseEvent(At, By);
