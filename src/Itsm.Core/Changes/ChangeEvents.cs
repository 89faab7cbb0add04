using NodaTime;
using Itsm.Core.Common;

namespace Itsm.Core.Changes;

/// <summary>Something that happened to a change request; every lifecycle transition raises one.</summary>
/// <param name="Change">The change request.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="At">When.</param>
/// <remarks>
/// Immutable data; thread-safe. Kept in order in <see cref="ChangeRequest.History"/> and stored with
/// the change. Prints as <c>"{At} {Actor}: {What}"</c>, for instance
/// <c>"2026-03-02T09:00:00Z cab1: approval recorded (ChangeAdvisoryBoard): tested in staging"</c>.
/// </remarks>
public abstract record ChangeEvent(ChangeId Change, UserId Actor, Instant At)
{
    /// <summary>What happened, in a few words with its details (risk class, authority, reason, ...); not stored.</summary>
    public abstract string What { get; }

    /// <summary>Returns <c>"{At} {Actor}: {What}"</c>.</summary>
    public sealed override string ToString() => $"{At} {Actor}: {What}";
}

/// <summary>A change request was raised (in <see cref="ChangeStatus.Draft"/>).</summary>
public sealed record ChangeRaised(ChangeId Change, UserId Actor, Instant At, ChangeType Type) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => $"raised ({Type})";
}

/// <summary>A change request was submitted for assessment.</summary>
public sealed record ChangeSubmitted(ChangeId Change, UserId Actor, Instant At) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => "submitted";
}

/// <summary>
/// A change's risk was assessed, with the approval it now requires; a standard change assessed above low was
/// reclassified by this same assessment (<paramref name="Reclassification"/>), and one whose requirement is
/// pre-approved (<see cref="ApprovalRequirement.IsPreApproved"/>) was approved by it at once.
/// </summary>
public sealed record ChangeRiskAssessed(ChangeId Change, UserId Actor, Instant At, RiskAssessment Assessment, ApprovalRequirement Requirement, ChangeReclassification? Reclassification = null)
    : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What =>
        $"risk assessed {Assessment.Class} by '{Assessment.Model}'; requires {Requirement.Description}"
        + (Reclassification is { } r ? $"; reclassified {r.From} -> {r.To}: {r.Reason}" : string.Empty)
        + (Requirement.IsPreApproved ? "; approved" : string.Empty);
}

/// <summary>How an assessment reclassified a change: a standard change assessed above low is handled as a normal one.</summary>
/// <param name="From">The type before.</param>
/// <param name="To">The type after.</param>
/// <param name="Reason">Why, in a sentence.</param>
public sealed record ChangeReclassification(ChangeType From, ChangeType To, string Reason);

/// <summary>
/// An approver approved; when <paramref name="ApprovesChange"/>, this approval reached the quorum and the change
/// became <see cref="ChangeStatus.Approved"/> with it.
/// </summary>
public sealed record ChangeApprovalRecorded(ChangeId Change, UserId Actor, Instant At, ApprovalDecision Decision, bool ApprovesChange) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => $"approval recorded ({Decision.Authority}): {Decision.Reason}{(ApprovesChange ? "; quorum reached, approved" : string.Empty)}";
}

/// <summary>The change was rejected.</summary>
public sealed record ChangeRejected(ChangeId Change, UserId Actor, Instant At, ApprovalDecision Decision) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => $"rejected ({Decision.Authority}): {Decision.Reason}";
}

/// <summary>The change was scheduled into its planned window.</summary>
public sealed record ChangeScheduled(ChangeId Change, UserId Actor, Instant At, Interval Window) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => $"scheduled {Window.Start} to {Window.End}";
}

/// <summary>Implementation started.</summary>
public sealed record ChangeImplementationStarted(ChangeId Change, UserId Actor, Instant At) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => "implementation started";
}

/// <summary>The change was implemented successfully.</summary>
public sealed record ChangeImplemented(ChangeId Change, UserId Actor, Instant At, string? Notes) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => Notes is null ? "implemented" : $"implemented: {Notes}";
}

/// <summary>The change failed; the remediation says whether it was backed out or fixed forward.</summary>
public sealed record ChangeFailed(ChangeId Change, UserId Actor, Instant At, FailureRemediation Remediation, string Notes) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => $"failed, {Remediation}: {Notes}";
}

/// <summary>The post-implementation review was recorded.</summary>
public sealed record ChangeReviewed(ChangeId Change, UserId Actor, Instant At, string Findings) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => $"reviewed: {Findings}";
}

/// <summary>The change was closed.</summary>
public sealed record ChangeClosed(ChangeId Change, UserId Actor, Instant At) : ChangeEvent(Change, Actor, At)
{
    /// <inheritdoc />
    public override string What => "closed";
}

/// <summary>One approver's decision on a change: who, with which authority, when, approve or reject, and why.</summary>
/// <param name="Approver">Who decided.</param>
/// <param name="Authority">The authority they decided with.</param>
/// <param name="At">When.</param>
/// <param name="Approved">True for an approval, false for a rejection.</param>
/// <param name="Reason">Why, as the approver wrote it.</param>
/// <remarks>Immutable data; thread-safe.</remarks>
public sealed record ApprovalDecision(UserId Approver, ChangeAuthority Authority, Instant At, bool Approved, string Reason);

/// <summary>The post-implementation review of a change.</summary>
/// <param name="Reviewer">Who reviewed.</param>
/// <param name="At">When.</param>
/// <param name="Findings">What the review found.</param>
/// <remarks>Immutable data; thread-safe.</remarks>
public sealed record PostImplementationReview(UserId Reviewer, Instant At, string Findings);
