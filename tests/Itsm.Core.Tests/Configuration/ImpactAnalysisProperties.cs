using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Tests.Configuration;

/// <summary>Impact analysis checked against a plain reference: reachability with redundancy evaluated by fixpoint.</summary>
public sealed class ImpactAnalysisProperties
{
    [Fact]
    public void Analyse_RandomGraphs_SameImpactedSetAndStatesAsReference()
    {
        PropertyTesting.Check(Prop.ForAll(CmdbArbitraries.Cases(), c =>
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
        }));
    }

    [Fact]
    public void Analyse_RandomGraphs_DistanceAndExplanationAreShortestImpactedPaths()
    {
        PropertyTesting.Check(Prop.ForAll(CmdbArbitraries.Cases(), c =>
        {
            var result = ImpactAnalysis.Analyse(c.Build().Value, c.Failed.Select(CmdbCase.Id)).Value;
            var distances = c.ReferenceDistances(c.Failed);
            foreach (var item in result)
            {
                var steps = result.Explain(item.Id);
                var v = int.Parse(item.Id.Value[1..], System.Globalization.CultureInfo.InvariantCulture);
                if (item.Distance != distances[v] || steps.Count != item.Distance + 1 || !c.Failed.Contains(CmdbCase.Index(steps[0].Id)))
                {
                    return false;
                }

                for (var i = 1; i < steps.Count; i++)
                {
                    if (!c.HasImpactEdge(CmdbCase.Index(steps[i - 1].Id), CmdbCase.Index(steps[i].Id)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }));
    }

    [Fact]
    public void Analyse_MoreFailures_NeverLessImpact()
    {
        var arb = (from c in CmdbArbitraries.CaseGen
                   from extra in Gen.Choose(0, c.Count - 1).ArrayOf()
                   select (c, extra)).ToArbitrary();
        PropertyTesting.Check(Prop.ForAll(arb, t =>
        {
            var snapshot = t.c.Build().Value;
            var small = ImpactAnalysis.Analyse(snapshot, t.c.Failed.Select(CmdbCase.Id)).Value;
            var large = ImpactAnalysis.Analyse(snapshot, t.c.Failed.Concat(t.extra).Select(CmdbCase.Id)).Value;
            return Enumerable.Range(0, t.c.Count).All(v => small.StateOf(CmdbCase.Id(v)) <= large.StateOf(CmdbCase.Id(v)));
        }));
    }

    [Fact]
    public void Analyse_RemovingRedundancy_NeverShrinksImpact()
    {
        PropertyTesting.Check(Prop.ForAll(CmdbArbitraries.Cases(), c =>
        {
            var redundant = ImpactAnalysis.Analyse(c.Build().Value, c.Failed.Select(CmdbCase.Id)).Value;
            var strict = ImpactAnalysis.Analyse(c.WithoutRedundancy().Build().Value, c.Failed.Select(CmdbCase.Id)).Value;
            return Enumerable.Range(0, c.Count).All(v => redundant.StateOf(CmdbCase.Id(v)) <= strict.StateOf(CmdbCase.Id(v)));
        }));
    }

    [Fact]
    public void Build_ContainmentEdgesAnyDirection_RejectedExactlyWhenTheyFormACycle()
    {
        PropertyTesting.Check(Prop.ForAll(CmdbArbitraries.Cases(containmentAnyDirection: true), c =>
        {
            var built = c.Build();
            return built.IsSuccess != c.HasContainmentCycle()
                && (built.IsSuccess || built.ValidationErrors.First().ErrorCode == "cmdb.containment.cycle");
        }));
    }

    [Fact]
    public void DependenciesOf_RandomGraphs_IsReverseReachability()
    {
        PropertyTesting.Check(Prop.ForAll(CmdbArbitraries.Cases(), c =>
        {
            var snapshot = c.Build().Value;
            for (var v = 0; v < c.Count; v++)
            {
                var closure = ImpactAnalysis.DependenciesOf(snapshot, CmdbCase.Id(v)).Value.Select(d => CmdbCase.Index(d.Id)).ToHashSet();
                var expected = Enumerable.Range(0, c.Count).Where(u => u != v && c.ReferenceDistances([u])[v] >= 0).ToHashSet();
                if (!closure.SetEquals(expected))
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void SinglePointsOfFailure_RandomGraphs_ExactlyTheItemsWhoseLossAloneDownsTheService()
    {
        PropertyTesting.Check(Prop.ForAll(CmdbArbitraries.Cases(), c =>
        {
            var snapshot = c.Build().Value;
            var service = 0;
            var spofs = ImpactAnalysis.SinglePointsOfFailure(snapshot, CmdbCase.Id(service)).Value.Select(CmdbCase.Index).ToHashSet();
            var expected = Enumerable.Range(1, c.Count - 1).Where(u => c.Reference([u], false)[service] == ImpactState.Down).ToHashSet();
            return spofs.SetEquals(expected);
        }));
    }
}
