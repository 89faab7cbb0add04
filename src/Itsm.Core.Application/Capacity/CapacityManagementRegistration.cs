using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Capacity;

/// <summary>Registers capacity management's ports with their in-memory defaults (handlers and validators are found by assembly scan).</summary>
internal static class CapacityManagementRegistration
{
    /// <summary>Adds the measurement and threshold stores; TryAdd, so a vendor's earlier registration wins and the SQL adapters replace them.</summary>
    internal static IServiceCollection AddCapacityManagement(this IServiceCollection services)
    {
        services.TryAddScoped<ICapacityMeasurementStore, InMemoryCapacityMeasurementStore>();
        services.TryAddScoped<ICapacityThresholdStore, InMemoryCapacityThresholdStore>();
        return services;
    }
}
