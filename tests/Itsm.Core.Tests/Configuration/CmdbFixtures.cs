using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Tests.Configuration;

/// <summary>Small hand-written CMDBs for example tests.</summary>
internal static class CmdbFixtures
{
    public static ConfigurationItemId Id(string text) => ConfigurationItemId.From(text);

    /// <summary>An operational server <paramref name="id"/> named <paramref name="name"/> with <paramref name="attributes"/>.</summary>
    public static ConfigurationItemSnapshot Item(string id, string name = "x", params (string Key, AttributeValue Value)[] attributes) =>
        new(Id(id), ConfigurationItemClass.Server, name, ConfigurationItemStatus.Operational, BusinessCriticality.None, null, default,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, attributes.Select(a => KeyValuePair.Create(a.Key, a.Value))));

    /// <summary><paramref name="s"/> depends on <paramref name="t"/>.</summary>
    public static Relationship Rel(string s, string t) => Relationship.Create(Id(s), Id(t), RelationshipType.DependsOn).Value;

    /// <summary>
    /// shop (service, critical) depends on web and api; api depends on db; web and api run on cluster
    /// (at least 2 of node1..node3 up); every node connects to switch; db hosted on san.
    /// </summary>
    public static CmdbSnapshot Shop(bool node2InMaintenance = false)
    {
        var b = new CmdbSnapshotBuilder();
        Check(b.AddItem(Id("shop"), ConfigurationItemClass.BusinessService, BusinessCriticality.Critical));
        Check(b.AddItem(Id("reports"), ConfigurationItemClass.BusinessService, BusinessCriticality.Low));
        Check(b.AddItem(Id("web"), ConfigurationItemClass.Application));
        Check(b.AddItem(Id("api"), ConfigurationItemClass.Application));
        Check(b.AddItem(Id("db"), ConfigurationItemClass.Database));
        Check(b.AddItem(Id("cluster"), ConfigurationItemClass.Cluster, redundancy: RedundancyRule.AtLeast(2)));
        Check(b.AddItem(Id("node1"), ConfigurationItemClass.Server));
        Check(b.AddItem(Id("node2"), ConfigurationItemClass.Server, inMaintenance: node2InMaintenance));
        Check(b.AddItem(Id("node3"), ConfigurationItemClass.Server));
        Check(b.AddItem(Id("switch"), ConfigurationItemClass.NetworkDevice));
        Check(b.AddItem(Id("san"), ConfigurationItemClass.Storage));
        Relate(b, "shop", "web", RelationshipType.DependsOn);
        Relate(b, "shop", "api", RelationshipType.DependsOn);
        Relate(b, "reports", "db", RelationshipType.DependsOn);
        Relate(b, "api", "db", RelationshipType.DependsOn);
        Relate(b, "web", "cluster", RelationshipType.RunsOn);
        Relate(b, "api", "cluster", RelationshipType.RunsOn);
        Relate(b, "node1", "cluster", RelationshipType.MemberOf);
        Relate(b, "node2", "cluster", RelationshipType.MemberOf);
        Relate(b, "node3", "cluster", RelationshipType.MemberOf);
        Relate(b, "node1", "switch", RelationshipType.ConnectsTo);
        Relate(b, "node2", "switch", RelationshipType.ConnectsTo);
        Relate(b, "node3", "switch", RelationshipType.ConnectsTo);
        Relate(b, "db", "san", RelationshipType.HostedOn);
        return b.Build().Value;
    }

    public static void Relate(CmdbSnapshotBuilder builder, string source, string target, RelationshipType type) =>
        Check(builder.AddRelationship(Id(source), Id(target), type));

    public static void Check(Result result) =>
        Assert.True(result.IsSuccess, result.ToString());
}
