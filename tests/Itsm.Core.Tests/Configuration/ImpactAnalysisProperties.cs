using System.Text;
using FsCheck.Xunit;
using Itsm.Core.Configuration;

namespace Itsm.Core.Tests.Configuration;

/// <summary>Impact analysis checked against a plain reference: reachability with redundancy evaluated by fixpoint.</summary>
public sealed class ImpactAnalysisProperties
{
    [Property]
    public bool Analyse_RandomGraphs_SameImpactedSetAndStatesAsReference(CmdbCase c)
    {
        var snapshot = c.Build().Value;
        foreach (var policy in new[] { MaintenancePolicy.Propagate, MaintenancePolicy.ExcludeInMaintenance })
        {
            var expected = c.Reference(c.Failed, policy == MaintenancePolicy.ExcludeInMaintenance);
            var actual = ImpactAnalysis.Analyse(snapshot, c.Failed.Select(CmdbCase.Id), policy).Value;
            for (var v = 0; v < c.Count; v++)
            {
                if (actual.StateOf(CmdbCase.Id(v)) != expected[v])
                {
                    return false;
                }
            }

            var failed = actual.Failed.ToHashSet();
            if (actual.Count != Enumerable.Range(0, c.Count).Count(v => expected[v] != ImpactState.Up && !failed.Contains(CmdbCase.Id(v))))
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool Analyse_RandomGraphs_DistanceAndExplanationAreShortestImpactedPaths(CmdbCase c)
    {
        var result = ImpactAnalysis.Analyse(c.Build().Value, c.Failed.Select(CmdbCase.Id)).Value;
        var distances = c.ReferenceDistances(c.Failed);
        foreach (var item in result)
        {
            var steps = result.Explain(item.Id).Factors;
            var v = CmdbCase.Index(item.Id);
            if (item.Distance != distances[v] || steps.Length != item.Distance + 1 || !c.Failed.Contains(CmdbCase.Index(steps[0].Id)))
            {
                return false;
            }

            for (var i = 1; i < steps.Length; i++)
            {
                if (!c.HasImpactEdge(CmdbCase.Index(steps[i - 1].Id), CmdbCase.Index(steps[i].Id)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Property]
    public bool ByDistanceThenId_RandomGraphs_IsTheResultSortedByDistanceThenOrdinalId(CmdbCase c)
    {
        var result = ImpactAnalysis.Analyse(c.Build().Value, c.Failed.Select(CmdbCase.Id)).Value;
        var expected = result.OrderBy(i => i.Distance).ThenBy(i => i.Id.Value, StringComparer.Ordinal).ToArray();
        var copied = new ImpactedConfigurationItem[result.Count + 1];
        result.CopyByDistanceThenIdTo(copied);
        return result.ByDistanceThenId().SequenceEqual(expected) && copied.Take(result.Count).SequenceEqual(expected);
    }

    [Property]
    public bool EnumerateUtf8ByDistanceThenId_RandomGraphs_IsTheSortedResultWithUtf8Ids(CmdbCase c)
    {
        // Ids c0..cN: in ordinal order c10 comes before c2, so some distances come in id order (the sort skipped) and some not.
        var result = ImpactAnalysis.Analyse(c.Build().Value, c.Failed.Select(CmdbCase.Id)).Value;
        var expected = result.OrderBy(i => i.Distance).ThenBy(i => i.Id.Value, StringComparer.Ordinal).ToArray();
        var i = 0;
        foreach (var item in result.EnumerateUtf8ByDistanceThenId())
        {
            if (i >= expected.Length || Encoding.UTF8.GetString(item.Id) != expected[i].Id.Value || item.State != expected[i].State || item.Distance != expected[i].Distance)
            {
                return false;
            }

            i++;
        }

        return i == expected.Length;
    }

    [Property]
    public bool Analyse_MoreFailures_NeverLessImpact(CmdbWithMoreFailures t)
    {
        var snapshot = t.Case.Build().Value;
        var small = ImpactAnalysis.Analyse(snapshot, t.Case.Failed.Select(CmdbCase.Id)).Value;
        var large = ImpactAnalysis.Analyse(snapshot, t.Case.Failed.Concat(t.Extra).Select(CmdbCase.Id)).Value;
        return Enumerable.Range(0, t.Case.Count).All(v => small.StateOf(CmdbCase.Id(v)) <= large.StateOf(CmdbCase.Id(v)));
    }

    [Property]
    public bool Analyse_RemovingRedundancy_NeverShrinksImpact(CmdbCase c)
    {
        var redundant = ImpactAnalysis.Analyse(c.Build().Value, c.Failed.Select(CmdbCase.Id)).Value;
        var strict = ImpactAnalysis.Analyse(c.WithoutRedundancy().Build().Value, c.Failed.Select(CmdbCase.Id)).Value;
        return Enumerable.Range(0, c.Count).All(v => redundant.StateOf(CmdbCase.Id(v)) <= strict.StateOf(CmdbCase.Id(v)));
    }

    [Property]
    public bool Build_ContainmentEdgesAnyDirection_RejectedExactlyWhenTheyFormACycle(CmdbWithAnyContainment any)
    {
        var built = any.Case.Build();
        return built.IsSuccess != any.Case.HasContainmentCycle()
            && (built.IsSuccess || built.ValidationErrors.First().ErrorCode == "cmdb.containment.cycle");
    }

    [Property]
    public bool DependenciesOf_RandomGraphs_IsReverseReachability(CmdbCase c)
    {
        var snapshot = c.Build().Value;
        var reachedFrom = Enumerable.Range(0, c.Count).Select(u => c.ReferenceDistances([u])).ToArray();
        foreach (var v in c.Live)
        {
            var closure = ImpactAnalysis.DependenciesOf(snapshot, CmdbCase.Id(v)).Value.Select(d => CmdbCase.Index(d.Id)).ToHashSet();
            var expected = Enumerable.Range(0, c.Count).Where(u => u != v && reachedFrom[u][v] >= 0).ToHashSet();
            if (!closure.SetEquals(expected))
            {
                return false;
            }
        }

        // Retired items are not in the snapshot at all.
        return Enumerable.Range(0, c.Count).Where(v => c.Retired[v]).All(v => !ImpactAnalysis.DependenciesOf(snapshot, CmdbCase.Id(v)).IsSuccess);
    }

    [Property]
    public bool SinglePointsOfFailure_RandomGraphs_ExactlyTheItemsWhoseLossAloneDownsTheService(CmdbCase c)
    {
        var snapshot = c.Build().Value;
        var service = 0;
        var spofs = ImpactAnalysis.SinglePointsOfFailure(snapshot, CmdbCase.Id(service)).Value.Select(CmdbCase.Index).ToHashSet();
        var expected = c.Live.Where(u => u != service && c.Reference([u], false)[service] == ImpactState.Down).ToHashSet();
        return spofs.SetEquals(expected);
    }
}
