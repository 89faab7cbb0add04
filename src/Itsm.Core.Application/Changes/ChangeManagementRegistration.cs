using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Changes;

/// <summary>Registers the change management ports with their in-memory defaults (handlers and validators are found by assembly scan).</summary>
internal static class ChangeManagementRegistration
{
    /// <summary>
    /// Adds the change repository, the CMDB's authorised change source (must run before the CMDB registration so this
    /// one wins over its empty default), default <see cref="ChangeManagementOptions"/>, the CMDB-backed impact source and
    /// in-memory service window and authority sources. Each uses TryAdd, so a vendor's earlier registration wins.
    /// </summary>
    internal static IServiceCollection AddChangeManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IChangeRepository, InMemoryChangeRepository>();
        services.TryAddScoped<Configuration.IAuthorisedChangeSource, RepositoryAuthorisedChangeSource>();
        services.TryAddSingleton(new ChangeManagementOptions());
        services.TryAddSingleton<InMemoryChangeImpactSource>();
        services.TryAddScoped<IChangeImpactSource>(provider => new CmdbChangeImpactSource(provider.GetRequiredService<Configuration.ICmdbSnapshotProvider>()));
        services.TryAddSingleton<InMemoryChangeWindowSource>();
        services.TryAddSingleton<IChangeWindowSource>(provider => provider.GetRequiredService<InMemoryChangeWindowSource>());
        services.TryAddSingleton<InMemoryChangeAuthorityDirectory>();
        services.TryAddSingleton<IChangeAuthorityDirectory>(provider => provider.GetRequiredService<InMemoryChangeAuthorityDirectory>());
        return services;
    }
}
