using Itsm.Core.Common;
using Itsm.Core.Configuration;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Configuration;

public sealed class CmdbSnapshotBuilderTests
{
    [Fact]
    public void AddItem_DuplicateId_Conflict()
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("a"), ConfigurationItemClass.Server));

        Assert.Equal(ResultStatus.Conflict, b.AddItem(Id("a"), ConfigurationItemClass.Server).Status);
        Assert.Equal(1, b.ItemCount);
    }

    [Fact]
    public void AddRelationship_SelfLoop_Invalid()
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("a"), ConfigurationItemClass.Server));

        var result = b.AddRelationship(Id("a"), Id("a"), RelationshipType.DependsOn);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("cmdb.relationship.self-loop", result.ValidationErrors.First().ErrorCode);
    }

    [Fact]
    public void AddRelationship_UnknownEnd_NotFound()
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("a"), ConfigurationItemClass.Server));

        Assert.Equal(ResultStatus.NotFound, b.AddRelationship(Id("a"), Id("b"), RelationshipType.DependsOn).Status);
    }

    [Fact]
    public void Build_ContainmentCycle_InvalidWithThePath()
    {
        var b = new CmdbSnapshotBuilder();
        foreach (var id in new[] { "vm", "host", "rack" })
        {
            Check(b.AddItem(Id(id), ConfigurationItemClass.Server));
        }

        Relate(b, "vm", "host", RelationshipType.HostedOn);
        Relate(b, "host", "rack", RelationshipType.HostedOn);
        Relate(b, "rack", "vm", RelationshipType.MemberOf);

        var result = b.Build();

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("cmdb.containment.cycle", result.ValidationErrors.First().ErrorCode);
        Assert.Contains("-[hosted on]->", result.Message);
        Assert.Contains("-[member of]->", result.Message);
    }

    [Fact]
    public void Build_CycleOfPlainDependencies_IsLegal()
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("a"), ConfigurationItemClass.Application));
        Check(b.AddItem(Id("b"), ConfigurationItemClass.Application));
        Relate(b, "a", "b", RelationshipType.DependsOn);
        Relate(b, "b", "a", RelationshipType.ConnectsTo);

        Assert.True(b.Build().IsSuccess);
    }

    [Fact]
    public void Build_RedundancyNeedsMoreThanExist_IsALegalStateReportedAsAShortfall()
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("cluster"), ConfigurationItemClass.Cluster, redundancy: RedundancyRule.AtLeast(3)));
        Check(b.AddItem(Id("n1"), ConfigurationItemClass.Server));
        Relate(b, "n1", "cluster", RelationshipType.MemberOf);

        var result = b.Build();

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal([new RedundancyShortfall(Id("cluster"), 3, 1)], result.Value.Shortfalls);
        Assert.Equal(ImpactState.Down, ImpactAnalysis.Analyse(result.Value, Id("n1")).Value.StateOf(Id("cluster")));
    }

    [Fact]
    public void Build_RedundancyCountsItemsDependedOnNotRelationships()
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("cluster"), ConfigurationItemClass.Cluster, redundancy: RedundancyRule.AtLeast(3)));
        Check(b.AddItem(Id("n1"), ConfigurationItemClass.Server));
        Check(b.AddItem(Id("n2"), ConfigurationItemClass.Server));
        Relate(b, "n1", "cluster", RelationshipType.MemberOf);
        Relate(b, "n2", "cluster", RelationshipType.MemberOf);
        Relate(b, "cluster", "n2", RelationshipType.RunsOn);

        var result = b.Build();

        Assert.True(result.IsSuccess, result.Message);
        var shortfall = Assert.Single(result.Value.Shortfalls);
        Assert.Equal(new RedundancyShortfall(Id("cluster"), 3, 2), shortfall);
        Assert.Contains("needs at least 3 of its members up, but has only 2", shortfall.ToString());
    }

    [Fact]
    public void Build_RedundancyCountsMembersNotOtherDependencies()
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("cluster"), ConfigurationItemClass.Cluster, redundancy: RedundancyRule.AtLeast(2)));
        Check(b.AddItem(Id("n1"), ConfigurationItemClass.Server));
        Check(b.AddItem(Id("switch"), ConfigurationItemClass.NetworkDevice));
        Check(b.AddItem(Id("san"), ConfigurationItemClass.Storage));
        Relate(b, "n1", "cluster", RelationshipType.MemberOf);
        Relate(b, "cluster", "switch", RelationshipType.ConnectsTo);
        Relate(b, "cluster", "san", RelationshipType.DependsOn);

        var result = b.Build();

        Assert.True(result.IsSuccess, result.Message);
        Assert.Contains("needs at least 2 of its members up, but has only 1", Assert.Single(result.Value.Shortfalls).ToString());
    }

    [Fact]
    public void FindContainmentCycleClosedBy_ClosingEdge_GivesPath()
    {
        var snapshot = Shop();

        var path = snapshot.FindContainmentCycleClosedBy(Relationship.Create(Id("cluster"), Id("node1"), RelationshipType.HostedOn).Value);

        Assert.Equal("node1 -[member of]-> cluster -[hosted on]-> node1", path);
        Assert.Null(snapshot.FindContainmentCycleClosedBy(Relationship.Create(Id("cluster"), Id("node1"), RelationshipType.DependsOn).Value));
        Assert.Null(snapshot.FindContainmentCycleClosedBy(Relationship.Create(Id("san"), Id("node1"), RelationshipType.HostedOn).Value));
    }

    [Fact]
    public void Build_InformationalRelationships_NotStored()
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("a"), ConfigurationItemClass.Application));
        Check(b.AddItem(Id("b"), ConfigurationItemClass.Application));
        Relate(b, "a", "b", RelationshipType.RelatesTo);

        var snapshot = b.Build().Value;

        Assert.Equal(0, snapshot.RelationshipCount);
        Assert.Equal(1, snapshot.InformationalRelationshipCount);
    }
}
