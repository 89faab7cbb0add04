using System.Collections.Immutable;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Changes;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Changes;

/// <summary>The in-memory <see cref="IChangeAuthorityStore"/>: one row per tenant, user and single authority, as the SQL stores keep them.</summary>
/// <remarks>Scoped over the scope's <see cref="InMemoryUnitOfWork"/>, whose <see cref="InMemoryStore"/> makes it thread-safe and transactional.</remarks>
public sealed class InMemoryChangeAuthorityStore : IChangeAuthorityStore
{
    private const string TableName = "change_authorities";
    private readonly InMemoryUnitOfWork unitOfWork;

    /// <summary>Creates the store over the scope's unit of work.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryChangeAuthorityStore(InMemoryUnitOfWork unitOfWork) => this.unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));

    /// <inheritdoc />
    public Task<ChangeAuthority> AuthorityOfAsync(TenantId tenant, UserId user, CancellationToken cancellationToken) =>
        Task.FromResult(Table(unitOfWork.ReadState()).GetValueOrDefault((tenant, user)));

    /// <inheritdoc />
    public Task<IReadOnlyList<ChangeAuthorityGrant>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChangeAuthorityGrant>>(
            [.. Table(unitOfWork.ReadState()).Where(p => p.Key.Tenant == tenant).OrderBy(p => p.Key.Key).Select(p => ChangeAuthorityGrant.Create(p.Key.Key, p.Value).Value)]);

    /// <inheritdoc />
    public Task<Result> GrantAsync(TenantId tenant, ChangeAuthorityGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return unitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                var held = table.GetValueOrDefault((tenant, grant.User)) | grant.Authorities;
                return (state.SetItem(TableName, table.SetItem((tenant, grant.User), held)), Result.Success());
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> RevokeAsync(TenantId tenant, ChangeAuthorityGrant revoked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        return unitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                var held = table.GetValueOrDefault((tenant, revoked.User)) & ~revoked.Authorities;
                var next = held == ChangeAuthority.None ? table.Remove((tenant, revoked.User)) : table.SetItem((tenant, revoked.User), held);
                return (state.SetItem(TableName, next), Result.Success());
            },
            cancellationToken);
    }

    private static ImmutableDictionary<(TenantId Tenant, UserId Key), ChangeAuthority> Table(ImmutableDictionary<string, object> state) =>
        InMemoryStore.Table<UserId, ChangeAuthority>(state, TableName);
}

/// <summary>The in-memory <see cref="IMaintenanceWindowStore"/>.</summary>
/// <remarks>Scoped over the scope's <see cref="InMemoryUnitOfWork"/>, whose <see cref="InMemoryStore"/> makes it thread-safe and transactional.</remarks>
public sealed class InMemoryMaintenanceWindowStore : IMaintenanceWindowStore
{
    private const string TableName = "maintenance_windows";
    private readonly InMemoryUnitOfWork unitOfWork;

    /// <summary>Creates the store over the scope's unit of work.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryMaintenanceWindowStore(InMemoryUnitOfWork unitOfWork) => this.unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));

    /// <inheritdoc />
    public Task<IReadOnlyList<MaintenanceWindow>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MaintenanceWindow>>([.. Table(unitOfWork.ReadState()).Where(p => p.Key.Tenant == tenant).OrderBy(p => p.Key.Key).Select(p => p.Value)]);

    /// <inheritdoc />
    public Task<Result> DefineAsync(TenantId tenant, MaintenanceWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        return unitOfWork.WriteAsync(state => (state.SetItem(TableName, Table(state).SetItem((tenant, window.Service), window)), Result.Success()), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> RemoveAsync(TenantId tenant, ConfigurationItemId service, CancellationToken cancellationToken) =>
        unitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                return table.ContainsKey((tenant, service))
                    ? (state.SetItem(TableName, table.Remove((tenant, service))), Result.Success())
                    : (state, Failure.NotFound($"{service} has no maintenance window in tenant '{tenant}'.", "change.maintenance.not-found"));
            },
            cancellationToken);

    private static ImmutableDictionary<(TenantId Tenant, ConfigurationItemId Key), MaintenanceWindow> Table(ImmutableDictionary<string, object> state) =>
        InMemoryStore.Table<ConfigurationItemId, MaintenanceWindow>(state, TableName);
}

/// <summary>The in-memory <see cref="IBlackoutStore"/>.</summary>
/// <remarks>Scoped over the scope's <see cref="InMemoryUnitOfWork"/>, whose <see cref="InMemoryStore"/> makes it thread-safe and transactional.</remarks>
public sealed class InMemoryBlackoutStore : IBlackoutStore
{
    private const string TableName = "blackouts";
    private readonly InMemoryUnitOfWork unitOfWork;

    /// <summary>Creates the store over the scope's unit of work.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryBlackoutStore(InMemoryUnitOfWork unitOfWork) => this.unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));

    /// <inheritdoc />
    public Task<IReadOnlyList<BlackoutWindow>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BlackoutWindow>>(
            [.. Table(unitOfWork.ReadState()).Where(p => p.Key.Tenant == tenant).Select(p => p.Value).OrderBy(b => b.Window.Start).ThenBy(b => b.Id)]);

    /// <inheritdoc />
    public Task<Result> DeclareAsync(TenantId tenant, BlackoutWindow blackout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blackout);
        return unitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                return table.ContainsKey((tenant, blackout.Id))
                    ? (state, Failure.Conflict($"Blackout '{blackout.Id}' already exists.", "record.exists"))
                    : (state.SetItem(TableName, table.SetItem((tenant, blackout.Id), blackout)), Result.Success());
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> LiftAsync(TenantId tenant, BlackoutId id, CancellationToken cancellationToken) =>
        unitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                return table.ContainsKey((tenant, id))
                    ? (state.SetItem(TableName, table.Remove((tenant, id))), Result.Success())
                    : (state, Failure.NotFound($"There is no blackout {id} in tenant '{tenant}'.", "change.blackout.not-found"));
            },
            cancellationToken);

    private static ImmutableDictionary<(TenantId Tenant, BlackoutId Key), BlackoutWindow> Table(ImmutableDictionary<string, object> state) =>
        InMemoryStore.Table<BlackoutId, BlackoutWindow>(state, TableName);
}

/// <summary>The in-memory <see cref="IStandardChangeTemplateStore"/>.</summary>
/// <remarks>Scoped over the scope's <see cref="InMemoryUnitOfWork"/>, whose <see cref="InMemoryStore"/> makes it thread-safe and transactional.</remarks>
public sealed class InMemoryStandardChangeTemplateStore : IStandardChangeTemplateStore
{
    private const string TableName = "change_templates";
    private readonly InMemoryUnitOfWork unitOfWork;

    /// <summary>Creates the store over the scope's unit of work.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryStandardChangeTemplateStore(InMemoryUnitOfWork unitOfWork) => this.unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));

    /// <inheritdoc />
    public Task<StandardChangeCatalogue> CatalogueAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult(new StandardChangeCatalogue(Table(unitOfWork.ReadState()).Where(p => p.Key.Tenant == tenant).Select(p => p.Value)));

    /// <inheritdoc />
    public Task<Result> DefineAsync(TenantId tenant, StandardChangeTemplate template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        return unitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                return table.ContainsKey((tenant, template.Id))
                    ? (state, Failure.Conflict($"Standard change template '{template.Id}' already exists.", "record.exists"))
                    : (state.SetItem(TableName, table.SetItem((tenant, template.Id), template)), Result.Success());
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> RetireAsync(TenantId tenant, StandardChangeTemplate retired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retired);
        return unitOfWork.WriteAsync(
            state =>
            {
                var table = Table(state);
                if (!table.TryGetValue((tenant, retired.Id), out var current))
                {
                    return (state, Failure.NotFound($"Standard change template '{retired.Id}' does not exist.", "record.not-found"));
                }

                return current.IsRetired
                    ? (state, Failure.Conflict($"Standard change template '{retired.Id}' was retired by someone else meanwhile; reload it.", "record.version-conflict"))
                    : (state.SetItem(TableName, table.SetItem((tenant, retired.Id), retired)), Result.Success());
            },
            cancellationToken);
    }

    private static ImmutableDictionary<(TenantId Tenant, StandardChangeTemplateId Key), StandardChangeTemplate> Table(ImmutableDictionary<string, object> state) =>
        InMemoryStore.Table<StandardChangeTemplateId, StandardChangeTemplate>(state, TableName);
}
