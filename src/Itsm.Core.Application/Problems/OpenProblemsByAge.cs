using Ardalis.Specification;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Problems;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Problems;

/// <summary>
/// The ageing list of a problem manager: the open problems (<see cref="ProblemLifecycle.OpenStates"/>) logged at or before
/// <see cref="LoggedBy"/>, on <see cref="Service"/> when given, oldest first: ordered by <see cref="Problem.LoggedAt"/>
/// ascending, then by <see cref="Problem.Id"/>, paged by <see cref="Page"/> when given.
/// </summary>
/// <remarks>
/// "Older than a given age at an instant" is "logged at or before that instant minus the age", so the criterion is one
/// range over the indexed logging column and the order is that column's; <see cref="ListOpenProblemsByAge"/> derives
/// <see cref="LoggedBy"/> from the clock. Immutable and thread-safe.
/// </remarks>
public sealed class OpenProblemsByAge : ProblemSpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="loggedBy">Only problems logged at or before this instant.</param>
    /// <param name="service">Only problems on this business service; null for any.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public OpenProblemsByAge(Instant loggedBy, ConfigurationItemId? service = null, PageRequest? page = null)
    {
        LoggedBy = loggedBy;
        Service = service;
        Page = SpecificationPaging.Checked(page, nameof(page));
        var open = ProblemLifecycle.OpenStates.ToArray();
        Query.Where(p => Enumerable.Contains(open, p.State) && p.LoggedAt <= loggedBy);
        if (service is { } s)
        {
            Query.Where(p => p.Service == s);
        }

        Query.OrderBy(p => p.LoggedAt).ThenBy(p => p.Id);
        Query.Paged(Page);
    }

    /// <summary>The latest logging instant selected (inclusive).</summary>
    public Instant LoggedBy { get; }

    /// <summary>The business service, or null for any.</summary>
    public ConfigurationItemId? Service { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}

/// <summary>An open problem and its age at the instant asked about.</summary>
/// <param name="Problem">The problem, with its version.</param>
/// <param name="Age">Elapsed time from its logging to the instant asked about (wall-clock time, not business time: a problem ages over weekends too).</param>
public sealed record ProblemAge(Versioned<Problem> Problem, Duration Age);

/// <summary>
/// The open problems oldest first, each with its age now (<see cref="OpenProblemsByAge"/>): those at least
/// <see cref="MinimumAge"/> old, on <see cref="Service"/> when given, paged.
/// </summary>
/// <remarks>
/// Ages are elapsed time since logging on the injected clock. The answer has no age buckets: neither ISO 20000 nor the
/// issue fixes any, and a vendor's buckets (a week, a month, a quarter) are one <see cref="MinimumAge"/> query each, or a
/// grouping of <see cref="ProblemAge.Age"/>.
/// </remarks>
/// <param name="Context">Who asks.</param>
public sealed record ListOpenProblemsByAge(RequestContext Context) : IQuery<Result<IReadOnlyList<ProblemAge>>>
{
    /// <summary>The longest <see cref="MinimumAge"/> accepted: a hundred years of 365.25 days.</summary>
    public static readonly Duration MaxMinimumAge = Duration.FromDays(36_525);

    /// <summary>Error code of a <see cref="MinimumAge"/> below zero or above <see cref="MaxMinimumAge"/>.</summary>
    public const string MinimumAgeCode = "problem.minimum-age";

    /// <summary>Only problems at least this old; zero (every open problem logged by now) when omitted.</summary>
    public Duration MinimumAge { get; init; }

    /// <summary>Only problems on this service.</summary>
    public ConfigurationItemId? Service { get; init; }

    /// <summary>How many to skip.</summary>
    public int Skip { get; init; }

    /// <summary>How many to return at most (1 to <see cref="PageRequest.MaxTake"/>).</summary>
    public int Take { get; init; } = 100;
}

internal sealed class ListOpenProblemsByAgeValidator : IRequestValidator<ListOpenProblemsByAge>
{
    public IEnumerable<ValidationError> Validate(ListOpenProblemsByAge request)
    {
        var page = PageRequest.Parse(request.Skip, request.Take);
        List<ValidationError> errors = page.IsSuccess ? [] : [.. page.ValidationErrors];
        if (request.MinimumAge < Duration.Zero || request.MinimumAge > ListOpenProblemsByAge.MaxMinimumAge)
        {
            errors.Add(Failure.Field(
                nameof(request.MinimumAge),
                $"The minimum age must be between zero and {ListOpenProblemsByAge.MaxMinimumAge.Days} days, not {request.MinimumAge}.",
                ListOpenProblemsByAge.MinimumAgeCode));
        }

        return errors;
    }
}

internal sealed class ListOpenProblemsByAgeHandler(IProblemRepository problems, IClock clock) : IRequestHandler<ListOpenProblemsByAge, Result<IReadOnlyList<ProblemAge>>>
{
    public async Task<Result<IReadOnlyList<ProblemAge>>> Handle(ListOpenProblemsByAge request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var specification = new OpenProblemsByAge(now - request.MinimumAge, request.Service, PageRequest.Of(request.Skip, request.Take));
        var open = await problems.ListAsync(request.Context.Tenant, specification, cancellationToken).ConfigureAwait(false);
        return Result.Success<IReadOnlyList<ProblemAge>>([.. open.Select(p => new ProblemAge(p, now - p.Record.LoggedAt))]);
    }
}
