using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>The problems and known errors of the specification seed.</summary>
internal static partial class SpecificationSeed
{
    private static readonly ProblemState[] ProblemStates = Enum.GetValues<ProblemState>();
    private static readonly KnownErrorStatus[] KnownErrorStatuses = Enum.GetValues<KnownErrorStatus>();

    /// <summary>The tenant's problems, in insertion order.</summary>
    public static ImmutableArray<Problem> Problems { get; } = [.. Enumerable.Range(0, 23).Select(MakeProblem)];

    /// <summary>The tenant's known errors, in insertion order.</summary>
    public static ImmutableArray<KnownError> KnownErrors { get; } = [.. Enumerable.Range(0, 17).Select(MakeKnownError)];

    /// <inheritdoc cref="OtherTenantIncidents"/>
    public static ImmutableArray<Problem> OtherTenantProblems { get; } = [.. Enumerable.Range(100, 4).Select(MakeProblem)];

    /// <inheritdoc cref="OtherTenantIncidents"/>
    public static ImmutableArray<KnownError> OtherTenantKnownErrors { get; } = [.. Enumerable.Range(100, 4).Select(MakeKnownError)];

    /// <summary>The problem that several seeded known errors came from.</summary>
    public static ProblemId SourceProblem { get; } = ProblemId.From(SeedGuid(2001));

    /// <summary>
    /// A real problem: logged at T0 + (n mod 5) h (ties on the logging instant) on service n, assigned to nobody, the
    /// agent or the lead, and driven by its own commands to state n of <see cref="ProblemStates"/>.
    /// </summary>
    private static Problem MakeProblem(int n)
    {
        void Step(Ardalis.Result.Result result) => Xunit.Assert.True(result.IsSuccess, result.Errors.FirstOrDefault());
        var at = T0 + Duration.FromHours(n % 5);
        var decision = PriorityPolicy.Default.Decide(Impact.FromLevel((n % 3) + 1), Urgency.FromLevel(2), IncidentFacts.None).Value;
        var problem = Problem.Log(ProblemId.From(SeedGuid(3000 + n)), $"Problem {n}", Services[n % Services.Length], n % 2 == 0 ? [Db] : [], null, decision, Lead, at).Value;
        var state = ProblemStates[n % ProblemStates.Length];
        if ((n % 3) switch { 1 => Agent, 2 => Lead, _ => (UserId?)null } is { } assignee)
        {
            Step(problem.Assign(assignee, Lead, at));
        }

        if (state is ProblemState.UnderInvestigation or ProblemState.RootCauseKnown or ProblemState.KnownError or ProblemState.Resolved or ProblemState.Closed)
        {
            Step(problem.Investigate(Lead, at));
        }

        if (state is ProblemState.RootCauseKnown or ProblemState.KnownError)
        {
            Step(problem.RecordRootCause("cause", Lead, at));
        }

        if (state == ProblemState.KnownError)
        {
            Xunit.Assert.True(problem.PublishKnownError(KnownErrorId.From(SeedGuid(4000 + n)), "symptom", null, null, Lead, at).IsSuccess);
        }

        if (state is ProblemState.Resolved or ProblemState.Closed)
        {
            Step(problem.Resolve(ProblemResolutionCode.Duplicate, "same as another", Lead, at));
        }

        if (state == ProblemState.Closed)
        {
            Step(problem.Close(Lead, at));
        }

        if (state == ProblemState.Cancelled)
        {
            Step(problem.Cancel("raised in error", Lead, at));
        }

        return Problem.Restore(problem.ToSnapshot()).Value;
    }

    /// <summary>A real known error of status n of <see cref="KnownErrorStatuses"/>, from one of four problems or from none (every third).</summary>
    private static KnownError MakeKnownError(int n)
    {
        void Step(Ardalis.Result.Result result) => Xunit.Assert.True(result.IsSuccess, result.Errors.FirstOrDefault());
        var at = T0 + Duration.FromMinutes(n % 4);
        ProblemId? problem = n % 3 == 0 ? null : ProblemId.From(SeedGuid(2000 + (n % 4)));
        var knownError = KnownError.Record(KnownErrorId.From(SeedGuid(5000 + n)), $"Symptom {n}", null, "restart", [Db], [Services[n % Services.Length]], null, null, problem, Lead, at).Value;
        var status = KnownErrorStatuses[n % KnownErrorStatuses.Length];
        if (status is KnownErrorStatus.Published or KnownErrorStatus.Fixed)
        {
            Step(knownError.Publish(null, Lead, at));
        }

        if (status == KnownErrorStatus.Fixed)
        {
            Step(knownError.MarkFixed(Lead, at));
        }

        if (status == KnownErrorStatus.Retired)
        {
            Step(knownError.Retire("withdrawn", Lead, at));
        }

        return KnownError.Restore(knownError.ToSnapshot()).Value;
    }
}
