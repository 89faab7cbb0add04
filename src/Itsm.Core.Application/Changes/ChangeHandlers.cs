using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Changes;

/// <summary>Load, one domain call, save: the shape every change transition handler shares.</summary>
internal static class ChangeTransition
{
    /// <summary>The statuses whose windows occupy the change calendar (<see cref="ChangeLifecycle.CalendarStatuses"/>).</summary>
    internal static readonly ChangeStatus[] Live = [.. ChangeLifecycle.CalendarStatuses];

    internal static Result NotFound(ChangeId id) => Failure.NotFound($"There is no change {id}.", "change.not-found");

    internal static async Task<Result> ApplyAsync(IChangeRepository changes, RequestContext context, ChangeId id, Func<ChangeRequest, Result> action, CancellationToken cancellationToken)
    {
        var found = await changes.GetAsync(context.Tenant, id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return NotFound(id);
        }

        var result = action(found.Record);
        return result.IsSuccess ? await changes.UpdateAsync(context.Tenant, found.Record, found.Version, cancellationToken).ConfigureAwait(false) : result;
    }

    /// <summary>Conflicts of <paramref name="change"/> with the live changes on the calendar.</summary>
    internal static async Task<IReadOnlyList<ScheduleConflict>> ConflictsOfAsync(IChangeRepository changes, IChangeImpactSource impact, TenantId tenant, ChangeRequest change, CancellationToken cancellationToken)
    {
        var others = await changes.ListAsync(tenant, new ChangesOverlapping(Live, change.PlannedWindow), cancellationToken).ConfigureAwait(false);
        var planned = others.Select(o => new PlannedChange(o.Record.Id, o.Record.PlannedWindow, o.Record.AffectedItems)).ToList();
        var items = planned.SelectMany(p => p.Items).Concat(change.AffectedItems).Distinct().ToList();
        var sets = await impact.ImpactSetsAsync(tenant, items, cancellationToken).ConfigureAwait(false);
        return ScheduleConflictDetector.FindConflictsWith(PlannedChange.Of(change), planned, sets);
    }
}

internal sealed class RaiseChangeHandler(IChangeRepository changes, IChangeImpactSource impact, IStandardChangeTemplateStore templates, IClock clock) : IRequestHandler<RaiseChange, Result<ChangeId>>
{
    public async Task<Result<ChangeId>> Handle(RaiseChange request, CancellationToken cancellationToken)
    {
        StandardChangeTemplate? template = null;
        if (request.Template is not null)
        {
            var catalogue = await templates.CatalogueAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false);
            var found = catalogue.Find(request.Template);
            if (!found.IsSuccess)
            {
                return found.AsFailure<ChangeId>();
            }

            template = found.Value;
        }

        var known = await impact.KnownItemsAsync(request.Context.Tenant, request.AffectedItems, cancellationToken).ConfigureAwait(false);
        var raised = ChangeRequest.Raise(
            ChangeId.New(), request.Type, request.Title, request.Context.Actor, request.AffectedItems, known,
            request.Window, request.Plans, clock.GetCurrentInstant(), template);
        if (!raised.IsSuccess)
        {
            return raised.AsFailure<ChangeId>();
        }

        var added = await changes.AddAsync(request.Context.Tenant, raised.Value, cancellationToken).ConfigureAwait(false);
        return added.IsSuccess ? raised.Value.Id : added.AsFailure<ChangeId>();
    }
}

internal sealed class SubmitChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<SubmitChange, Result>
{
    public Task<Result> Handle(SubmitChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request.Context, request.Change, c => c.Submit(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class AssessChangeRiskHandler(
    IChangeRepository changes, IChangeImpactSource impact, IChangeWindowSource windows, ChangeManagementOptions options, IClock clock)
    : IRequestHandler<AssessChangeRisk, Result<RiskAssessment>>
{
    private static readonly ChangeStatus[] Finished = [ChangeStatus.Implemented, ChangeStatus.Failed, ChangeStatus.Reviewed, ChangeStatus.Closed];

    public async Task<Result<RiskAssessment>> Handle(AssessChangeRisk request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var found = await changes.GetAsync(tenant, request.Change, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return ChangeTransition.NotFound(request.Change).AsFailure<RiskAssessment>();
        }

        var change = found.Record;
        var summary = await impact.SummariseImpactAsync(tenant, change.AffectedItems, cancellationToken).ConfigureAwait(false);
        var past = await changes.ListAsync(tenant, new ChangesAffecting(Finished, change.AffectedItems), cancellationToken).ConfigureAwait(false);
        var finished = past.Where(p => p.Record.Id != change.Id && p.Record.ImplementationEndedAt is not null).ToList();
        var history = new ChangeHistory(finished.Count(p => p.Record.Remediation is null), finished.Count(p => p.Record.Remediation is not null));
        var services = summary.Services.Select(s => s.Service).Concat(change.AffectedItems).Distinct().ToList();
        var serviceWindows = await windows.GetWindowsAsync(tenant, services, cancellationToken).ConfigureAwait(false);
        var conflicts = await ChangeTransition.ConflictsOfAsync(changes, impact, tenant, change, cancellationToken).ConfigureAwait(false);
        var input = new RiskInput(
            summary,
            change.Plans.HasTestEvidence,
            change.Plans.HasBackoutPlan,
            history,
            serviceWindows.ServicesOutsideMaintenance(services, change.PlannedWindow).Count > 0,
            serviceWindows.BlackoutsOverlapping(services, change.PlannedWindow).Count > 0,
            conflicts.Count);
        var assessment = options.RiskModel.Assess(input);
        var assessed = change.AssessRisk(assessment, options.ApprovalPolicy, request.Context.Actor, clock.GetCurrentInstant());
        if (!assessed.IsSuccess)
        {
            return assessed.AsFailure<RiskAssessment>();
        }

        var saved = await changes.UpdateAsync(tenant, change, found.Version, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? assessment : saved.AsFailure<RiskAssessment>();
    }
}

internal sealed class ApproveChangeHandler(IChangeRepository changes, IChangeAuthorityDirectory directory, IClock clock) : IRequestHandler<ApproveChange, Result>
{
    public async Task<Result> Handle(ApproveChange request, CancellationToken cancellationToken)
    {
        var held = await directory.AuthorityOfAsync(request.Context.Tenant, request.Context.Actor, cancellationToken).ConfigureAwait(false);
        return await ChangeTransition.ApplyAsync(changes, request.Context, request.Change, c => c.Approve(held, request.Reason, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class RejectChangeHandler(IChangeRepository changes, IChangeAuthorityDirectory directory, IClock clock) : IRequestHandler<RejectChange, Result>
{
    public async Task<Result> Handle(RejectChange request, CancellationToken cancellationToken)
    {
        var held = await directory.AuthorityOfAsync(request.Context.Tenant, request.Context.Actor, cancellationToken).ConfigureAwait(false);
        return await ChangeTransition.ApplyAsync(changes, request.Context, request.Change, c => c.Reject(held, request.Reason, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class ScheduleChangeHandler(IChangeRepository changes, IChangeImpactSource impact, IClock clock) : IRequestHandler<ScheduleChange, Result>
{
    public async Task<Result> Handle(ScheduleChange request, CancellationToken cancellationToken)
    {
        var found = await changes.GetAsync(request.Context.Tenant, request.Change, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return ChangeTransition.NotFound(request.Change);
        }

        var conflicts = await ChangeTransition.ConflictsOfAsync(changes, impact, request.Context.Tenant, found.Record, cancellationToken).ConfigureAwait(false);
        var scheduled = found.Record.Schedule(conflicts, request.Context.Actor, clock.GetCurrentInstant());
        return scheduled.IsSuccess ? await changes.UpdateAsync(request.Context.Tenant, found.Record, found.Version, cancellationToken).ConfigureAwait(false) : scheduled;
    }
}

internal sealed class StartImplementationHandler(IChangeRepository changes, IClock clock) : IRequestHandler<StartImplementation, Result>
{
    public Task<Result> Handle(StartImplementation request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request.Context, request.Change, c => c.StartImplementation(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class CompleteChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<CompleteChange, Result>
{
    public Task<Result> Handle(CompleteChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request.Context, request.Change, c => c.Complete(request.Notes, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class FailChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<FailChange, Result>
{
    public Task<Result> Handle(FailChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request.Context, request.Change, c => c.Fail(request.Remediation, request.Notes, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class ReviewChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<ReviewChange, Result>
{
    public Task<Result> Handle(ReviewChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request.Context, request.Change, c => c.ReviewOutcome(request.Findings, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class CloseChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<CloseChange, Result>
{
    public Task<Result> Handle(CloseChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request.Context, request.Change, c => c.Close(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class GetChangeHandler(IChangeRepository changes) : IRequestHandler<GetChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public async Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(GetChange request, CancellationToken cancellationToken)
    {
        var found = await changes.GetAsync(request.Context.Tenant, request.Change, cancellationToken).ConfigureAwait(false);
        return found is null
            ? ChangeTransition.NotFound(request.Change).AsFailure<Versioned<ChangeRequestSnapshot>>()
            : new Versioned<ChangeRequestSnapshot>(found.Record.ToSnapshot(), found.Version);
    }
}

internal sealed class ListChangesHandler(IChangeRepository changes) : IRequestHandler<ListChanges, Result<IReadOnlyList<ChangeRequestSnapshot>>>
{
    public async Task<Result<IReadOnlyList<ChangeRequestSnapshot>>> Handle(ListChanges request, CancellationToken cancellationToken)
    {
        var found = await changes.ListAsync(request.Context.Tenant, request.Specification, cancellationToken).ConfigureAwait(false);
        return Result.Success<IReadOnlyList<ChangeRequestSnapshot>>(found.Select(v => v.Record).ToList());
    }
}

internal sealed class FindScheduleConflictsHandler(IChangeRepository changes, IChangeImpactSource impact) : IRequestHandler<FindScheduleConflicts, Result<IReadOnlyList<ScheduleConflict>>>
{
    public async Task<Result<IReadOnlyList<ScheduleConflict>>> Handle(FindScheduleConflicts request, CancellationToken cancellationToken)
    {
        var period = new Interval(request.PeriodStart, request.PeriodEnd);
        var live = await changes.ListAsync(request.Context.Tenant, new ChangesOverlapping(ChangeTransition.Live, period), cancellationToken).ConfigureAwait(false);
        var planned = live.Select(v => new PlannedChange(v.Record.Id, v.Record.PlannedWindow, v.Record.AffectedItems)).ToList();
        var sets = await impact.ImpactSetsAsync(request.Context.Tenant, planned.SelectMany(p => p.Items).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        return Result.Success(ScheduleConflictDetector.FindConflicts(planned, sets));
    }
}

internal sealed class GetChangeCalendarHandler(IChangeRepository changes, IChangeImpactSource impact, IChangeWindowSource windows) : IRequestHandler<GetChangeCalendar, Result<ChangeCalendar>>
{
    private static readonly ChangeStatus[] OnCalendar = [.. ChangeTransition.Live, ChangeStatus.Implemented];

    public async Task<Result<ChangeCalendar>> Handle(GetChangeCalendar request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var period = new Interval(request.PeriodStart, request.PeriodEnd);
        var found = await changes.ListAsync(tenant, new ChangesOverlapping(OnCalendar, period), cancellationToken).ConfigureAwait(false);
        var entries = found.Select(v => v.Record)
            .Select(s => new ChangeCalendarEntry(s.Id, s.Title, s.Type, s.Status, s.PlannedWindow, s.AffectedItems, s.Assessment?.Class))
            .ToList();
        var items = entries.SelectMany(e => e.Items).Distinct().ToList();
        var sets = await impact.ImpactSetsAsync(tenant, items, cancellationToken).ConfigureAwait(false);
        var conflicts = ScheduleConflictDetector.FindConflicts(
            entries.Where(e => e.Status != ChangeStatus.Implemented).Select(e => new PlannedChange(e.Change, e.Window, e.Items)), sets);
        var serviceWindows = await windows.GetWindowsAsync(tenant, items, cancellationToken).ConfigureAwait(false);
        return new ChangeCalendar(period, entries, conflicts, serviceWindows.BlackoutsOverlapping(items, period));
    }
}

internal sealed class ListAuthorisedChangesHandler(IChangeRepository changes) : IRequestHandler<ListAuthorisedChanges, Result<IReadOnlyList<ImplementedChange>>>
{
    public async Task<Result<IReadOnlyList<ImplementedChange>>> Handle(ListAuthorisedChanges request, CancellationToken cancellationToken)
    {
        var found = await RepositoryAuthorisedChangeSource.ListAsync(changes, request.Context.Tenant, [request.Item], request.After, request.UpTo, cancellationToken).ConfigureAwait(false);
        return Result.Success(found);
    }
}
