using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Incidents;

/// <summary>Gets one incident with its version.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Incident">The incident.</param>
public sealed record GetIncident(RequestContext Context, IncidentId Incident) : IQuery<Result<Versioned<Incident>>>;

/// <summary>Lists incidents by state, priority, service, assignee or breach horizon; null filters do not filter.</summary>
/// <param name="Context">Who asks.</param>
public sealed record ListIncidents(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<Incident>>>>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>Only incidents in these states.</summary>
    public IReadOnlyList<IncidentState>? States { get; init; }

    /// <summary>Only incidents of this priority rank.</summary>
    public int? Priority { get; init; }

    /// <summary>Only incidents on this service.</summary>
    public ConfigurationItemId? Service { get; init; }

    /// <summary>Only incidents assigned to this user.</summary>
    public UserId? Assignee { get; init; }

    /// <summary>Only incidents with a running clock that breaches before this instant, soonest first, as the clocks stand now (re-targets by agreement versions in force since included, as <see cref="ForecastBreaches"/>).</summary>
    public Instant? BreachingBefore { get; init; }

    /// <summary>How many to skip.</summary>
    public int Skip { get; init; }

    /// <summary>How many to return at most (1 to <see cref="PageRequest.MaxTake"/>).</summary>
    public int Take { get; init; } = 100;
}

/// <summary>The SLA status of an incident's clocks, evaluated now.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Incident">The incident.</param>
public sealed record GetSlaStatus(RequestContext Context, IncidentId Incident) : IQuery<Result<IncidentSlaStatus>>;

/// <summary>An incident's clocks evaluated at one instant, with the calendar's zone for showing local times.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="State">Its state.</param>
/// <param name="Response">The response clock's status, or null without an SLA.</param>
/// <param name="Resolution">The resolution clock's status, or null without an SLA.</param>
/// <param name="Zone">The SLA calendar's time zone, or null without an SLA.</param>
public sealed record IncidentSlaStatus(IncidentId Incident, Priority Priority, IncidentState State, SlaClockStatus? Response, SlaClockStatus? Resolution, DateTimeZone? Zone);

/// <summary>
/// Which running clocks breach before <paramref name="Before"/>: the scheduler's question, answered as the clocks stand now, so an
/// incident re-targeted by an agreement version that came into force since its last command (the
/// <see cref="Itsm.Core.ServiceLevels.AgreementRetargetPolicy.Retarget"/> policy) is forecast on its new targets.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Before">The horizon.</param>
public sealed record ForecastBreaches(RequestContext Context, Instant Before) : IQuery<Result<IReadOnlyList<BreachForecast>>>;

/// <summary>One projected breach.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="BreachAt">When a clock breaches if nothing happens.</param>
public sealed record BreachForecast(IncidentId Incident, Priority Priority, Instant BreachAt);

internal sealed class ListIncidentsValidator(PriorityPolicy policy) : IRequestValidator<ListIncidents>
{
    public IEnumerable<ValidationError> Validate(ListIncidents request)
    {
        var page = PageRequest.Parse(request.Skip, request.Take);
        var errors = page.IsSuccess ? [] : page.ValidationErrors.ToList();
        if (request.Priority is { } rank && (rank < 1 || rank > policy.Matrix.PriorityLevels))
        {
            errors.Add(Failure.Field(nameof(request.Priority), $"A priority filter must be a rank from 1 to {policy.Matrix.PriorityLevels} ({policy.Matrix.Name}), but was {rank}.", "incident.priority-filter"));
        }

        return errors;
    }
}

/// <summary>Answers the incident with its clocks following its agreement's versions up to now (in memory: a query saves nothing).</summary>
internal sealed class GetIncidentHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IRequestHandler<GetIncident, Result<Versioned<Incident>>>
{
    public async Task<Result<Versioned<Incident>>> Handle(GetIncident request, CancellationToken cancellationToken)
    {
        if (await incidents.GetAsync(request.Context.Tenant, request.Incident, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return Failure.NotFound<Versioned<Incident>>($"Incident {request.Incident} does not exist.", "incident.not-found");
        }

        var followed = await projector.FollowAsync(request.Context.Tenant, found.Record, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        return followed.IsSuccess ? found : followed.AsFailure<Versioned<Incident>>();
    }
}

internal sealed class ListIncidentsHandler(IIncidentRepository incidents, CurrentBreaches breaches) : IRequestHandler<ListIncidents, Result<IReadOnlyList<Versioned<Incident>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<Incident>>>> Handle(ListIncidents request, CancellationToken cancellationToken)
    {
        var priority = request.Priority is { } rank ? Priority.FromRank(rank) : (Priority?)null;
        var page = PageRequest.Of(request.Skip, request.Take);
        return Result.Success(request.BreachingBefore is { } before
            ? await breaches.ListAsync(request.Context.Tenant, new IncidentsBreachingBefore(before, request.States, priority, request.Service, request.Assignee), page, cancellationToken).ConfigureAwait(false)
            : await breaches.CurrentAsync(
                request.Context.Tenant,
                await incidents.ListAsync(request.Context.Tenant, new IncidentsByOpening(request.States, priority, request.Service, request.Assignee, page), cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false));
    }
}

internal sealed class GetSlaStatusHandler(IIncidentRepository incidents, IBusinessCalendarSource calendars, IncidentSlaProjector projector, IClock clock) : IRequestHandler<GetSlaStatus, Result<IncidentSlaStatus>>
{
    public async Task<Result<IncidentSlaStatus>> Handle(GetSlaStatus request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await incidents.GetAsync(tenant, request.Incident, cancellationToken).ConfigureAwait(false) is not { Record: var incident })
        {
            return Failure.NotFound<IncidentSlaStatus>($"Incident {request.Incident} does not exist.", "incident.not-found");
        }

        if (incident.Sla is not { } sla)
        {
            return new IncidentSlaStatus(incident.Id, incident.Priority, incident.State, null, null, null);
        }

        var calendar = await calendars.GetAsync(tenant, sla.Calendar, cancellationToken).ConfigureAwait(false);
        if (!calendar.IsSuccess)
        {
            return calendar.AsFailure<IncidentSlaStatus>();
        }

        var now = clock.GetCurrentInstant();
        var followed = await projector.FollowAsync(tenant, incident, now, cancellationToken).ConfigureAwait(false);
        if (!followed.IsSuccess)
        {
            return followed.AsFailure<IncidentSlaStatus>();
        }

        foreach (var slaClock in new[] { incident.ResponseClock, incident.ResolutionClock })
        {
            if (slaClock?.CheckHorizon(now, calendar.Value) is { IsSuccess: false } beyond)
            {
                return beyond.AsFailure<IncidentSlaStatus>();
            }
        }

        var (response, resolution) = incident.SlaStatus(calendar.Value, now);
        return new IncidentSlaStatus(incident.Id, incident.Priority, incident.State, response, resolution, calendar.Value.Zone);
    }
}

internal sealed class ForecastBreachesHandler(CurrentBreaches breaches) : IRequestHandler<ForecastBreaches, Result<IReadOnlyList<BreachForecast>>>
{
    public async Task<Result<IReadOnlyList<BreachForecast>>> Handle(ForecastBreaches request, CancellationToken cancellationToken)
    {
        var due = await breaches.ListAsync(request.Context.Tenant, new IncidentsBreachingBefore(request.Before, IncidentLifecycle.OpenStates), null, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<BreachForecast> forecast = due.Select(v => new BreachForecast(v.Record.Id, v.Record.Priority, v.Record.NextBreachAt!.Value)).ToList();
        return Result.Success(forecast);
    }
}
