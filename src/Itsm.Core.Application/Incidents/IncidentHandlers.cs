using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Incidents;

/// <summary>Keeps an incident's breach projection current before it is saved.</summary>
internal sealed class IncidentSlaProjector(IBusinessCalendarSource calendars)
{
    public async Task<Result> ProjectAsync(TenantId tenant, Incident incident, Instant now, CancellationToken cancellationToken)
    {
        if (incident.Sla is not { } sla)
        {
            return Result.Success();
        }

        var calendar = await calendars.GetAsync(tenant, sla.Calendar, cancellationToken).ConfigureAwait(false);
        if (!calendar.IsSuccess)
        {
            return calendar.AsFailure();
        }

        // Near the calendar's horizon a target may not elapse before it: refuse the command, typed, rather than fault.
        foreach (var clock in new[] { incident.ResponseClock, incident.ResolutionClock })
        {
            if (clock?.CheckHorizon(now, calendar.Value) is { IsSuccess: false } beyond)
            {
                return beyond;
            }
        }

        incident.ProjectSla(calendar.Value, now);
        return Result.Success();
    }
}

internal sealed class OpenIncidentHandler(
    IIncidentRepository incidents,
    ISlaDefinitionRepository slas,
    IncidentSlaProjector projector,
    PriorityPolicy policy,
    IIncidentImpactAdvisor advisor,
    IClock clock) : IRequestHandler<OpenIncident, Result<IncidentId>>
{
    public async Task<Result<IncidentId>> Handle(OpenIncident request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var impact = request.Impact is { } given ? Impact.FromLevel(given) : (Impact?)null;
        if (impact is null)
        {
            var suggestion = await advisor.SuggestAsync(tenant, request.AffectedItem!.Value, policy.Matrix, cancellationToken).ConfigureAwait(false);
            if (!suggestion.IsSuccess)
            {
                return Result<IncidentId>.Invalid(Failure.Field(nameof(request.Impact), $"No impact was given and the CMDB could not suggest one: {suggestion.Message}", "incident.impact"));
            }

            impact = suggestion.Value.Impact;
        }

        var facts = new IncidentFacts { IsVipCaller = request.IsVipCaller, IsMajorIncident = request.IsMajorIncident, Category = request.Category, Service = request.Service };
        var decision = policy.Decide(impact.Value, Urgency.FromLevel(request.Urgency), facts);
        if (!decision.IsSuccess)
        {
            return decision.AsFailure<IncidentId>();
        }

        var applicable = await slas.ListAsync(tenant, new ApplicableSlaDefinitions(request.Service, request.Customer), cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
        var opened = Incident.Open(
            IncidentId.New(), request.Title, request.Caller, request.Service, decision.Value, request.Context.Actor, now,
            applicable.FirstOrDefault()?.Record, request.Customer, request.AffectedItem, facts);
        if (!opened.IsSuccess)
        {
            return opened.AsFailure<IncidentId>();
        }

        var projected = await projector.ProjectAsync(tenant, opened.Value, now, cancellationToken).ConfigureAwait(false);
        if (!projected.IsSuccess)
        {
            return projected.AsFailure<IncidentId>();
        }

        var saved = await incidents.AddAsync(tenant, opened.Value, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? opened.Value.Id : saved.AsFailure<IncidentId>();
    }
}

/// <summary>
/// The shape of every command on an existing incident: load it in the caller's tenant, check the
/// version the caller saw, make one domain call, refresh the breach projection, save with optimistic concurrency.
/// </summary>
internal abstract class IncidentCommandHandler<TCommand>(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IRequestHandler<TCommand, Result>
    where TCommand : IncidentCommand
{
    public async Task<Result> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var stored = await incidents.GetAsync(tenant, request.Incident, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Failure.NotFound($"Incident {request.Incident} does not exist.", "incident.not-found");
        }

        if (request.ExpectedVersion is { } expected && expected != stored.Version)
        {
            return Failure.Conflict($"Incident {request.Incident} changed since you loaded it (version {stored.Version}, you had {expected}); reload and try again.", "incident.version-conflict");
        }

        var now = clock.GetCurrentInstant();
        var changed = Apply(stored.Record, request, now);
        if (!changed.IsSuccess)
        {
            return changed;
        }

        var projected = await projector.ProjectAsync(tenant, stored.Record, now, cancellationToken).ConfigureAwait(false);
        return projected.IsSuccess ? await incidents.UpdateAsync(tenant, stored.Record, stored.Version, cancellationToken).ConfigureAwait(false) : projected;
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

internal sealed class LinkIncidentToProblemHandler(IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock) : IncidentCommandHandler<LinkIncidentToProblem>(incidents, projector, clock)
{
    protected override Result Apply(Incident incident, LinkIncidentToProblem command, Instant now) => incident.LinkToProblem(command.Problem, command.Context.Actor, now);
}
