using System.Reflection;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Diagnostics;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Application.Pipeline;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Itsm.Core.Application;

/// <summary>Registers Itsm.Core on <see cref="IServiceCollection"/>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the command pipeline (telemetry, validation, unit of work, audit), every handler and
    /// validator, the <see cref="IItsmDispatcher"/>, the clock, and the thread-safe in-memory
    /// adapters for every port. Call <c>UseSqlite</c> or <c>UsePostgreSql</c> on the result to
    /// store records durably instead.
    /// </summary>
    /// <remarks>
    /// Traces and metrics are reported under <see cref="ItsmTelemetry.SourceName"/>; logs go to the
    /// host's <c>ILogger&lt;T&gt;</c> when it registers logging, before or after this call, and nowhere otherwise.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options such as the clock; may be null.</param>
    /// <returns>A builder for choosing the persistence adapter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="configure"/> set no recording clock, or a <see cref="ItsmCoreOptions.MaxTextLength"/> below 200 (<see cref="Itsm.Core.Common.Identifier.MaxTextLength"/>).</exception>
    public static ItsmCoreBuilder AddItsmCore(this IServiceCollection services, Action<ItsmCoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ItsmCoreOptions();
        configure?.Invoke(options);

        services.TryAddSingleton<IClock>(options.Clock);
        var recordingClock = options.RecordingClock ?? throw new ArgumentException("ItsmCoreOptions.RecordingClock must not be null.", nameof(configure));
        var chainKey = options.AuditChainKey is { } key ? (byte[])key.Clone() : [];
        services.TryAddSingleton(_ => new AuditChain(recordingClock, chainKey));
        services.TryAddScoped<AuditTrail>();
        var limits = options.MaxTextLength >= Itsm.Core.Common.Identifier.MaxTextLength
            ? new RequestLimits(options.MaxTextLength)
            : throw new ArgumentException($"ItsmCoreOptions.MaxTextLength must be at least {Itsm.Core.Common.Identifier.MaxTextLength} (the longest identifier), but was {options.MaxTextLength}.", nameof(configure));
        services.TryAddSingleton(limits);
        services.TryAddSingleton(provider => new StoredRecordRules(provider.GetRequiredService<RequestLimits>(), provider.GetRequiredService<Itsm.Core.Incidents.PriorityPolicy>()));
        services.TryAddSingleton<IItsmDispatcher, ItsmDispatcher>();
        services.TryAddScoped<ServiceFactory>(provider => provider.GetService!);
        services.TryAddScoped<IMediator, Mediator>();

        // Order matters: the first behaviour registered is the outermost. Telemetry is outermost so
        // its duration covers validation and saving; SLA observation is innermost, inside the unit of work.
        services.TryAddScoped<SlaCrossings>();
        services.TryAddScoped<Reporting.ServiceActivityReader>();
        services.TryAddScoped<Reporting.ServiceReportReader>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TelemetryBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(StoredRecordBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuditBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(SlaObservationBehavior<,>));

        RegisterClosedImplementations(services, typeof(IRequestHandler<,>), typeof(ServiceCollectionExtensions).Assembly);
        RegisterClosedImplementations(services, typeof(IRequestValidator<>), typeof(ServiceCollectionExtensions).Assembly);

        services.TryAddSingleton<InMemoryStore>();
        services.TryAddScoped<InMemoryUnitOfWork>();
        services.TryAddScoped<IUnitOfWork>(provider => provider.GetRequiredService<InMemoryUnitOfWork>());
        services.TryAddScoped<IAuditLog, InMemoryAuditLog>();
        services.TryAddScoped<IStoreScanner, InMemoryStoreScanner>();
        services.AddServiceLevelManagement();
        services.AddIncidentManagement();
        Changes.ChangeManagementRegistration.AddChangeManagement(services);
        Configuration.ConfigurationManagementRegistration.AddConfigurationManagement(services);
        Problems.ProblemManagementRegistration.AddProblemManagement(services);
        Suppliers.SupplierManagementRegistration.AddSupplierManagement(services);
        Availability.AvailabilityManagementRegistration.AddAvailabilityManagement(services);
        Continuity.ContinuityManagementRegistration.AddContinuityManagement(services);
        Capacity.CapacityManagementRegistration.AddCapacityManagement(services);
        Releases.ReleaseManagementRegistration.AddReleaseManagement(services);
        ServiceCatalogue.ServiceCatalogueRegistration.AddServiceCatalogue(services);
        Requests.RequestFulfilmentRegistration.AddRequestFulfilment(services);
        return new ItsmCoreBuilder(services);
    }

    private static void RegisterClosedImplementations(IServiceCollection services, Type openInterface, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var implemented in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface))
            {
                services.AddTransient(implemented, type);
            }
        }
    }
}
