using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Tests.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Application.Tests;

/// <summary>CMDBs to import: items of several classes with owners and attributes, and relationships among them.</summary>
internal static partial class Arbitraries
{
    private static readonly ConfigurationItemClass[] ImportClasses =
        [ConfigurationItemClass.BusinessService, ConfigurationItemClass.Application, ConfigurationItemClass.Database, ConfigurationItemClass.VirtualMachine, ConfigurationItemClass.Server, ConfigurationItemClass.From("load-balancer")];

    private static readonly RelationshipType[] ImportTypes = [RelationshipType.DependsOn, RelationshipType.ConnectsTo, RelationshipType.RelatesTo, RelationshipType.MemberOf];

    private static Gen<AttributeValue> AttributeGen =>
        Gen.OneOf(
            Gen.Elements("8.1", "eu-west", "rack 4", "ünïcødé").Select(AttributeValue.FromText),
            Gen.Choose(-1000, 1000).Select(n => AttributeValue.FromNumber(n / 10m)),
            Gen.Elements(true, false).Select(AttributeValue.FromFlag));

    private static Gen<ImportedItem> ItemGen =>
        from cls in Gen.Elements(ImportClasses)
        from criticality in Gen.Elements(Enum.GetValues<BusinessCriticality>())
        from status in Gen.Elements(ConfigurationItemStatus.Planned, ConfigurationItemStatus.Operational)
        from owner in Gen.Elements<UserId?>(null, UserId.From("olga"), UserId.From("omar"))
        from attributes in Gen.ListOf(
            from name in Gen.Elements("os", "site", "ram_gb", "patched")
            from value in AttributeGen
            select (name, value))
        select new ImportedItem(ConfigurationItemId.From("ci"), cls, "item", criticality)
        {
            Status = status,
            Owner = owner,
            Attributes = attributes.Count == 0 ? null : attributes.GroupBy(a => a.name).ToDictionary(g => g.Key, g => g.Last().value),
        };

    /// <summary>
    /// A random CMDB: relationships of several types (cycles allowed among the plain ones; <c>member of</c>, the one
    /// containment type, always from a lower to a higher index, so never a cycle), and "at least one up" on groups with two or more members.
    /// </summary>
    public static Arbitrary<ImportedCmdb> ImportedCmdbs() => ImportedCmdbGen.ToArbitrary();

    private static Gen<ImportedCmdb> ImportedCmdbGen =>
        from count in Gen.Choose(1, 20)
        from items in Gen.ArrayOf(ItemGen, count)
        from edges in Gen.ListOf(
            from source in Gen.Choose(0, count - 1)
            from target in Gen.Choose(0, count - 1)
            from type in Gen.Elements(ImportTypes)
            select (source, target, type))
        select Assemble([.. items], edges);

    private static ImportedCmdb Assemble(List<ImportedItem> generated, IEnumerable<(int Source, int Target, RelationshipType Type)> edges)
    {
        var items = generated.Select((item, i) => item with { Id = ConfigurationItemId.From($"ci-{i:00}"), Name = $"item {i}" }).ToList();
        var relationships = edges
            .Where(e => e.Source != e.Target)
            .Select(e => e.Type.IsContainment && e.Source > e.Target ? (Source: e.Target, Target: e.Source, e.Type) : e)
            .Select(e => Relationship.Create(items[e.Source].Id, items[e.Target].Id, e.Type).Value)
            .Distinct()
            .ToList();
        var members = relationships.Where(r => r.Type.IsMembership)
            .GroupBy(r => r.Target).ToDictionary(g => g.Key, g => g.Select(r => r.Source).Distinct().Count());
        return new ImportedCmdb([.. items.Select(i => members.GetValueOrDefault(i.Id) >= 2 ? i with { Redundancy = RedundancyRule.AtLeast(1) } : i)], relationships);
    }
}
