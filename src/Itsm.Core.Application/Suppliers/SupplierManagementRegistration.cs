using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Suppliers;

/// <summary>Registers supplier management's ports with their in-memory defaults (handlers and validators are found by assembly scan).</summary>
internal static class SupplierManagementRegistration
{
    /// <summary>Adds the supplier and contract repositories; TryAdd, so a vendor's earlier registration wins and the SQL adapters replace them.</summary>
    internal static IServiceCollection AddSupplierManagement(this IServiceCollection services)
    {
        services.TryAddScoped<ISupplierRepository, InMemorySupplierRepository>();
        services.TryAddScoped<IContractRepository, InMemoryContractRepository>();
        return services;
    }
}
