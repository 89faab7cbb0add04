using Itsm.Core.Application.Common;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Availability;

/// <summary>
/// Records an outage of a configuration item (<see cref="OutageRecord.Record"/>) under a new id and answers it at version 1.
/// NotFound (<c>cmdb.item.unknown</c>) when the item does not exist.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Item">The configuration item that is or was out.</param>
/// <param name="Start">The first instant it was out.</param>
/// <param name="End">The first instant it was back, or null while it is still out.</param>
/// <param name="Kind">Planned work or a failure.</param>
public sealed record RecordOutage(RequestContext Context, ConfigurationItemId Item, Instant Start, Instant? End, OutageKind Kind) : ICommand<Result<Versioned<OutageRecord>>>
{
    /// <summary>The incident or change the outage is attributed to, or null.</summary>
    public OutageCause? Cause { get; init; }
}

/// <summary>
/// A command on one recorded outage, with optional client-side optimistic concurrency. Answers the outage as the command left it, with its
/// new version. NotFound (<c>availability.outage.not-found</c>) for an unknown outage.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Outage">The outage.</param>
public abstract record OutageCommand(RequestContext Context, OutageId Outage) : ICommand<Result<Versioned<OutageRecord>>>
{
    /// <summary>When set, the command fails with Conflict (<c>availability.outage.version-conflict</c>) unless the stored outage is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Ends an ongoing outage at <paramref name="End"/> (<see cref="OutageRecord.RecordEnd"/>).</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Outage">The outage.</param>
/// <param name="End">The first instant the item was back.</param>
public sealed record EndOutage(RequestContext Context, OutageId Outage, Instant End) : OutageCommand(Context, Outage);

/// <summary>
/// Corrects what an outage record says (<see cref="OutageRecord.Correct"/>), with the reason. NotFound (<c>cmdb.item.unknown</c>) when the
/// corrected item does not exist.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Outage">The outage.</param>
/// <param name="Details">The corrected details, whole.</param>
/// <param name="Reason">Why the record was wrong (at most 2,000 characters).</param>
public sealed record CorrectOutage(RequestContext Context, OutageId Outage, OutageDetails Details, string Reason) : OutageCommand(Context, Outage);

/// <summary>
/// Sets the availability target of a service, or of one of its offerings (<see cref="ServiceAvailabilityTargets"/>), and answers the
/// service's targets with their new version. NotFound (<c>cmdb.item.unknown</c>) when the service does not exist.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Service">The service.</param>
/// <param name="Target">The target, a fraction in (0, 1]: 99.5 % is 0.995.</param>
public sealed record SetAvailabilityTarget(RequestContext Context, ConfigurationItemId Service, double Target) : ICommand<Result<Versioned<ServiceAvailabilityTargets>>>
{
    /// <summary>The offering (such as <c>gold</c>), or null for the service as a whole.</summary>
    public string? Offering { get; init; }

    /// <summary>
    /// When the target takes effect, or null for now (the instant the command is accepted): earlier for a target agreed back to the start
    /// of a period, later for one agreed ahead. Revisions of one target must take effect in order (<c>availability.target.effective-order</c>).
    /// </summary>
    public Instant? EffectiveFrom { get; init; }

    /// <summary>When set, the command fails with Conflict (<c>record.version-conflict</c>) unless the service's stored targets are at this version.</summary>
    public long? ExpectedVersion { get; init; }
}
