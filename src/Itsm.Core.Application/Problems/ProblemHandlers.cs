using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Problems;

/// <summary>The names and codes every problem command answers with.</summary>
internal static class ProblemKinds
{
    /// <summary>Error code of an unknown problem id.</summary>
    public const string NotFoundCode = "problem.not-found";

    /// <summary>Error code of a stale expected version.</summary>
    public const string VersionConflictCode = "problem.version-conflict";

    /// <summary>Error code of an unknown known-error id.</summary>
    public const string KnownErrorNotFoundCode = "known-error.not-found";

    public static readonly AggregateKind Problem = new AggregateKind("Problem").NotFoundAs(NotFoundCode).StaleAs(VersionConflictCode);

    public static readonly AggregateKind KnownError = new AggregateKind("Known error").NotFoundAs(KnownErrorNotFoundCode);
}

/// <summary>Decides the priority with the registered policy, lets the domain log the problem and stores it.</summary>
internal sealed class LogProblemHandler(IProblemRepository problems, PriorityPolicy policy, IClock clock) : IRequestHandler<LogProblem, Result<Versioned<Problem>>>
{
    public Task<Result<Versioned<Problem>>> Handle(LogProblem request, CancellationToken cancellationToken)
    {
        var facts = new IncidentFacts { Category = request.Category, Service = request.Service };
        var decision = policy.Decide(Impact.FromLevel(request.Impact), Urgency.FromLevel(request.Urgency), facts);
        var logged = decision.IsSuccess
            ? Problem.Log(ProblemId.New(), request.Title, request.Service, request.Items, request.Category, decision.Value, request.Context.Actor, clock.GetCurrentInstant())
            : decision.AsFailure<Problem>();
        return AggregateCommands.AddAsync(problems, request.Context.Tenant, logged, cancellationToken);
    }
}

/// <summary>
/// The shape of every command on an existing problem: load it in the caller's tenant, check the version the caller saw,
/// make one domain call, save with optimistic concurrency, and answer the problem as saved.
/// </summary>
internal abstract class ProblemCommandHandler<TCommand>(IProblemRepository problems, IClock clock) : IRequestHandler<TCommand, Result<Versioned<Problem>>>
    where TCommand : ProblemCommand
{
    public Task<Result<Versioned<Problem>>> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return AggregateCommands.ApplyAsync(
            problems, ProblemKinds.Problem, request.Context.Tenant, request.Problem, request.ExpectedVersion, problem => ApplyAsync(problem, request, now, cancellationToken), cancellationToken);
    }

    protected abstract Task<Result> ApplyAsync(Problem problem, TCommand command, Instant now, CancellationToken cancellationToken);
}

/// <summary>A problem command whose domain call needs nothing but the problem.</summary>
internal abstract class PlainProblemCommandHandler<TCommand>(IProblemRepository problems, IClock clock) : ProblemCommandHandler<TCommand>(problems, clock)
    where TCommand : ProblemCommand
{
    protected sealed override Task<Result> ApplyAsync(Problem problem, TCommand command, Instant now, CancellationToken cancellationToken) => Task.FromResult(Apply(problem, command, now));

    protected abstract Result Apply(Problem problem, TCommand command, Instant now);
}

internal sealed class InvestigateProblemHandler(IProblemRepository problems, IClock clock) : PlainProblemCommandHandler<InvestigateProblem>(problems, clock)
{
    protected override Result Apply(Problem problem, InvestigateProblem command, Instant now) => problem.Investigate(command.Context.Actor, now);
}

internal sealed class AssignProblemHandler(IProblemRepository problems, IClock clock) : PlainProblemCommandHandler<AssignProblem>(problems, clock)
{
    protected override Result Apply(Problem problem, AssignProblem command, Instant now) => problem.Assign(command.Assignee, command.Context.Actor, now);
}

internal sealed class RecordRootCauseHandler(IProblemRepository problems, IClock clock) : PlainProblemCommandHandler<RecordRootCause>(problems, clock)
{
    protected override Result Apply(Problem problem, RecordRootCause command, Instant now) => problem.RecordRootCause(command.RootCause, command.Context.Actor, now);
}

internal sealed class RecordWorkaroundHandler(IProblemRepository problems, IClock clock) : PlainProblemCommandHandler<RecordWorkaround>(problems, clock)
{
    protected override Result Apply(Problem problem, RecordWorkaround command, Instant now) => problem.RecordWorkaround(command.Workaround, command.Context.Actor, now);
}

internal sealed class ResolveProblemHandler(IProblemRepository problems, IClock clock) : PlainProblemCommandHandler<ResolveProblem>(problems, clock)
{
    protected override Result Apply(Problem problem, ResolveProblem command, Instant now) => problem.Resolve(command.Code, command.Notes, command.Context.Actor, now);
}

internal sealed class CloseProblemHandler(IProblemRepository problems, IClock clock) : PlainProblemCommandHandler<CloseProblem>(problems, clock)
{
    protected override Result Apply(Problem problem, CloseProblem command, Instant now) => problem.Close(command.Context.Actor, now);
}

internal sealed class CancelProblemHandler(IProblemRepository problems, IClock clock) : PlainProblemCommandHandler<CancelProblem>(problems, clock)
{
    protected override Result Apply(Problem problem, CancelProblem command, Instant now) => problem.Cancel(command.Reason, command.Context.Actor, now);
}

/// <summary>Publishes the known error on the problem and stores the new record in the known-error database, in the same unit of work.</summary>
internal sealed class PublishKnownErrorHandler(IProblemRepository problems, IKnownErrorRepository knownErrors, IClock clock) : ProblemCommandHandler<PublishKnownError>(problems, clock)
{
    protected override async Task<Result> ApplyAsync(Problem problem, PublishKnownError command, Instant now, CancellationToken cancellationToken)
    {
        var published = problem.PublishKnownError(KnownErrorId.New(), command.Symptom, command.ErrorCode, command.ValidUntil, command.Context.Actor, now);
        return published.IsSuccess
            ? await knownErrors.AddAsync(command.Context.Tenant, published.Value, cancellationToken).ConfigureAwait(false)
            : published.AsFailure();
    }
}

/// <summary>Loads the change and lets the problem decide whether it removed the cause.</summary>
internal sealed class ResolveProblemByChangeHandler(IProblemRepository problems, IChangeRepository changes, IClock clock) : ProblemCommandHandler<ResolveProblemByChange>(problems, clock)
{
    protected override async Task<Result> ApplyAsync(Problem problem, ResolveProblemByChange command, Instant now, CancellationToken cancellationToken)
    {
        var change = await changes.GetAsync(command.Context.Tenant, command.Change, cancellationToken).ConfigureAwait(false);
        return change is null
            ? Failure.NotFound($"Change {command.Change} does not exist, so it cannot have resolved problem {problem.Id}.", "change.not-found")
            : problem.ResolveByChange(ResolvingChange.Of(change.Record), command.Notes, command.Context.Actor, now);
    }
}

/// <summary>
/// Links an incident to a problem on both sides in one unit of work: the problem lists it and the incident records the
/// link (<see cref="Problem.LinkIncident"/>); answers the incident as saved. The problem must exist in the caller's tenant.
/// </summary>
internal sealed class LinkIncidentToProblemHandler(IIncidentRepository incidents, IProblemRepository problems, IncidentSlaProjector projector, IClock clock)
    : IRequestHandler<LinkIncidentToProblem, Result<Versioned<Incident>>>
{
    private static readonly AggregateKind Kind = new AggregateKind("Incident").NotFoundAs("incident.not-found").StaleAs("incident.version-conflict");

    public Task<Result<Versioned<Incident>>> Handle(LinkIncidentToProblem request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var tenant = request.Context.Tenant;
        return AggregateCommands.ApplyAsync(
            incidents,
            Kind,
            tenant,
            request.Incident,
            request.ExpectedVersion,
            async incident =>
            {
                var linked = await AggregateCommands.ApplyAsync(
                    problems, ProblemKinds.Problem, tenant, request.Problem, null, problem => problem.LinkIncident(incident, request.Context.Actor, now), cancellationToken).ConfigureAwait(false);
                return linked.IsSuccess ? await projector.ProjectAsync(tenant, incident, now, cancellationToken).ConfigureAwait(false) : linked.AsFailure();
            },
            cancellationToken);
    }
}

/// <summary>
/// Loads the problem and its linked incidents, lets the problem push its workaround, and saves the incidents it reached
/// (with their breach projection refreshed) and the problem; when it reached nobody, it saves nothing.
/// </summary>
internal sealed class PushWorkaroundHandler(IProblemRepository problems, IIncidentRepository incidents, IncidentSlaProjector projector, IClock clock)
    : IRequestHandler<PushWorkaround, Result<Versioned<WorkaroundPush>>>
{
    public async Task<Result<Versioned<WorkaroundPush>>> Handle(PushWorkaround request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var stored = await problems.GetAsync(tenant, request.Problem, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return ProblemKinds.Problem.NotFound<Versioned<WorkaroundPush>>(request.Problem);
        }

        if (request.ExpectedVersion is { } expected && expected != stored.Version)
        {
            return ProblemKinds.Problem.Stale<Versioned<WorkaroundPush>>(request.Problem, stored.Version, expected);
        }

        var linked = new List<Versioned<Incident>>();
        foreach (var id in stored.Record.Incidents)
        {
            // A linked incident missing from the store is a data fault; the push reaches the others and reports it skipped by omission.
            if (await incidents.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false) is { } incident)
            {
                linked.Add(incident);
            }
        }

        var now = clock.GetCurrentInstant();
        var pushed = stored.Record.PushWorkaround(linked.Select(v => v.Record), request.Policy, request.Context.Actor, now);
        if (!pushed.IsSuccess)
        {
            return pushed.AsFailure<Versioned<WorkaroundPush>>();
        }

        if (pushed.Value.Reached.IsEmpty)
        {
            return new Versioned<WorkaroundPush>(pushed.Value, stored.Version);
        }

        foreach (var incident in linked.Where(v => pushed.Value.Reached.Contains(v.Record.Id)))
        {
            var saved = await projector.ProjectAsync(tenant, incident.Record, now, cancellationToken).ConfigureAwait(false) is { IsSuccess: false } refused
                ? refused
                : await incidents.UpdateAsync(tenant, incident.Record, incident.Version, cancellationToken).ConfigureAwait(false);
            if (!saved.IsSuccess)
            {
                return saved.AsFailure<Versioned<WorkaroundPush>>();
            }
        }

        var savedProblem = await problems.UpdateAsync(tenant, stored.Record, stored.Version, cancellationToken).ConfigureAwait(false);
        return savedProblem.IsSuccess ? new Versioned<WorkaroundPush>(pushed.Value, stored.Version + 1) : savedProblem.AsFailure<Versioned<WorkaroundPush>>();
    }
}
