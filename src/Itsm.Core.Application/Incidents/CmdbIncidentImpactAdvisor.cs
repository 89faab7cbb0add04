using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;

namespace Itsm.Core.Application.Incidents;

/// <summary>
/// Suggests an incident's impact from the CMDB: the most critical business service that a failure
/// of the affected item takes down (or, one level milder, degrades), mapped onto the matrix's
/// impact levels with Critical at level 1 and no criticality at the last level.
/// </summary>
internal sealed class CmdbIncidentImpactAdvisor(IBusinessImpactService impact) : IIncidentImpactAdvisor
{
    public async Task<Result<ImpactSuggestion>> SuggestAsync(TenantId tenant, ConfigurationItemId affectedItem, PriorityMatrix matrix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var services = await impact.ImpactedServicesAsync(tenant, [affectedItem], MaintenancePolicy.ExcludeInMaintenance, cancellationToken).ConfigureAwait(false);
        if (!services.IsSuccess)
        {
            return services.AsFailure<ImpactSuggestion>();
        }

        if (services.Value.Count == 0)
        {
            return new ImpactSuggestion(Impact.FromLevel(matrix.ImpactLevels), $"a failure of {affectedItem} impacts no business service");
        }

        var (level, service) = services.Value
            .Select(s => (Level: LevelFor(s, matrix.ImpactLevels), Service: s))
            .OrderBy(x => x.Level)
            .First();
        return new ImpactSuggestion(
            Impact.FromLevel(level),
            $"a failure of {affectedItem} leaves {service.Id} ({service.Criticality}) {service.State.ToString().ToLowerInvariant()}; {services.Value.Count} service(s) impacted");
    }

    /// <summary>Critical -> 1 ... None -> last level; a degraded service counts one level milder.</summary>
    private static int LevelFor(ImpactedService service, int levels)
    {
        var severity = (int)service.Criticality; // 0 (none) to 4 (critical)
        var level = levels - (int)Math.Round(severity * (levels - 1) / 4.0, MidpointRounding.AwayFromZero);
        if (service.State == ImpactState.Degraded)
        {
            level++;
        }

        return Math.Clamp(level, 1, levels);
    }
}
