using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Application.Incidents;

/// <summary>
/// Port: stores incident records.
/// </summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's incident is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> <see cref="AddAsync"/> stores version 1 (<c>Conflict</c> if the id exists);
/// <see cref="UpdateAsync"/> succeeds only when the stored version equals <c>expectedVersion</c>, else
/// <c>Conflict</c> (<c>NotFound</c> when absent), so concurrent writers never lose an update.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> applies the specification's <see cref="IncidentCriteria"/>,
/// ordering and page in the store; adapters index state, priority, service, assignee and
/// <see cref="Incident.NextBreachAt"/> (breach forecasting).</para>
/// </remarks>
public interface IIncidentRepository
{
    /// <summary>The incident with <paramref name="id"/> in <paramref name="tenant"/>, or null.</summary>
    Task<Versioned<Incident>?> GetAsync(TenantId tenant, IncidentId id, CancellationToken cancellationToken);

    /// <summary>The tenant's incidents that <paramref name="specification"/> selects, in its order and page.</summary>
    Task<IReadOnlyList<Versioned<Incident>>> ListAsync(TenantId tenant, Specification<Incident> specification, CancellationToken cancellationToken);

    /// <summary>Stores a new incident at version 1.</summary>
    Task<Result> AddAsync(TenantId tenant, Incident incident, CancellationToken cancellationToken);

    /// <summary>Replaces the incident if it is still at <paramref name="expectedVersion"/>.</summary>
    Task<Result> UpdateAsync(TenantId tenant, Incident incident, long expectedVersion, CancellationToken cancellationToken);
}

/// <summary>The criteria an <see cref="IncidentSpecification"/> is made of; adapters translate each to their query language.</summary>
public static class IncidentCriteria
{
    /// <summary>Orders by opening time.</summary>
    public static SortKey<Incident> ByOpenedAt { get; } = new("opened_at", i => i.OpenedAt);

    /// <summary>Orders by the next projected breach; incidents without one sort last.</summary>
    public static SortKey<Incident> ByNextBreach { get; } = new("next_breach_at", i => i.NextBreachAt ?? Instant.MaxValue);

    /// <summary>Orders by identifier, to make an order total.</summary>
    public static SortKey<Incident> ById { get; } = new("id", i => i.Id.Value);

    /// <summary>The incident is in one of <paramref name="States"/>.</summary>
    /// <param name="States">The accepted states.</param>
    public sealed record InStates(ImmutableArray<IncidentState> States) : ICriterion<Incident>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(Incident candidate) => States.Contains(candidate.State);
    }

    /// <summary>The incident has priority <paramref name="Priority"/>.</summary>
    /// <param name="Priority">The priority.</param>
    public sealed record WithPriority(Priority Priority) : ICriterion<Incident>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(Incident candidate) => candidate.Priority == Priority;
    }

    /// <summary>The incident affects <paramref name="Service"/>.</summary>
    /// <param name="Service">The business service.</param>
    public sealed record ForService(ConfigurationItemId Service) : ICriterion<Incident>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(Incident candidate) => candidate.Service == Service;
    }

    /// <summary>The incident is assigned to <paramref name="Assignee"/>.</summary>
    /// <param name="Assignee">The assignee.</param>
    public sealed record AssignedTo(UserId Assignee) : ICriterion<Incident>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(Incident candidate) => candidate.Assignee == Assignee;
    }

    /// <summary>A running clock of the incident breaches before <paramref name="Instant"/>.</summary>
    /// <param name="Instant">The horizon.</param>
    public sealed record BreachingBefore(Instant Instant) : ICriterion<Incident>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(Incident candidate) => candidate.NextBreachAt is { } breach && breach < Instant;
    }

    /// <summary>The incident was opened in <c>[From, To)</c>.</summary>
    /// <param name="From">Inclusive start.</param>
    /// <param name="To">Exclusive end.</param>
    public sealed record OpenedBetween(Instant From, Instant To) : ICriterion<Incident>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(Incident candidate) => candidate.OpenedAt >= From && candidate.OpenedAt < To;
    }
}

/// <summary>Selects incidents by any combination of state, priority, service, assignee, breach horizon and opening period.</summary>
public sealed class IncidentSpecification : Specification<Incident>
{
    /// <summary>Creates the specification; null arguments do not filter. Ordered by opening time, or by next breach when <paramref name="breachingBefore"/> is given.</summary>
    public IncidentSpecification(
        IEnumerable<IncidentState>? states = null,
        Priority? priority = null,
        ConfigurationItemId? service = null,
        UserId? assignee = null,
        Instant? breachingBefore = null,
        Interval? openedIn = null,
        PageRequest? page = null)
    {
        if (states is not null)
        {
            Where(new IncidentCriteria.InStates(states.ToImmutableArray()));
        }

        if (priority is { } p)
        {
            Where(new IncidentCriteria.WithPriority(p));
        }

        if (service is { } s)
        {
            Where(new IncidentCriteria.ForService(s));
        }

        if (assignee is { } a)
        {
            Where(new IncidentCriteria.AssignedTo(a));
        }

        if (openedIn is { } period)
        {
            Where(new IncidentCriteria.OpenedBetween(period.Start, period.End));
        }

        if (breachingBefore is { } horizon)
        {
            Where(new IncidentCriteria.BreachingBefore(horizon));
            OrderBy(IncidentCriteria.ByNextBreach);
        }
        else
        {
            OrderBy(IncidentCriteria.ByOpenedAt);
        }

        OrderBy(IncidentCriteria.ById);
        if (page is { } pageRequest)
        {
            Paginate(pageRequest);
        }
    }
}
