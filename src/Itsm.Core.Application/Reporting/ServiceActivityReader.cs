using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Problems;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using Itsm.Core.Reporting;
using NodaTime;

namespace Itsm.Core.Application.Reporting;

/// <summary>
/// Reads what problem and change management did for a service in a period (<see cref="ServiceReportActivity"/>): the
/// service's problems, the known errors naming it, and the changes on the service or on any item it depends on in the
/// CMDB as it is now (the dependency closure impact analysis uses). What does not depend on the period (the problems, the
/// known errors, the dependency closure) is read once by <see cref="LoadAsync"/>; each period then reads only its changes.
/// </summary>
internal sealed class ServiceActivityReader(IProblemRepository problems, IKnownErrorRepository knownErrors, IChangeRepository changes, ICmdbSnapshotProvider snapshots)
{
    /// <summary>Reads the service's problems, its known errors and its dependency closure once, for any number of periods.</summary>
    public async Task<ServiceActivitySource> LoadAsync(TenantId tenant, ConfigurationItemId service, CancellationToken cancellationToken)
    {
        var onService = await problems.ListAsync(tenant, new ProblemsByLogging(service: service), cancellationToken).ConfigureAwait(false);
        var errors = await knownErrors.ListAsync(tenant, new KnownErrorsByStatus(service: service), cancellationToken).ConfigureAwait(false);
        var items = new List<ConfigurationItemId> { service };
        var snapshot = await snapshots.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (snapshot.IsSuccess && snapshot.Value.Contains(service) && ImpactAnalysis.DependenciesOf(snapshot.Value, service) is { IsSuccess: true } closure)
        {
            items.AddRange(closure.Value.Select(d => d.Id));
        }

        return new ServiceActivitySource(tenant, service, [.. onService.Select(p => p.Record)], [.. errors.Select(k => k.Record)], [.. items.Distinct()]);
    }

    /// <summary>Counts the activity of <paramref name="source"/>'s service in <paramref name="period"/>, reading the changes that ended in it.</summary>
    public async Task<ServiceReportActivity> ReadAsync(ServiceActivitySource source, Interval period, CancellationToken cancellationToken)
    {
        // The specification's window is (after, upTo]; the report's period is [start, end).
        var ended = await changes.ListAsync(source.Tenant, new ChangesImplementedBetween(source.Items, period.Start - Duration.Epsilon, period.End - Duration.Epsilon), cancellationToken)
            .ConfigureAwait(false);
        return ServiceReportActivity.Of(source.Service, period, source.Problems, source.KnownErrors, ended.Select(c => c.Record));
    }

    /// <summary>Reads the activity of <paramref name="service"/> in one period.</summary>
    public async Task<ServiceReportActivity> ReadAsync(TenantId tenant, ConfigurationItemId service, Interval period, CancellationToken cancellationToken) =>
        await ReadAsync(await LoadAsync(tenant, service, cancellationToken).ConfigureAwait(false), period, cancellationToken).ConfigureAwait(false);
}

/// <summary>What <see cref="ServiceActivityReader.LoadAsync"/> read once: the service's problems, its known errors and the items whose changes count.</summary>
internal sealed record ServiceActivitySource(TenantId Tenant, ConfigurationItemId Service, IReadOnlyList<Problem> Problems, IReadOnlyList<KnownError> KnownErrors, IReadOnlyList<ConfigurationItemId> Items);
