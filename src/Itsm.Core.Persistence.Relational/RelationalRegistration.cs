using Itsm.Core.Application;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Capacity;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Continuity;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Application.Releases;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.Requests;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Persistence.Relational.Repositories;
using Itsm.Core.Persistence.Relational.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Itsm.Core.Persistence.Relational;

/// <summary>Replaces the in-memory ports registered by <c>AddItsmCore</c> with the relational adapters over one dialect.</summary>
internal static class RelationalRegistration
{
    /// <summary>Registers every persistence port over <paramref name="dialect"/>.</summary>
    public static ItsmCoreBuilder UseRelational(this ItsmCoreBuilder builder, SqlDialect dialect, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(options);
        var services = builder.Services;
        var migrateOnStartup = options.ApplyMigrationsOnStartup;
        services.RemoveAll<SqlDialect>();
        services.RemoveAll<SchemaGate>();
        services.AddSingleton(dialect);
        services.AddSingleton(provider => new SchemaGate(new SchemaMigrator(dialect, provider.GetRequiredService<IClock>()), migrateOnStartup));
        services.RemoveAll<RelationalSession>();
        services.AddScoped<RelationalSession>();
        services.Replace(ServiceDescriptor.Scoped<IUnitOfWork>(provider => provider.GetRequiredService<RelationalSession>()));
        services.Replace(ServiceDescriptor.Scoped<IAuditLog, SqlAuditLog>());
        services.Replace(ServiceDescriptor.Scoped<IStoreScanner, SqlStoreScanner>());
        services.Replace(ServiceDescriptor.Scoped<IIncidentRepository, SqlIncidentRepository>());
        services.Replace(ServiceDescriptor.Scoped<ICalendarRepository, SqlCalendarRepository>());
        services.Replace(ServiceDescriptor.Scoped<ISlaDefinitionRepository, SqlSlaDefinitionRepository>());
        services.Replace(ServiceDescriptor.Scoped<IChangeRepository, SqlChangeRepository>());
        services.Replace(ServiceDescriptor.Scoped<IProblemRepository, SqlProblemRepository>());
        services.Replace(ServiceDescriptor.Scoped<IKnownErrorRepository, SqlKnownErrorRepository>());
        services.Replace(ServiceDescriptor.Scoped<IConfigurationItemRepository, SqlConfigurationItemRepository>());
        services.Replace(ServiceDescriptor.Scoped<IRelationshipRepository, SqlRelationshipRepository>());
        services.Replace(ServiceDescriptor.Scoped<IBaselineRepository, SqlBaselineRepository>());
        services.Replace(ServiceDescriptor.Scoped<IChangeAuthorityStore, SqlChangeAuthorityStore>());
        services.Replace(ServiceDescriptor.Scoped<IChangeAuthorityDirectory>(provider => provider.GetRequiredService<IChangeAuthorityStore>()));
        services.Replace(ServiceDescriptor.Scoped<IMaintenanceWindowStore, SqlMaintenanceWindowStore>());
        services.Replace(ServiceDescriptor.Scoped<IBlackoutStore, SqlBlackoutStore>());
        services.Replace(ServiceDescriptor.Scoped<IStandardChangeTemplateStore, SqlStandardChangeTemplateStore>());
        services.Replace(ServiceDescriptor.Scoped<ISupplierRepository, SqlSupplierRepository>());
        services.Replace(ServiceDescriptor.Scoped<IContractRepository, SqlContractRepository>());
        services.Replace(ServiceDescriptor.Scoped<IOutageRepository, SqlOutageRepository>());
        services.Replace(ServiceDescriptor.Scoped<IAvailabilityTargetRepository, SqlAvailabilityTargetRepository>());
        services.Replace(ServiceDescriptor.Scoped<IContinuityPlanRepository, SqlContinuityPlanRepository>());
        services.Replace(ServiceDescriptor.Scoped<IReleaseRepository, SqlReleaseRepository>());
        services.Replace(ServiceDescriptor.Scoped<ICatalogueServiceRepository, SqlCatalogueServiceRepository>());
        services.Replace(ServiceDescriptor.Scoped<IAgreementRepository, SqlAgreementRepository>());
        services.Replace(ServiceDescriptor.Scoped<IRequestItemRepository, SqlRequestItemRepository>());
        services.Replace(ServiceDescriptor.Scoped<IServiceRequestRepository, SqlServiceRequestRepository>());
        services.Replace(ServiceDescriptor.Scoped<ICapacityThresholdStore, SqlCapacityThresholdStore>());
        services.Replace(ServiceDescriptor.Scoped<ICapacityMeasurementStore, SqlCapacityMeasurementStore>());
        return builder;
    }
}
