using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Incidents;

/// <summary>
/// Keeps an incident's SLA current: which agreement sets its targets (<see cref="ServiceLevelTargetResolver"/>, the one
/// resolver every incident handler and query asks), the re-targets of versions that came into force since, and the breach
/// projection before it is saved.
/// </summary>
internal sealed class IncidentSlaProjector(IBusinessCalendarSource calendars, IAgreementRepository agreements, ICatalogueServiceRepository catalogue)
{
    /// <summary>The agreement targets that govern <paramref name="service"/> of <paramref name="customer"/> at <paramref name="at"/>, or null.</summary>
    public async Task<AgreementTargets?> ResolveAsync(TenantId tenant, ConfigurationItemId service, CustomerId? customer, Instant at, CancellationToken cancellationToken)
    {
        if (await catalogue.GetAsync(tenant, service, cancellationToken).ConfigureAwait(false) is not { Record: var catalogued })
        {
            return null;
        }

        var listed = await agreements.ListAsync(tenant, customer, cancellationToken).ConfigureAwait(false);
        return ServiceLevelTargetResolver.Resolve(listed.Select(a => a.Record), catalogued, service, customer, at);
    }

    /// <summary>Re-reads the agreement the incident opened under and lets the incident follow its versions up to <paramref name="now"/>.</summary>
    public async Task<Result> FollowAsync(TenantId tenant, Incident incident, Instant now, CancellationToken cancellationToken)
    {
        if (incident.Sla?.Agreement is not { } known
            || await agreements.GetAsync(tenant, known.Agreement, cancellationToken).ConfigureAwait(false) is not { Record: var agreement }
            || await catalogue.GetAsync(tenant, incident.Service, cancellationToken).ConfigureAwait(false) is not { Record: var catalogued })
        {
            return Result.Success();
        }

        return Follow(incident, agreement, catalogued, now);
    }

    /// <summary>
    /// Lets <paramref name="incident"/> follow <paramref name="agreement"/>, as it stands now, up to <paramref name="now"/>: the one place
    /// that resolves an incident's agreement for re-targeting. Nothing follows without <paramref name="catalogued"/>, the service's catalogue entry.
    /// </summary>
    public static Result Follow(Incident incident, ServiceLevelAgreement agreement, CatalogueService? catalogued, Instant now) =>
        incident.FollowAgreement(ServiceLevelTargetResolver.Resolve([agreement], catalogued, incident.Service, null, incident.OpenedAt), now);

    public async Task<Result> ProjectAsync(TenantId tenant, Incident incident, Instant now, CancellationToken cancellationToken)
    {
        if (incident.Sla is not { } sla)
        {
            return Result.Success();
        }

        var calendar = await calendars.GetAsync(tenant, sla.Calendar, cancellationToken).ConfigureAwait(false);
        return calendar.IsSuccess ? Project(incident, calendar.Value, now) : calendar.AsFailure();
    }

    /// <summary>Projects <paramref name="incident"/>'s next breach over its SLA's compiled <paramref name="calendar"/> as of <paramref name="now"/>.</summary>
    public static Result Project(Incident incident, BusinessCalendar calendar, Instant now)
    {
        // Near the calendar's horizon a target may not elapse before it: refuse the command, typed, rather than fault.
        foreach (var clock in new[] { incident.ResponseClock, incident.ResolutionClock })
        {
            if (clock?.CheckHorizon(now, calendar) is { IsSuccess: false } beyond)
            {
                return beyond;
            }
        }

        incident.ProjectSla(calendar, now);
        return Result.Success();
    }
}

/// <summary>Gathers what opening needs (the impact, given or suggested by the CMDB; the applicable SLA), lets the domain open the incident, projects its breach and stores it.</summary>
internal sealed class OpenIncidentHandler(
    IIncidentRepository incidents,
    ISlaDefinitionRepository slas,
    IncidentSlaProjector projector,
    PriorityPolicy policy,
    IIncidentImpactAdvisor advisor,
    IClock clock) : IRequestHandler<OpenIncident, Result<Versioned<Incident>>>
{
    public async Task<Result<Versioned<Incident>>> Handle(OpenIncident request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var impact = await ImpactAsync(request, cancellationToken).ConfigureAwait(false);
        var facts = new IncidentFacts { IsVipCaller = request.IsVipCaller, IsMajorIncident = request.IsMajorIncident, Category = request.Category, Service = request.Service };
        var decision = impact.IsSuccess ? policy.Decide(impact.Value, Urgency.FromLevel(request.Urgency), facts) : impact.AsFailure<PriorityDecision>();
        if (!decision.IsSuccess)
        {
            return decision.AsFailure<Versioned<Incident>>();
        }

        var applicable = await slas.ListAsync(tenant, new ApplicableSlaDefinitions(request.Service, request.Customer), cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
        var agreement = await projector.ResolveAsync(tenant, request.Service, request.Customer, now, cancellationToken).ConfigureAwait(false);
        var opened = Incident.Open(
            IncidentId.New(), request.Title, request.Caller, request.Service, decision.Value, request.Context.Actor, now,
            applicable.FirstOrDefault()?.Record, request.Customer, request.AffectedItem, facts, agreement);
        var projected = opened.IsSuccess ? await projector.ProjectAsync(tenant, opened.Value, now, cancellationToken).ConfigureAwait(false) : opened;
        return projected.IsSuccess
            ? await AggregateCommands.AddAsync(incidents, tenant, opened, cancellationToken).ConfigureAwait(false)
            : projected.AsFailure<Versioned<Incident>>();
    }

    /// <summary>The impact the caller gave, or the one the CMDB suggests for the affected item.</summary>
    private async Task<Result<Impact>> ImpactAsync(OpenIncident request, CancellationToken cancellationToken)
    {
        if (request.Impact is { } given)
        {
            return Impact.FromLevel(given);
        }

        var suggestion = await advisor.SuggestAsync(request.Context.Tenant, request.AffectedItem!.Value, policy.Matrix, cancellationToken).ConfigureAwait(false);
        return suggestion.IsSuccess
            ? suggestion.Value.Impact
            : Result<Impact>.Invalid(Failure.Field(nameof(request.Impact), $"No impact was given and the CMDB could not suggest one: {suggestion.Message}", "incident.impact"));
    }
}

/// <summary>
/// The shape of every command on an existing incident: load it in the caller's tenant, check the
/// version the caller saw, follow its agreement's versions up to now, make one domain call, refresh the breach projection, save with optimistic
/// concurrency, and answer the incident as saved.
/// </summary>
internal abstract class IncidentCommandHandler<TCommand>(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock)
    : IRequestHandler<TCommand, Result<Versioned<Incident>>>
    where TCommand : IncidentCommand
{
    private static readonly AggregateKind Kind = new AggregateKind("Incident").NotFoundAs("incident.not-found").StaleAs("incident.version-conflict");

    public Task<Result<Versioned<Incident>>> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return AggregateCommands.ApplyAsync(
            incidents,
            Kind,
            request.Context.Tenant,
            request.Incident,
            request.ExpectedVersion,
            async incident =>
            {
                var followed = await projector.FollowAsync(request.Context.Tenant, incident, now, cancellationToken).ConfigureAwait(false);
                var changed = followed.IsSuccess ? Apply(incident, request, now) : followed;
                return changed.IsSuccess ? await projector.ProjectAsync(request.Context.Tenant, incident, now, cancellationToken).ConfigureAwait(false) : changed;
            },
            cancellationToken);
    }

    protected abstract Result Apply(Incident incident, TCommand command, Instant now);
}

internal sealed class ChangeIncidentPriorityHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock, PriorityPolicy policy)
    : IncidentCommandHandler<ChangeIncidentPriority>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, ChangeIncidentPriority command, Instant now)
    {
        var decided = policy.Decide(Impact.FromLevel(command.Impact), Urgency.FromLevel(command.Urgency), incident.Facts);
        if (decided.IsSuccess && command.OverridePriority is { } rank)
        {
            decided = decided.Value.WithOverride(Priority.FromRank(rank), command.Reason, command.Context.Actor, now);
        }

        return decided.IsSuccess ? incident.ChangePriority(decided.Value, command.Reason, command.Context.Actor, now) : decided.AsFailure();
    }
}

internal sealed class AssignIncidentHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<AssignIncident>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, AssignIncident command, Instant now) => incident.Assign(command.Assignee, command.Context.Actor, now);
}

internal sealed class StartIncidentWorkHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<StartIncidentWork>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, StartIncidentWork command, Instant now) => incident.StartWork(command.Context.Actor, now);
}

internal sealed class RecordFirstResponseHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<RecordFirstResponse>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, RecordFirstResponse command, Instant now) => incident.RecordFirstResponse(command.Context.Actor, now);
}

internal sealed class PutIncidentOnHoldHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<PutIncidentOnHold>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, PutIncidentOnHold command, Instant now) => incident.PutOnHold(command.Reason, command.Context.Actor, now);
}

internal sealed class ResumeIncidentHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<ResumeIncident>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, ResumeIncident command, Instant now) => incident.Resume(command.Context.Actor, now);
}

internal sealed class ResolveIncidentHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<ResolveIncident>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, ResolveIncident command, Instant now) => incident.Resolve(command.Resolution, command.Context.Actor, now);
}

internal sealed class CloseIncidentHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<CloseIncident>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, CloseIncident command, Instant now) => incident.Close(command.Context.Actor, now);
}

internal sealed class ReopenIncidentHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock, IncidentOptions options) : IncidentCommandHandler<ReopenIncident>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, ReopenIncident command, Instant now) => incident.Reopen(command.Reason, command.Context.Actor, now, options.ReopenWindow);
}

internal sealed class CancelIncidentHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<CancelIncident>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, CancelIncident command, Instant now) => incident.Cancel(command.Reason, command.Context.Actor, now);
}
