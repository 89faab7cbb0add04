using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Application.Availability;

/// <summary>
/// The one measurement behind <see cref="GetAvailability"/> and the service report (<c>GetServiceReport</c>): loads the calendar, the
/// CMDB (with a hypothetical member for a what-if), the period's outages of the service's dependency closure and the targets; the domain
/// measures (<see cref="AvailabilityMeasure"/>) the whole period and, where the target in force changes inside it
/// (<see cref="ServiceAvailabilityTargets.InForce"/>), each part on its own, and composes the attainment
/// (<see cref="AvailabilityAttainment.Compose"/>). Runs no validation of its own: its callers' validators check the request.
/// </summary>
internal sealed class AvailabilityReader(
    IOutageRepository outages,
    IAvailabilityTargetRepository targets,
    IBusinessCalendarSource calendars,
    ICmdbSnapshotProvider snapshots,
    IConfigurationItemRepository items,
    IRelationshipRepository relationships)
{
    /// <summary>The answer to <paramref name="request"/>.</summary>
    public async Task<Result<AvailabilityReport>> ReadAsync(GetAvailability request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var calendar = await calendars.GetAsync(tenant, request.Calendar, cancellationToken).ConfigureAwait(false);
        if (!calendar.IsSuccess)
        {
            return calendar.AsFailure<AvailabilityReport>();
        }

        var cmdb = await SnapshotAsync(request, tenant, cancellationToken).ConfigureAwait(false);
        if (!cmdb.IsSuccess)
        {
            return cmdb.AsFailure<AvailabilityReport>();
        }

        var (snapshot, member) = cmdb.Value;
        var closure = ImpactAnalysis.DependenciesOf(snapshot, request.Service);
        if (!closure.IsSuccess)
        {
            return closure.AsFailure<AvailabilityReport>();
        }

        var relevant = closure.Value.Select(d => d.Id).Append(request.Service).ToHashSet();
        var stored = await outages.ListAsync(tenant, new OutagesOverlapping(request.Period), cancellationToken).ConfigureAwait(false);
        var relevantOutages = stored.Select(o => o.Record).Where(o => relevant.Contains(o.Item)).Select(o => o.ToOutage()).ToList();
        var measured = AvailabilityMeasure.Measure(snapshot, calendar.Value, request.Period, relevantOutages, [request.Service]);
        if (!measured.IsSuccess)
        {
            return measured.AsFailure<AvailabilityReport>();
        }

        var figures = measured.Value[0];
        var inForce = (await targets.GetAsync(tenant, request.Service, cancellationToken).ConfigureAwait(false))?.Record.InForce(request.Offering, request.Period) ?? [];
        if (!inForce.Any(p => p.Target is not null))
        {
            return new AvailabilityReport(figures, null, member);
        }

        var parts = new List<AvailabilityAttainmentPart>(inForce.Length);
        foreach (var part in inForce)
        {
            // One target throughout: the whole period's figures are the part's; otherwise each part is measured on its own.
            var partFigures = inForce.Length == 1 ? measured : AvailabilityMeasure.Measure(snapshot, calendar.Value, part.Period, relevantOutages, [request.Service]);
            if (!partFigures.IsSuccess)
            {
                return partFigures.AsFailure<AvailabilityReport>();
            }

            parts.Add(new AvailabilityAttainmentPart(part.Target, partFigures.Value[0]));
        }

        return new AvailabilityReport(figures, AvailabilityAttainment.Compose(request.Service, request.Period, parts), member);
    }

    private async Task<Result<(CmdbSnapshot Snapshot, ConfigurationItemId? Member)>> SnapshotAsync(GetAvailability request, TenantId tenant, CancellationToken cancellationToken)
    {
        if (request.ExtraMemberOf is not { } group)
        {
            var current = await snapshots.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
            return current.IsSuccess ? (current.Value, null) : current.AsFailure<(CmdbSnapshot, ConfigurationItemId?)>();
        }

        var graph = await StoredGraph.LoadAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        var added = graph.IsSuccess ? AvailabilityWhatIf.WithExtraMember(graph.Value, group) : graph.AsFailure<(CmdbGraph Graph, ConfigurationItemId Member)>();
        if (!added.IsSuccess)
        {
            return added.AsFailure<(CmdbSnapshot, ConfigurationItemId?)>();
        }

        return (added.Value.Graph.Compile(), added.Value.Member);
    }
}
