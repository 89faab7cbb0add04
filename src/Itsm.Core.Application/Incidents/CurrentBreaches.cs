using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Application.Incidents;

/// <summary>
/// The incidents whose next breach falls before a horizon, as the clocks stand now. The stored breach projection answers for
/// every incident whose targets cannot have moved since it was saved; an open incident whose clocks follow an agreement with
/// the <see cref="AgreementRetargetPolicy.Retarget"/> policy may have been re-targeted by a version that came into force
/// since its last command, so it follows the agreement and is projected again in memory (nothing is saved) before it is
/// filtered, ordered and paged like the rest. Without such agreements this is the stored projection's query, paged in the store.
/// Any other listing of incidents is brought to now the same way (<see cref="CurrentAsync(TenantId, IReadOnlyList{Versioned{Incident}}, CancellationToken)"/>).
/// </summary>
internal sealed class CurrentBreaches(IIncidentRepository incidents, IAgreementRepository agreements, IncidentSlaProjector projector, IClock clock)
{
    /// <summary>The incidents matching <paramref name="filter"/> (whose own page is ignored), breaching before its horizon as of now, soonest first, then paged.</summary>
    public async Task<IReadOnlyList<Versioned<Incident>>> ListAsync(TenantId tenant, IncidentsBreachingBefore filter, PageRequest? page, CancellationToken cancellationToken)
    {
        var retargeting = await RetargetingAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (retargeting.Count == 0)
        {
            return await incidents.ListAsync(tenant, new IncidentsBreachingBefore(filter.Before, filter.States, filter.Priority, filter.Service, filter.Assignee, page), cancellationToken).ConfigureAwait(false);
        }

        // Open incidents only: a clock that is not running is never re-targeted.
        var open = filter.States is { } states ? states.Intersect(IncidentLifecycle.OpenStates) : IncidentLifecycle.OpenStates;
        var stored = await incidents.ListAsync(tenant, filter, cancellationToken).ConfigureAwait(false);
        var following = await incidents.ListAsync(tenant, new IncidentsByOpening(open, filter.Priority, filter.Service, filter.Assignee), cancellationToken).ConfigureAwait(false);
        var candidates = stored.Concat(following).DistinctBy(v => v.Record.Id).ToList();
        var current = (await CurrentAsync(tenant, candidates, retargeting, cancellationToken).ConfigureAwait(false))
            .Where(v => filter.IsSatisfiedBy(v.Record))
            .OrderBy(v => v.Record.NextBreachAt)
            .ThenBy(v => v.Record.Id);
        return page is { } p ? [.. current.Skip(p.Skip).Take(p.Take)] : [.. current];
    }

    /// <summary>
    /// <paramref name="listed"/> as the clocks stand now, in the same order: each open incident under a re-targeting agreement
    /// followed to the version in force and projected again in memory, the rest as stored.
    /// </summary>
    public async Task<IReadOnlyList<Versioned<Incident>>> CurrentAsync(TenantId tenant, IReadOnlyList<Versioned<Incident>> listed, CancellationToken cancellationToken)
    {
        if (!listed.Any(v => v.Record.Sla?.Agreement is not null && IncidentLifecycle.IsOpen(v.Record.State)))
        {
            return listed;
        }

        var retargeting = await RetargetingAsync(tenant, cancellationToken).ConfigureAwait(false);
        return retargeting.Count == 0 ? listed : await CurrentAsync(tenant, listed, retargeting, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Versioned<Incident>>> CurrentAsync(TenantId tenant, IReadOnlyList<Versioned<Incident>> listed, HashSet<AgreementId> retargeting, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var current = new List<Versioned<Incident>>(listed.Count);
        foreach (var found in listed)
        {
            current.Add(IncidentLifecycle.IsOpen(found.Record.State) && found.Record.Sla?.Agreement is { } targets && retargeting.Contains(targets.Agreement)
                ? found with { Record = await ReprojectAsync(tenant, found.Record, now, cancellationToken).ConfigureAwait(false) }
                : found);
        }

        return current;
    }

    /// <summary>The tenant's agreements whose policy re-targets running clocks.</summary>
    private async Task<HashSet<AgreementId>> RetargetingAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await agreements.ListAsync(tenant, null, cancellationToken).ConfigureAwait(false))
            .Where(a => a.Record.RetargetPolicy == AgreementRetargetPolicy.Retarget)
            .Select(a => a.Record.Id)
            .ToHashSet();

    /// <summary>
    /// A copy of the incident that has followed its agreement up to <paramref name="now"/> and projected its breach again.
    /// Should either fail (its calendar gone, a horizon reached), the incident keeps the projection it was saved with: the same
    /// failure reaches whoever next acts on it, and a listing is not the place to refuse.
    /// </summary>
    private async Task<Incident> ReprojectAsync(TenantId tenant, Incident stored, Instant now, CancellationToken cancellationToken)
    {
        var incident = Incident.FromSnapshot(stored.ToSnapshot());
        var followed = await projector.FollowAsync(tenant, incident, now, cancellationToken).ConfigureAwait(false);
        var projected = followed.IsSuccess ? await projector.ProjectAsync(tenant, incident, now, cancellationToken).ConfigureAwait(false) : followed;
        return projected.IsSuccess ? incident : stored;
    }
}
