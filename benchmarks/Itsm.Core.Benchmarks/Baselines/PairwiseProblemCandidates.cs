using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using NodaTime;

namespace Itsm.Core.Benchmarks.Baselines;

/// <summary>
/// The honest naive way to find problem candidates: a fresh breadth-first walk of every incident's dependencies (no
/// sharing between incidents on the same item), the runs of each covering item, then maximality by comparing every
/// candidate set with every other (pairwise containment). Same definition as <see cref="ProblemCandidates.Find"/>;
/// answers the number of maximal candidate sets.
/// </summary>
public static class PairwiseProblemCandidates
{
    /// <summary>The number of maximal candidate sets among <paramref name="incidents"/>.</summary>
    public static int Count(CmdbSnapshot snapshot, IReadOnlyList<IncidentOccurrence> incidents, Duration window, int minimum)
    {
        var placed = incidents.Where(o => snapshot.Contains(o.Item)).OrderBy(o => o.OpenedAt).ThenBy(o => o.Incident).ToArray();
        var covered = new Dictionary<int, List<int>>();
        for (var i = 0; i < placed.Length; i++)
        {
            foreach (var item in Closure(snapshot, snapshot.IndexOf(placed[i].Item)))
            {
                if (!covered.TryGetValue(item, out var list))
                {
                    covered[item] = list = [];
                }

                list.Add(i);
            }
        }

        var sets = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<HashSet<int>>();
        foreach (var list in covered.Values)
        {
            var run = new List<int> { list[0] };
            for (var k = 1; k <= list.Count; k++)
            {
                if (k < list.Count && placed[list[k]].OpenedAt - placed[list[k - 1]].OpenedAt <= window)
                {
                    run.Add(list[k]);
                    continue;
                }

                if (run.Count >= minimum && sets.Add(string.Join(',', run)))
                {
                    candidates.Add([.. run]);
                }

                if (k < list.Count)
                {
                    run = [list[k]];
                }
            }
        }

        var maximal = 0;
        for (var a = 0; a < candidates.Count; a++)
        {
            var contained = false;
            for (var b = 0; b < candidates.Count && !contained; b++)
            {
                contained = a != b && candidates[b].Count > candidates[a].Count && candidates[a].IsSubsetOf(candidates[b]);
            }

            maximal += contained ? 0 : 1;
        }

        return maximal;
    }

    private static List<int> Closure(CmdbSnapshot snapshot, int start)
    {
        var seen = new HashSet<int> { start };
        var queue = new Queue<int>([start]);
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            for (var e = snapshot.ReverseOffsets[u]; e < snapshot.ReverseOffsets[u + 1]; e++)
            {
                if (seen.Add(snapshot.Reverse[e]))
                {
                    queue.Enqueue(snapshot.Reverse[e]);
                }
            }
        }

        return [.. seen];
    }
}
