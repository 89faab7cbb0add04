using Itsm.Core.Application.Incidents;
using Itsm.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application;

/// <summary>Registers incident management: the default priority policy, options, the in-memory repository and the CMDB-backed impact advisor.</summary>
internal static class IncidentsRegistration
{
    internal static IServiceCollection AddIncidentManagement(this IServiceCollection services)
    {
        services.TryAddSingleton(PriorityPolicy.Default);
        services.TryAddSingleton(new IncidentOptions());
        services.TryAddScoped<IIncidentRepository, InMemoryIncidentRepository>();
        services.TryAddScoped<IncidentSlaProjector>();
        services.TryAddScoped<CurrentBreaches>();
        services.TryAddScoped<IIncidentImpactAdvisor, CmdbIncidentImpactAdvisor>();
        return services;
    }
}
