using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Tests.Configuration;

/// <summary>
/// Conformance of <see cref="RedundancyRule"/> with the k-of-n practice: the rule counts a group's
/// members (member of), and every other provider of the group is a hard dependency.
/// </summary>
public sealed class RedundancyRuleTests
{
    private static readonly RelationshipType NodeOf = RelationshipType.Define("node of", ImpactDirection.TargetDependsOnSource, isContainment: true, isMembership: true);

    /// <summary>The case: a 2-of-3 cluster whose members are node-1..3 and which also connects to one switch; a service runs on it.</summary>
    private static CmdbSnapshot ClusterWithSwitch(RelationshipType membership)
    {
        var b = new CmdbSnapshotBuilder();
        Assert.True(b.AddItem(Id("service"), ConfigurationItemClass.BusinessService, BusinessCriticality.High).IsSuccess);
        Assert.True(b.AddItem(Id("cluster"), ConfigurationItemClass.Cluster, redundancy: RedundancyRule.AtLeast(2)).IsSuccess);
        Assert.True(b.AddItem(Id("switch"), ConfigurationItemClass.NetworkDevice).IsSuccess);
        Assert.True(b.AddRelationship(Id("service"), Id("cluster"), RelationshipType.RunsOn).IsSuccess);
        Assert.True(b.AddRelationship(Id("cluster"), Id("switch"), RelationshipType.ConnectsTo).IsSuccess);
        foreach (var node in new[] { "node-1", "node-2", "node-3" })
        {
            Assert.True(b.AddItem(Id(node), ConfigurationItemClass.Server).IsSuccess);
            Assert.True(b.AddRelationship(Id(node), Id("cluster"), membership).IsSuccess);
        }

        return b.Build().Value;
    }

    private static ConfigurationItemId Id(string text) => ConfigurationItemId.From(text);

    public static TheoryData<string, string, ImpactState> Table => new()
    {
        // failed items       cluster               (and the service that runs on it follows)
        { "switch", "member of", ImpactState.Down },
        { "node-1", "member of", ImpactState.Degraded },
        { "node-1 node-2", "member of", ImpactState.Down },
        { "node-1 node-2 node-3", "member of", ImpactState.Down },
        { "switch", "node of", ImpactState.Down },
        { "node-2", "node of", ImpactState.Degraded },
        { "node-2 node-3", "node of", ImpactState.Down },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Analyse_TwoOfThreeClusterThatAlsoConnectsToOneSwitch_CountsOnlyItsMembers(string failed, string membership, ImpactState expected)
    {
        var snapshot = ClusterWithSwitch(membership == "member of" ? RelationshipType.MemberOf : NodeOf);

        var result = ImpactAnalysis.Analyse(snapshot, failed.Split(' ').Select(Id)).Value;

        Assert.Equal(expected, result.StateOf(Id("cluster")));
        Assert.Equal(expected, result.StateOf(Id("service")));
    }

    [Fact]
    public void SinglePointsOfFailure_TwoOfThreeClusterWithOneSwitch_TheSwitchNotTheNodes()
    {
        var spofs = ImpactAnalysis.SinglePointsOfFailure(ClusterWithSwitch(RelationshipType.MemberOf), Id("service")).Value;

        Assert.Equal([Id("cluster"), Id("switch")], spofs);
    }

    [Fact]
    public void Analyse_MemberThatIsAlsoAHardDependency_ItsLossTakesTheGroupDown()
    {
        var b = new CmdbSnapshotBuilder();
        Assert.True(b.AddItem(Id("cluster"), ConfigurationItemClass.Cluster, redundancy: RedundancyRule.AtLeast(1)).IsSuccess);
        foreach (var node in new[] { "node-1", "node-2" })
        {
            Assert.True(b.AddItem(Id(node), ConfigurationItemClass.Server).IsSuccess);
            Assert.True(b.AddRelationship(Id(node), Id("cluster"), RelationshipType.MemberOf).IsSuccess);
        }

        Assert.True(b.AddRelationship(Id("cluster"), Id("node-1"), RelationshipType.DependsOn).IsSuccess); // node-1 also holds the quorum disk
        var snapshot = b.Build().Value;

        Assert.Equal(ImpactState.Down, ImpactAnalysis.Analyse(snapshot, Id("node-1")).Value.StateOf(Id("cluster")));
        Assert.Equal(ImpactState.Degraded, ImpactAnalysis.Analyse(snapshot, Id("node-2")).Value.StateOf(Id("cluster")));
    }

    [Fact]
    public void Tolerance_IsMembersMinusMinimumUp_OrZeroWhenAllRequired()
    {
        Assert.Equal(1, RedundancyRule.AtLeast(2).Tolerance(3));
        Assert.Equal(-1, RedundancyRule.AtLeast(4).Tolerance(3));
        Assert.Equal(0, RedundancyRule.AllRequired.Tolerance(3));
        Assert.Equal(RedundancyRule.AllRequired, default);
    }
}
