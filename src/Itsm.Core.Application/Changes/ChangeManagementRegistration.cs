using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Changes;

/// <summary>Registers the change management ports with their in-memory defaults (handlers and validators are found by assembly scan).</summary>
internal static class ChangeManagementRegistration
{
    /// <summary>
    /// Adds the change repository, the CMDB's authorised change source (must run before the CMDB registration so this
    /// one wins over its empty default), default <see cref="ChangeManagementOptions"/>, the CMDB-backed impact source, the
    /// in-memory reference data stores (authorities, maintenance windows, blackouts, templates; the SQL adapters replace
    /// them) and the window source over them. Each uses TryAdd, so a vendor's earlier registration wins.
    /// </summary>
    internal static IServiceCollection AddChangeManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IChangeRepository, InMemoryChangeRepository>();
        services.TryAddScoped<Configuration.IAuthorisedChangeSource, RepositoryAuthorisedChangeSource>();
        services.TryAddSingleton(new ChangeManagementOptions());
        services.TryAddSingleton<InMemoryChangeImpactSource>();
        services.TryAddScoped<IChangeImpactSource>(provider => new CmdbChangeImpactSource(provider.GetRequiredService<Configuration.ICmdbSnapshotProvider>()));
        services.TryAddScoped<IChangeAuthorityStore, InMemoryChangeAuthorityStore>();
        services.TryAddScoped<IChangeAuthorityDirectory>(provider => provider.GetRequiredService<IChangeAuthorityStore>());
        services.TryAddScoped<IMaintenanceWindowStore, InMemoryMaintenanceWindowStore>();
        services.TryAddScoped<IBlackoutStore, InMemoryBlackoutStore>();
        services.TryAddScoped<IStandardChangeTemplateStore, InMemoryStandardChangeTemplateStore>();
        services.TryAddScoped<IChangeWindowSource, StoredChangeWindowSource>();
        return services;
    }
}
