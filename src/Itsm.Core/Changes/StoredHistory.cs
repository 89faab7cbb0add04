using System.Globalization;

namespace Itsm.Core.Changes;

/// <summary>
/// Checks a stored change history against the lifecycle, by replaying it: each event must be a
/// transition the status reached so far allows, in time order, and the replay must end in the
/// snapshot's status and type. Linear in the number of events; stateless and thread-safe.
/// </summary>
internal static class StoredHistory
{
    /// <summary>Null when the history fits the snapshot; otherwise what is wrong, naming the first record that does not fit.</summary>
    public static string? Check(ChangeRequestSnapshot snapshot)
    {
        var history = snapshot.History;
        if (history is null || history.IsEmpty)
        {
            return $"Stored change {snapshot.Id} has no history; every stored change starts with its raise.";
        }

        if (history[0] is not ChangeRaised raised || raised.Change != snapshot.Id || raised.Actor != snapshot.Requester || raised.At != snapshot.RaisedAt)
        {
            return $"Stored change {snapshot.Id}: history record 0 ({Describe(history[0])}) must be the raise of this change by {snapshot.Requester} at {snapshot.RaisedAt}.";
        }

        var status = ChangeStatus.Draft;
        var type = raised.Type;
        for (var i = 1; i < history.Count; i++)
        {
            var e = history[i];
            string? problem = null;
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
            else if (Next(e, status, type) is { } next)
            {
                (status, type) = next;
            }
            else
            {
                problem = $"is not allowed after the change became {status}";
            }

            if (problem is not null)
            {
                return $"Stored change {snapshot.Id}: history record {i.ToString(CultureInfo.InvariantCulture)} ({Describe(e)}) {problem}.";
            }
        }

        return status == snapshot.Status && type == snapshot.Type
            ? null
            : $"Stored change {snapshot.Id} is {snapshot.Type} and {snapshot.Status}, but its history (last record {history.Count - 1}: {Describe(history[^1])}) leaves it {type} and {status}.";
    }

    /// <summary>The status and type after <paramref name="e"/>, or null when the event is not allowed from <paramref name="status"/>.</summary>
    private static (ChangeStatus Status, ChangeType Type)? Next(ChangeEvent e, ChangeStatus status, ChangeType type) => e switch
    {
        ChangeSubmitted when status == ChangeStatus.Draft => (ChangeStatus.Submitted, type),
        ChangeReclassified r when status is ChangeStatus.Submitted or ChangeStatus.Assessed && r.From == type => (status, r.To),
        ChangeRiskAssessed when status is ChangeStatus.Submitted or ChangeStatus.Assessed => (ChangeStatus.Assessed, type),
        ChangeApprovalRecorded when status == ChangeStatus.Assessed => (status, type),
        ChangeApproved when status == ChangeStatus.Assessed => (ChangeStatus.Approved, type),
        ChangeRejected when status == ChangeStatus.Assessed => (ChangeStatus.Rejected, type),
        ChangeScheduled when status == ChangeStatus.Approved => (ChangeStatus.Scheduled, type),
        ChangeImplementationStarted when status == ChangeStatus.Scheduled => (ChangeStatus.Implementing, type),
        ChangeImplemented when status == ChangeStatus.Implementing => (ChangeStatus.Implemented, type),
        ChangeFailed when status == ChangeStatus.Implementing => (ChangeStatus.Failed, type),
        ChangeReviewed when status is ChangeStatus.Implemented or ChangeStatus.Failed => (ChangeStatus.Reviewed, type),
        ChangeClosed when status is ChangeStatus.Implemented or ChangeStatus.Reviewed or ChangeStatus.Rejected => (ChangeStatus.Closed, type),
        _ => null,
    };

    private static string Describe(ChangeEvent? e) => e is null ? "null" : $"{e.GetType().Name} by {e.Actor} at {e.At}";
}
