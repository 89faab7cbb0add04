using System.Collections.Immutable;
using Ardalis.Specification;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Problems;

namespace Itsm.Core.Application.Problems;

/// <summary>
/// The queries <see cref="IProblemRepository.ListAsync"/> runs: a closed family of named, sealed Ardalis specifications
/// over <see cref="Problem"/> (<see cref="ProblemsByLogging"/>).
/// </summary>
/// <remarks>
/// As for incidents: each states its criteria, a total order ending with the identifier, and its page, from get-only
/// properties, so Ardalis's evaluator, an EF Core port and the library's SQL adapters return the same records in the same
/// order. Only this library can derive from it. Immutable and thread-safe once constructed.
/// </remarks>
public abstract class ProblemSpecification : Specification<Problem>
{
    private protected ProblemSpecification()
    {
    }
}

/// <summary>
/// The problem list: problems matching every given filter (state, service, assignee; a null filter does not filter),
/// ordered by <see cref="Problem.LoggedAt"/> ascending, then by <see cref="Problem.Id"/>, paged by <see cref="Page"/> when given.
/// </summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="States"/> matches no problem; <see cref="ProblemLifecycle.OpenStates"/> lists the open ones.</remarks>
public sealed class ProblemsByLogging : ProblemSpecification
{
    /// <summary>Creates the specification; null arguments do not filter.</summary>
    /// <param name="states">Only problems in one of these states.</param>
    /// <param name="service">Only problems on this business service.</param>
    /// <param name="assignee">Only problems assigned to this user.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public ProblemsByLogging(IEnumerable<ProblemState>? states = null, ConfigurationItemId? service = null, UserId? assignee = null, PageRequest? page = null)
    {
        States = states?.ToImmutableArray();
        Service = service;
        Assignee = assignee;
        Page = SpecificationPaging.Checked(page, nameof(page));
        if (States is { } accepted)
        {
            var array = accepted.ToArray();
            Query.Where(p => Enumerable.Contains(array, p.State));
        }

        if (service is { } s)
        {
            Query.Where(p => p.Service == s);
        }

        if (assignee is { } a)
        {
            Query.Where(p => p.Assignee == a);
        }

        Query.OrderBy(p => p.LoggedAt).ThenBy(p => p.Id);
        Query.Paged(Page);
    }

    /// <summary>The accepted states, or null for any state.</summary>
    public ImmutableArray<ProblemState>? States { get; }

    /// <summary>The business service, or null for any.</summary>
    public ConfigurationItemId? Service { get; }

    /// <summary>The assignee, or null for any (including unassigned problems).</summary>
    public UserId? Assignee { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}

/// <summary>
/// The queries <see cref="IKnownErrorRepository.ListAsync"/> runs: a closed family of named, sealed Ardalis specifications
/// over <see cref="KnownError"/> (<see cref="KnownErrorsByStatus"/>).
/// </summary>
/// <remarks>Only this library can derive from it. Immutable and thread-safe once constructed.</remarks>
public abstract class KnownErrorSpecification : Specification<KnownError>
{
    private protected KnownErrorSpecification()
    {
    }
}

/// <summary>
/// The known-error list: records in one of <see cref="Statuses"/> (null: any), from <see cref="Problem"/> when given,
/// naming <see cref="Service"/> among their services when given,
/// ordered by <see cref="KnownError.Id"/>, paged by <see cref="Page"/> when given. With
/// <see cref="KnownErrorStatus.Published"/> it is what matching reads.
/// </summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="Statuses"/> matches no record.</remarks>
public sealed class KnownErrorsByStatus : KnownErrorSpecification
{
    /// <summary>Creates the specification; null arguments do not filter.</summary>
    /// <param name="statuses">Only records in one of these statuses.</param>
    /// <param name="problem">Only records that came from this problem.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <param name="service">Only records naming this service among their <see cref="KnownError.Services"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public KnownErrorsByStatus(IEnumerable<KnownErrorStatus>? statuses = null, ProblemId? problem = null, PageRequest? page = null, ConfigurationItemId? service = null)
    {
        Statuses = statuses?.ToImmutableArray();
        Problem = problem;
        Service = service;
        Page = SpecificationPaging.Checked(page, nameof(page));
        if (Statuses is { } accepted)
        {
            var array = accepted.ToArray();
            Query.Where(k => Enumerable.Contains(array, k.Status));
        }

        if (problem is { } p)
        {
            Query.Where(k => k.Problem == p);
        }

        if (service is { } named)
        {
            Query.Where(k => k.Services.Contains(named));
        }

        Query.OrderBy(k => k.Id);
        Query.Paged(Page);
    }

    /// <summary>The accepted statuses, or null for any.</summary>
    public ImmutableArray<KnownErrorStatus>? Statuses { get; }

    /// <summary>The problem the records came from, or null for any (including records of no problem).</summary>
    public ProblemId? Problem { get; }

    /// <summary>The service the records name among their services, or null for any.</summary>
    public ConfigurationItemId? Service { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}
