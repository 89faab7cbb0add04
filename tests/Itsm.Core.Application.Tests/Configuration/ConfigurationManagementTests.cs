using System.Collections.Immutable;
using Itsm.Core.Application;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Configuration;

public sealed class ConfigurationManagementTests : IDisposable
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 11, 22, 9, 0));
    private readonly ServiceProvider provider;
    private readonly RequestContext context = new(Tenant, UserId.From("alice"));

    public ConfigurationManagementTests()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(o => o.Clock = clock);
        provider = services.BuildServiceProvider();
    }

    public void Dispose() => provider.Dispose();

    private static ConfigurationItemId Id(string text) => ConfigurationItemId.From(text);

    private async Task<T> Send<T>(ICommand<T> command)
        where T : IResult
    {
        using var scope = provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IItsmDispatcher>().SendAsync(command);
    }

    private async Task<T> Query<T>(IQuery<T> query)
        where T : IResult
    {
        using var scope = provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IItsmDispatcher>().QueryAsync(query);
    }

    private async Task SeedAsync()
    {
        var import = await Send(new ImportConfiguration(
            context,
            [
                new ImportedItem(Id("shop"), ConfigurationItemClass.BusinessService, "Shop", BusinessCriticality.Critical),
                new ImportedItem(Id("app"), ConfigurationItemClass.Application, "Shop app"),
                new ImportedItem(Id("vm1"), ConfigurationItemClass.VirtualMachine, "VM 1"),
                new ImportedItem(Id("vm2"), ConfigurationItemClass.VirtualMachine, "VM 2"),
                new ImportedItem(Id("cluster"), ConfigurationItemClass.Cluster, "Cluster", Redundancy: RedundancyRule.AtLeast(1)),
            ],
            [
                Relationship.Create(Id("shop"), Id("app"), RelationshipType.DependsOn).Value,
                Relationship.Create(Id("app"), Id("cluster"), RelationshipType.RunsOn).Value,
                Relationship.Create(Id("vm1"), Id("cluster"), RelationshipType.MemberOf).Value,
                Relationship.Create(Id("vm2"), Id("cluster"), RelationshipType.MemberOf).Value,
            ]));
        Assert.True(import.IsSuccess, import.ToString());
        Assert.Equal(new ImportSummary(5, 4), import.Value);
    }

    [Fact]
    public async Task AnalyseImpact_AfterImport_RedundantMemberOnlyDegrades()
    {
        await SeedAsync();

        var one = await Query(new AnalyseImpact(context, [Id("vm1")]));
        var both = await Query(new AnalyseImpact(context, [Id("vm1"), Id("vm2")]));

        Assert.Equal(ImpactState.Degraded, one.Value.StateOf(Id("shop")));
        Assert.Equal(ImpactState.Down, both.Value.StateOf(Id("shop")));
    }

    [Fact]
    public async Task AnalyseImpact_NoFailedItems_InvalidFromValidator()
    {
        var result = await Query(new AnalyseImpact(context, []));

        Assert.Equal(ResultStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task Relate_NewDependency_CachedSnapshotRebuilt()
    {
        await SeedAsync();
        Assert.True((await Send(new RegisterConfigurationItem(context, Id("db"), ConfigurationItemClass.Database, "DB"))).IsSuccess);
        Assert.Equal(ImpactState.Up, (await Query(new AnalyseImpact(context, [Id("db")]))).Value.StateOf(Id("shop")));

        Assert.True((await Send(new Relate(context, Id("app"), Id("db"), RelationshipType.DependsOn))).IsSuccess);

        Assert.Equal(ImpactState.Down, (await Query(new AnalyseImpact(context, [Id("db")]))).Value.StateOf(Id("shop")));
        Assert.True((await Send(new Unrelate(context, Id("app"), Id("db"), RelationshipType.DependsOn))).IsSuccess);
        Assert.Equal(ImpactState.Up, (await Query(new AnalyseImpact(context, [Id("db")]))).Value.StateOf(Id("shop")));
    }

    [Fact]
    public async Task Relate_ClosingContainmentCycle_ConflictWithPathAndNothingStored()
    {
        await SeedAsync();

        var result = await Send(new Relate(context, Id("cluster"), Id("vm1"), RelationshipType.HostedOn));

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Contains("vm1 -[member of]-> cluster -[hosted on]-> vm1", result.Message);
        using var scope = provider.CreateScope();
        Assert.Equal(4, (await scope.ServiceProvider.GetRequiredService<IRelationshipRepository>().ListAsync(Tenant, default)).Count);
    }

    [Fact]
    public async Task RelateAndImport_TypeNotInTheRegisteredCatalogue_InvalidAndNothingStored()
    {
        await SeedAsync();
        var replicatesTo = RelationshipType.Define("replicates to", ImpactDirection.SourceDependsOnTarget, isContainment: false);

        var related = await Send(new Relate(context, Id("vm1"), Id("vm2"), replicatesTo));
        var imported = await Send(new ImportConfiguration(context, [], [Relationship.Create(Id("vm2"), Id("vm1"), replicatesTo).Value]));

        Assert.Equal("cmdb.relationship-type.unknown", related.ValidationErrors.Single().ErrorCode);
        Assert.Equal(("Relationships[0].Type", "cmdb.relationship-type.unknown"), (imported.ValidationErrors.Single().Identifier, imported.ValidationErrors.Single().ErrorCode));
        Assert.Equal(ImpactState.Up, (await Query(new AnalyseImpact(context, [Id("vm2")]))).Value.StateOf(Id("vm1")));
    }

    [Fact]
    public async Task Relate_VendorTypeInTheRegisteredCatalogue_Stored()
    {
        var replicatesTo = RelationshipType.Define("replicates to", ImpactDirection.SourceDependsOnTarget, isContainment: false);
        var services = new ServiceCollection();
        services.AddSingleton(RelationshipTypeCatalogue.WellKnown.With(replicatesTo));
        services.AddItsmCore(o => o.Clock = clock);
        using var vendor = services.BuildServiceProvider();
        using var scope = vendor.CreateScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<IItsmDispatcher>();
        var import = await dispatcher.SendAsync(new ImportConfiguration(
            context,
            [new ImportedItem(Id("db1"), ConfigurationItemClass.Database, "DB 1"), new ImportedItem(Id("db2"), ConfigurationItemClass.Database, "DB 2")],
            [Relationship.Create(Id("db1"), Id("db2"), replicatesTo).Value]));

        Assert.True(import.IsSuccess, string.Join("; ", import.ValidationErrors.Select(e => e.ErrorMessage)));
        Assert.True((await dispatcher.SendAsync(new Relate(context, Id("db2"), Id("db1"), replicatesTo))).IsSuccess);
    }

    [Fact]
    public async Task Relate_RetiredOrUnknownEnd_NotFound()
    {
        await SeedAsync();
        Assert.True((await Send(new RetireConfigurationItem(context, Id("vm2")))).IsSuccess);

        var retired = await Send(new Relate(context, Id("app"), Id("vm2"), RelationshipType.DependsOn));
        var unknown = await Send(new Relate(context, Id("ghost"), Id("app"), RelationshipType.DependsOn));

        Assert.Equal((ResultStatus.NotFound, "cmdb.item.unknown"), (retired.Status, retired.ErrorCode));
        Assert.Equal((ResultStatus.NotFound, "cmdb.item.unknown"), (unknown.Status, unknown.ErrorCode));
    }

    [Fact]
    public async Task ImportConfiguration_RelationshipToARetiredItem_NotFoundAndNothingStored_AndItsIdStaysTaken()
    {
        await SeedAsync();
        Assert.True((await Send(new RetireConfigurationItem(context, Id("vm2")))).IsSuccess);

        var related = await Send(new ImportConfiguration(
            context,
            [new ImportedItem(Id("vm3"), ConfigurationItemClass.VirtualMachine, "VM 3")],
            [Relationship.Create(Id("vm3"), Id("vm2"), RelationshipType.DependsOn).Value]));
        var reused = await Send(new ImportConfiguration(context, [new ImportedItem(Id("vm2"), ConfigurationItemClass.VirtualMachine, "VM 2 again")], []));

        Assert.Equal((ResultStatus.NotFound, "cmdb.item.unknown"), (related.Status, related.ErrorCode));
        Assert.Contains("'vm2' does not exist or is retired", related.Errors.Single());
        Assert.Equal((ResultStatus.Conflict, "cmdb.item.duplicate"), (reused.Status, reused.ErrorCode));
        Assert.Equal(ResultStatus.NotFound, (await Query(new GetConfigurationItem(context, Id("vm3")))).Status);
    }

    [Fact]
    public async Task Relate_SelfLoop_Invalid()
    {
        await SeedAsync();

        Assert.Equal(ResultStatus.Invalid, (await Send(new Relate(context, Id("app"), Id("app"), RelationshipType.DependsOn))).Status);
    }

    [Fact]
    public async Task ImportConfiguration_UnknownEnd_NothingStored()
    {
        var result = await Send(new ImportConfiguration(
            context,
            [new ImportedItem(Id("a"), ConfigurationItemClass.Application, "A")],
            [Relationship.Create(Id("a"), Id("ghost"), RelationshipType.DependsOn).Value]));

        Assert.Equal(ResultStatus.NotFound, result.Status);
        using var scope = provider.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IConfigurationItemRepository>().ListAsync(Tenant, default));
    }

    [Fact]
    public async Task RetireConfigurationItem_LeavesImpactAnalysis()
    {
        await SeedAsync();

        Assert.True((await Send(new RetireConfigurationItem(context, Id("vm2")))).IsSuccess);

        Assert.Equal(ResultStatus.NotFound, (await Query(new AnalyseImpact(context, [Id("vm2")]))).Status);
        Assert.Equal(ImpactState.Down, (await Query(new AnalyseImpact(context, [Id("vm1")]))).Value.StateOf(Id("shop")));
        Assert.Equal(ResultStatus.Conflict, (await Send(new RetireConfigurationItem(context, Id("vm2")))).Status);
    }

    [Fact]
    public async Task UpdateConfigurationItem_Maintenance_ExcludedWhenAsked()
    {
        await SeedAsync();

        Assert.True((await Send(new UpdateConfigurationItem(context, Id("vm1"), InMaintenance: true, SetAttributes: new Dictionary<string, AttributeValue> { ["cpu"] = AttributeValue.FromNumber(4) }))).IsSuccess);

        var excluded = await Query(new AnalyseImpact(context, [Id("vm1"), Id("vm2")], MaintenancePolicy.ExcludeInMaintenance));
        Assert.Equal(ImpactState.Degraded, excluded.Value.StateOf(Id("shop")));
    }

    [Fact]
    public async Task BusinessImpactService_GivesServicesWithCriticality()
    {
        await SeedAsync();
        using var scope = provider.CreateScope();

        var services = await scope.ServiceProvider.GetRequiredService<IBusinessImpactService>()
            .ImpactedServicesAsync(Tenant, [Id("app")], MaintenancePolicy.Propagate, default);

        var service = Assert.Single(services.Value);
        Assert.Equal((Id("shop"), BusinessCriticality.Critical, ImpactState.Down), (service.Id, service.Criticality, service.State));
    }

    [Fact]
    public async Task CompareAndAudit_UnauthorisedRename_ReportedWithoutAChangeSource()
    {
        await SeedAsync();
        var baseline = (await Send(new CaptureBaseline(context, "before"))).Value;
        clock.AdvanceHours(1);
        Assert.True((await Send(new UpdateConfigurationItem(context, Id("app"), Name: "Shop application"))).IsSuccess);

        var diff = (await Query(new CompareBaseline(context, baseline))).Value;
        var audit = (await Query(new AuditConfiguration(context, baseline))).Value;

        Assert.Equal(new FieldDifference("name", "Shop app", "Shop application"), Assert.Single(Assert.Single(diff.ModifiedItems).Fields));
        Assert.Equal(Id("app"), Assert.Single(audit.Unauthorised).Items[0]);
    }

    [Fact]
    public async Task AuditConfiguration_ChangeSourceExplainsDifference_Clean()
    {
        var change = ChangeId.New();
        var services = new ServiceCollection();
        services.AddSingleton<IAuthorisedChangeSource>(new FixedChanges(new AuthorisedChange(change, [Id("app")], clock.GetCurrentInstant() + Duration.FromMinutes(30))));
        services.AddItsmCore(o => o.Clock = clock);
        using var own = services.BuildServiceProvider();
        async Task<T> Run<T>(Func<IItsmDispatcher, Task<T>> action)
        {
            using var scope = own.CreateScope();
            return await action(scope.ServiceProvider.GetRequiredService<IItsmDispatcher>());
        }

        Assert.True((await Run(d => d.SendAsync(new RegisterConfigurationItem(context, Id("app"), ConfigurationItemClass.Application, "App")))).IsSuccess);
        var baseline = (await Run(d => d.SendAsync(new CaptureBaseline(context, "before")))).Value;
        clock.AdvanceHours(1);
        Assert.True((await Run(d => d.SendAsync(new UpdateConfigurationItem(context, Id("app"), Criticality: BusinessCriticality.High)))).IsSuccess);

        var audit = (await Run(d => d.QueryAsync(new AuditConfiguration(context, baseline)))).Value;

        Assert.True(audit.IsClean);
        Assert.Equal(change, Assert.Single(audit.Findings).ExplainedBy);
    }

    [Fact]
    public async Task CompareBaseline_TwoBaselinesOfSameState_Empty()
    {
        await SeedAsync();
        var a = (await Send(new CaptureBaseline(context, "a"))).Value;
        var b = (await Send(new CaptureBaseline(context, "b"))).Value;

        Assert.True((await Query(new CompareBaseline(context, a, b))).Value.IsEmpty);
        Assert.Equal(ResultStatus.NotFound, (await Query(new CompareBaseline(context, BaselineId.New()))).Status);
    }

    private sealed class FixedChanges(params AuthorisedChange[] changes) : IAuthorisedChangeSource
    {
        public Task<IReadOnlyList<AuthorisedChange>> ImplementedChangesAsync(
            TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, Instant from, Instant to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AuthorisedChange>>(changes.Where(c => c.Items.Overlaps(items)).ToImmutableArray());
    }
}
