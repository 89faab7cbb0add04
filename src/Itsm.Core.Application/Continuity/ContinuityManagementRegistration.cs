using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Continuity;

/// <summary>Registers service continuity's port with its in-memory default (handlers and validators are found by assembly scan).</summary>
internal static class ContinuityManagementRegistration
{
    /// <summary>Adds the continuity plan repository; TryAdd, so a vendor's earlier registration wins and the SQL adapters replace it.</summary>
    internal static IServiceCollection AddContinuityManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IContinuityPlanRepository, InMemoryContinuityPlanRepository>();
        return services;
    }
}
