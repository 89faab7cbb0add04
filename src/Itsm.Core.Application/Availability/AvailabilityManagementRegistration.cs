using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Availability;

/// <summary>Registers availability management's ports with their in-memory defaults (handlers and validators are found by assembly scan).</summary>
internal static class AvailabilityManagementRegistration
{
    /// <summary>Adds the outage and target repositories and the shared measurement (<see cref="AvailabilityReader"/>); TryAdd, so a vendor's earlier registration wins and the SQL adapters replace them.</summary>
    internal static IServiceCollection AddAvailabilityManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IOutageRepository, InMemoryOutageRepository>();
        services.TryAddScoped<IAvailabilityTargetRepository, InMemoryAvailabilityTargetRepository>();
        services.TryAddScoped<AvailabilityReader>();
        return services;
    }
}
