using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Requests;

/// <summary>Where a service request is in its lifecycle.</summary>
/// <remarks><c>default</c> is <see cref="Submitted"/>. See <see cref="ServiceRequestLifecycle.Table"/>.</remarks>
public enum ServiceRequestState
{
    /// <summary>Submitted; no approval recorded yet (a pre-approved request waits here for its first task).</summary>
    Submitted = 0,

    /// <summary>Approvals recorded, a stage still open.</summary>
    AwaitingApproval = 1,

    /// <summary>Every stage approved; the promised delivery instant is set; no task done yet.</summary>
    Approved = 2,

    /// <summary>Final: an approver rejected it.</summary>
    Rejected = 3,

    /// <summary>Some fulfilment tasks done, others not.</summary>
    InFulfilment = 4,

    /// <summary>Every fulfilment task done; awaits closure.</summary>
    Fulfilled = 5,

    /// <summary>Final: fulfilled and closed.</summary>
    Closed = 6,

    /// <summary>Final: withdrawn before it was fulfilled.</summary>
    Cancelled = 7,
}

/// <summary>The transitions of a service request, one per command that changes it after submission and one per kind of history event.</summary>
/// <remarks><c>default</c> is <see cref="Approve"/>.</remarks>
public enum ServiceRequestTransition
{
    /// <summary>An approver approves (<see cref="ServiceRequest.Approve"/>, <see cref="ServiceRequestApproved"/>).</summary>
    Approve = 0,

    /// <summary>An approver rejects (<see cref="ServiceRequest.Reject"/>, <see cref="ServiceRequestRejected"/>).</summary>
    Reject = 1,

    /// <summary>A fulfilment task is done (<see cref="ServiceRequest.CompleteTask"/>, <see cref="FulfilmentTaskCompleted"/>).</summary>
    CompleteTask = 2,

    /// <summary>Close (<see cref="ServiceRequest.Close"/>, <see cref="ServiceRequestClosed"/>).</summary>
    Close = 3,

    /// <summary>Cancel (<see cref="ServiceRequest.Cancel"/>, <see cref="ServiceRequestCancelled"/>).</summary>
    Cancel = 4,
}

/// <summary>
/// The service request lifecycle as one table (<see cref="Table"/>); <see cref="ServiceRequest"/>'s guards and
/// <see cref="ServiceRequest.Restore"/>'s replay read it.
/// </summary>
/// <remarks>
/// <para>
/// Submitted -> AwaitingApproval (an approval that leaves a stage open) -> Approved (the last stage's quorum) ->
/// InFulfilment (a task done) -> Fulfilled (the last task done) -> Closed. Any rejection rejects (Rejected is final), from
/// Submitted, AwaitingApproval and also Approved: until fulfilment starts, an approver of a parallel stage whose quorum
/// was already reached may still vote, so that the outcome never depends on the order of the parallel votes. A
/// pre-approved item's request goes from Submitted straight to fulfilment. Every state before Fulfilled may be cancelled.
/// </para>
/// <para>Stateless and thread-safe; the table is immutable.</para>
/// </remarks>
public static class ServiceRequestLifecycle
{
    /// <summary>Error code of a stored request whose history or state the lifecycle does not allow (<see cref="ServiceRequest.Restore"/>).</summary>
    public const string HistoryCode = "request.history";

    /// <summary>The lifecycle: every row (from, transition, to).</summary>
    public static TransitionTable<ServiceRequestState, ServiceRequestTransition> Table { get; } = new(Rows());

    /// <summary>The states a request can be cancelled from: every state before fulfilment ends.</summary>
    public static ImmutableArray<ServiceRequestState> OpenStates { get; } = Table.StatesAllowing(ServiceRequestTransition.Cancel);

    /// <summary>The transition <paramref name="e"/> records, or null for the submission (which starts the lifecycle in Submitted).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static ServiceRequestTransition? TransitionOf(ServiceRequestEvent e) => Preconditions.CheckNotNull(e) switch
    {
        ServiceRequestApproved => ServiceRequestTransition.Approve,
        ServiceRequestRejected => ServiceRequestTransition.Reject,
        FulfilmentTaskCompleted => ServiceRequestTransition.CompleteTask,
        ServiceRequestClosed => ServiceRequestTransition.Close,
        ServiceRequestCancelled => ServiceRequestTransition.Cancel,
        _ => null,
    };

    private static IEnumerable<TransitionRule<ServiceRequestState, ServiceRequestTransition>> Rows()
    {
        static TransitionRule<ServiceRequestState, ServiceRequestTransition> Row(ServiceRequestState from, ServiceRequestTransition via, ServiceRequestState to) => new(from, via, to);
        foreach (var voting in new[] { ServiceRequestState.Submitted, ServiceRequestState.AwaitingApproval })
        {
            yield return Row(voting, ServiceRequestTransition.Approve, ServiceRequestState.AwaitingApproval);
            yield return Row(voting, ServiceRequestTransition.Approve, ServiceRequestState.Approved);
            yield return Row(voting, ServiceRequestTransition.Reject, ServiceRequestState.Rejected);
        }

        yield return Row(ServiceRequestState.Approved, ServiceRequestTransition.Approve, ServiceRequestState.Approved);
        yield return Row(ServiceRequestState.Approved, ServiceRequestTransition.Reject, ServiceRequestState.Rejected);
        foreach (var doing in new[] { ServiceRequestState.Submitted, ServiceRequestState.Approved, ServiceRequestState.InFulfilment })
        {
            yield return Row(doing, ServiceRequestTransition.CompleteTask, ServiceRequestState.InFulfilment);
            yield return Row(doing, ServiceRequestTransition.CompleteTask, ServiceRequestState.Fulfilled);
        }

        foreach (var open in new[] { ServiceRequestState.Submitted, ServiceRequestState.AwaitingApproval, ServiceRequestState.Approved, ServiceRequestState.InFulfilment })
        {
            yield return Row(open, ServiceRequestTransition.Cancel, ServiceRequestState.Cancelled);
        }

        yield return Row(ServiceRequestState.Fulfilled, ServiceRequestTransition.Close, ServiceRequestState.Closed);
    }
}
