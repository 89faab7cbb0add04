using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;

namespace Itsm.Core.Incidents;

/// <summary>The transitions of an incident: one per command that changes it after it was opened, and one per kind of history event.</summary>
/// <remarks><c>default</c> is <see cref="Assign"/>. See <see cref="IncidentLifecycle.Table"/> for where each is allowed.</remarks>
public enum IncidentTransition
{
    /// <summary>Assign or reassign (<see cref="Incident.Assign"/>, <see cref="IncidentAssigned"/>).</summary>
    Assign = 0,

    /// <summary>Start work (<see cref="Incident.StartWork"/>, <see cref="IncidentWorkStarted"/>).</summary>
    StartWork = 1,

    /// <summary>Record the first response (<see cref="Incident.RecordFirstResponse"/>, <see cref="IncidentFirstResponse"/>).</summary>
    RecordFirstResponse = 2,

    /// <summary>Put on hold (<see cref="Incident.PutOnHold"/>, <see cref="IncidentPutOnHold"/>).</summary>
    PutOnHold = 3,

    /// <summary>Resume after a hold (<see cref="Incident.Resume"/>, <see cref="IncidentResumed"/>).</summary>
    Resume = 4,

    /// <summary>Resolve (<see cref="Incident.Resolve"/>, <see cref="IncidentResolved"/>).</summary>
    Resolve = 5,

    /// <summary>Close (<see cref="Incident.Close"/>, <see cref="IncidentClosed"/>).</summary>
    Close = 6,

    /// <summary>Reopen (<see cref="Incident.Reopen"/>, <see cref="IncidentReopened"/>).</summary>
    Reopen = 7,

    /// <summary>Cancel (<see cref="Incident.Cancel"/>, <see cref="IncidentCancelled"/>).</summary>
    Cancel = 8,

    /// <summary>Change the priority (<see cref="Incident.ChangePriority"/>, <see cref="IncidentPriorityChanged"/>).</summary>
    ChangePriority = 9,

    /// <summary>Link to a problem record (<see cref="Incident.LinkToProblem"/>, <see cref="IncidentLinkedToProblem"/>).</summary>
    LinkToProblem = 10,

    /// <summary>Note a problem's workaround on the incident (<see cref="Incident.ApplyWorkaround"/>, <see cref="IncidentWorkaroundApplied"/>).</summary>
    ApplyWorkaround = 11,
}

/// <summary>
/// The incident lifecycle as one table (<see cref="Table"/>): which <see cref="IncidentTransition"/> may
/// lead from which <see cref="IncidentState"/> to which. <see cref="Incident"/>'s guards, its
/// <see cref="Incident.NextStates"/> and <see cref="Incident.Restore"/>'s check of a stored history all read it,
/// and so do the queries of open incidents (<see cref="OpenStates"/>).
/// </summary>
/// <remarks>
/// <para>
/// New -> Assigned -> InProgress &lt;-> OnHold -> Resolved -> Closed; Resolved -> InProgress by reopening;
/// any open state -> Cancelled. Assigning, recording the first response and changing the priority keep an
/// open state (assigning a New incident makes it Assigned), and so does noting a problem's workaround; linking to a problem keeps any state but Cancelled.
/// Closed and Cancelled are final but for that link: nothing else leaves them.
/// </para>
/// <para>Stateless and thread-safe; the table is immutable.</para>
/// </remarks>
public static class IncidentLifecycle
{
    /// <summary>Error code of a stored incident whose history or state the lifecycle does not allow (<see cref="Incident.Restore"/>).</summary>
    public const string HistoryCode = "incident.history";

    private static readonly IncidentState[] Working = [IncidentState.New, IncidentState.Assigned, IncidentState.InProgress, IncidentState.OnHold];

    /// <summary>The incident lifecycle: every row (from, transition, to).</summary>
    public static TransitionTable<IncidentState, IncidentTransition> Table { get; } = new(Rows());

    /// <summary>
    /// The open states: New, Assigned, InProgress and OnHold, where the incident is still being worked
    /// and its clocks may run; exactly the states it can be cancelled from. Resolved awaits closure (or
    /// reopening) and is not open. The one definition of "open" for incidents: <see cref="Incident.IsOpen"/>,
    /// breach forecasting, and the lists of open incidents of every adapter use it.
    /// </summary>
    public static ImmutableArray<IncidentState> OpenStates { get; } = Table.StatesAllowing(IncidentTransition.Cancel);

    /// <summary>True when <paramref name="state"/> is one of <see cref="OpenStates"/>.</summary>
    public static bool IsOpen(IncidentState state) => OpenStates.Contains(state);

    /// <summary>The transition <paramref name="e"/> records, or null for the opening (which starts the lifecycle in New) and for the note of an SLA not applied (which changes no state).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static IncidentTransition? TransitionOf(IncidentEvent e) => Preconditions.CheckNotNull(e) switch
    {
        IncidentAssigned => IncidentTransition.Assign,
        IncidentWorkStarted => IncidentTransition.StartWork,
        IncidentFirstResponse => IncidentTransition.RecordFirstResponse,
        IncidentPutOnHold => IncidentTransition.PutOnHold,
        IncidentResumed => IncidentTransition.Resume,
        IncidentResolved => IncidentTransition.Resolve,
        IncidentClosed => IncidentTransition.Close,
        IncidentReopened => IncidentTransition.Reopen,
        IncidentCancelled => IncidentTransition.Cancel,
        IncidentPriorityChanged => IncidentTransition.ChangePriority,
        IncidentLinkedToProblem => IncidentTransition.LinkToProblem,
        IncidentWorkaroundApplied => IncidentTransition.ApplyWorkaround,
        _ => null,
    };

    /// <summary>
    /// Checks a stored incident against the lifecycle by replaying its history through <see cref="Table"/>:
    /// null when it fits, otherwise what is wrong, naming the incident and the first record that does not fit.
    /// </summary>
    /// <remarks>
    /// The history must start with the opening at <see cref="IncidentSnapshot.OpenedAt"/>; every later record must
    /// be no earlier than the one before it and a transition the table allows from the state reached so far
    /// (an SLA-not-applied note only right after the opening or a priority change, at the same instant); the
    /// replay must end in the snapshot's state, with its assignee, hold reason, resolution, problem and priority
    /// decision. Linear in the number of records.
    /// </remarks>
    internal static string? Check(IncidentSnapshot snapshot)
    {
        var history = snapshot.History;
        var name = $"Stored incident {snapshot.Id}";
        if (history is null || history.IsEmpty)
        {
            return $"{name} has no history; every stored incident starts with its opening.";
        }

        if (history[0] is not IncidentOpened opened)
        {
            return $"{name}: history record 0 ({Describe(history[0])}) must be its opening.";
        }

        if (opened.At != snapshot.OpenedAt)
        {
            return $"{name} says it was opened at {snapshot.OpenedAt}, but its first history record (the opening) is at {opened.At}.";
        }

        var state = IncidentState.New;
        var replay = new Replayed(null, null, null, null, null, opened.Decision.Priority);
        for (var i = 1; i < history.Count; i++)
        {
            var e = history[i];
            var previous = history[i - 1];
            string? problem = null;
            if (e is null)
            {
                problem = "is missing";
            }
            else if (e.At < previous.At)
            {
                problem = $"is earlier than record {i - 1} at {previous.At}; history does not run backwards";
            }
            else if (e is IncidentSlaNotApplied)
            {
                if (previous is not (IncidentOpened or IncidentPriorityChanged) || previous.At != e.At)
                {
                    problem = "notes an SLA not applied, which only follows the opening or a priority change at the same instant";
                }
            }
            else if (TransitionOf(e) is not { } via || Table.TargetsOf(state, via) is not [var to])
            {
                problem = $"is not allowed while the incident is {state}";
            }
            else
            {
                state = to;
                replay = replay.After(e);
            }

            if (problem is not null)
            {
                return $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} ({Describe(e)}) {problem}.";
            }
        }

        var last = $"last record {(history.Count - 1).ToString(CultureInfo.InvariantCulture)}: {Describe(history[^1])}";
        if (state != snapshot.State)
        {
            return $"{name} is {snapshot.State}, but its history ({last}) leaves it {state}.";
        }

        var stored = new Replayed(snapshot.Assignee, snapshot.Hold, snapshot.ResolvedAt, snapshot.Resolution, snapshot.Problem, snapshot.Decision.Priority);
        return stored == replay
            ? null
            : $"{name} disagrees with its history ({last}): it stores {stored}, the history gives {replay}.";
    }

    private static IEnumerable<TransitionRule<IncidentState, IncidentTransition>> Rows()
    {
        static TransitionRule<IncidentState, IncidentTransition> Row(IncidentState from, IncidentTransition via, IncidentState to) => new(from, via, to);
        yield return Row(IncidentState.New, IncidentTransition.Assign, IncidentState.Assigned);
        foreach (var open in Working)
        {
            if (open != IncidentState.New)
            {
                yield return Row(open, IncidentTransition.Assign, open);
            }

            yield return Row(open, IncidentTransition.RecordFirstResponse, open);
            yield return Row(open, IncidentTransition.ChangePriority, open);
            yield return Row(open, IncidentTransition.Cancel, IncidentState.Cancelled);
            yield return Row(open, IncidentTransition.LinkToProblem, open);
            yield return Row(open, IncidentTransition.ApplyWorkaround, open);
            if (open != IncidentState.New)
            {
                yield return Row(open, IncidentTransition.Resolve, IncidentState.Resolved);
            }
        }

        yield return Row(IncidentState.Assigned, IncidentTransition.StartWork, IncidentState.InProgress);
        yield return Row(IncidentState.InProgress, IncidentTransition.PutOnHold, IncidentState.OnHold);
        yield return Row(IncidentState.OnHold, IncidentTransition.Resume, IncidentState.InProgress);
        yield return Row(IncidentState.Resolved, IncidentTransition.Close, IncidentState.Closed);
        yield return Row(IncidentState.Resolved, IncidentTransition.Reopen, IncidentState.InProgress);
        yield return Row(IncidentState.Resolved, IncidentTransition.LinkToProblem, IncidentState.Resolved);
        yield return Row(IncidentState.Closed, IncidentTransition.LinkToProblem, IncidentState.Closed);
    }

    private static string Describe(IncidentEvent? e) => e is null ? "null" : $"{e.GetType().Name} by {e.By} at {e.At}";

    /// <summary>The members of an incident its history determines beside its state.</summary>
    private sealed record Replayed(UserId? Assignee, HoldReason? Hold, NodaTime.Instant? ResolvedAt, string? Resolution, ProblemId? Problem, Priority Priority)
    {
        public Replayed After(IncidentEvent e) => e switch
        {
            IncidentAssigned a => this with { Assignee = a.Assignee },
            IncidentPutOnHold h => this with { Hold = h.Reason },
            IncidentResumed => this with { Hold = null },
            IncidentResolved r => this with { Hold = null, ResolvedAt = r.At, Resolution = r.Resolution },
            IncidentReopened => this with { ResolvedAt = null, Resolution = null },
            IncidentCancelled => this with { Hold = null },
            IncidentPriorityChanged p => this with { Priority = p.Decision.Priority },
            IncidentLinkedToProblem l => this with { Problem = l.Problem },
            _ => this,
        };

        public override string ToString() =>
            $"assignee {Assignee?.ToString() ?? "none"}, hold {Hold?.ToString() ?? "none"}, resolved at {ResolvedAt?.ToString() ?? "never"}, problem {Problem?.ToString() ?? "none"}, priority {Priority}";
    }
}
