using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Changes;

/// <summary>Registers the change management ports with their in-memory defaults (handlers and validators are found by assembly scan).</summary>
internal static class ChangeManagementRegistration
{
    /// <summary>
    /// Adds the change repository, the authorised change source, default <see cref="ChangeManagementOptions"/> and in-memory
    /// CMDB impact, service window and authority sources. Each uses TryAdd, so a vendor's or another area's registration wins.
    /// </summary>
    internal static IServiceCollection AddChangeManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IChangeRepository, InMemoryChangeRepository>();
        services.TryAddScoped<IAuthorisedChangeSource, RepositoryAuthorisedChangeSource>();
        services.TryAddSingleton(new ChangeManagementOptions());
        services.TryAddSingleton<InMemoryChangeImpactSource>();
        services.TryAddSingleton<IChangeImpactSource>(provider => provider.GetRequiredService<InMemoryChangeImpactSource>());
        services.TryAddSingleton<InMemoryChangeWindowSource>();
        services.TryAddSingleton<IChangeWindowSource>(provider => provider.GetRequiredService<InMemoryChangeWindowSource>());
        services.TryAddSingleton<InMemoryChangeAuthorityDirectory>();
        services.TryAddSingleton<IChangeAuthorityDirectory>(provider => provider.GetRequiredService<InMemoryChangeAuthorityDirectory>());
        return services;
    }
}
