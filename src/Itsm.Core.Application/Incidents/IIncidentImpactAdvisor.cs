using Itsm.Core.Common;
using Itsm.Core.Incidents;

namespace Itsm.Core.Application.Incidents;

/// <summary>An impact suggested for an incident, with the reason a person can check.</summary>
/// <param name="Impact">The suggested impact level.</param>
/// <param name="Explanation">Why, such as "takes down Payroll (criticality 1)".</param>
public sealed record ImpactSuggestion(Impact Impact, string Explanation);

/// <summary>
/// Port: suggests an incident's impact from the CMDB: the highest business criticality among the
/// services impacted by the affected configuration item, mapped onto the matrix's impact levels.
/// </summary>
/// <remarks>Implementations must scope every lookup by <c>tenant</c>.</remarks>
public interface IIncidentImpactAdvisor
{
    /// <summary>Suggests the impact of a failure of <paramref name="affectedItem"/>; <c>NotFound</c> when the CMDB cannot say.</summary>
    Task<Result<ImpactSuggestion>> SuggestAsync(TenantId tenant, ConfigurationItemId affectedItem, PriorityMatrix matrix, CancellationToken cancellationToken);
}
