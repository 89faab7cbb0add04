using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Reporting;
using NodaTime;

namespace Itsm.Core.Application.Reporting;

/// <summary>
/// Reads what problem and change management did for a service in a period (<see cref="ServiceReportActivity"/>): the
/// service's problems, the known errors naming it, and the changes on the service or on any item it depends on in the
/// CMDB as it is now (the dependency closure impact analysis uses).
/// </summary>
internal sealed class ServiceActivityReader(IProblemRepository problems, IKnownErrorRepository knownErrors, IChangeRepository changes, ICmdbSnapshotProvider snapshots)
{
    public async Task<ServiceReportActivity> ReadAsync(TenantId tenant, ConfigurationItemId service, Interval period, CancellationToken cancellationToken)
    {
        var onService = await problems.ListAsync(tenant, new ProblemsByLogging(service: service), cancellationToken).ConfigureAwait(false);
        var errors = await knownErrors.ListAsync(tenant, new KnownErrorsByStatus(), cancellationToken).ConfigureAwait(false);
        var items = new List<ConfigurationItemId> { service };
        var snapshot = await snapshots.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (snapshot.IsSuccess && snapshot.Value.Contains(service) && ImpactAnalysis.DependenciesOf(snapshot.Value, service) is { IsSuccess: true } closure)
        {
            items.AddRange(closure.Value.Select(d => d.Id));
        }

        // The specification's window is (after, upTo]; the report's period is [start, end).
        var ended = await changes.ListAsync(tenant, new ChangesImplementedBetween(items.Distinct(), period.Start - Duration.Epsilon, period.End - Duration.Epsilon), cancellationToken)
            .ConfigureAwait(false);
        return ServiceReportActivity.Of(service, period, onService.Select(p => p.Record), errors.Select(k => k.Record), ended.Select(c => c.Record));
    }
}
