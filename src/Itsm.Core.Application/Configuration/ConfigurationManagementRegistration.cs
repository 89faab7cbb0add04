using Microsoft.Extensions.DependencyInjection;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Configuration;

/// <summary>Registers configuration management: CMDB ports with in-memory adapters, the relationship type catalogue (the well-known types unless the vendor registered one first), the snapshot cache and the business impact service.</summary>
internal static class ConfigurationManagementRegistration
{
    /// <summary>Adds the CMDB services; every registration is a TryAdd, so a persistence adapter or change management registered first wins.</summary>
    internal static IServiceCollection AddConfigurationManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IConfigurationItemRepository, InMemoryConfigurationItemRepository>();
        services.TryAddScoped<IRelationshipRepository, InMemoryRelationshipRepository>();
        services.TryAddScoped<IBaselineRepository, InMemoryBaselineRepository>();
        services.TryAddScoped<IAuthorisedChangeSource, NoAuthorisedChanges>();
        services.TryAddSingleton(RelationshipTypeCatalogue.WellKnown);
        services.TryAddSingleton<CmdbSnapshotCache>();
        services.TryAddScoped<ICmdbSnapshotProvider, CmdbSnapshotProvider>();
        services.TryAddScoped<IBusinessImpactService, BusinessImpactService>();
        return services;
    }
}
