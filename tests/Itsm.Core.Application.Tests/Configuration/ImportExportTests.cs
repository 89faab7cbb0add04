using FsCheck.Xunit;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Application.Tests.Configuration;

/// <summary>The CMDB law "importing then exporting round-trips", on random CMDBs with cycles, redundancy, owners and attributes.</summary>
public sealed class ImportExportTests : IDisposable
{
    // FsCheck.Xunit makes one instance per property and runs every case on it: one dispatcher, a tenant per case.
    private readonly ServiceProvider provider = new ServiceCollection().Also(s => s.AddItsmCore()).BuildServiceProvider();
    private int run;

    public void Dispose() => provider.Dispose();

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

    [Property]
    public void ImportThenExport_RoundTrips(ImportedCmdb cmdb)
    {
        var itsm = provider.GetRequiredService<IItsmDispatcher>();
        run++;
        var first = RoundTrip(itsm, $"a{run}", cmdb.Items, cmdb.Relationships);
        var second = RoundTrip(itsm, $"b{run}", first.Items, first.Relationships);

        Assert.Equal(cmdb.Items.OrderBy(i => i.Id).Select(Describe), first.Items.Select(Describe));
        Assert.Equal(cmdb.Relationships.Order(RelationshipOrder.Instance), first.Relationships);
        Assert.Equal(first.Items.Select(Describe), second.Items.Select(Describe));
        Assert.Equal(first.Relationships, second.Relationships);
    }

    [Fact]
    public async Task Export_LeavesOutRetiredItemsAndTheirRelationships_AndMaintenanceIsOperational()
    {
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
