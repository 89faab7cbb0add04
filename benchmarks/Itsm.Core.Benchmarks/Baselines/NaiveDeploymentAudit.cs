using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Benchmarks.Baselines;

/// <summary>
/// The honest naive baseline of the deployment audit: each target item looked up in the before and after item lists by a
/// linear scan and compared, and each difference matched by scanning every authorised change's items. Items only; the
/// benchmark's deployment changes no relationship. Answers (differences, unauthorised).
/// </summary>
public static class NaiveDeploymentAudit
{
    /// <summary>The differences on <paramref name="targets"/> and how many no authorised change covers.</summary>
    public static (int Differences, int Unauthorised) Audit(ConfigurationBaseline before, ConfigurationState after, IReadOnlyList<AuthorisedChange> authorised, IReadOnlyList<ConfigurationItemId> targets)
    {
        var beforeItems = before.State.Items.Values.ToArray();
        var afterItems = after.Items.Values.ToArray();
        var (differences, unauthorised) = (0, 0);
        foreach (var target in targets)
        {
            var was = Array.Find(beforeItems, i => i.Id == target);
            var now = Array.Find(afterItems, i => i.Id == target);
            if (was == now)
            {
                continue;
            }

            differences++;
            var explained = false;
            foreach (var change in authorised)
            {
                explained |= change.Items.Contains(target);
            }

            unauthorised += explained ? 0 : 1;
        }

        return (differences, unauthorised);
    }
}
