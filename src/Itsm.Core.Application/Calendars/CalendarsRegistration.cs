using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.ServiceLevels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the root namespace so that AddItsmCore calls it without another using directive.
namespace Itsm.Core.Application;

/// <summary>Registers business calendars and service level management: ports, in-memory adapters, the compiled-calendar cache.</summary>
internal static class CalendarsRegistration
{
    /// <summary>Adds the calendar and SLA ports with their in-memory adapters (persistence adapters replace them).</summary>
    internal static IServiceCollection AddServiceLevelManagement(this IServiceCollection services)
    {
        services.TryAddScoped<ICalendarRepository, InMemoryCalendarRepository>();
        services.TryAddScoped<ISlaDefinitionRepository, InMemorySlaDefinitionRepository>();
        services.TryAddSingleton<CompiledCalendarCache>();
        services.TryAddScoped<IBusinessCalendarSource, CachedBusinessCalendarSource>();
        return services;
    }
}
