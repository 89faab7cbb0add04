using Itsm.Core.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Itsm.Core.Application.Releases;

/// <summary>Registers release and deployment management: the in-memory release repository, the gate's evidence and the release commands' shared validator.</summary>
internal static class ReleaseManagementRegistration
{
    /// <summary>Adds the release port (TryAdd, so a vendor's earlier registration wins and the SQL adapters replace it) and what its handlers share.</summary>
    internal static IServiceCollection AddReleaseManagement(this IServiceCollection services)
    {
        services.TryAddScoped<IReleaseRepository, InMemoryReleaseRepository>();
        services.TryAddScoped<ReleaseEvidence>();
        services.AddTransient(typeof(IRequestValidator<>), typeof(ReleaseCommandValidator<>)); // only for release commands: the constraint filters the rest
        return services;
    }
}
