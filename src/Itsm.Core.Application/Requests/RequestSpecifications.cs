using System.Collections.Immutable;
using Ardalis.Specification;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Requests;

namespace Itsm.Core.Application.Requests;

/// <summary>
/// The queries <see cref="IServiceRequestRepository.ListAsync"/> runs: a closed family of named, sealed Ardalis
/// specifications over <see cref="ServiceRequest"/> (<see cref="ServiceRequestsBySubmission"/>).
/// </summary>
/// <remarks>
/// Each states its criteria, a total ordering (ending with the request id) and its paging in its constructor, from
/// parameters it exposes as get-only properties, so Ardalis's in-memory evaluator, an EF Core port and the library's SQL
/// adapters run it alike; a contract test holds them to the same records in the same order. Only this library can derive
/// from it. Immutable once constructed and thread-safe to share.
/// </remarks>
public abstract class ServiceRequestSpecification : Specification<ServiceRequest>
{
    private protected ServiceRequestSpecification()
    {
    }
}

/// <summary>
/// The request list: requests matching every given filter (state, service, requester; a null filter does not filter),
/// oldest submission first, then by <see cref="ServiceRequest.Id"/>, paged by <see cref="Page"/> when given.
/// </summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="States"/> matches no request; <see cref="ServiceRequestLifecycle.OpenStates"/> lists the open ones.</remarks>
public sealed class ServiceRequestsBySubmission : ServiceRequestSpecification
{
    /// <summary>Creates the specification; null arguments do not filter.</summary>
    /// <param name="states">Only requests in one of these states.</param>
    /// <param name="service">Only requests for items of this business service.</param>
    /// <param name="requester">Only requests this user submitted.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public ServiceRequestsBySubmission(IEnumerable<ServiceRequestState>? states = null, ConfigurationItemId? service = null, UserId? requester = null, PageRequest? page = null)
    {
        States = states?.ToImmutableArray();
        Service = service;
        Requester = requester;
        Page = SpecificationPaging.Checked(page, nameof(page));
        if (States is { } accepted)
        {
            var array = accepted.ToArray();
            Query.Where(r => Enumerable.Contains(array, r.State));
        }

        if (service is { } s)
        {
            Query.Where(r => r.Item.Service == s);
        }

        if (requester is { } u)
        {
            Query.Where(r => r.Requester == u);
        }

        Query.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id);
        Query.Paged(Page);
    }

    /// <summary>The accepted states, or null for any state.</summary>
    public ImmutableArray<ServiceRequestState>? States { get; }

    /// <summary>The business service, or null for any.</summary>
    public ConfigurationItemId? Service { get; }

    /// <summary>The requester, or null for anyone.</summary>
    public UserId? Requester { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}
