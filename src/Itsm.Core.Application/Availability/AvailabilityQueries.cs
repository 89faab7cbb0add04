using Itsm.Core.Application.Common;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Availability;

/// <summary>
/// The availability of one service over a period (<see cref="AvailabilityMeasure"/>): its service hours from the business calendar
/// <paramref name="Calendar"/>, the CMDB as it is now, and the outages overlapping the period; with the attainment of the targets in
/// force during the period (<see cref="ServiceAvailabilityTargets.InForce"/>: the offering's, when one is named and has its own, else
/// the service's), each part of the period against its own target (<see cref="AvailabilityAttainment"/>). NotFound when the calendar (<c>calendar.not-found</c>), the
/// service or the what-if group (<c>cmdb.item.unknown</c>) does not exist; Invalid (<c>availability.period.invalid</c>) for a period that
/// is empty or outside 1900 to 2150.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The service.</param>
/// <param name="Period">The period measured, half-open.</param>
/// <param name="Calendar">The service-hours calendar.</param>
public sealed record GetAvailability(RequestContext Context, ConfigurationItemId Service, Interval Period, CalendarId Calendar) : IQuery<Result<AvailabilityReport>>
{
    /// <summary>What-if: measure as if this group (a cluster with a k-of-n rule) had one more member that never fails (<see cref="AvailabilityWhatIf"/>).</summary>
    public ConfigurationItemId? ExtraMemberOf { get; init; }

    /// <summary>The offering whose target to assess against, or null for the service's own.</summary>
    public string? Offering { get; init; }
}

/// <summary>What <see cref="GetAvailability"/> answers.</summary>
/// <param name="Figures">The service's figures over the period.</param>
/// <param name="Attainment">
/// How the figures attain the targets in force during the period, part by part with the target of each, or null when none was in force
/// at any time of it (set later, or never).
/// </param>
/// <param name="WhatIfMember">The hypothetical member a what-if added, or null.</param>
public sealed record AvailabilityReport(ServiceAvailability Figures, AvailabilityAttainment? Attainment, ConfigurationItemId? WhatIfMember);

/// <summary>One outage with its version; NotFound (<c>availability.outage.not-found</c>) when unknown.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Outage">The outage.</param>
public sealed record GetOutage(RequestContext Context, OutageId Outage) : IQuery<Result<Versioned<OutageRecord>>>;

/// <summary>
/// Outages by start (<see cref="OutagesOverlapping"/>): of one item, or of every item a service depends on (its dependency closure in
/// the CMDB, the service included), overlapping a period when given, paged. NotFound (<c>cmdb.item.unknown</c>) for a service not in the
/// CMDB; Invalid (<c>availability.outage.filter</c>) for both an item and a service, (<c>availability.period.invalid</c>) for only one end
/// of the period or an empty one.
/// </summary>
/// <param name="Context">Who asks.</param>
public sealed record ListOutages(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<OutageRecord>>>>
{
    /// <summary>Only outages of this item.</summary>
    public ConfigurationItemId? Item { get; init; }

    /// <summary>Only outages of items this service depends on, the service included.</summary>
    public ConfigurationItemId? Service { get; init; }

    /// <summary>Only outages still going on at or after this instant (with <see cref="To"/>).</summary>
    public Instant? From { get; init; }

    /// <summary>Only outages starting before this instant (with <see cref="From"/>).</summary>
    public Instant? To { get; init; }

    /// <summary>How many to skip.</summary>
    public int Skip { get; init; }

    /// <summary>How many to return at most (1 to 1,000).</summary>
    public int Take { get; init; } = 100;
}

/// <summary>A service's availability targets with their version; NotFound (<c>availability.target.not-found</c>) when none is set.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The service.</param>
public sealed record GetAvailabilityTargets(RequestContext Context, ConfigurationItemId Service) : IQuery<Result<Versioned<ServiceAvailabilityTargets>>>;
