using Itsm.Core.Application.Common;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Application.Requests;

/// <summary>One catalogue item with its version; NotFound (<c>request.item.not-found</c>) when the tenant has none with that id.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Item">The item.</param>
public sealed record GetRequestItem(RequestContext Context, RequestItemId Item) : IQuery<Result<Versioned<RequestItem>>>;

/// <summary>The tenant's catalogue items, of one service when given, by id.</summary>
/// <param name="Context">Who asks.</param>
public sealed record ListRequestItems(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<RequestItem>>>>
{
    /// <summary>Only items of this business service; null for every service.</summary>
    public ConfigurationItemId? Service { get; init; }
}

/// <summary>
/// One request with its version and its fulfilment clock evaluated now on the item's service calendar; NotFound
/// (<c>request.not-found</c>) when the tenant has none with that id, (<c>calendar.not-found</c>) when the service calendar is gone.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Request">The request.</param>
public sealed record GetRequest(RequestContext Context, ServiceRequestId Request) : IQuery<Result<ServiceRequestView>>;

/// <summary>A request as <see cref="GetRequest"/> answers it: the record, and where its fulfilment clock stands now.</summary>
/// <param name="Request">The request and its version.</param>
/// <param name="Fulfilment">The fulfilment clock at <see cref="SlaClockStatus.At"/> (now).</param>
/// <param name="Zone">The service calendar's time zone, for showing local times.</param>
public sealed record ServiceRequestView(Versioned<ServiceRequest> Request, SlaClockStatus Fulfilment, DateTimeZone Zone)
{
    /// <summary>True when the fulfilment target is exceeded (<see cref="SlaClockState.Breached"/>).</summary>
    public bool IsBreached => Fulfilment.IsBreached;

    /// <summary>
    /// True when the running clock is not breached yet but is at risk: it crossed a warning threshold of the item, or the
    /// promised delivery instant (the critical path) lies after the instant the target is reached.
    /// </summary>
    public bool IsAtRisk =>
        Fulfilment.State == SlaClockState.Running
        && (!Fulfilment.ThresholdsCrossed.IsEmpty || (Request.Record.Promised is { } promised && Fulfilment.Due is { } due && promised > due));
}

/// <summary>The tenant's requests matching every given filter, oldest submission first, then by id, one page.</summary>
/// <param name="Context">Who asks.</param>
public sealed record ListRequests(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<ServiceRequest>>>>
{
    /// <summary>Only requests in these states; null for any state.</summary>
    public IReadOnlyList<ServiceRequestState>? States { get; init; }

    /// <summary>Only requests for items of this business service; null for any.</summary>
    public ConfigurationItemId? Service { get; init; }

    /// <summary>Only requests this user submitted; null for anyone.</summary>
    public UserId? Requester { get; init; }

    /// <summary>How many to skip.</summary>
    public int Skip { get; init; }

    /// <summary>How many to return at most (1 to <see cref="PageRequest.MaxTake"/>).</summary>
    public int Take { get; init; } = 100;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
