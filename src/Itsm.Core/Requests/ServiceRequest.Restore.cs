using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Requests;

/// <summary>A service request's stored form and its restore, which replays the history through the request's own rules.</summary>
public sealed partial class ServiceRequest
{
    private static readonly HistoryReplay<ServiceRequestState, ServiceRequestTransition, ServiceRequestEvent> Replayer =
        new(ServiceRequestLifecycle.Table, e => ServiceRequestLifecycle.TransitionOf(e), e => e.At);

    /// <summary>The request's stored form.</summary>
    public ServiceRequestSnapshot ToSnapshot() => new(Id, Item, SubmittedAt, State, History);

    /// <summary>Restores a request from its stored form by replaying its history.</summary>
    /// <remarks>
    /// The history must start with the submission at <see cref="ServiceRequestSnapshot.SubmittedAt"/> (its values fitting the
    /// item's fields, a promise exactly when the item is pre-approved), never run backwards, make only transitions
    /// <see cref="ServiceRequestLifecycle.Table"/> allows, keep the request's own rules (each vote by an approver other
    /// than the requester, in the stage and turn the request would give it now, a promise exactly on the approval that
    /// approves the request; each task done once, after its predecessors; reasons given), and end in the stored state.
    /// The promised instants are kept as recorded: replaying them would need the calendars as they were. Linear in the
    /// history's length times the number of approvers.
    /// </remarks>
    /// <returns>The request; or Invalid <c>request.history</c> naming the request and the first record that does not fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<ServiceRequest> Restore(ServiceRequestSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var name = $"Stored request {snapshot.Id}";
        var wrong = Replay(snapshot, name, out var restored);
        return wrong is null
            ? restored!
            : Result<ServiceRequest>.Invalid(Failure.Field(nameof(ServiceRequestSnapshot.History), wrong, ServiceRequestLifecycle.HistoryCode));
    }

    private static string? Replay(ServiceRequestSnapshot s, string name, out ServiceRequest? restored)
    {
        restored = null;
        if (!Enum.IsDefined(s.State) || s.Item is null || s.Id.Value == Guid.Empty)
        {
            return $"{name} has an unknown state {s.State}, no item or no identifier.";
        }

        if (s.History is null || s.History.IsEmpty)
        {
            return $"{name} has no history; every stored request starts with its submission.";
        }

        if (s.History[0] is not ServiceRequestSubmitted submitted || submitted.At != s.SubmittedAt || submitted.By.Value is null || submitted.Values is null
            || submitted.Promised.HasValue != s.Item.IsPreApproved || submitted.Priority.Rank < 1)
        {
            return $"{name}: history record 0 ({Describe(s.History[0])}) must be its submission at {s.SubmittedAt}, at an assigned priority, with a promise exactly when the item is pre-approved.";
        }

        var fields = s.Item.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        if (submitted.Values.Any(v => !fields.ContainsKey(v.Key) || string.IsNullOrWhiteSpace(v.Value)) || fields.Values.Any(f => f.IsRequired && !submitted.Values.ContainsKey(f.Name)))
        {
            return $"{name}: history record 0 ({Describe(submitted)}) gives values that do not fit the fields of item {s.Item.Id}.";
        }

        var request = new ServiceRequest(s.Id, s.Item, submitted);
        var wrong = Replayer.Run(name, "request", s.History, () => request.State, request.Violation, (e, _) => request.Apply(e), Describe);
        if (wrong is not null)
        {
            return wrong;
        }

        if (request.State != s.State)
        {
            return $"{name} is {s.State}, but its history (last record {(s.History.Count - 1).ToString(CultureInfo.InvariantCulture)}: {Describe(s.History[^1])}) leaves it {request.State}.";
        }

        request.History = s.History;
        restored = request;
        return null;
    }

    /// <summary>What a stored record breaks of the request's own rules beside the table, or null.</summary>
    private string? Violation(ServiceRequestEvent e)
    {
        switch (e)
        {
            case ServiceRequestApproved a:
                var stage = StageFor(a.By);
                if (!stage.IsSuccess || stage.Value != a.Stage)
                {
                    return $"records a vote the request would refuse or count in another stage ({(stage.IsSuccess ? $"stage {stage.Value}" : stage.Message)})";
                }

                var approves = State != ServiceRequestState.Approved && ApprovesLastStage(a.Stage, a.By);
                return approves != a.Promised.HasValue ? "has a promise although it does not approve the request, or approves it without one" : null;
            case ServiceRequestRejected r:
                var rejected = StageFor(r.By);
                return !rejected.IsSuccess || rejected.Value != r.Stage || string.IsNullOrWhiteSpace(r.Reason)
                    ? "records a rejection without a reason, or one the request would refuse or count in another stage"
                    : null;
            case FulfilmentTaskCompleted t:
                return TaskViolation(t.Task) is { } refused ? $"completes a task the request would refuse: {refused.Message}" : null;
            case ServiceRequestCancelled c when string.IsNullOrWhiteSpace(c.Reason):
                return "cancels without a reason";
            default:
                return null;
        }
    }
}

/// <summary>A service request's stored form: its identity, the item as submitted for, its state and its history.</summary>
/// <param name="Id">The request's identifier.</param>
/// <param name="Item">The catalogue item, as defined at submission.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="State">Where it is in its lifecycle.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record ServiceRequestSnapshot(ServiceRequestId Id, RequestItem Item, Instant SubmittedAt, ServiceRequestState State, ImmutableList<ServiceRequestEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
