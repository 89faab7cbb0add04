using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Problems;

/// <summary>Registers problem management: the in-memory problem and known-error repositories.</summary>
internal static class ProblemManagementRegistration
{
    internal static IServiceCollection AddProblemManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IProblemRepository, InMemoryProblemRepository>();
        services.TryAddScoped<IKnownErrorRepository, InMemoryKnownErrorRepository>();
        return services;
    }
}
