using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Releases;

/// <content>The deployment windows: rescheduling them before deployment, and deploying only inside them.</content>
public sealed partial class Release
{
    /// <summary>Error code of a deployment started outside its environment's planned (and accepted) window.</summary>
    public const string DeploymentWindowCode = "release.deployment.window";

    private ImmutableArray<EnvironmentPlan> environments;

    /// <summary>
    /// The target environments as scheduled now, ordered test, staging, production: the planned ones
    /// (<see cref="ReleaseDetails.Environments"/>) with every <see cref="Reschedule"/> applied. The gate checks these windows,
    /// and a deployment starts only inside its environment's window.
    /// </summary>
    public ImmutableArray<EnvironmentPlan> Environments => environments;

    /// <summary>The current plan of <paramref name="environment"/>, or null when the release does not target it.</summary>
    public EnvironmentPlan? PlanOf(DeploymentEnvironment environment) => environments.FirstOrDefault(e => e.Environment == environment);

    /// <summary>
    /// Moves the deployment window of <paramref name="environment"/> to <paramref name="window"/>, before the release is
    /// deployed: Planned, Built and InTest stay where they are; Accepted -> InTest, because the acceptance was of the old
    /// window and the gate must be passed again. Invalid (<c>release.environments</c>) when the release does not target the
    /// environment, or the window is unbounded, empty, or the one it has already.
    /// </summary>
    public Result Reschedule(DeploymentEnvironment environment, Interval window, UserId by, Instant at) =>
        Transit(new ReleaseRescheduled(at, by, environment, window), "reschedule");

    private Result? RescheduleRule(ReleaseRescheduled r, string action) =>
        PlanOf(r.Environment) is not { } plan
            ? Failure.Invalid("Environment", $"Cannot {action} release {Id} in {r.Environment}: it targets only {string.Join(", ", environments.Select(e => e.Environment))}.", "release.environments")
            : !r.Window.HasStart || !r.Window.HasEnd || r.Window.Start >= r.Window.End
                ? Failure.Invalid("Window", "A deployment window is bounded and starts before it ends.", "release.environments")
                : r.Window == plan.Window
                    ? Failure.Invalid("Window", $"The {r.Environment} window of release {Id} is [{plan.Window.Start}, {plan.Window.End}) already.", "release.environments")
                    : null;

    private void ApplySchedule(ReleaseRescheduled r)
    {
        var index = environments.IndexOf(PlanOf(r.Environment)!);
        environments = environments.SetItem(index, environments[index] with { Window = r.Window });
        if (State == ReleaseState.InTest)
        {
            AcknowledgedKnownErrors = [];
        }
    }

    /// <summary>The refusal of a deployment of <paramref name="environment"/> starting at <paramref name="at"/> outside its window, or null.</summary>
    private Result? OutsideWindow(DeploymentEnvironment environment, Instant at) =>
        PlanOf(environment) is { } plan && !plan.Window.Contains(at)
            ? Failure.Conflict(
                $"Cannot start deploying release {Id} to {environment} at {at}: its window is [{plan.Window.Start}, {plan.Window.End}); deploy inside it, or reschedule it (and pass the gate again).",
                DeploymentWindowCode)
            : null;
}
