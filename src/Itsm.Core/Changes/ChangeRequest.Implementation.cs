using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>A change's implementation phase: starting, completing or failing the work, the post-implementation review and closure.</summary>
public sealed partial class ChangeRequest
{
    /// <summary>Scheduled -> Implementing. Refused (Forbidden) unless the required approvals are recorded, in particular emergency authority for an emergency change.</summary>
    public Result StartImplementation(UserId actor, Instant at)
    {
        if (Guard(ChangeTransition.StartImplementation, "start implementing", at) is { } refused)
        {
            return refused;
        }

        if (!HasRequiredApprovals())
        {
            return Failure.Forbidden($"Change {Id} lacks the approval it requires ({Requirement?.Description ?? "no assessment"}); it cannot be implemented.", InsufficientAuthorityCode);
        }

        Status = ChangeStatus.Implementing;
        ImplementationStartedAt = at;
        Record(new ChangeImplementationStarted(Id, actor, at));
        return Result.Success();
    }

    /// <summary>Implementing -> Implemented.</summary>
    public Result Complete(string? notes, UserId actor, Instant at)
    {
        if (Guard(ChangeTransition.Complete, "complete", at) is { } refused)
        {
            return refused;
        }

        Status = ChangeStatus.Implemented;
        ImplementationEndedAt = at;
        OutcomeNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Record(new ChangeImplemented(Id, actor, at, OutcomeNotes));
        return Result.Success();
    }

    /// <summary>Implementing -> Failed, recording the remediation (backed out or fixed forward) and what happened.</summary>
    /// <returns>Invalid without notes or with an unknown remediation; Conflict when not Implementing.</returns>
    public Result Fail(FailureRemediation remediation, string notes, UserId actor, Instant at)
    {
        if (Guard(ChangeTransition.Fail, "fail", at) is { } refused)
        {
            return refused;
        }

        if (!Enum.IsDefined(remediation))
        {
            return Result.Invalid(Failure.Field("Remediation", $"Unknown remediation {remediation}.", "change.remediation"));
        }

        if (string.IsNullOrWhiteSpace(notes))
        {
            return Result.Invalid(Failure.Field("Notes", "Say what went wrong and how it was remediated.", "change.notes"));
        }

        Status = ChangeStatus.Failed;
        ImplementationEndedAt = at;
        Remediation = remediation;
        OutcomeNotes = notes.Trim();
        Record(new ChangeFailed(Id, actor, at, remediation, OutcomeNotes));
        return Result.Success();
    }

    /// <summary>Implemented or Failed -> Reviewed, recording the post-implementation review.</summary>
    public Result ReviewOutcome(string findings, UserId reviewer, Instant at)
    {
        if (Guard(ChangeTransition.Review, "review", at) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(findings))
        {
            return Result.Invalid(Failure.Field("Findings", "A post-implementation review needs findings.", "change.findings"));
        }

        Status = ChangeStatus.Reviewed;
        Review = new PostImplementationReview(reviewer, at, findings.Trim());
        Record(new ChangeReviewed(Id, reviewer, at, Review.Findings));
        return Result.Success();
    }

    /// <summary>Reviewed or Rejected -> Closed; Implemented -> Closed only when no review is required.</summary>
    public Result Close(UserId actor, Instant at)
    {
        if (Guard(ChangeTransition.Close, "close", at) is { } refused)
        {
            return refused;
        }

        Status = ChangeStatus.Closed;
        Record(new ChangeClosed(Id, actor, at));
        return Result.Success();
    }
}
