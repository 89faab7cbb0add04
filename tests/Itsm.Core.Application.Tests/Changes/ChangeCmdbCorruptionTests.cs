using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Application.Tests.Changes;

/// <summary>
/// A store whose CMDB holds one item twice (damage no command can cause) met by the change commands
/// that read the CMDB: a typed <c>store.record-invalid</c> result that changed nothing, never an exception.
/// </summary>
public sealed class ChangeCmdbCorruptionTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 21, 22, 0);
    private static readonly RequestContext Context = new(TenantId.From("acme"), UserId.From("alice"));
    private static readonly ConfigurationItemId Db = ConfigurationItemId.From("db-01");
    private readonly ServiceProvider provider;
    private readonly IItsmDispatcher dispatcher;

    public ChangeCmdbCorruptionTests()
    {
        var services = new ServiceCollection();
        services.AddScoped<IConfigurationItemRepository, ItemStoredTwice>();
        services.AddItsmCore(options => options.Clock = new FakeClock(T0));
        provider = services.BuildServiceProvider();
        dispatcher = provider.GetRequiredService<IItsmDispatcher>();
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task RaiseChange_OverACmdbHoldingAnItemTwice_IsATypedStoreError_AndStoresNothing()
    {
        var raised = await dispatcher.SendAsync(new RaiseChange(
            Context, ChangeType.Normal, "Patch db", [Db], new Interval(T0 + Duration.FromHours(1), T0 + Duration.FromHours(2)), new ChangePlans("patch", "tested", "unpatch")));

        Assert.Equal(ResultStatus.Error, raised.Status);
        Assert.Equal(StoredRecordException.ErrorCode, raised.ErrorCode);
        Assert.Contains("configuration_items", raised.Message, StringComparison.Ordinal);
        Assert.Contains("db-01", raised.Message, StringComparison.Ordinal);
        Assert.Empty((await dispatcher.QueryAsync(new ListChanges(Context, new ChangesNewestFirst()))).Value);
        using var scope = provider.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Context.Tenant, 0, 10, CancellationToken.None));
    }

    /// <summary>A vendor's (or a damaged) store that lists the one item it holds twice.</summary>
    private sealed class ItemStoredTwice : IConfigurationItemRepository
    {
        private static readonly ConfigurationItemSnapshot Item = ConfigurationItem.Register(Db, ConfigurationItemClass.Database, "Payments db", UserId.From("tester"), Instant.FromUtc(2026, 1, 1, 0, 0)).Value.ToSnapshot();

        public Task<Versioned<ConfigurationItemSnapshot>?> GetAsync(TenantId tenant, ConfigurationItemId id, CancellationToken cancellationToken) =>
            Task.FromResult<Versioned<ConfigurationItemSnapshot>?>(id == Db ? new Versioned<ConfigurationItemSnapshot>(Item, 1) : null);

        public Task<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>>([new(Item, 1), new(Item, 2)]);

        public Task<Result> AddAsync(TenantId tenant, ConfigurationItemSnapshot item, CancellationToken cancellationToken) => Task.FromResult(Result.Success());

        public Task<Result> UpdateAsync(TenantId tenant, ConfigurationItemSnapshot item, long expectedVersion, CancellationToken cancellationToken) => Task.FromResult(Result.Success());
    }
}
