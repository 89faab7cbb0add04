using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Requests;

/// <summary>
/// A service request: something a user asked for from the request catalogue, approved in the item's stages and fulfilled
/// by its tasks, each done by a group on its own calendar, with the promised delivery instant.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lifecycle.</b> Submitted -> AwaitingApproval -> Approved / Rejected -> InFulfilment -> Fulfilled -> Closed, cancel
/// before fulfilment ends; the one table <see cref="ServiceRequestLifecycle.Table"/> says which transition is allowed where.
/// Every transition takes its own inputs, then the acting user, then the instant; it checks the state first
/// (<c>request.illegal-transition</c>), then the time (<c>request.time-order</c>), then its input, and either appends
/// exactly one <see cref="ServiceRequestEvent"/> to <see cref="History"/> or returns a failure and changes nothing.
/// </para>
/// <para>
/// <b>Approval.</b> The item's stages open one after the other. In a sequential stage each approver approves in the order
/// listed; in a parallel stage approvers vote in any order and the stage is approved at its quorum. Any rejection, in any
/// stage, rejects. The requester never approves or rejects their own request (<c>request.approval.self</c>), even when
/// listed. An approver of a parallel stage whose quorum is reached may still vote until fulfilment starts, and a rejection
/// then still rejects: so the outcome is a function of the set of votes of each stage, never of the order of parallel votes.
/// </para>
/// <para>
/// <b>Promise.</b> When the request is approved (at submission for a pre-approved item) fulfilment starts, and the
/// <see cref="Promised"/> delivery instant is the critical path through the item's tasks in business time
/// (<see cref="FulfilmentSchedule"/>), recorded in the event. A task may be done only once its predecessors are done.
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed partial class ServiceRequest
{
    /// <summary>Error code of an action the current state does not allow.</summary>
    public const string IllegalTransitionCode = "request.illegal-transition";

    /// <summary>Error code of an action at an instant before the request's latest record.</summary>
    public const string TimeOrderCode = "request.time-order";

    /// <summary>Error code of a submission with an unassigned identifier or requester.</summary>
    public const string InvalidCode = "request.invalid";

    /// <summary>Error code of a required field without a value.</summary>
    public const string FieldMissingCode = "request.field.missing";

    /// <summary>Error code of a value for a field the item does not have.</summary>
    public const string FieldUnknownCode = "request.field.unknown";

    /// <summary>Error code of the requester approving or rejecting their own request.</summary>
    public const string SelfApprovalCode = "request.approval.self";

    /// <summary>Error code of a vote by someone who approves in no stage of the item.</summary>
    public const string NotApproverCode = "request.approval.not-approver";

    /// <summary>Error code of a vote in a stage that is not open yet.</summary>
    public const string StageNotOpenCode = "request.approval.stage-not-open";

    /// <summary>Error code of a second vote by one approver in one stage.</summary>
    public const string VotedCode = "request.approval.voted";

    /// <summary>Error code of a vote in a sequential stage before the approvers listed before it approved.</summary>
    public const string OutOfTurnCode = "request.approval.out-of-turn";

    /// <summary>Error code of fulfilment work on a request that still needs approval.</summary>
    public const string ApprovalPendingCode = "request.approval.pending";

    /// <summary>Error code of a rejection or cancellation without a reason.</summary>
    public const string ReasonCode = "request.reason";

    /// <summary>Error code of a task the item does not have.</summary>
    public const string TaskUnknownCode = "request.task.unknown";

    /// <summary>Error code of a task already done.</summary>
    public const string TaskDoneCode = "request.task.done";

    /// <summary>Error code of a submission with an unassigned priority (<c>default</c>, rank 0).</summary>
    public const string PriorityCode = "request.priority";

    /// <summary>Error code of a task whose predecessors are not all done.</summary>
    public const string TaskBlockedCode = "request.task.blocked";

    private readonly List<Dictionary<UserId, bool>> votes;
    private readonly HashSet<FulfilmentTaskId> done = [];

    private ServiceRequest(ServiceRequestId id, RequestItem item, ServiceRequestSubmitted submitted)
    {
        Id = id;
        Item = item;
        Requester = submitted.By;
        SubmittedAt = submitted.At;
        Values = submitted.Values;
        Priority = submitted.Priority;
        Promised = submitted.Promised;
        votes = [.. item.Stages.Select(_ => new Dictionary<UserId, bool>())];
        History = [submitted];
    }

    /// <summary>The request's identifier.</summary>
    public ServiceRequestId Id { get; }

    /// <summary>The catalogue item asked for, as it was defined at submission.</summary>
    public RequestItem Item { get; }

    /// <summary>Who asked (the submitter).</summary>
    public UserId Requester { get; }

    /// <summary>When it was submitted.</summary>
    public Instant SubmittedAt { get; }

    /// <summary>The field values given, by field name.</summary>
    public ImmutableSortedDictionary<string, string> Values { get; }

    /// <summary>The priority it is worked at: the one given at submission, or the item's (<see cref="RequestItem.Priority"/>).</summary>
    public Priority Priority { get; }

    /// <summary>Where it is in its lifecycle.</summary>
    public ServiceRequestState State { get; private set; }

    /// <summary>The promised delivery instant, once fulfilment started (approval, or submission of a pre-approved item); null before.</summary>
    public Instant? Promised { get; private set; }

    /// <summary>The stage open for votes (counted from 0), or null when every stage is approved or the request was rejected.</summary>
    public int? OpenStage => State == ServiceRequestState.Rejected || FirstOpenStage() is not { } s ? null : s;

    /// <summary>The tasks done, in no particular order.</summary>
    public IReadOnlyCollection<FulfilmentTaskId> CompletedTasks => done;

    /// <summary>Everything that happened, oldest first; the first record is the submission.</summary>
    public ImmutableList<ServiceRequestEvent> History { get; private set; }

    /// <summary>How the approvers of stage <paramref name="stage"/> voted so far: true for approval.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a stage of the item.</exception>
    public IReadOnlyDictionary<UserId, bool> VotesIn(int stage)
    {
        Preconditions.CheckArgumentRange(stage, 0, votes.Count - 1);
        return votes[stage];
    }

    /// <summary>
    /// Submits a request for <paramref name="item"/> with the field values given; Invalid when a required field has no
    /// value (<c>request.field.missing</c>), a value names no field (<c>request.field.unknown</c>) or the priority is unassigned
    /// (<c>request.priority</c>). A pre-approved item's
    /// fulfilment starts at once, so its promise is scheduled on <paramref name="calendars"/>.
    /// </summary>
    /// <param name="id">The request's identifier.</param>
    /// <param name="item">The catalogue item asked for.</param>
    /// <param name="values">The field values, by field name (null for none).</param>
    /// <param name="priority">The priority to work it at, or null for the item's (<see cref="RequestItem.Priority"/>).</param>
    /// <param name="calendars">The business calendar of each group that does a task of the item.</param>
    /// <param name="by">The requester.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> or <paramref name="calendars"/> is null.</exception>
    public static Result<ServiceRequest> Submit(
        ServiceRequestId id, RequestItem item, IReadOnlyDictionary<string, string?>? values, Priority? priority, IReadOnlyDictionary<SupportGroupId, BusinessCalendar> calendars, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(item);
        Preconditions.CheckNotNull(calendars);
        var given = values ?? new Dictionary<string, string?>();
        var errors = new List<ValidationError>();
        if (id.Value == Guid.Empty || by.Value is null)
        {
            errors.Add(Failure.Field(string.Empty, "A request needs an assigned identifier and requester.", InvalidCode));
        }

        if (priority is { Rank: < 1 })
        {
            errors.Add(Failure.Field("Priority", "A request's priority must be assigned (P1 or a lower priority such as P4), or left out for the item's.", PriorityCode));
        }

        var names = item.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(given.Keys.Where(k => !names.Contains(k)).Order(StringComparer.Ordinal).Select(k => Failure.Field(k, $"Item {item.Id} has no field '{k}'; {(item.Fields.IsEmpty ? "it asks for none" : $"its fields are: {string.Join(", ", item.Fields)}")}.", FieldUnknownCode)));
        errors.AddRange(item.Fields.Where(f => f.IsRequired && string.IsNullOrWhiteSpace(given.GetValueOrDefault(f.Name))).Select(f => Failure.Field(f.Name, $"Item {item.Id} needs a value for '{f.Name}'.", FieldMissingCode)));
        if (errors.Count > 0)
        {
            return Result<ServiceRequest>.Invalid(errors);
        }

        Instant? promised = null;
        if (item.IsPreApproved)
        {
            var schedule = FulfilmentSchedule.Plan(item.Tasks, at, calendars);
            if (!schedule.IsSuccess)
            {
                return schedule.AsFailure<ServiceRequest>();
            }

            promised = schedule.Value.Promised;
        }

        var kept = given.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToImmutableSortedDictionary(p => p.Key, p => p.Value!.Trim(), StringComparer.Ordinal);
        return new ServiceRequest(id, item, new ServiceRequestSubmitted(at, by, kept, promised, priority ?? item.Priority));
    }

    /// <summary>
    /// Records <paramref name="by"/>'s approval in the earliest open or approved stage that lists them and where they have
    /// not voted. The approval that approves the last stage approves the request and starts fulfilment at
    /// <paramref name="at"/>: the promise is scheduled on <paramref name="calendars"/> (its failures are returned).
    /// </summary>
    /// <param name="comment">What the approver says, or null.</param>
    /// <param name="calendars">The business calendar of each group that does a task of the item.</param>
    /// <param name="by">The approver.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="calendars"/> is null.</exception>
    public Result Approve(string? comment, IReadOnlyDictionary<SupportGroupId, BusinessCalendar> calendars, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(calendars);
        var check = Require(ServiceRequestTransition.Approve, "approve", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        var stage = StageFor(by);
        if (!stage.IsSuccess)
        {
            return stage.AsFailure();
        }

        Instant? promised = null;
        if (State != ServiceRequestState.Approved && ApprovesLastStage(stage.Value, by))
        {
            var schedule = FulfilmentSchedule.Plan(Item.Tasks, at, calendars);
            if (!schedule.IsSuccess)
            {
                return schedule.AsFailure();
            }

            promised = schedule.Value.Promised;
        }

        return Append(new ServiceRequestApproved(at, by, stage.Value, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), promised));
    }

    /// <summary>Records <paramref name="by"/>'s rejection, which rejects the request (final).</summary>
    /// <param name="reason">Why.</param>
    /// <param name="by">The approver.</param>
    /// <param name="at">When.</param>
    public Result Reject(string? reason, UserId by, Instant at)
    {
        var check = Require(ServiceRequestTransition.Reject, "reject", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Failure.Invalid("Reason", "Say why the request is rejected.", ReasonCode);
        }

        var stage = StageFor(by);
        return stage.IsSuccess ? Append(new ServiceRequestRejected(at, by, stage.Value, reason.Trim())) : stage.AsFailure();
    }

    /// <summary>Records that <paramref name="task"/> is done; the last task fulfils the request.</summary>
    /// <param name="task">The task.</param>
    /// <param name="by">Who did it.</param>
    /// <param name="at">When.</param>
    public Result CompleteTask(FulfilmentTaskId task, UserId by, Instant at)
    {
        var check = Require(ServiceRequestTransition.CompleteTask, "complete a task of", at);
        return !check.IsSuccess ? check : TaskViolation(task) is { } refused ? refused : Append(new FulfilmentTaskCompleted(at, by, task));
    }

    /// <summary>Closes a fulfilled request.</summary>
    /// <param name="by">Who closes it.</param>
    /// <param name="at">When.</param>
    public Result Close(UserId by, Instant at) =>
        Require(ServiceRequestTransition.Close, "close", at) is { IsSuccess: false } refused ? refused : Append(new ServiceRequestClosed(at, by));

    /// <summary>Withdraws the request before it is fulfilled, with a reason.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="by">Who cancels it.</param>
    /// <param name="at">When.</param>
    public Result Cancel(string? reason, UserId by, Instant at)
    {
        var check = Require(ServiceRequestTransition.Cancel, "cancel", at);
        return !check.IsSuccess
            ? check
            : string.IsNullOrWhiteSpace(reason)
                ? Failure.Invalid("Reason", "Say why the request is cancelled.", ReasonCode)
                : Append(new ServiceRequestCancelled(at, by, reason.Trim()));
    }

    /// <summary>The transitions allowed from the current state, from <see cref="ServiceRequestLifecycle.Table"/>; each may still be refused for its input.</summary>
    public IReadOnlyList<ServiceRequestTransition> AllowedTransitions() => ServiceRequestLifecycle.Table.TransitionsFrom(State);

    private Result? TaskViolation(FulfilmentTaskId task)
    {
        if (State == ServiceRequestState.Submitted && !Item.IsPreApproved)
        {
            return Failure.Conflict($"Request {Id} still needs approval (stage 1, {Item.Stages[0].Name}); fulfilment starts once it is approved.", ApprovalPendingCode);
        }

        var definition = Item.Tasks.FirstOrDefault(t => t.Id == task);
        if (definition is null)
        {
            return Failure.Invalid("Task", $"Item {Item.Id} has no task '{task}'; its tasks are: {string.Join(", ", Item.Tasks.Select(t => t.Id))}.", TaskUnknownCode);
        }

        if (done.Contains(task))
        {
            return Failure.Conflict($"Task {task} of request {Id} is already done.", TaskDoneCode);
        }

        var waiting = definition.DependsOn.Where(d => !done.Contains(d)).ToList();
        return waiting.Count > 0
            ? Failure.Conflict($"Task {task} of request {Id} waits for {string.Join(", ", waiting)}; do those first.", TaskBlockedCode)
            : null;
    }

    /// <summary>Makes the transition <paramref name="e"/> records; its checks were made before.</summary>
    private void Apply(ServiceRequestEvent e)
    {
        switch (e)
        {
            case ServiceRequestApproved a:
                votes[a.Stage][a.By] = true;
                if (State != ServiceRequestState.Approved && FirstOpenStage() is null)
                {
                    State = ServiceRequestState.Approved;
                    Promised = a.Promised;
                }
                else if (State != ServiceRequestState.Approved)
                {
                    State = ServiceRequestState.AwaitingApproval;
                }

                break;
            case ServiceRequestRejected r:
                votes[r.Stage][r.By] = false;
                State = ServiceRequestState.Rejected;
                break;
            case FulfilmentTaskCompleted t:
                done.Add(t.Task);
                State = done.Count == Item.Tasks.Length ? ServiceRequestState.Fulfilled : ServiceRequestState.InFulfilment;
                break;
            case ServiceRequestClosed:
                State = ServiceRequestState.Closed;
                break;
            case ServiceRequestCancelled:
                State = ServiceRequestState.Cancelled;
                break;
        }

        History = History.Add(e);
    }

    /// <summary>State first, then time.</summary>
    private Result Require(ServiceRequestTransition via, string action, Instant at) =>
        ServiceRequestLifecycle.Table.Require(State, via, action, $"request {Id}", History[^1].At, at, IllegalTransitionCode, TimeOrderCode);

    private Result Append(ServiceRequestEvent e)
    {
        Apply(e);
        return Result.Success();
    }

    private static string Describe(ServiceRequestEvent? e) => e is null ? "null" : $"{e.GetType().Name} by {e.By} at {e.At}";
}
