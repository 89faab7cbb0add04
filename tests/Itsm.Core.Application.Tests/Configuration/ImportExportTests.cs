using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Application.Tests.Configuration;

/// <summary>The CMDB law "importing then exporting round-trips", on random CMDBs with cycles, redundancy, owners and attributes.</summary>
public class ImportExportTests
{
    private static readonly ConfigurationItemClass[] Classes =
        [ConfigurationItemClass.BusinessService, ConfigurationItemClass.Application, ConfigurationItemClass.Database, ConfigurationItemClass.VirtualMachine, ConfigurationItemClass.Server, ConfigurationItemClass.From("load-balancer")];

    private static readonly RelationshipType[] Types = [RelationshipType.DependsOn, RelationshipType.ConnectsTo, RelationshipType.RelatesTo];

    private static int Runs =>
        int.TryParse(Environment.GetEnvironmentVariable("ITSM_PROPERTY_RUNS"), out var runs) && runs > 0 ? runs : 200;

    private static Gen<AttributeValue> AttributeGen =>
        Gen.OneOf(
            Gen.Elements("8.1", "eu-west", "rack 4", "ünïcødé").Select(AttributeValue.FromText),
            Gen.Choose(-1000, 1000).Select(n => AttributeValue.FromNumber(n / 10m)),
            Gen.Elements(true, false).Select(AttributeValue.FromFlag));

    private static Gen<ImportedItem> ItemGen =>
        from cls in Gen.Elements(Classes)
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

    /// <summary>A random CMDB: relationships of several types (cycles allowed, none containment), and "at least one up" on items that depend on two or more.</summary>
    private static Gen<(List<ImportedItem> Items, List<Relationship> Relationships)> CmdbGen =>
        from count in Gen.Choose(1, 20)
        from items in Gen.ArrayOf(ItemGen, count)
        from edges in Gen.ListOf(
            from source in Gen.Choose(0, count - 1)
            from target in Gen.Choose(0, count - 1)
            from type in Gen.Elements(Types)
            select (source, target, type))
        select Assemble([.. items], edges);

    private static (List<ImportedItem>, List<Relationship>) Assemble(List<ImportedItem> generated, IEnumerable<(int Source, int Target, RelationshipType Type)> edges)
    {
        var items = generated.Select((item, i) => item with { Id = ConfigurationItemId.From($"ci-{i:00}"), Name = $"item {i}" }).ToList();
        var relationships = edges
            .Where(e => e.Source != e.Target)
            .Select(e => Relationship.Create(items[e.Source].Id, items[e.Target].Id, e.Type).Value)
            .Distinct()
            .ToList();
        var dependencies = relationships.Where(r => r.Type.Direction == ImpactDirection.SourceDependsOnTarget)
            .GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Select(r => r.Target).Distinct().Count());
        return ([.. items.Select(i => dependencies.GetValueOrDefault(i.Id) >= 2 ? i with { Redundancy = RedundancyRule.AtLeast(1) } : i)], relationships);
    }

    private static ConfigurationExport RoundTrip(IItsmDispatcher itsm, string tenant, IReadOnlyList<ImportedItem> items, IReadOnlyList<Relationship> relationships)
    {
        var context = new RequestContext(TenantId.From(tenant), UserId.From("importer"));
        var imported = itsm.SendAsync(new ImportConfiguration(context, items, relationships)).GetAwaiter().GetResult();
        Assert.True(imported.IsSuccess, imported.Message);
        return itsm.QueryAsync(new ExportConfiguration(context)).GetAwaiter().GetResult().Value;
    }

    private static string Describe(ImportedItem item) =>
        $"{item.Id}|{item.Class}|{item.Name}|{item.Criticality}|{item.Redundancy.MinimumUp}|{item.Status}|{item.Owner}|" +
        string.Join(",", (item.Attributes ?? new Dictionary<string, AttributeValue>()).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value.Kind}:{a.Value}"));

    [Fact]
    public void ImportThenExport_RoundTrips()
    {
        using var provider = new ServiceCollection().Also(s => s.AddItsmCore()).BuildServiceProvider();
        var itsm = provider.GetRequiredService<IItsmDispatcher>();
        var run = 0;
        Prop.ForAll(CmdbGen.ToArbitrary(), cmdb =>
        {
            run++;
            var first = RoundTrip(itsm, $"a{run}", cmdb.Items, cmdb.Relationships);
            var second = RoundTrip(itsm, $"b{run}", first.Items, first.Relationships);

            Assert.Equal(cmdb.Items.OrderBy(i => i.Id).Select(Describe), first.Items.Select(Describe));
            Assert.Equal(cmdb.Relationships.Order(RelationshipOrder.Instance), first.Relationships);
            Assert.Equal(first.Items.Select(Describe), second.Items.Select(Describe));
            Assert.Equal(first.Relationships, second.Relationships);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Runs).WithQuietOnSuccess(true));
    }

    [Fact]
    public async Task Export_LeavesOutRetiredItemsAndTheirRelationships_AndMaintenanceIsOperational()
    {
        await using var provider = new ServiceCollection().Also(s => s.AddItsmCore()).BuildServiceProvider();
        var itsm = provider.GetRequiredService<IItsmDispatcher>();
        var context = new RequestContext(TenantId.From("acme"), UserId.From("importer"));
        ConfigurationItemId Id(string id) => ConfigurationItemId.From(id);
        var imported = await itsm.SendAsync(new ImportConfiguration(
            context,
            [new ImportedItem(Id("app"), ConfigurationItemClass.Application, "app"), new ImportedItem(Id("vm-1"), ConfigurationItemClass.VirtualMachine, "vm-1"), new ImportedItem(Id("vm-2"), ConfigurationItemClass.VirtualMachine, "vm-2")],
            [Relationship.Create(Id("app"), Id("vm-1"), RelationshipType.RunsOn).Value, Relationship.Create(Id("app"), Id("vm-2"), RelationshipType.RunsOn).Value]));
        Assert.True(imported.IsSuccess, imported.Message);
        Assert.True((await itsm.SendAsync(new RetireConfigurationItem(context, Id("vm-1")))).IsSuccess);
        Assert.True((await itsm.SendAsync(new UpdateConfigurationItem(context, Id("vm-2"), InMaintenance: true))).IsSuccess);

        var export = (await itsm.QueryAsync(new ExportConfiguration(context))).Value;

        Assert.Equal(["app", "vm-2"], export.Items.Select(i => i.Id.Value));
        Assert.All(export.Items, i => Assert.Equal(ConfigurationItemStatus.Operational, i.Status));
        Assert.Equal([Relationship.Create(Id("app"), Id("vm-2"), RelationshipType.RunsOn).Value], export.Relationships);
    }
}

internal static class ServiceCollectionAlso
{
    public static IServiceCollection Also(this IServiceCollection services, Action<IServiceCollection> configure)
    {
        configure(services);
        return services;
    }
}
