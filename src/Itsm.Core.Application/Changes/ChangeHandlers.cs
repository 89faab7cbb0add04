using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Changes;

/// <summary>Load, one domain call, save, answer the snapshot: the shape every change transition handler shares.</summary>
internal static class ChangeTransition
{
    /// <summary>The statuses whose windows occupy the change calendar (<see cref="ChangeLifecycle.CalendarStatuses"/>).</summary>
    internal static readonly ChangeStatus[] Live = [.. ChangeLifecycle.CalendarStatuses];

    private static readonly AggregateKind Kind = new AggregateKind("Change").NotFoundAs("change.not-found").StaleAs("change.version-conflict");

    internal static Result NotFound(ChangeId id) => Kind.NotFound<ChangeId>(id).AsFailure();

    internal static async Task<Result<Versioned<ChangeRequestSnapshot>>> ApplyAsync(IChangeRepository changes, ChangeCommand command, Func<ChangeRequest, Task<Result>> action, CancellationToken cancellationToken)
    {
        var applied = await AggregateCommands.ApplyAsync(changes, Kind, command.Context.Tenant, command.Change, command.ExpectedVersion, action, cancellationToken).ConfigureAwait(false);
        return applied.Select(change => change.ToSnapshot());
    }

    internal static Task<Result<Versioned<ChangeRequestSnapshot>>> ApplyAsync(IChangeRepository changes, ChangeCommand command, Func<ChangeRequest, Result> action, CancellationToken cancellationToken) =>
        ApplyAsync(changes, command, change => Task.FromResult(action(change)), cancellationToken);

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

internal sealed class RaiseChangeHandler(IChangeRepository changes, IChangeImpactSource impact, IStandardChangeTemplateStore templates, IClock clock)
    : IRequestHandler<RaiseChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public async Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(RaiseChange request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var template = request.Template is null
            ? Result<StandardChangeTemplate?>.Success(null)
            : (await templates.CatalogueAsync(tenant, cancellationToken).ConfigureAwait(false)).Find(request.Template).Map(t => (StandardChangeTemplate?)t);
        if (!template.IsSuccess)
        {
            return template.AsFailure<Versioned<ChangeRequestSnapshot>>();
        }

        var known = await impact.KnownItemsAsync(tenant, request.AffectedItems, cancellationToken).ConfigureAwait(false);
        var raised = ChangeRequest.Raise(
            ChangeId.New(), request.Type, request.Title, request.Context.Actor, request.AffectedItems, known,
            request.Window, request.Plans, clock.GetCurrentInstant(), template.Value);
        var added = await AggregateCommands.AddAsync(changes, tenant, raised, cancellationToken).ConfigureAwait(false);
        return added.Select(change => change.ToSnapshot());
    }
}

internal sealed class SubmitChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<SubmitChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(SubmitChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request, c => c.Submit(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

/// <summary>Gathers what the risk model reads (impact, failure history, windows, conflicts) and lets the change assess itself.</summary>
internal sealed class AssessChangeRiskHandler(
    IChangeRepository changes, IChangeImpactSource impact, IChangeWindowSource windows, ChangeManagementOptions options, IClock clock)
    : IRequestHandler<AssessChangeRisk, Result<Versioned<ChangeRequestSnapshot>>>
{
    private static readonly ChangeStatus[] Finished = [ChangeStatus.Implemented, ChangeStatus.Failed, ChangeStatus.Reviewed, ChangeStatus.Closed];

    public Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(AssessChangeRisk request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(
            changes,
            request,
            async change =>
            {
                var input = await InputAsync(request.Context.Tenant, change, cancellationToken).ConfigureAwait(false);
                return change.AssessRisk(options.RiskModel.Assess(input), options.ApprovalPolicy, request.Context.Actor, clock.GetCurrentInstant());
            },
            cancellationToken);

    private async Task<RiskInput> InputAsync(TenantId tenant, ChangeRequest change, CancellationToken cancellationToken)
    {
        var summary = await impact.SummariseImpactAsync(tenant, change.AffectedItems, cancellationToken).ConfigureAwait(false);
        var past = await changes.ListAsync(tenant, new ChangesAffecting(Finished, change.AffectedItems), cancellationToken).ConfigureAwait(false);
        var finished = past.Where(p => p.Record.Id != change.Id && p.Record.ImplementationEndedAt is not null).ToList();
        var history = new ChangeHistory(finished.Count(p => p.Record.Remediation is null), finished.Count(p => p.Record.Remediation is not null));
        var services = summary.Services.Select(s => s.Service).Concat(change.AffectedItems).Distinct().ToList();
        var serviceWindows = await windows.GetWindowsAsync(tenant, services, cancellationToken).ConfigureAwait(false);
        var conflicts = await ChangeTransition.ConflictsOfAsync(changes, impact, tenant, change, cancellationToken).ConfigureAwait(false);
        return new RiskInput(
            summary,
            change.Plans.HasTestEvidence,
            change.Plans.HasBackoutPlan,
            history,
            serviceWindows.ServicesOutsideMaintenance(services, change.PlannedWindow).Count > 0,
            serviceWindows.BlackoutsOverlapping(services, change.PlannedWindow).Count > 0,
            conflicts.Count);
    }
}

internal sealed class ApproveChangeHandler(IChangeRepository changes, IChangeAuthorityDirectory directory, IClock clock) : IRequestHandler<ApproveChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public async Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(ApproveChange request, CancellationToken cancellationToken)
    {
        var held = await directory.AuthorityOfAsync(request.Context.Tenant, request.Context.Actor, cancellationToken).ConfigureAwait(false);
        return await ChangeTransition.ApplyAsync(changes, request, c => c.Approve(held, request.Reason, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class RejectChangeHandler(IChangeRepository changes, IChangeAuthorityDirectory directory, IClock clock) : IRequestHandler<RejectChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public async Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(RejectChange request, CancellationToken cancellationToken)
    {
        var held = await directory.AuthorityOfAsync(request.Context.Tenant, request.Context.Actor, cancellationToken).ConfigureAwait(false);
        return await ChangeTransition.ApplyAsync(changes, request, c => c.Reject(held, request.Reason, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class ScheduleChangeHandler(IChangeRepository changes, IChangeImpactSource impact, IClock clock) : IRequestHandler<ScheduleChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(ScheduleChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(
            changes,
            request,
            async change =>
            {
                var conflicts = await ChangeTransition.ConflictsOfAsync(changes, impact, request.Context.Tenant, change, cancellationToken).ConfigureAwait(false);
                return change.Schedule(conflicts, request.Context.Actor, clock.GetCurrentInstant());
            },
            cancellationToken);
}

internal sealed class StartImplementationHandler(IChangeRepository changes, IClock clock) : IRequestHandler<StartImplementation, Result<Versioned<ChangeRequestSnapshot>>>
{
    public Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(StartImplementation request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request, c => c.StartImplementation(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class CompleteChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<CompleteChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(CompleteChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request, c => c.Complete(request.Notes, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class FailChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<FailChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(FailChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request, c => c.Fail(request.Remediation, request.Notes, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class ReviewChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<ReviewChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(ReviewChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request, c => c.ReviewOutcome(request.Findings, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class CloseChangeHandler(IChangeRepository changes, IClock clock) : IRequestHandler<CloseChange, Result<Versioned<ChangeRequestSnapshot>>>
{
    public Task<Result<Versioned<ChangeRequestSnapshot>>> Handle(CloseChange request, CancellationToken cancellationToken) =>
        ChangeTransition.ApplyAsync(changes, request, c => c.Close(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
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
