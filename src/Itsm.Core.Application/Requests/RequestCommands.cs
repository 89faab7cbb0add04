using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Requests;
using NodaTime;

namespace Itsm.Core.Application.Requests;

/// <summary>
/// Defines a request catalogue item (<see cref="RequestItem.Define"/>): what can be asked for from <paramref name="Service"/>, its
/// fields, approval stages, fulfilment tasks and target, the service calendar the target is measured on and the calendar each
/// task's group works on. NotFound for a service the CMDB does not have (<c>cmdb.item.unknown</c>) or a calendar the tenant does
/// not have (<c>calendar.not-found</c>); Conflict (<c>record.exists</c>) when the id is taken. Answers the item at version 1.
/// </summary>
/// <param name="Context">Who defines it, for which tenant.</param>
/// <param name="Id">The item's identifier.</param>
/// <param name="Service">The business service it belongs to.</param>
/// <param name="Name">What can be asked for.</param>
/// <param name="Fields">The fields a request gives.</param>
/// <param name="Stages">The approval stages, in order (empty for a pre-approved item).</param>
/// <param name="Tasks">The fulfilment tasks.</param>
/// <param name="FulfilmentTarget">The agreed business time from approval to delivery.</param>
/// <param name="ServiceCalendar">The calendar the target is measured on.</param>
/// <param name="GroupCalendars">The calendar each group that does a task works on.</param>
public sealed record DefineRequestItem(
    RequestContext Context,
    RequestItemId Id,
    ConfigurationItemId Service,
    string Name,
    IReadOnlyList<RequestField> Fields,
    IReadOnlyList<ApprovalStage> Stages,
    IReadOnlyList<FulfilmentTask> Tasks,
    Duration FulfilmentTarget,
    CalendarId ServiceCalendar,
    IReadOnlyDictionary<SupportGroupId, CalendarId> GroupCalendars) : ICommand<Result<Versioned<RequestItem>>>
{
    /// <summary>Percentages of the target past which a running request is at risk; none unless set.</summary>
    public ImmutableArray<int> WarningThresholds { get; init; } = [];

    /// <summary>The priority the item's requests are worked at unless their submission gives another; <see cref="RequestItem.StandardPriority"/> unless set.</summary>
    public Priority? Priority { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Submits a request for a catalogue item (<see cref="ServiceRequest.Submit"/>) as the acting user, now. A pre-approved item's
/// fulfilment starts at once: its promised delivery instant is the critical path through the item's tasks, each on its group's
/// calendar read from the calendar repository. NotFound (<c>request.item.not-found</c>) for an unknown item,
/// (<c>calendar.not-found</c>) for a calendar it names that is gone; Conflict (<c>sla.beyond-horizon</c>) when the fulfilment
/// target is not reached before the calendars' horizon. Answers the request at version 1.
/// </summary>
/// <param name="Context">Who asks (the requester), for which tenant.</param>
/// <param name="Item">The catalogue item asked for.</param>
public sealed record SubmitRequest(RequestContext Context, RequestItemId Item) : ICommand<Result<Versioned<ServiceRequest>>>
{
    /// <summary>The field values, by field name; none unless set.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>The priority to work the request at; the item's (<see cref="RequestItem.Priority"/>) unless set.</summary>
    public Priority? Priority { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// A command on one existing service request, with optional client-side optimistic concurrency. Answers the request as the
/// command left it, with its new version. NotFound (<c>request.not-found</c>) for an unknown request.
/// </summary>
/// <param name="Context">Who acts, for which tenant.</param>
/// <param name="Request">The request.</param>
public abstract record ServiceRequestCommand(RequestContext Context, ServiceRequestId Request) : ICommand<Result<Versioned<ServiceRequest>>>
{
    /// <summary>When set, the command fails with Conflict (<c>request.version-conflict</c>) unless the stored request is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>
/// Records the acting user's approval (<see cref="ServiceRequest.Approve"/>); the approval that approves the last stage starts
/// fulfilment, and the promise is scheduled on the calendars of the item's groups. Forbidden (<c>request.approval.self</c>) for the requester.
/// </summary>
/// <param name="Context">The approver.</param>
/// <param name="Request">The request.</param>
public sealed record ApproveRequest(RequestContext Context, ServiceRequestId Request) : ServiceRequestCommand(Context, Request)
{
    /// <summary>What the approver says, or null.</summary>
    public string? Comment { get; init; }
}

/// <summary>Records the acting user's rejection, which rejects the request (<see cref="ServiceRequest.Reject"/>).</summary>
/// <param name="Context">The approver.</param>
/// <param name="Request">The request.</param>
/// <param name="Reason">Why.</param>
public sealed record RejectRequest(RequestContext Context, ServiceRequestId Request, string Reason) : ServiceRequestCommand(Context, Request);

/// <summary>Records that a fulfilment task is done (<see cref="ServiceRequest.CompleteTask"/>); the last one fulfils the request and stops its clock.</summary>
/// <param name="Context">Who did it.</param>
/// <param name="Request">The request.</param>
/// <param name="Task">The task.</param>
public sealed record CompleteFulfilmentTask(RequestContext Context, ServiceRequestId Request, FulfilmentTaskId Task) : ServiceRequestCommand(Context, Request);

/// <summary>Closes a fulfilled request (<see cref="ServiceRequest.Close"/>).</summary>
/// <param name="Context">Who closes it.</param>
/// <param name="Request">The request.</param>
public sealed record CloseRequest(RequestContext Context, ServiceRequestId Request) : ServiceRequestCommand(Context, Request);

/// <summary>Withdraws a request before it is fulfilled (<see cref="ServiceRequest.Cancel"/>).</summary>
/// <param name="Context">Who cancels it.</param>
/// <param name="Request">The request.</param>
/// <param name="Reason">Why.</param>
public sealed record CancelRequest(RequestContext Context, ServiceRequestId Request, string Reason) : ServiceRequestCommand(Context, Request);
