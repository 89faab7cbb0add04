using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Releases;
using NodaTime;

namespace Itsm.Core.Benchmarks.Baselines;

/// <summary>
/// The honest naive baseline of the release gate's window criteria, which dominate its cost: every bundled change found by a
/// scan of the evidence, its items matched to an environment's by nested loops, each maintenance calendar sampled minute by
/// minute over the window, and every blackout compared with every checked service. Answers the unmet criteria as
/// (criterion, environment, change), in the gate's order.
/// </summary>
public static class NaiveReleaseAcceptance
{
    /// <summary>The window criteria of <paramref name="release"/> that are unmet.</summary>
    public static List<(AcceptanceCriterion Criterion, DeploymentEnvironment? Environment, ChangeId? Change)> UnmetWindows(Release release, AcceptanceEvidence evidence)
    {
        var unmet = new List<(AcceptanceCriterion, DeploymentEnvironment?, ChangeId?)>();
        var changes = new List<ChangeRequest>();
        foreach (var id in release.Changes)
        {
            foreach (var change in evidence.Changes)
            {
                if (change.Id == id)
                {
                    changes.Add(change);
                    break;
                }
            }
        }

        foreach (var plan in release.Environments)
        {
            foreach (var change in changes)
            {
                var touches = false;
                foreach (var affected in change.AffectedItems)
                {
                    foreach (var item in plan.Items)
                    {
                        touches |= affected == item;
                    }
                }

                if (touches && (plan.Window.Start < change.PlannedWindow.Start || change.PlannedWindow.End < plan.Window.End))
                {
                    unmet.Add((AcceptanceCriterion.InsideChangeWindow, plan.Environment, change.Id));
                }
            }

            var checkedItems = new List<ConfigurationItemId>();
            foreach (var item in plan.Items.Concat(plan.Items.SelectMany(evidence.Impact.Of)))
            {
                if (!checkedItems.Contains(item))
                {
                    checkedItems.Add(item);
                }
            }

            foreach (var service in checkedItems.Order())
            {
                if (evidence.Windows.MaintenanceOf(service) is { } calendar)
                {
                    for (var t = plan.Window.Start; t < plan.Window.End; t += Duration.FromMinutes(1))
                    {
                        if (!calendar.IsWorkingTime(t))
                        {
                            unmet.Add((AcceptanceCriterion.InsideMaintenanceWindow, plan.Environment, null));
                            break;
                        }
                    }
                }
            }

            foreach (var blackout in evidence.Windows.Blackouts)
            {
                foreach (var service in checkedItems)
                {
                    if (blackout.Service == service && blackout.Window.Start < plan.Window.End && plan.Window.Start < blackout.Window.End)
                    {
                        unmet.Add((AcceptanceCriterion.OutsideBlackout, plan.Environment, null));
                    }
                }
            }
        }

        return [.. unmet.OrderBy(u => u.Item1).ThenBy(u => u.Item2).ThenBy(u => u.Item3)];
    }
}
