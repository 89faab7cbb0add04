using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Application.Tests.Configuration;

/// <summary><see cref="GetConfigurationItem"/> and <see cref="ListConfigurationItems"/>.</summary>
public sealed class ConfigurationItemQueriesTests : IAsyncLifetime
{
    private static readonly RequestContext Acme = new(TenantId.From("acme"), UserId.From("alice"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("mallory"));
    private readonly ServiceProvider provider = new ServiceCollection().Also(s => s.AddItsmCore()).BuildServiceProvider();

    private IItsmDispatcher Itsm => provider.GetRequiredService<IItsmDispatcher>();

    private static ConfigurationItemId Id(string id) => ConfigurationItemId.From(id);

    public async Task InitializeAsync()
    {
        var imported = await Itsm.SendAsync(new ImportConfiguration(
            Acme,
            [
                new ImportedItem(Id("svc"), ConfigurationItemClass.BusinessService, "Shop", BusinessCriticality.High),
                new ImportedItem(Id("app"), ConfigurationItemClass.Application, "Shop app"),
                new ImportedItem(Id("vm"), ConfigurationItemClass.VirtualMachine, "vm"),
                new ImportedItem(Id("old"), ConfigurationItemClass.VirtualMachine, "old vm"),
            ],
            [Relationship.Create(Id("svc"), Id("app"), RelationshipType.DependsOn).Value, Relationship.Create(Id("app"), Id("vm"), RelationshipType.RunsOn).Value]));
        Assert.True(imported.IsSuccess, imported.Message);
        Assert.True((await Itsm.SendAsync(new RetireConfigurationItem(Acme, Id("old")))).IsSuccess);
    }

    public async Task DisposeAsync() => await provider.DisposeAsync();

    [Fact]
    public async Task GetConfigurationItem_ReturnsTheItemItsVersionAndEveryRelationshipTouchingIt()
    {
        var details = (await Itsm.QueryAsync(new GetConfigurationItem(Acme, Id("app")))).Value;

        Assert.Equal("Shop app", details.Item.Record.Name);
        Assert.Equal(1, details.Item.Version);
        Assert.Equal(["app -> vm", "svc -> app"], details.Relationships.Select(r => $"{r.Source} -> {r.Target}"));
    }

    [Fact]
    public async Task GetConfigurationItem_UnknownOrOtherTenant_IsNotFound()
    {
        Assert.Equal(ResultStatus.NotFound, (await Itsm.QueryAsync(new GetConfigurationItem(Acme, Id("nope")))).Status);
        Assert.Equal(ResultStatus.NotFound, (await Itsm.QueryAsync(new GetConfigurationItem(Globex, Id("app")))).Status);
    }

    [Fact]
    public async Task ListConfigurationItems_FiltersByClassAndRetirement()
    {
        async Task<IEnumerable<string>> ListAsync(ListConfigurationItems query) => (await Itsm.QueryAsync(query)).Value.Select(v => v.Record.Id.Value);

        Assert.Equal(["app", "old", "svc", "vm"], await ListAsync(new ListConfigurationItems(Acme)));
        Assert.Equal(["app", "svc", "vm"], await ListAsync(new ListConfigurationItems(Acme) { IncludeRetired = false }));
        Assert.Equal(["old", "vm"], await ListAsync(new ListConfigurationItems(Acme) { Class = ConfigurationItemClass.VirtualMachine }));
        Assert.Empty(await ListAsync(new ListConfigurationItems(Globex)));
    }
}
