using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceCatalogue;
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
internal sealed class CurrentBreaches(
    IIncidentRepository incidents, IAgreementRepository agreements, ICatalogueServiceRepository catalogue, IBusinessCalendarSource calendars, IClock clock)
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

    private async Task<IReadOnlyList<Versioned<Incident>>> CurrentAsync(
        TenantId tenant, IReadOnlyList<Versioned<Incident>> listed, IReadOnlyDictionary<AgreementId, ServiceLevelAgreement> retargeting, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        // Each service's catalogue entry and each calendar is read once for the whole listing, not once per incident.
        var catalogued = new Dictionary<ConfigurationItemId, CatalogueService?>();
        var compiled = new Dictionary<CalendarId, Result<BusinessCalendar>>();
        var current = new List<Versioned<Incident>>(listed.Count);
        foreach (var found in listed)
        {
            var stored = found.Record;
            if (!IncidentLifecycle.IsOpen(stored.State) || stored.Sla is not { Agreement: { } targets } sla || !retargeting.TryGetValue(targets.Agreement, out var agreement))
            {
                current.Add(found);
                continue;
            }

            if (!catalogued.TryGetValue(stored.Service, out var entry))
            {
                catalogued[stored.Service] = entry = (await catalogue.GetAsync(tenant, stored.Service, cancellationToken).ConfigureAwait(false))?.Record;
            }

            if (!compiled.TryGetValue(sla.Calendar, out var calendar))
            {
                compiled[sla.Calendar] = calendar = await calendars.GetAsync(tenant, sla.Calendar, cancellationToken).ConfigureAwait(false);
            }

            current.Add(found with { Record = Reprojected(stored, agreement, entry, calendar, now) });
        }

        return current;
    }

    /// <summary>The tenant's agreements whose policy re-targets running clocks, by id.</summary>
    private async Task<Dictionary<AgreementId, ServiceLevelAgreement>> RetargetingAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await agreements.ListAsync(tenant, null, cancellationToken).ConfigureAwait(false))
            .Select(a => a.Record)
            .Where(a => a.RetargetPolicy == AgreementRetargetPolicy.Retarget)
            .ToDictionary(a => a.Id);

    /// <summary>
    /// A copy of the incident that has followed its agreement up to <paramref name="now"/> and projected its breach again, as the
    /// incident commands do (<see cref="IncidentSlaProjector"/>). Should either fail (its calendar gone, a horizon reached), the
    /// incident keeps the projection it was saved with: the same failure reaches whoever next acts on it, and a listing is not
    /// the place to refuse.
    /// </summary>
    private static Incident Reprojected(Incident stored, ServiceLevelAgreement agreement, CatalogueService? catalogued, Result<BusinessCalendar> calendar, Instant now)
    {
        var incident = Incident.FromSnapshot(stored.ToSnapshot());
        return calendar.IsSuccess
            && IncidentSlaProjector.Follow(incident, agreement, catalogued, now).IsSuccess
            && IncidentSlaProjector.Project(incident, calendar.Value, now).IsSuccess
            ? incident
            : stored;
    }
}
