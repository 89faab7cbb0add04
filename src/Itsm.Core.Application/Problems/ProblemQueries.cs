using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Problems;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Problems;

/// <summary>Gets one problem with its version.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Problem">The problem.</param>
public sealed record GetProblem(RequestContext Context, ProblemId Problem) : IQuery<Result<Versioned<Problem>>>;

/// <summary>Lists problems by state, service or assignee, oldest logged first; null filters do not filter.</summary>
/// <param name="Context">Who asks.</param>
public sealed record ListProblems(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<Problem>>>>
{
    /// <summary>Only problems in these states.</summary>
    public IReadOnlyList<ProblemState>? States { get; init; }

    /// <summary>Only problems on this service.</summary>
    public ConfigurationItemId? Service { get; init; }

    /// <summary>Only problems assigned to this user.</summary>
    public UserId? Assignee { get; init; }

    /// <summary>How many to skip.</summary>
    public int Skip { get; init; }

    /// <summary>How many to return at most (1 to <see cref="PageRequest.MaxTake"/>).</summary>
    public int Take { get; init; } = 100;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Gets one known error record with its version.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="KnownError">The record.</param>
public sealed record GetKnownError(RequestContext Context, KnownErrorId KnownError) : IQuery<Result<Versioned<KnownError>>>;

/// <summary>
/// The known errors that apply to a stored incident now, ranked, each with why it matched (<see cref="KnownErrorMatching.Match"/>):
/// the published records, over the tenant's CMDB so that an item the incident's item depends on counts.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Incident">The incident.</param>
public sealed record MatchKnownErrors(RequestContext Context, IncidentId Incident) : IQuery<Result<ImmutableArray<KnownErrorMatch>>>;

/// <summary>
/// Problem candidates from the CMDB's topology over the incidents opened in <paramref name="Period"/>
/// (<see cref="ProblemCandidates.Find"/>): groups whose items share an upstream cause, each within <paramref name="Window"/>
/// of the one before and of at least <paramref name="Minimum"/> incidents.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Period">When the incidents were opened, half-open; both ends finite.</param>
/// <param name="Window">The largest gap between consecutive incidents of one candidate; positive.</param>
/// <param name="Minimum">How many incidents make a candidate; at least 2.</param>
public sealed record FindProblemCandidates(RequestContext Context, Interval Period, Duration Window, int Minimum) : IQuery<Result<ProblemCandidateSearch>>;

/// <summary>
/// The measures of one problem now (<see cref="ProblemMeasures.Measure"/>): its incidents and their downtime in business time
/// on the service's calendar (the calendar of the service's SLA, or round the clock in UTC when it has none), its age, its
/// time to root cause, and what its workaround and known error achieved.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Problem">The problem.</param>
public sealed record GetProblemMeasures(RequestContext Context, ProblemId Problem) : IQuery<Result<ProblemMeasure>>;

internal sealed class ListProblemsValidator : IRequestValidator<ListProblems>
{
    public IEnumerable<ValidationError> Validate(ListProblems request)
    {
        var page = PageRequest.Parse(request.Skip, request.Take);
        return page.IsSuccess ? [] : page.ValidationErrors;
    }
}

internal sealed class FindProblemCandidatesValidator : IRequestValidator<FindProblemCandidates>
{
    public IEnumerable<ValidationError> Validate(FindProblemCandidates request) =>
        request.Period.HasStart && request.Period.HasEnd ? [] : [Failure.Field(nameof(request.Period), "Give a period with a start and an end.", "problem.candidate-period")];
}

internal sealed class GetProblemHandler(IProblemRepository problems) : IRequestHandler<GetProblem, Result<Versioned<Problem>>>
{
    public async Task<Result<Versioned<Problem>>> Handle(GetProblem request, CancellationToken cancellationToken) =>
        await problems.GetAsync(request.Context.Tenant, request.Problem, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : ProblemKinds.Problem.NotFound<Versioned<Problem>>(request.Problem);
}

internal sealed class ListProblemsHandler(IProblemRepository problems) : IRequestHandler<ListProblems, Result<IReadOnlyList<Versioned<Problem>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<Problem>>>> Handle(ListProblems request, CancellationToken cancellationToken)
    {
        var specification = new ProblemsByLogging(request.States, request.Service, request.Assignee, PageRequest.Of(request.Skip, request.Take));
        return Result.Success(await problems.ListAsync(request.Context.Tenant, specification, cancellationToken).ConfigureAwait(false));
    }
}

internal sealed class GetKnownErrorHandler(IKnownErrorRepository knownErrors) : IRequestHandler<GetKnownError, Result<Versioned<KnownError>>>
{
    public async Task<Result<Versioned<KnownError>>> Handle(GetKnownError request, CancellationToken cancellationToken) =>
        await knownErrors.GetAsync(request.Context.Tenant, request.KnownError, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : ProblemKinds.KnownError.NotFound<Versioned<KnownError>>(request.KnownError);
}

internal sealed class MatchKnownErrorsHandler(IIncidentRepository incidents, IKnownErrorRepository knownErrors, ICmdbSnapshotProvider cmdb, IClock clock)
    : IRequestHandler<MatchKnownErrors, Result<ImmutableArray<KnownErrorMatch>>>
{
    public async Task<Result<ImmutableArray<KnownErrorMatch>>> Handle(MatchKnownErrors request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await incidents.GetAsync(tenant, request.Incident, cancellationToken).ConfigureAwait(false) is not { Record: var incident })
        {
            return Failure.NotFound<ImmutableArray<KnownErrorMatch>>($"Incident {request.Incident} does not exist.", "incident.not-found");
        }

        var published = await knownErrors.ListAsync(tenant, new KnownErrorsByStatus([KnownErrorStatus.Published]), cancellationToken).ConfigureAwait(false);
        var snapshot = await cmdb.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        return snapshot.IsSuccess
            ? KnownErrorMatching.Match(IncidentProfile.Of(incident), published.Select(v => v.Record), clock.GetCurrentInstant(), snapshot.Value)
            : snapshot.AsFailure<ImmutableArray<KnownErrorMatch>>();
    }
}

internal sealed class GetProblemMeasuresHandler(
    IProblemRepository problems, IIncidentRepository incidents, ISlaDefinitionRepository slas, IBusinessCalendarSource calendars, IClock clock)
    : IRequestHandler<GetProblemMeasures, Result<ProblemMeasure>>
{
    public async Task<Result<ProblemMeasure>> Handle(GetProblemMeasures request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await problems.GetAsync(tenant, request.Problem, cancellationToken).ConfigureAwait(false) is not { Record: var problem })
        {
            return ProblemKinds.Problem.NotFound<ProblemMeasure>(request.Problem);
        }

        var linked = new List<Core.Incidents.Incident>();
        foreach (var id in problem.Incidents)
        {
            if (await incidents.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false) is { } incident)
            {
                linked.Add(incident.Record);
            }
        }

        var sla = (await slas.ListAsync(tenant, new ApplicableSlaDefinitions(problem.Service, null), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        Result<BusinessCalendar> calendar = sla is null ? BusinessCalendar.TwentyFourSeven(DateTimeZone.Utc) : await calendars.GetAsync(tenant, sla.Record.Calendar, cancellationToken).ConfigureAwait(false);
        return calendar.IsSuccess ? ProblemMeasures.Measure(problem, linked, calendar.Value, clock.GetCurrentInstant()) : calendar.AsFailure<ProblemMeasure>();
    }
}

internal sealed class FindProblemCandidatesHandler(IIncidentRepository incidents, ICmdbSnapshotProvider cmdb) : IRequestHandler<FindProblemCandidates, Result<ProblemCandidateSearch>>
{
    public async Task<Result<ProblemCandidateSearch>> Handle(FindProblemCandidates request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var snapshot = await cmdb.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (!snapshot.IsSuccess)
        {
            return snapshot.AsFailure<ProblemCandidateSearch>();
        }

        var opened = await incidents.ListAsync(tenant, new IncidentsOpenedIn(request.Period), cancellationToken).ConfigureAwait(false);
        return ProblemCandidates.Find(snapshot.Value, opened.Select(v => IncidentOccurrence.Of(v.Record)), request.Window, request.Minimum);
    }
}
