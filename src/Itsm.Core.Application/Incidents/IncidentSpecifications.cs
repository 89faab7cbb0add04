using System.Collections.Immutable;
using Ardalis.Specification;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Application.Incidents;

/// <summary>
/// The queries <see cref="IIncidentRepository.ListAsync"/> runs: a closed family of named, sealed
/// Ardalis specifications over <see cref="Incident"/> (<see cref="IncidentsByOpening"/>,
/// <see cref="IncidentsBreachingBefore"/>, <see cref="ServiceIncidentsOpenedIn"/>).
/// </summary>
/// <remarks>
/// <para>
/// Each specification states its criteria, a total ordering (ending with the incident identifier)
/// and its paging in its constructor, from parameters it exposes as get-only properties. Ardalis's
/// in-memory evaluator runs it (<c>specification.Evaluate(incidents)</c>), an EF Core port runs it with
/// <c>Ardalis.Specification.EntityFrameworkCore</c>, and the library's SQL adapters translate it from
/// its properties; a contract test holds all three to the same records in the same order.
/// </para>
/// <para>
/// Only this library can derive from this class, so every specification a port receives is one the
/// adapters know. Instances are immutable once constructed and thread-safe to share.
/// </para>
/// </remarks>
public abstract class IncidentSpecification : Specification<Incident>
{
    private protected IncidentSpecification()
    {
    }

    /// <summary>Adds the optional filters shared by the incident lists; a null filter does not filter.</summary>
    private protected void Filter(ImmutableArray<IncidentState>? states, Priority? priority, ConfigurationItemId? service, UserId? assignee)
    {
        if (states is { } accepted)
        {
            var array = accepted.ToArray();
            Query.Where(i => Enumerable.Contains(array, i.State));
        }

        if (priority is { } p)
        {
            Query.Where(i => i.Priority == p);
        }

        if (service is { } s)
        {
            Query.Where(i => i.Service == s);
        }

        if (assignee is { } a)
        {
            Query.Where(i => i.Assignee == a);
        }
    }
}

/// <summary>
/// The incident list: incidents matching every given filter (state, priority, service, assignee; a
/// null filter does not filter), ordered by <see cref="Incident.OpenedAt"/> ascending, then by
/// <see cref="Incident.Id"/>, and paged by <see cref="Page"/> when given.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. An empty <see cref="States"/> matches no incident. With
/// <see cref="IncidentLifecycle.OpenStates"/>, the one definition of an open incident, it lists the open incidents.
/// </remarks>
public sealed class IncidentsByOpening : IncidentSpecification
{
    /// <summary>Creates the specification; null arguments do not filter.</summary>
    /// <param name="states">Only incidents in one of these states.</param>
    /// <param name="priority">Only incidents of this priority.</param>
    /// <param name="service">Only incidents on this business service.</param>
    /// <param name="assignee">Only incidents assigned to this user.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public IncidentsByOpening(IEnumerable<IncidentState>? states = null, Priority? priority = null, ConfigurationItemId? service = null, UserId? assignee = null, PageRequest? page = null)
    {
        States = states?.ToImmutableArray();
        Priority = priority;
        Service = service;
        Assignee = assignee;
        Page = SpecificationPaging.Checked(page, nameof(page));
        Filter(States, Priority, Service, Assignee);
        Query.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id);
        Query.Paged(Page);
    }

    /// <summary>The accepted states, or null for any state.</summary>
    public ImmutableArray<IncidentState>? States { get; }

    /// <summary>The priority, or null for any.</summary>
    public Priority? Priority { get; }

    /// <summary>The business service, or null for any.</summary>
    public ConfigurationItemId? Service { get; }

    /// <summary>The assignee, or null for any (including unassigned incidents).</summary>
    public UserId? Assignee { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}

/// <summary>
/// Breach forecasting: incidents with a running SLA clock whose next projected breach
/// (<see cref="Incident.NextBreachAt"/>) is strictly before <see cref="Before"/>, matching every other
/// given filter, soonest breach first, then by <see cref="Incident.Id"/>, paged by <see cref="Page"/>
/// when given. With <see cref="IncidentLifecycle.OpenStates"/> it is "open incidents due to breach before T".
/// </summary>
/// <remarks>Immutable and thread-safe. Incidents without a projected breach never match.</remarks>
public sealed class IncidentsBreachingBefore : IncidentSpecification
{
    /// <summary>Creates the specification; null filters do not filter.</summary>
    /// <param name="before">The horizon (exclusive).</param>
    /// <param name="states">Only incidents in one of these states.</param>
    /// <param name="priority">Only incidents of this priority.</param>
    /// <param name="service">Only incidents on this business service.</param>
    /// <param name="assignee">Only incidents assigned to this user.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public IncidentsBreachingBefore(Instant before, IEnumerable<IncidentState>? states = null, Priority? priority = null, ConfigurationItemId? service = null, UserId? assignee = null, PageRequest? page = null)
    {
        Before = before;
        States = states?.ToImmutableArray();
        Priority = priority;
        Service = service;
        Assignee = assignee;
        Page = SpecificationPaging.Checked(page, nameof(page));
        Filter(States, Priority, Service, Assignee);
        Query.Where(i => i.NextBreachAt != null && i.NextBreachAt < before);
        Query.OrderBy(i => i.NextBreachAt).ThenBy(i => i.Id);
        Query.Paged(Page);
    }

    /// <summary>The horizon: only breaches strictly before it match.</summary>
    public Instant Before { get; }

    /// <summary>The accepted states, or null for any state.</summary>
    public ImmutableArray<IncidentState>? States { get; }

    /// <summary>The priority, or null for any.</summary>
    public Priority? Priority { get; }

    /// <summary>The business service, or null for any.</summary>
    public ConfigurationItemId? Service { get; }

    /// <summary>The assignee, or null for any.</summary>
    public UserId? Assignee { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}

/// <summary>
/// Service reporting: the incidents on <see cref="Service"/> opened in the half-open
/// <see cref="Period"/> <c>[Start, End)</c>, in any state, ordered by <see cref="Incident.OpenedAt"/>
/// then by <see cref="Incident.Id"/>; not paged.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ServiceIncidentsOpenedIn : IncidentSpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="service">The business service.</param>
    /// <param name="period">The reporting period; both ends must be finite.</param>
    /// <exception cref="ArgumentException"><paramref name="period"/> is unbounded at either end.</exception>
    public ServiceIncidentsOpenedIn(ConfigurationItemId service, Interval period)
    {
        Preconditions.CheckArgument(period.HasStart && period.HasEnd, nameof(period), "The reporting period must have a start and an end.");
        Service = service;
        Period = period;
        var start = period.Start;
        var end = period.End;
        Query.Where(i => i.Service == service && i.OpenedAt >= start && i.OpenedAt < end);
        Query.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id);
    }

    /// <summary>The business service.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The period of opening, half-open.</summary>
    public Interval Period { get; }
}

/// <summary>
/// Problem candidates and measures: every incident opened in the half-open <see cref="Period"/> <c>[Start, End)</c>, on any
/// service, in any state, ordered by <see cref="Incident.OpenedAt"/> then by <see cref="Incident.Id"/>; not paged.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IncidentsOpenedIn : IncidentSpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="period">The period of opening; both ends must be finite.</param>
    /// <exception cref="ArgumentException"><paramref name="period"/> is unbounded at either end.</exception>
    public IncidentsOpenedIn(Interval period)
    {
        Preconditions.CheckArgument(period.HasStart && period.HasEnd, nameof(period), "The period must have a start and an end.");
        Period = period;
        var start = period.Start;
        var end = period.End;
        Query.Where(i => i.OpenedAt >= start && i.OpenedAt < end);
        Query.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id);
    }

    /// <summary>The period of opening, half-open.</summary>
    public Interval Period { get; }
}
