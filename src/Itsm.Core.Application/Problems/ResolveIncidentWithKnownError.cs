using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Problems;

/// <summary>
/// Resolves one incident with the workaround of a known error that applies to it (typically one that
/// <see cref="MatchKnownErrors"/> found). When the known error belongs to a problem, the incident is linked to that
/// problem on both sides (unless it already is) and the problem's workaround reaches it as by <see cref="PushWorkaround"/>,
/// so a later push does not note it again and the problem's measures count it among those resolved with the workaround;
/// a known error without a problem (a supplier's defect) resolves the incident with its own workaround text. The known error
/// must be published and valid now and have a workaround (<c>known-error.not-applicable</c>); the incident's state must
/// allow resolving (<c>incident.illegal-transition</c>). A refusal changes nothing.
/// </summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
/// <param name="KnownError">The known error whose workaround resolves it.</param>
public sealed record ResolveIncidentWithKnownError(RequestContext Context, IncidentId Incident, KnownErrorId KnownError) : IncidentCommand(Context, Incident)
{
    /// <summary>Error code of a known error that is not published, not valid now, or has no workaround.</summary>
    public const string NotApplicableCode = "known-error.not-applicable";
}

/// <summary>
/// Loads the known error, then the incident; links and pushes through the known error's problem (saved first, as
/// <see cref="LinkIncidentToProblemHandler"/> does), resolves the incident if the push did not, refreshes its breach
/// projection and saves it.
/// </summary>
internal sealed class ResolveIncidentWithKnownErrorHandler(IKnownErrorRepository knownErrors, IIncidentRepository incidents, IProblemRepository problems, IncidentSlaProjector projector, IClock clock)
    : IRequestHandler<ResolveIncidentWithKnownError, Result<Versioned<Incident>>>
{
    private static readonly AggregateKind Kind = new AggregateKind("Incident").NotFoundAs("incident.not-found").StaleAs("incident.version-conflict");

    public async Task<Result<Versioned<Incident>>> Handle(ResolveIncidentWithKnownError request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var tenant = request.Context.Tenant;
        var actor = request.Context.Actor;
        if (await knownErrors.GetAsync(tenant, request.KnownError, cancellationToken).ConfigureAwait(false) is not { Record: var known })
        {
            return ProblemKinds.KnownError.NotFound<Versioned<Incident>>(request.KnownError);
        }

        if (!known.AppliesAt(now) || known.Workaround is not { } workaround)
        {
            return Failure.Conflict<Versioned<Incident>>(
                $"Known error {known.Id} is {known.Status}{(known.Workaround is null ? " without a workaround" : string.Empty)} and does not apply at {now}; only a published, valid known error with a workaround resolves an incident.",
                ResolveIncidentWithKnownError.NotApplicableCode);
        }

        return await AggregateCommands.ApplyAsync(
            incidents,
            Kind,
            tenant,
            request.Incident,
            request.ExpectedVersion,
            async incident =>
            {
                if (!incident.AllowedTransitions().Contains(IncidentTransition.Resolve))
                {
                    return Failure.Conflict(
                        $"Cannot resolve incident {incident.Id} with known error {known.Id} while it is {incident.State}; assign it first, or reopen it within the reopen window.",
                        Incident.IllegalTransitionCode);
                }

                if (known.Problem is { } problemId)
                {
                    var pushed = await AggregateCommands.ApplyAsync(
                        problems, ProblemKinds.Problem, tenant, problemId, null, problem => Push(problem, incident, actor, now), cancellationToken).ConfigureAwait(false);
                    if (!pushed.IsSuccess)
                    {
                        return pushed.AsFailure();
                    }
                }

                var resolved = incident.State == IncidentState.Resolved ? Result.Success() : incident.Resolve($"Workaround from known error {known.Id}: {workaround}", actor, now);
                return resolved.IsSuccess ? await projector.ProjectAsync(tenant, incident, now, cancellationToken).ConfigureAwait(false) : resolved;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Links the incident to the problem unless it already is, then pushes the problem's workaround to it alone.</summary>
    private static Result Push(Problem problem, Incident incident, UserId actor, Instant now)
    {
        var linked = problem.Incidents.Contains(incident.Id) ? Result.Success() : problem.LinkIncident(incident, actor, now);
        if (!linked.IsSuccess)
        {
            return linked;
        }

        var pushed = problem.PushWorkaround([incident], WorkaroundPushPolicy.ResolveWhereAllowed, actor, now);
        return pushed.IsSuccess ? Result.Success() : pushed.AsFailure();
    }
}
