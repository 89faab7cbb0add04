using Itsm.Core.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Problems;

/// <summary>Registers problem management: the in-memory problem and known-error repositories and the problem commands' shared validator.</summary>
internal static class ProblemManagementRegistration
{
    internal static IServiceCollection AddProblemManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IProblemRepository, InMemoryProblemRepository>();
        services.TryAddScoped<IKnownErrorRepository, InMemoryKnownErrorRepository>();
        services.AddTransient(typeof(IRequestValidator<>), typeof(ProblemCommandValidator<>)); // only for problem commands: the constraint filters the rest
        return services;
    }
}
