using Itsm.Core.Common;
using Itsm.Core.Configuration;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Configuration;

public sealed class ImpactAnalysisTests
{
    [Fact]
    public void ByDistanceThenId_FarMoreThanTheStackBuffer_SortsEachDistanceByOrdinalId()
    {
        // A hub with 600 direct dependents, each with one dependent of its own: two distances of 600 items,
        // ids in the reverse of ordinal order within each, past the 256 items sorted on the stack.
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("hub"), ConfigurationItemClass.Server));
        for (var i = 599; i >= 0; i--)
        {
            Check(b.AddItem(Id($"a{i}"), ConfigurationItemClass.Application));
            Check(b.AddItem(Id($"b{i}"), ConfigurationItemClass.Application));
            Relate(b, $"a{i}", "hub", RelationshipType.DependsOn);
            Relate(b, $"b{i}", $"a{i}", RelationshipType.DependsOn);
        }

        var result = ImpactAnalysis.Analyse(b.Build().Value, [Id("hub")]).Value;

        var ordered = result.ByDistanceThenId();
        var expected = Enumerable.Range(0, 600).Select(i => $"a{i}").Order(StringComparer.Ordinal)
            .Concat(Enumerable.Range(0, 600).Select(i => $"b{i}").Order(StringComparer.Ordinal));
        Assert.Equal(expected, ordered.Select(item => item.Id.Value));
        Assert.Equal([1, 2], ordered.Select(item => item.Distance).Distinct());
        Assert.Throws<ArgumentException>(() => result.CopyByDistanceThenIdTo(new ImpactedConfigurationItem[10]));
    }

    [Fact]
    public void EnumerateUtf8ByDistanceThenId_NonAsciiIds_AreTheirUtf8InOrdinalOrderOfTheText()
    {
        // Ordinal order is UTF-16's: U+FB01 sorts after the surrogate pair of U+1F600, though its UTF-8 bytes sort before.
        string[] dependents = ["\uFB01x", "\U0001F600", "é", "z", "Störung"];
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("hub"), ConfigurationItemClass.Server));
        foreach (var id in dependents)
        {
            Check(b.AddItem(Id(id), ConfigurationItemClass.Application));
            Relate(b, id, "hub", RelationshipType.DependsOn);
        }

        var snapshot = b.Build().Value;
        var result = ImpactAnalysis.Analyse(snapshot, [Id("hub")]).Value;
        var written = new List<(string Id, ImpactState State, int Distance)>();
        foreach (var item in result.EnumerateUtf8ByDistanceThenId())
        {
            written.Add((System.Text.Encoding.UTF8.GetString(item.Id), item.State, item.Distance));
        }

        Assert.Equal(dependents.Order(StringComparer.Ordinal).Select(id => (id, ImpactState.Down, 1)), written);
        var none = ImpactAnalysis.Analyse(snapshot, [Id("z")]).Value.EnumerateUtf8ByDistanceThenId();
        Assert.False(none.MoveNext());
        var disposed = result.EnumerateUtf8ByDistanceThenId();
        Assert.True(disposed.MoveNext());
        disposed.Dispose();
        Assert.False(disposed.MoveNext());
        Assert.Throws<InvalidOperationException>(() => disposed.Current.Distance);
    }

    [Fact]
    public void Analyse_OneClusterNodeFails_ClusterAndEverythingAboveDegraded()
    {
        var result = ImpactAnalysis.Analyse(Shop(), Id("node1")).Value;

        Assert.Equal(ImpactState.Degraded, result.StateOf(Id("cluster")));
        Assert.Equal(ImpactState.Degraded, result.StateOf(Id("web")));
        Assert.Equal(ImpactState.Degraded, result.StateOf(Id("shop")));
        Assert.Equal(ImpactState.Up, result.StateOf(Id("db")));
        Assert.Equal(4, result.Count);
        Assert.Equal(0, result.DownCount);
    }

    [Fact]
    public void Analyse_TwoClusterNodesFailTogether_MoreThanTheUnionOfSingleFailures()
    {
        var snapshot = Shop();
        var together = ImpactAnalysis.Analyse(snapshot, [Id("node1"), Id("node2")]).Value;
        var alone = ImpactAnalysis.Analyse(snapshot, Id("node1")).Value;

        Assert.Equal(ImpactState.Degraded, alone.StateOf(Id("cluster")));
        Assert.Equal(ImpactState.Down, together.StateOf(Id("cluster")));
        Assert.Equal(ImpactState.Down, together.StateOf(Id("shop")));
        Assert.Equal(2, together.Failed.Count);
    }

    [Fact]
    public void Analyse_SwitchFails_AllNodesDownSoClusterAndServiceDown()
    {
        var result = ImpactAnalysis.Analyse(Shop(), Id("switch")).Value;

        Assert.Equal(ImpactState.Down, result.StateOf(Id("node3")));
        Assert.Equal(ImpactState.Down, result.StateOf(Id("cluster")));
        Assert.Equal(ImpactState.Down, result.StateOf(Id("shop")));
        Assert.Equal(2, result.First(i => i.Id == Id("cluster")).Distance);
        Assert.Equal(4, result.First(i => i.Id == Id("shop")).Distance);
    }

    [Fact]
    public void Analyse_StorageFails_ServicesListedMostCriticalFirst()
    {
        var services = ImpactAnalysis.Analyse(Shop(), Id("san")).Value.ImpactedServices;

        Assert.Equal([Id("shop"), Id("reports")], services.Select(s => s.Id));
        Assert.Equal(BusinessCriticality.Critical, services[0].Criticality);
        Assert.Equal(ImpactState.Down, services[0].State);
        Assert.Equal(3, services[0].Distance);
        Assert.Equal(2, services[1].Distance);
    }

    [Fact]
    public void Explain_ImpactedService_GivesShortestPathWithRelationshipTypes()
    {
        var explanation = ImpactAnalysis.Analyse(Shop(), Id("san")).Value.Explain(Id("shop"));
        var steps = explanation.Factors;

        Assert.Equal([Id("san"), Id("db"), Id("api"), Id("shop")], steps.Select(s => s.Id));
        Assert.Null(steps[0].Via);
        Assert.Null(steps[0].From);
        Assert.Equal(RelationshipType.HostedOn, steps[1].Via);
        Assert.Equal(Id("san"), steps[1].From);
        Assert.Equal(RelationshipType.DependsOn, steps[2].Via);
        Assert.Equal(steps.Length, explanation.Count);
        Assert.Equal("san failed", explanation[0]);
        Assert.Equal("db down: db hosted on san", explanation[1]);
    }

    [Fact]
    public void Explain_ItemNotImpacted_IsEmpty()
    {
        var result = ImpactAnalysis.Analyse(Shop(), Id("san")).Value;

        Assert.True(result.Explain(Id("web")).IsEmpty);
        Assert.Empty(result.Explain(Id("web")).Factors);
    }

    [Fact]
    public void Analyse_CycleWithoutFailureInside_TerminatesAndStaysFinite()
    {
        var b = new CmdbSnapshotBuilder();
        foreach (var id in new[] { "a", "b", "c", "root" })
        {
            Check(b.AddItem(Id(id), ConfigurationItemClass.Application));
        }

        Relate(b, "a", "b", RelationshipType.DependsOn);
        Relate(b, "b", "c", RelationshipType.DependsOn);
        Relate(b, "c", "a", RelationshipType.DependsOn);
        Relate(b, "c", "root", RelationshipType.DependsOn);
        var snapshot = b.Build().Value;

        var result = ImpactAnalysis.Analyse(snapshot, Id("root")).Value;

        Assert.Equal(3, result.Count);
        Assert.All(result, i => Assert.Equal(ImpactState.Down, i.State));
        Assert.Equal(2, ImpactAnalysis.Analyse(snapshot, Id("a")).Value.Count);
    }

    [Fact]
    public void Analyse_MaintenanceExcluded_NodeInMaintenanceNeitherImpactedNorPropagating()
    {
        var snapshot = Shop(node2InMaintenance: true);

        var excluded = ImpactAnalysis.Analyse(snapshot, [Id("node1"), Id("node2")], MaintenancePolicy.ExcludeInMaintenance).Value;
        var included = ImpactAnalysis.Analyse(snapshot, [Id("node1"), Id("node2")]).Value;

        Assert.Equal(ImpactState.Degraded, excluded.StateOf(Id("cluster")));
        Assert.Equal([Id("node1")], excluded.Failed);
        Assert.Equal(ImpactState.Down, included.StateOf(Id("cluster")));
    }

    [Fact]
    public void Analyse_UnknownId_NotFoundNamingIt()
    {
        var result = ImpactAnalysis.Analyse(Shop(), [Id("node1"), Id("ghost")]);

        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.Contains("ghost", result.Message);
    }

    [Fact]
    public void Analyse_SameSnapshotFromManyThreads_GivesTheSameAnswer()
    {
        var snapshot = Shop();
        var expected = ImpactAnalysis.Analyse(snapshot, Id("switch")).Value.Select(i => (i.Id, i.State, i.Distance)).ToList();

        Parallel.For(0, 200, _ =>
        {
            var actual = ImpactAnalysis.Analyse(snapshot, Id("switch")).Value.Select(i => (i.Id, i.State, i.Distance)).ToList();
            Assert.Equal(expected, actual);
        });
    }

    [Fact]
    public void DependenciesOf_Service_EverythingBelowNearestFirst()
    {
        var closure = ImpactAnalysis.DependenciesOf(Shop(), Id("shop")).Value;

        Assert.Equal(9, closure.Count);
        Assert.Equal(Id("shop"), closure.Subject);
        Assert.Equal(1, closure[0].Distance);
        Assert.Contains(closure, d => d.Id == Id("switch") && d.Distance == 4);
        Assert.DoesNotContain(closure, d => d.Id == Id("reports"));
    }

    [Fact]
    public void SinglePointsOfFailure_Shop_RedundantNodesAreNot()
    {
        var spofs = ImpactAnalysis.SinglePointsOfFailure(Shop(), Id("shop")).Value;

        Assert.Equal(
            new[] { "api", "cluster", "db", "san", "switch", "web" },
            spofs.Select(s => s.Value).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("runs on")] // the cluster also "runs on" node3: still one member, and a hard dependency besides
    [InlineData("member of")] // the same relationship recorded twice (imports and discovery do that)
    public void Analyse_NodeRelatedToItsClusterTwice_CountsAsOneOfTheThreeNodes(string secondRelationship)
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("cluster"), ConfigurationItemClass.Cluster, redundancy: RedundancyRule.AtLeast(2)));
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            Check(b.AddItem(Id(node), ConfigurationItemClass.Server));
            Relate(b, node, "cluster", RelationshipType.MemberOf);
        }

        if (secondRelationship == "runs on")
        {
            Relate(b, "cluster", "node3", RelationshipType.RunsOn);
        }
        else
        {
            Relate(b, "node3", "cluster", RelationshipType.MemberOf);
        }

        var snapshot = b.Build().Value;

        // Two of the three nodes lost: only node3 is up and the cluster needs two, so it is down.
        Assert.Equal(ImpactState.Down, ImpactAnalysis.Analyse(snapshot, [Id("node1"), Id("node2")]).Value.StateOf(Id("cluster")));
        Assert.Equal(ImpactState.Degraded, ImpactAnalysis.Analyse(snapshot, Id("node1")).Value.StateOf(Id("cluster")));

        // Losing node3 alone: a member of three for "member of" twice; for "runs on", also a hard dependency of the cluster.
        Assert.Equal(
            secondRelationship == "runs on" ? ImpactState.Down : ImpactState.Degraded,
            ImpactAnalysis.Analyse(snapshot, Id("node3")).Value.StateOf(Id("cluster")));
    }
}
