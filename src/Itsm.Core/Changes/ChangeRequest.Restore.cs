using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>A change's stored form and its restore, which checks the history against the lifecycle.</summary>
public sealed partial class ChangeRequest
{
    /// <summary>Captures the whole state, its history included, as an immutable snapshot for storage.</summary>
    public ChangeRequestSnapshot ToSnapshot() => new(
        Id, Type, Title, Requester, AffectedItems, PlannedWindow, Plans, Template, RaisedAt, Status, Assessment, Requirement,
        ReclassificationReason, decisions, ImplementationStartedAt, ImplementationEndedAt, OutcomeNotes, Remediation, Review, history);

    /// <summary>
    /// Restores a change from a snapshot taken by <see cref="ToSnapshot"/>, checking its history first.
    /// Raises no events.
    /// </summary>
    /// <remarks>
    /// The history must start with the <see cref="ChangeRaised"/> of this change (by its requester,
    /// at <see cref="RaisedAt"/>), name this change in every record, never run backwards in time,
    /// make only transitions the lifecycle allows, and end in the snapshot's status and type.
    /// </remarks>
    /// <returns>The change; or Invalid with code <c>change.history</c> naming the first record that does not fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot is inconsistent otherwise (no affected items, no window, unknown status or type, no plans).</exception>
    public static Result<ChangeRequest> Restore(ChangeRequestSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        Preconditions.CheckArgument(!snapshot.AffectedItems.IsDefaultOrEmpty, nameof(snapshot), "A change snapshot needs affected items.");
        Preconditions.CheckArgument(Windows.IsBoundedAndNonEmpty(snapshot.PlannedWindow), nameof(snapshot), "A change snapshot needs a bounded, non-empty window.");
        Preconditions.CheckArgument(Enum.IsDefined(snapshot.Status) && Enum.IsDefined(snapshot.Type), nameof(snapshot), "A change snapshot has an unknown status or type.");
        var plans = Preconditions.CheckNotNull(snapshot.Plans, nameof(snapshot));
        if (StoredHistory.Check(snapshot) is { } problem)
        {
            return Result<ChangeRequest>.Invalid(Failure.Field(nameof(ChangeRequestSnapshot.History), problem, HistoryCode));
        }

        return new ChangeRequest(snapshot.Id, snapshot.Type, snapshot.Title, snapshot.Requester, snapshot.AffectedItems, snapshot.PlannedWindow, plans, snapshot.Template, snapshot.RaisedAt)
        {
            Status = snapshot.Status,
            Assessment = snapshot.Assessment,
            Requirement = snapshot.Requirement,
            ReclassificationReason = snapshot.ReclassificationReason,
            decisions = snapshot.Decisions.IsDefault ? [] : snapshot.Decisions,
            ImplementationStartedAt = snapshot.ImplementationStartedAt,
            ImplementationEndedAt = snapshot.ImplementationEndedAt,
            OutcomeNotes = snapshot.OutcomeNotes,
            Remediation = snapshot.Remediation,
            Review = snapshot.Review,
            history = snapshot.History,
        };
    }

    /// <summary>Restores a change from a snapshot taken by <see cref="ToSnapshot"/>, as <see cref="Restore"/> does, for stores that hold only snapshots they wrote. Raises no events.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot is inconsistent (no affected items, no window, unknown status, or a history <see cref="Restore"/> refuses; the message names the record).</exception>
    public static ChangeRequest FromSnapshot(ChangeRequestSnapshot snapshot)
    {
        var restored = Restore(snapshot);
        return restored.IsSuccess
            ? restored.Value
            : throw new ArgumentException(restored.ValidationErrors.First().ErrorMessage, nameof(snapshot));
    }
}
