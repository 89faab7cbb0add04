using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Releases;

/// <summary>Where a release is in its lifecycle.</summary>
/// <remarks>
/// Planned -> Built -> InTest -> Accepted -> Deploying -> Deployed / RolledBack -> Reviewed -> Closed; see
/// <see cref="ReleaseLifecycle.Table"/>. <c>default</c> is <see cref="Planned"/>.
/// </remarks>
public enum ReleaseState
{
    /// <summary>Planned: its version, type, targets and windows are set; changes are being bundled.</summary>
    Planned = 0,

    /// <summary>Built: a build reference is recorded.</summary>
    Built = 1,

    /// <summary>In test: test results are being recorded.</summary>
    InTest = 2,

    /// <summary>Accepted through the acceptance gate; ready to deploy.</summary>
    Accepted = 3,

    /// <summary>Being deployed to one environment.</summary>
    Deploying = 4,

    /// <summary>Deployed to one or more environments, each verified against its before-baseline.</summary>
    Deployed = 5,

    /// <summary>Its latest deployment was rolled back, verified against the before-baseline.</summary>
    RolledBack = 6,

    /// <summary>Reviewed after deployment or rollback.</summary>
    Reviewed = 7,

    /// <summary>Final.</summary>
    Closed = 8,
}

/// <summary>The environments a release passes through, in the order it must pass them.</summary>
/// <remarks><c>default</c> is <see cref="Test"/>.</remarks>
public enum DeploymentEnvironment
{
    /// <summary>The controlled test environment.</summary>
    Test = 0,

    /// <summary>The staging (pre-production) environment.</summary>
    Staging = 1,

    /// <summary>Production.</summary>
    Production = 2,
}

/// <summary>The transitions of a release: one per command that changes it after planning, one per kind of history event.</summary>
/// <remarks><c>default</c> is <see cref="BundleChange"/>. See <see cref="ReleaseLifecycle.Table"/> for where each is allowed.</remarks>
public enum ReleaseTransition
{
    /// <summary>Bundle an approved change (<see cref="ReleaseChangeBundled"/>).</summary>
    BundleChange = 0,

    /// <summary>Record the build (<see cref="ReleaseBuilt"/>).</summary>
    RecordBuild = 1,

    /// <summary>Record a test result (<see cref="ReleaseTestRecorded"/>).</summary>
    RecordTestResult = 2,

    /// <summary>Accept through the gate (<see cref="ReleaseAccepted"/>).</summary>
    Accept = 3,

    /// <summary>Start deploying to an environment (<see cref="ReleaseDeploymentStarted"/>).</summary>
    StartDeployment = 4,

    /// <summary>Complete a verified deployment (<see cref="ReleaseDeploymentCompleted"/>).</summary>
    CompleteDeployment = 5,

    /// <summary>Roll back the latest deployment, verified (<see cref="ReleaseRolledBack"/>).</summary>
    RollBack = 6,

    /// <summary>Review the outcome (<see cref="ReleaseReviewed"/>).</summary>
    Review = 7,

    /// <summary>Close (<see cref="ReleaseClosed"/>).</summary>
    Close = 8,

    /// <summary>Move an environment's planned deployment window before deployment (<see cref="ReleaseRescheduled"/>).</summary>
    Reschedule = 9,
}

/// <summary>
/// The release lifecycle as one table (<see cref="Table"/>); <see cref="Release"/>'s guards, its
/// <see cref="Release.NextStates"/> and <see cref="Release.Restore"/>'s replay all read it.
/// </summary>
/// <remarks>
/// <para>
/// Planned: bundle changes (stays Planned), record the build (-> Built). Built: rebuild (stays Built), record a test result
/// (-> InTest). InTest: more test results, a rebuild (-> Built, the tests start over), accept (-> Accepted). Planned, Built
/// and InTest: reschedule an environment's window (stays). Accepted: reschedule (-> InTest: the acceptance was of the old
/// window, so the gate must be passed again). Accepted and Deployed: start deploying to the next environment (-> Deploying). Deploying: complete (-> Deployed). Deploying and
/// Deployed: roll back (-> RolledBack). Deployed and RolledBack: review (-> Reviewed). Reviewed: close (-> Closed, final).
/// </para>
/// <para>Stateless and thread-safe; the table is immutable.</para>
/// </remarks>
public static class ReleaseLifecycle
{
    /// <summary>Error code of a stored release whose history or state the lifecycle does not allow (<see cref="Release.Restore"/>).</summary>
    public const string HistoryCode = "release.history";

    /// <summary>The release lifecycle: every row (from, transition, to).</summary>
    public static TransitionTable<ReleaseState, ReleaseTransition> Table { get; } = new(
    [
        new(ReleaseState.Planned, ReleaseTransition.BundleChange, ReleaseState.Planned),
        new(ReleaseState.Planned, ReleaseTransition.RecordBuild, ReleaseState.Built),
        new(ReleaseState.Built, ReleaseTransition.RecordBuild, ReleaseState.Built),
        new(ReleaseState.Built, ReleaseTransition.RecordTestResult, ReleaseState.InTest),
        new(ReleaseState.InTest, ReleaseTransition.RecordTestResult, ReleaseState.InTest),
        new(ReleaseState.InTest, ReleaseTransition.RecordBuild, ReleaseState.Built),
        new(ReleaseState.InTest, ReleaseTransition.Accept, ReleaseState.Accepted),
        new(ReleaseState.Planned, ReleaseTransition.Reschedule, ReleaseState.Planned),
        new(ReleaseState.Built, ReleaseTransition.Reschedule, ReleaseState.Built),
        new(ReleaseState.InTest, ReleaseTransition.Reschedule, ReleaseState.InTest),
        new(ReleaseState.Accepted, ReleaseTransition.Reschedule, ReleaseState.InTest),
        new(ReleaseState.Accepted, ReleaseTransition.StartDeployment, ReleaseState.Deploying),
        new(ReleaseState.Deployed, ReleaseTransition.StartDeployment, ReleaseState.Deploying),
        new(ReleaseState.Deploying, ReleaseTransition.CompleteDeployment, ReleaseState.Deployed),
        new(ReleaseState.Deploying, ReleaseTransition.RollBack, ReleaseState.RolledBack),
        new(ReleaseState.Deployed, ReleaseTransition.RollBack, ReleaseState.RolledBack),
        new(ReleaseState.Deployed, ReleaseTransition.Review, ReleaseState.Reviewed),
        new(ReleaseState.RolledBack, ReleaseTransition.Review, ReleaseState.Reviewed),
        new(ReleaseState.Reviewed, ReleaseTransition.Close, ReleaseState.Closed),
    ]);

    /// <summary>The states in which a release is open: every state but <see cref="ReleaseState.Closed"/>.</summary>
    public static ImmutableArray<ReleaseState> OpenStates { get; } = [.. Enum.GetValues<ReleaseState>().Where(s => !Table.IsFinal(s))];

    /// <summary>The transition <paramref name="e"/> records, or null for the planning (which starts the lifecycle in Planned).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static ReleaseTransition? TransitionOf(ReleaseEvent e) => Preconditions.CheckNotNull(e) switch
    {
        ReleaseChangeBundled => ReleaseTransition.BundleChange,
        ReleaseBuilt => ReleaseTransition.RecordBuild,
        ReleaseTestRecorded => ReleaseTransition.RecordTestResult,
        ReleaseAccepted => ReleaseTransition.Accept,
        ReleaseDeploymentStarted => ReleaseTransition.StartDeployment,
        ReleaseDeploymentCompleted => ReleaseTransition.CompleteDeployment,
        ReleaseRolledBack => ReleaseTransition.RollBack,
        ReleaseReviewed => ReleaseTransition.Review,
        ReleaseClosed => ReleaseTransition.Close,
        ReleaseRescheduled => ReleaseTransition.Reschedule,
        _ => null,
    };
}
