using Itsm.Core.Benchmarks.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Benchmarks.Baselines;

/// <summary>
/// Impact analysis the way it is usually written first: a dictionary of lists keyed by id, a
/// recursive walk with a new visited set per call, then repeated passes until the down states
/// stop changing. Same semantics as <see cref="ImpactAnalysis"/>, kept honest (no re-expansion
/// per path, so it finishes), only the data structures and the passes differ.
/// </summary>
public sealed class NaiveImpactAnalysis
{
    private readonly Dictionary<string, List<string>> dependents = [];
    private readonly Dictionary<string, List<string>> members = [];
    private readonly Dictionary<string, List<string>> hardDependencies = [];
    private readonly Dictionary<string, int> tolerance = [];

    /// <summary>Loads the graph from the generated CMDB.</summary>
    public NaiveImpactAnalysis(LayeredCmdb cmdb)
    {
        foreach (var id in cmdb.Ids)
        {
            dependents[id.Value] = [];
            members[id.Value] = [];
            hardDependencies[id.Value] = [];
        }

        for (var e = 0; e < cmdb.Sources.Count; e++)
        {
            var (provider, dependent) = cmdb.Types[e].Direction == ImpactDirection.TargetDependsOnSource
                ? (cmdb.Ids[cmdb.Sources[e]].Value, cmdb.Ids[cmdb.Targets[e]].Value)
                : (cmdb.Ids[cmdb.Targets[e]].Value, cmdb.Ids[cmdb.Sources[e]].Value);
            dependents[provider].Add(dependent);
            (cmdb.Types[e].IsMembership ? members : hardDependencies)[dependent].Add(provider);
        }

        for (var v = 0; v < cmdb.Count; v++)
        {
            var n = members[cmdb.Ids[v].Value].Count;
            var k = Math.Min(cmdb.MinimumUp[v], n);
            tolerance[cmdb.Ids[v].Value] = k > 0 ? n - k : 0;
        }
    }

    /// <summary>Every impacted id (failed one included) with "down" or "degraded".</summary>
    public Dictionary<string, string> Analyse(string failed)
    {
        var visited = new HashSet<string> { failed };
        Walk(failed, visited);
        var states = visited.ToDictionary(v => v, _ => "degraded");
        states[failed] = "down";
        bool changed;
        do
        {
            changed = false;
            foreach (var v in visited)
            {
                if (states[v] == "down")
                {
                    continue;
                }

                bool IsDown(string d) => states.TryGetValue(d, out var s) && s == "down";
                if (hardDependencies[v].Any(IsDown) || members[v].Count(IsDown) > tolerance[v])
                {
                    states[v] = "down";
                    changed = true;
                }
            }
        }
        while (changed);
        return states;
    }

    private void Walk(string id, HashSet<string> visited)
    {
        foreach (var dependent in dependents[id])
        {
            if (visited.Add(dependent))
            {
                Walk(dependent, visited);
            }
        }
    }
}
