using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Application.Configuration;

/// <summary>The in-memory <see cref="IConfigurationItemRepository"/>.</summary>
internal sealed class InMemoryConfigurationItemRepository(InMemoryUnitOfWork unitOfWork)
    : InMemoryRepository<ConfigurationItemId, ConfigurationItemSnapshot>(unitOfWork, "cmdb.items"), IConfigurationItemRepository
{
    public Task<Versioned<ConfigurationItemSnapshot>?> GetAsync(TenantId tenant, ConfigurationItemId id, CancellationToken cancellationToken) =>
        Task.FromResult(Find(tenant, id));

    public Task<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>>([.. All(tenant).OrderBy(v => v.Record.Id)]);

    public async Task<Result> AddAsync(TenantId tenant, ConfigurationItemSnapshot item, CancellationToken cancellationToken)
    {
        var result = await InsertAsync(tenant, item.Id, item, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? await CmdbRevision.BumpAsync(UnitOfWork, tenant, cancellationToken).ConfigureAwait(false) : result;
    }

    public async Task<Result> UpdateAsync(TenantId tenant, ConfigurationItemSnapshot item, long expectedVersion, CancellationToken cancellationToken)
    {
        var result = await UpdateAsync(tenant, item.Id, item, expectedVersion, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? await CmdbRevision.BumpAsync(UnitOfWork, tenant, cancellationToken).ConfigureAwait(false) : result;
    }

    /// <inheritdoc />
    public async Task<Result> AddRangeAsync(TenantId tenant, IReadOnlyList<ConfigurationItemSnapshot> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = await InsertAllAsync(tenant, [.. items.Select(i => (i.Id, i))], cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? await CmdbRevision.BumpAsync(UnitOfWork, tenant, cancellationToken).ConfigureAwait(false) : result;
    }
}

/// <summary>The in-memory <see cref="IRelationshipRepository"/>.</summary>
internal sealed class InMemoryRelationshipRepository(InMemoryUnitOfWork unitOfWork) : IRelationshipRepository
{
    private const string Table = "cmdb.relationships";

    public Task<IReadOnlyList<Relationship>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Relationship>>([.. InMemoryStore.Table<Relationship, bool>(unitOfWork.ReadState(), Table)
            .Keys.Where(k => k.Tenant == tenant).Select(k => k.Key).Order(RelationshipOrder.Instance)]);

    public async Task<Result> AddAsync(TenantId tenant, Relationship relationship, CancellationToken cancellationToken)
    {
        var result = await unitOfWork.WriteAsync(
            state =>
            {
                var table = InMemoryStore.Table<Relationship, bool>(state, Table);
                return table.ContainsKey((tenant, relationship))
                    ? (state, Failure.Conflict($"Relationship {relationship} already exists.", "cmdb.relationship.exists"))
                    : (state.SetItem(Table, table.Add((tenant, relationship), true)), Result.Success());
            },
            cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? await CmdbRevision.BumpAsync(unitOfWork, tenant, cancellationToken).ConfigureAwait(false) : result;
    }

    /// <inheritdoc />
    public async Task<Result> AddRangeAsync(TenantId tenant, IReadOnlyList<Relationship> relationships, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relationships);
        var result = await unitOfWork.WriteAsync(
            state =>
            {
                var table = InMemoryStore.Table<Relationship, bool>(state, Table);
                var keys = relationships.Select(r => (tenant, r)).ToList();
                return keys.Any(table.ContainsKey) || keys.Distinct().Count() != keys.Count
                    ? (state, Failure.Conflict("Some of these relationships already exist (or appear twice); nothing was added.", "cmdb.relationship.exists"))
                    : (state.SetItem(Table, table.SetItems(keys.Select(k => KeyValuePair.Create(k, true)))), Result.Success());
            },
            cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? await CmdbRevision.BumpAsync(unitOfWork, tenant, cancellationToken).ConfigureAwait(false) : result;
    }

    public async Task<Result> RemoveAsync(TenantId tenant, Relationship relationship, CancellationToken cancellationToken)
    {
        var result = await unitOfWork.WriteAsync(
            state =>
            {
                var table = InMemoryStore.Table<Relationship, bool>(state, Table);
                return table.ContainsKey((tenant, relationship))
                    ? (state.SetItem(Table, table.Remove((tenant, relationship))), Result.Success())
                    : (state, Failure.NotFound($"Relationship {relationship} does not exist.", "cmdb.relationship.unknown"));
            },
            cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? await CmdbRevision.BumpAsync(unitOfWork, tenant, cancellationToken).ConfigureAwait(false) : result;
    }

    public Task<long> RevisionAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult(CmdbRevision.Read(unitOfWork, tenant));
}

/// <summary>The tenant's CMDB revision in the in-memory store, raised by every item or relationship write.</summary>
internal static class CmdbRevision
{
    private const string Table = "cmdb.revision";

    public static long Read(InMemoryUnitOfWork unitOfWork, TenantId tenant) =>
        InMemoryStore.Table<string, long>(unitOfWork.ReadState(), Table).GetValueOrDefault((tenant, "revision"));

    public static Task<Result> BumpAsync(InMemoryUnitOfWork unitOfWork, TenantId tenant, CancellationToken cancellationToken) =>
        unitOfWork.WriteAsync(
            state =>
            {
                var table = InMemoryStore.Table<string, long>(state, Table);
                var next = table.GetValueOrDefault((tenant, "revision")) + 1;
                return (state.SetItem(Table, table.SetItem((tenant, "revision"), next)), Result.Success());
            },
            cancellationToken);
}

/// <summary>The in-memory <see cref="IBaselineRepository"/>.</summary>
internal sealed class InMemoryBaselineRepository(InMemoryUnitOfWork unitOfWork)
    : InMemoryRepository<BaselineId, ConfigurationBaseline>(unitOfWork, "cmdb.baselines"), IBaselineRepository
{
    public Task<Versioned<ConfigurationBaseline>?> GetAsync(TenantId tenant, BaselineId id, CancellationToken cancellationToken) =>
        Task.FromResult(Find(tenant, id));

    public Task<IReadOnlyList<Versioned<ConfigurationBaseline>>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<ConfigurationBaseline>>>([.. All(tenant).OrderBy(b => b.Record.CapturedAt).ThenBy(b => b.Record.Id)]);

    public Task<Result> AddAsync(TenantId tenant, ConfigurationBaseline baseline, CancellationToken cancellationToken) =>
        InsertAsync(tenant, baseline.Id, baseline, cancellationToken);
}

/// <summary>The default <see cref="IAuthorisedChangeSource"/> until change management registers its own: knows no changes.</summary>
internal sealed class NoAuthorisedChanges : IAuthorisedChangeSource
{
    public Task<IReadOnlyList<AuthorisedChange>> ImplementedChangesAsync(
        TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, Instant from, Instant to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuthorisedChange>>(ImmutableArray<AuthorisedChange>.Empty);
}
