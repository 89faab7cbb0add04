using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Changes;

/// <summary>The transitions of a change request: one per command that moves it after it was raised.</summary>
/// <remarks><c>default</c> is <see cref="Submit"/>. See <see cref="ChangeLifecycle.Table"/> for where each is allowed.</remarks>
public enum ChangeTransition
{
    /// <summary>Hand in for assessment (<see cref="ChangeRequest.Submit"/>, <see cref="ChangeSubmitted"/>).</summary>
    Submit = 0,

    /// <summary>Assess the risk (<see cref="ChangeRequest.AssessRisk"/>, <see cref="ChangeRiskAssessed"/>); approves at once when the requirement is pre-approval.</summary>
    AssessRisk = 1,

    /// <summary>Record an approval (<see cref="ChangeRequest.Approve"/>, <see cref="ChangeApprovalRecorded"/>); approves the change when it completes the quorum.</summary>
    Approve = 2,

    /// <summary>Reject (<see cref="ChangeRequest.Reject"/>, <see cref="ChangeRejected"/>).</summary>
    Reject = 3,

    /// <summary>Schedule into the planned window (<see cref="ChangeRequest.Schedule"/>, <see cref="ChangeScheduled"/>).</summary>
    Schedule = 4,

    /// <summary>Start implementing (<see cref="ChangeRequest.StartImplementation"/>, <see cref="ChangeImplementationStarted"/>).</summary>
    StartImplementation = 5,

    /// <summary>Complete successfully (<see cref="ChangeRequest.Complete"/>, <see cref="ChangeImplemented"/>).</summary>
    Complete = 6,

    /// <summary>Record a failed implementation (<see cref="ChangeRequest.Fail"/>, <see cref="ChangeFailed"/>).</summary>
    Fail = 7,

    /// <summary>Record the post-implementation review (<see cref="ChangeRequest.ReviewOutcome"/>, <see cref="ChangeReviewed"/>).</summary>
    Review = 8,

    /// <summary>Close (<see cref="ChangeRequest.Close"/>, <see cref="ChangeClosed"/>).</summary>
    Close = 9,
}

/// <summary>
/// The change lifecycle as one table (<see cref="Table"/>): which <see cref="ChangeTransition"/> may lead
/// from which <see cref="ChangeStatus"/> to which. <see cref="ChangeRequest"/>'s guards, its
/// <see cref="ChangeRequest.NextStates"/> and <see cref="ChangeRequest.Restore"/>'s check of a stored history
/// all read it, and so do the queries of open changes (<see cref="OpenStatuses"/>) and of the change calendar
/// (<see cref="CalendarStatuses"/>).
/// </summary>
/// <remarks>
/// <para>
/// Draft -> Submitted -> Assessed -> Approved | Rejected; Approved -> Scheduled -> Implementing ->
/// Implemented | Failed -> Reviewed -> Closed; Rejected -> Closed; Implemented -> Closed. Assessing may be
/// repeated while Assessed; a first assessment leads to Approved at once when its requirement is pre-approval (a
/// standard change assessed low: a standard change is never Assessed, since one assessed above low becomes normal);
/// an approval leaves the change Assessed until it completes the quorum.
/// </para>
/// <para>
/// Beside the table, <see cref="ChangeRequest"/> applies one rule of its own data: Implemented -> Closed only
/// when no review is required (<see cref="ChangeRequest.RequiresReview"/>: emergency and failed changes).
/// </para>
/// <para>Stateless and thread-safe; the table is immutable.</para>
/// </remarks>
public static class ChangeLifecycle
{
    /// <summary>The change lifecycle: every row (from, transition, to).</summary>
    public static TransitionTable<ChangeStatus, ChangeTransition> Table { get; } = new(
    [
        new(ChangeStatus.Draft, ChangeTransition.Submit, ChangeStatus.Submitted),
        new(ChangeStatus.Submitted, ChangeTransition.AssessRisk, ChangeStatus.Assessed),
        new(ChangeStatus.Submitted, ChangeTransition.AssessRisk, ChangeStatus.Approved),
        new(ChangeStatus.Assessed, ChangeTransition.AssessRisk, ChangeStatus.Assessed),
        new(ChangeStatus.Assessed, ChangeTransition.Approve, ChangeStatus.Assessed),
        new(ChangeStatus.Assessed, ChangeTransition.Approve, ChangeStatus.Approved),
        new(ChangeStatus.Assessed, ChangeTransition.Reject, ChangeStatus.Rejected),
        new(ChangeStatus.Approved, ChangeTransition.Schedule, ChangeStatus.Scheduled),
        new(ChangeStatus.Scheduled, ChangeTransition.StartImplementation, ChangeStatus.Implementing),
        new(ChangeStatus.Implementing, ChangeTransition.Complete, ChangeStatus.Implemented),
        new(ChangeStatus.Implementing, ChangeTransition.Fail, ChangeStatus.Failed),
        new(ChangeStatus.Implemented, ChangeTransition.Review, ChangeStatus.Reviewed),
        new(ChangeStatus.Failed, ChangeTransition.Review, ChangeStatus.Reviewed),
        new(ChangeStatus.Implemented, ChangeTransition.Close, ChangeStatus.Closed),
        new(ChangeStatus.Reviewed, ChangeTransition.Close, ChangeStatus.Closed),
        new(ChangeStatus.Rejected, ChangeTransition.Close, ChangeStatus.Closed),
    ]);

    /// <summary>
    /// The open statuses: every status but Closed, the one final status of the table. A rejected change stays
    /// open until it is closed. The one definition of "open" for changes, used by <see cref="ChangeRequest.IsOpen"/>
    /// and the lists of open changes of every adapter.
    /// </summary>
    public static ImmutableArray<ChangeStatus> OpenStatuses { get; } = [.. Enum.GetValues<ChangeStatus>().Where(s => !Table.IsFinal(s))];

    /// <summary>
    /// The statuses whose planned windows occupy the change calendar, and so can conflict: Approved, Scheduled
    /// and Implementing (approved and not yet finished).
    /// </summary>
    public static ImmutableArray<ChangeStatus> CalendarStatuses { get; } = [ChangeStatus.Approved, ChangeStatus.Scheduled, ChangeStatus.Implementing];

    /// <summary>True when <paramref name="status"/> is one of <see cref="OpenStatuses"/>.</summary>
    public static bool IsOpen(ChangeStatus status) => OpenStatuses.Contains(status);

    /// <summary>
    /// The transition <paramref name="e"/> records, or null for the raise (which starts the lifecycle in Draft):
    /// every other record is exactly one transition.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static ChangeTransition? TransitionOf(ChangeEvent e) => Preconditions.CheckNotNull(e) switch
    {
        ChangeSubmitted => ChangeTransition.Submit,
        ChangeRiskAssessed => ChangeTransition.AssessRisk,
        ChangeApprovalRecorded => ChangeTransition.Approve,
        ChangeRejected => ChangeTransition.Reject,
        ChangeScheduled => ChangeTransition.Schedule,
        ChangeImplementationStarted => ChangeTransition.StartImplementation,
        ChangeImplemented => ChangeTransition.Complete,
        ChangeFailed => ChangeTransition.Fail,
        ChangeReviewed => ChangeTransition.Review,
        ChangeClosed => ChangeTransition.Close,
        _ => null,
    };
}
