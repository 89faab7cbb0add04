using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>How a change checks a transition's state, time and authority, and records its events.</summary>
public sealed partial class ChangeRequest
{
    private Result CheckDecision(ChangeTransition via, string action, UserId approver, ChangeAuthority held, string reason, Instant at)
    {
        if (Guard(via, action, at) is { } refused)
        {
            return refused;
        }

        if (approver == Requester)
        {
            return Failure.Forbidden($"{approver} raised change {Id} and so may not {action} it (segregation of duties).", SelfApprovalCode);
        }

        if ((held & Requirement!.Authority) == 0)
        {
            return Failure.Forbidden($"{approver} may not {action} change {Id}: it needs {Requirement.Description}, which requires {Requirement.Authority} authority.", InsufficientAuthorityCode);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Invalid(Failure.Field("Reason", $"Say why you {action} the change.", "change.reason"));
        }

        return Result.Success();
    }

    private void Record(ChangeEvent e)
    {
        events.Add(e);
        history = history.Add(e);
    }

    /// <summary>True for closing an implemented change whose review is still required: the one rule on top of the table.</summary>
    private bool ReviewPending(ChangeTransition via) => via == ChangeTransition.Close && Status == ChangeStatus.Implemented && RequiresReview;

    /// <summary>
    /// State first, then time: a conflict when the table does not allow <paramref name="via"/> from the current
    /// status (or a review is still required before closing), or when <paramref name="at"/> is before the latest
    /// event; null when the transition may go ahead and its input may be checked.
    /// </summary>
    private Result? Guard(ChangeTransition via, string action, Instant at)
    {
        if (!ChangeLifecycle.Table.Allows(Status, via) || ReviewPending(via))
        {
            var why = via == ChangeTransition.Close && RequiresReview && Status is ChangeStatus.Implemented or ChangeStatus.Failed ? $" A{(Type == ChangeType.Emergency ? "n emergency" : " failed")} change needs its post-implementation review first." : string.Empty;
            var from = ChangeLifecycle.Table.StatesAllowing(via).Where(s => !(via == ChangeTransition.Close && s == ChangeStatus.Implemented && RequiresReview));
            return Failure.Conflict(
                $"Cannot {action} change {Id}: it is {Status}; {action} is allowed only from {string.Join(" or ", from)}. From {Status} it may move to: {(NextStates() is { Count: > 0 } next ? string.Join(", ", next) : "nothing (final)")}.{why}",
                IllegalTransitionCode);
        }

        var last = history[^1].At;
        return at < last
            ? Failure.Conflict($"Cannot {action} change {Id} at {at}: its latest event was at {last}, and history does not run backwards.", TimeOrderCode)
            : null;
    }
}
