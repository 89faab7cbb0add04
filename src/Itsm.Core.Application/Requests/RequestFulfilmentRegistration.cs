using Itsm.Core.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Requests;

/// <summary>Registers request fulfilment: the in-memory item and request repositories, the calendar reader and the request commands' shared validator.</summary>
internal static class RequestFulfilmentRegistration
{
    /// <summary>Adds the request ports (TryAdd, so a vendor's earlier registration wins and the SQL adapters replace them) and what their handlers share.</summary>
    internal static IServiceCollection AddRequestFulfilment(this IServiceCollection services)
    {
        services.TryAddScoped<IRequestItemRepository, InMemoryRequestItemRepository>();
        services.TryAddScoped<IServiceRequestRepository, InMemoryServiceRequestRepository>();
        services.TryAddScoped<RequestCalendars>();
        services.AddTransient(typeof(IRequestValidator<>), typeof(ServiceRequestCommandValidator<>)); // only for request commands: the constraint filters the rest
        return services;
    }
}
