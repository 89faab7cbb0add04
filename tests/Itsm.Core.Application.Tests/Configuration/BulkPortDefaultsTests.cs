using NodaTime;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Application.Tests.Configuration;

/// <summary>The default <c>AddRangeAsync</c> of the CMDB ports, for vendors' own adapters that do not override it.</summary>
public class BulkPortDefaultsTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");

    private static ConfigurationItemSnapshot Item(string id) =>
        ConfigurationItem.Register(ConfigurationItemId.From(id), ConfigurationItemClass.Server, id, UserId.From("tester"), Instant.FromUtc(2026, 1, 1, 0, 0)).Value.ToSnapshot();

    [Fact]
    public async Task ItemsAddRange_AddsInOrderAndStopsAtTheFirstFailure()
    {
        IConfigurationItemRepository items = new RecordingItems(refuse: "b");

        var result = await items.AddRangeAsync(Tenant, [Item("a"), Item("b"), Item("c")], CancellationToken.None);

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal(["a", "b"], ((RecordingItems)items).Tried);
    }

    [Fact]
    public async Task RelationshipsAddRange_AddsEveryOneWhenNoneFails()
    {
        IRelationshipRepository relationships = new RecordingRelationships();
        var edges = new[] { "b", "c" }.Select(t => Relationship.Create(ConfigurationItemId.From("a"), ConfigurationItemId.From(t), RelationshipType.DependsOn).Value).ToList();

        var result = await relationships.AddRangeAsync(Tenant, edges, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(edges, ((RecordingRelationships)relationships).Added);
    }

    private sealed class RecordingItems(string refuse) : IConfigurationItemRepository
    {
        public List<string> Tried { get; } = [];

        public Task<Result> AddAsync(TenantId tenant, ConfigurationItemSnapshot item, CancellationToken cancellationToken)
        {
            Tried.Add(item.Id.Value);
            return Task.FromResult(item.Id.Value == refuse ? Failure.Conflict("taken", "record.exists") : Result.Success());
        }

        public Task<Versioned<ConfigurationItemSnapshot>?> GetAsync(TenantId tenant, ConfigurationItemId id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>> ListAsync(TenantId tenant, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Result> UpdateAsync(TenantId tenant, ConfigurationItemSnapshot item, long expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class RecordingRelationships : IRelationshipRepository
    {
        public List<Relationship> Added { get; } = [];

        public Task<Result> AddAsync(TenantId tenant, Relationship relationship, CancellationToken cancellationToken)
        {
            Added.Add(relationship);
            return Task.FromResult(Result.Success());
        }

        public Task<IReadOnlyList<Relationship>> ListAsync(TenantId tenant, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Result> RemoveAsync(TenantId tenant, Relationship relationship, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<long> RevisionAsync(TenantId tenant, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
