using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>The stored form of a <see cref="ChangeRequest"/>; see <see cref="ChangeRequest.ToSnapshot"/>.</summary>
/// <remarks>
/// Immutable data; thread-safe. Restore with <see cref="ChangeRequest.Restore"/> (or
/// <see cref="ChangeRequest.FromSnapshot"/>), which validates it. <c>History</c> is everything that
/// happened to the change, oldest first; see <see cref="ChangeRequest.History"/>.
/// </remarks>
public sealed record ChangeRequestSnapshot(
    ChangeId Id,
    ChangeType Type,
    string Title,
    UserId Requester,
    ImmutableArray<ConfigurationItemId> AffectedItems,
    Interval PlannedWindow,
    ChangePlans Plans,
    string? Template,
    Instant RaisedAt,
    ChangeStatus Status,
    RiskAssessment? Assessment,
    ApprovalRequirement? Requirement,
    string? ReclassificationReason,
    ImmutableArray<ApprovalDecision> Decisions,
    Instant? ImplementationStartedAt,
    Instant? ImplementationEndedAt,
    string? OutcomeNotes,
    FailureRemediation? Remediation,
    PostImplementationReview? Review,
    ImmutableList<ChangeEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
