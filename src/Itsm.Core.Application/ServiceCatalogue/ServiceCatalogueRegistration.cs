using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.ServiceCatalogue;

/// <summary>Registers the service catalogue and the agreements: their in-memory repositories, the gate's evidence and the commands' shared validators.</summary>
internal static class ServiceCatalogueRegistration
{
    /// <summary>Adds the catalogue and agreement ports (TryAdd, so a vendor's earlier registration wins and the SQL adapters replace them) and what their handlers share.</summary>
    internal static IServiceCollection AddServiceCatalogue(this IServiceCollection services)
    {
        services.TryAddScoped<ICatalogueServiceRepository, InMemoryCatalogueServiceRepository>();
        services.TryAddScoped<IAgreementRepository, InMemoryAgreementRepository>();
        services.TryAddScoped<ServiceAcceptanceSource>();
        services.AddTransient(typeof(IRequestValidator<>), typeof(ServiceCommandValidator<>)); // only for service commands: the constraint filters the rest
        services.AddTransient(typeof(IRequestValidator<>), typeof(AgreementCommandValidator<>));
        return services;
    }
}
