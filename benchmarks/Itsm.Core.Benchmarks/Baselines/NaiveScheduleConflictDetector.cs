using Itsm.Core.Changes;

namespace Itsm.Core.Benchmarks.Baselines;

/// <summary>The honest naive baseline for schedule conflicts: compare every pair of changes.</summary>
public static class NaiveScheduleConflictDetector
{
    /// <summary>All conflicts by an O(n^2) pairwise comparison.</summary>
    public static List<ScheduleConflict> FindConflicts(IReadOnlyList<PlannedChange> changes, ImpactSets impact)
    {
        var conflicts = new List<ScheduleConflict>();
        for (var i = 0; i < changes.Count; i++)
        {
            for (var j = i + 1; j < changes.Count; j++)
            {
                if (ScheduleConflictDetector.Compare(changes[i], changes[j], impact) is { } conflict)
                {
                    conflicts.Add(conflict);
                }
            }
        }

        return conflicts;
    }
}
