using System.Globalization;

namespace Itsm.Core.Changes;

/// <summary>
/// Checks a stored change against <see cref="ChangeLifecycle.Table"/> by replaying its history: each record must
/// be a transition the table allows from the status reached so far, in time order, and the replay must end in the
/// snapshot's status and type with the assessment, requirement, decisions, implementation instants, outcome and
/// review the snapshot stores. Linear in the number of records; stateless and thread-safe.
/// </summary>
internal static class StoredHistory
{
    /// <summary>Null when the history fits the snapshot; otherwise what is wrong, naming the change and the first record (or member) that does not fit.</summary>
    public static string? Check(ChangeRequestSnapshot snapshot)
    {
        var history = snapshot.History;
        var name = $"Stored change {snapshot.Id}";
        if (history is null || history.IsEmpty)
        {
            return $"{name} has no history; every stored change starts with its raise.";
        }

        if (history[0] is not ChangeRaised raised || raised.Change != snapshot.Id || raised.Actor != snapshot.Requester || raised.At != snapshot.RaisedAt)
        {
            return $"{name}: history record 0 ({Describe(history[0])}) must be the raise of this change by {snapshot.Requester} at {snapshot.RaisedAt}.";
        }

        var replay = new Replay(raised.Type);
        for (var i = 1; i < history.Count; i++)
        {
            var e = history[i];
            string? problem;
            if (e is null)
            {
                problem = "is missing";
            }
            else if (e.Change != snapshot.Id)
            {
                problem = $"belongs to change {e.Change}";
            }
            else if (e.At < history[i - 1].At)
            {
                problem = $"is earlier than record {i - 1} at {history[i - 1].At}; history does not run backwards";
            }
            else
            {
                problem = replay.Apply(e, snapshot.Requester);
            }

            if (problem is not null)
            {
                return $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} ({Describe(e)}) {problem}.";
            }
        }

        var last = $"last record {(history.Count - 1).ToString(CultureInfo.InvariantCulture)}: {Describe(history[^1])}";
        if (replay.Status != snapshot.Status || replay.Type != snapshot.Type)
        {
            return $"{name} is {snapshot.Type} and {snapshot.Status}, but its history ({last}) leaves it {replay.Type} and {replay.Status}.";
        }

        var decisions = snapshot.Decisions.IsDefault ? [] : snapshot.Decisions;
        var mismatch =
            Differs("Requirement", snapshot.Requirement?.Description, replay.Requirement?.Description, !Equals(snapshot.Requirement, replay.Requirement))
            ?? Differs("Assessment", snapshot.Assessment?.Class, replay.Assessment?.Class, snapshot.Assessment?.Class != replay.Assessment?.Class || snapshot.Assessment?.Model != replay.Assessment?.Model)
            ?? Differs("ReclassificationReason", snapshot.ReclassificationReason, replay.ReclassificationReason, snapshot.ReclassificationReason != replay.ReclassificationReason)
            ?? Differs("Decisions", decisions.Length, replay.Decisions.Count, !decisions.SequenceEqual(replay.Decisions))
            ?? Differs("ImplementationStartedAt", snapshot.ImplementationStartedAt, replay.StartedAt, snapshot.ImplementationStartedAt != replay.StartedAt)
            ?? Differs("ImplementationEndedAt", snapshot.ImplementationEndedAt, replay.EndedAt, snapshot.ImplementationEndedAt != replay.EndedAt)
            ?? Differs("OutcomeNotes", snapshot.OutcomeNotes, replay.Notes, snapshot.OutcomeNotes != replay.Notes)
            ?? Differs("Remediation", snapshot.Remediation, replay.Remediation, snapshot.Remediation != replay.Remediation)
            ?? Differs("Review", snapshot.Review?.Findings, replay.Review?.Findings, !Equals(snapshot.Review, replay.Review));
        return mismatch is null ? null : $"{name} is {snapshot.Status}, but {mismatch} ({last}).";
    }

    private static string? Differs(string member, object? stored, object? replayed, bool differs) =>
        differs ? $"its {member} ({stored ?? "none"}) is not what its history gives ({replayed ?? "none"})" : null;

    private static string Describe(ChangeEvent? e) => e is null ? "null" : $"{e.GetType().Name} by {e.Actor} at {e.At}";

    /// <summary>The change as its history rebuilds it.</summary>
    private sealed class Replay(ChangeType type)
    {
        public ChangeStatus Status { get; private set; } = ChangeStatus.Draft;

        public ChangeType Type { get; private set; } = type;

        public RiskAssessment? Assessment { get; private set; }

        public ApprovalRequirement? Requirement { get; private set; }

        public string? ReclassificationReason { get; private set; }

        public List<ApprovalDecision> Decisions { get; } = [];

        public NodaTime.Instant? StartedAt { get; private set; }

        public NodaTime.Instant? EndedAt { get; private set; }

        public string? Notes { get; private set; }

        public FailureRemediation? Remediation { get; private set; }

        public PostImplementationReview? Review { get; private set; }

        /// <summary>Applies <paramref name="e"/>; null when the table allows it, else what is wrong.</summary>
        public string? Apply(ChangeEvent e, Common.UserId requester)
        {
            if (ChangeLifecycle.TransitionOf(e) is not { } via)
            {
                return $"is not allowed while the change is {Status}";
            }

            var target = Target(e, via);
            if (!ChangeLifecycle.Table.Allows(Status, via, target))
            {
                return $"is not allowed while the change is {Status}: {via} leads from {string.Join(" or ", ChangeLifecycle.Table.StatesAllowing(via))}";
            }

            if (via == ChangeTransition.Close && Status == ChangeStatus.Implemented && (Type == ChangeType.Emergency || Remediation is not null))
            {
                return $"closes a{(Type == ChangeType.Emergency ? "n emergency" : " failed")} change without its post-implementation review";
            }

            if (e is ChangeApprovalRecorded or ChangeRejected && Requirement is null)
            {
                return "is a decision on a change without a risk requirement";
            }

            if (e is ChangeApprovalRecorded or ChangeRejected && e.Actor == requester)
            {
                return "is a decision by the change's requester, which segregation of duties forbids";
            }

            if (e is ChangeApprovalRecorded recorded && recorded.ApprovesChange != (target == ChangeStatus.Approved))
            {
                return recorded.ApprovesChange
                    ? $"says it approves the change, but it is approval {Decisions.Count(d => d.Approved) + 1} of the {Requirement!.Quorum} required"
                    : "reaches the quorum but does not say it approves the change";
            }

            if (e is ChangeRiskAssessed { Reclassification: { } r } && (r.From != Type || r.From != ChangeType.Standard || r.To != ChangeType.Normal || string.IsNullOrWhiteSpace(r.Reason)))
            {
                return $"reclassifies a {Type} change {r.From} -> {r.To}; an assessment only reclassifies a standard change normal, with a reason";
            }

            Record(e);
            Status = target;
            return null;
        }

        private ChangeStatus Target(ChangeEvent e, ChangeTransition via) => e switch
        {
            ChangeRiskAssessed a => a.Requirement.IsPreApproved ? ChangeStatus.Approved : ChangeStatus.Assessed,
            ChangeApprovalRecorded when Requirement is not null => Decisions.Count(d => d.Approved) + 1 >= Requirement.Quorum ? ChangeStatus.Approved : ChangeStatus.Assessed,
            _ => ChangeLifecycle.Table.TargetsOf(Status, via) is [var only] ? only : Status,
        };

        private void Record(ChangeEvent e)
        {
            switch (e)
            {
                case ChangeRiskAssessed a:
                    Assessment = a.Assessment;
                    Requirement = a.Requirement;
                    Decisions.Clear();
                    if (a.Reclassification is { } r)
                    {
                        Type = r.To;
                        ReclassificationReason = r.Reason;
                    }

                    break;
                case ChangeApprovalRecorded p:
                    Decisions.Add(p.Decision);
                    break;
                case ChangeRejected j:
                    Decisions.Add(j.Decision);
                    break;
                case ChangeImplementationStarted s:
                    StartedAt = s.At;
                    break;
                case ChangeImplemented c:
                    EndedAt = c.At;
                    Notes = c.Notes;
                    break;
                case ChangeFailed f:
                    EndedAt = f.At;
                    Remediation = f.Remediation;
                    Notes = f.Notes;
                    break;
                case ChangeReviewed v:
                    Review = new PostImplementationReview(v.Actor, v.At, v.Findings);
                    break;
            }
        }
    }
}
