using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Problems;

/// <summary>Where a problem is in its lifecycle.</summary>
/// <remarks>
/// Logged -> UnderInvestigation -> RootCauseKnown -> KnownError -> Resolved -> Closed; any open state may be
/// cancelled. <c>default</c> is <see cref="Logged"/>. See <see cref="ProblemLifecycle.Table"/>.
/// </remarks>
public enum ProblemState
{
    /// <summary>Recorded, investigation not started.</summary>
    Logged = 0,

    /// <summary>The cause is being looked for.</summary>
    UnderInvestigation = 1,

    /// <summary>The root cause is recorded.</summary>
    RootCauseKnown = 2,

    /// <summary>The root cause is recorded and the known error published in the known-error database.</summary>
    KnownError = 3,

    /// <summary>Resolved with a resolution code (often by a change); awaits closure.</summary>
    Resolved = 4,

    /// <summary>Final: resolved and confirmed.</summary>
    Closed = 5,

    /// <summary>Final: withdrawn (raised in error, not a problem).</summary>
    Cancelled = 6,
}

/// <summary>The transitions of a problem: one per command that changes it after it was logged, and one per kind of history event.</summary>
/// <remarks><c>default</c> is <see cref="Investigate"/>. See <see cref="ProblemLifecycle.Table"/> for where each is allowed.</remarks>
public enum ProblemTransition
{
    /// <summary>Start investigating (<see cref="Problem.Investigate"/>, <see cref="ProblemInvestigationStarted"/>).</summary>
    Investigate = 0,

    /// <summary>Assign or reassign (<see cref="Problem.Assign"/>, <see cref="ProblemAssigned"/>).</summary>
    Assign = 1,

    /// <summary>Link an incident (<see cref="Problem.LinkIncident"/>, <see cref="ProblemIncidentLinked"/>).</summary>
    LinkIncident = 2,

    /// <summary>Change the priority (<see cref="Problem.ChangePriority"/>, <see cref="ProblemPriorityChanged"/>).</summary>
    ChangePriority = 3,

    /// <summary>Record or revise the root cause (<see cref="Problem.RecordRootCause"/>, <see cref="ProblemRootCauseRecorded"/>).</summary>
    RecordRootCause = 4,

    /// <summary>Record or revise the workaround (<see cref="Problem.RecordWorkaround"/>, <see cref="ProblemWorkaroundRecorded"/>).</summary>
    RecordWorkaround = 5,

    /// <summary>Publish the known error (<see cref="Problem.PublishKnownError"/>, <see cref="ProblemKnownErrorPublished"/>).</summary>
    PublishKnownError = 6,

    /// <summary>Push the workaround to the open linked incidents (<see cref="Problem.PushWorkaround"/>, <see cref="ProblemWorkaroundPushed"/>).</summary>
    PushWorkaround = 7,

    /// <summary>Resolve with a resolution code (<see cref="Problem.Resolve"/>, <see cref="ProblemResolved"/> without a change).</summary>
    Resolve = 8,

    /// <summary>Resolve by an implemented change (<see cref="Problem.ResolveByChange"/>, <see cref="ProblemResolved"/> with a change).</summary>
    ResolveByChange = 9,

    /// <summary>Close (<see cref="Problem.Close"/>, <see cref="ProblemClosed"/>).</summary>
    Close = 10,

    /// <summary>Cancel (<see cref="Problem.Cancel"/>, <see cref="ProblemCancelled"/>).</summary>
    Cancel = 11,
}

/// <summary>
/// The problem lifecycle as one table (<see cref="Table"/>): which <see cref="ProblemTransition"/> may lead from
/// which <see cref="ProblemState"/> to which. <see cref="Problem"/>'s guards, its <see cref="Problem.NextStates"/>
/// and <see cref="Problem.Restore"/>'s replay of a stored history all read it.
/// </summary>
/// <remarks>
/// <para>
/// Logged -> UnderInvestigation (investigate) -> RootCauseKnown (record the root cause) -> KnownError (publish) ->
/// Resolved -> Closed. Resolving with a code is allowed from every open state (a duplicate may be spotted at once,
/// "cannot reproduce" ends an investigation); resolving by a change needs the root cause known (RootCauseKnown or
/// KnownError). Assigning, linking incidents and changing the priority keep any open state; recording a workaround
/// and pushing it keep UnderInvestigation, RootCauseKnown and KnownError (a workaround may be found before the
/// cause); revising the root cause keeps RootCauseKnown and KnownError. Every open state may be cancelled.
/// Closed and Cancelled are final.
/// </para>
/// <para>Stateless and thread-safe; the table is immutable.</para>
/// </remarks>
public static class ProblemLifecycle
{
    /// <summary>Error code of a stored problem whose history or state the lifecycle does not allow (<see cref="Problem.Restore"/>).</summary>
    public const string HistoryCode = "problem.history";

    private static readonly ProblemState[] Working = [ProblemState.Logged, ProblemState.UnderInvestigation, ProblemState.RootCauseKnown, ProblemState.KnownError];

    /// <summary>The problem lifecycle: every row (from, transition, to).</summary>
    public static TransitionTable<ProblemState, ProblemTransition> Table { get; } = new(Rows());

    /// <summary>The open states, Logged, UnderInvestigation, RootCauseKnown and KnownError: exactly those a problem can be cancelled from.</summary>
    public static ImmutableArray<ProblemState> OpenStates { get; } = Table.StatesAllowing(ProblemTransition.Cancel);

    /// <summary>True when <paramref name="state"/> is one of <see cref="OpenStates"/>.</summary>
    public static bool IsOpen(ProblemState state) => OpenStates.Contains(state);

    /// <summary>The transition <paramref name="e"/> records, or null for the logging (which starts the lifecycle in Logged).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static ProblemTransition? TransitionOf(ProblemEvent e) => Preconditions.CheckNotNull(e) switch
    {
        ProblemInvestigationStarted => ProblemTransition.Investigate,
        ProblemAssigned => ProblemTransition.Assign,
        ProblemIncidentLinked => ProblemTransition.LinkIncident,
        ProblemPriorityChanged => ProblemTransition.ChangePriority,
        ProblemRootCauseRecorded => ProblemTransition.RecordRootCause,
        ProblemWorkaroundRecorded => ProblemTransition.RecordWorkaround,
        ProblemKnownErrorPublished => ProblemTransition.PublishKnownError,
        ProblemWorkaroundPushed => ProblemTransition.PushWorkaround,
        ProblemResolved { Change: null } => ProblemTransition.Resolve,
        ProblemResolved => ProblemTransition.ResolveByChange,
        ProblemClosed => ProblemTransition.Close,
        ProblemCancelled => ProblemTransition.Cancel,
        _ => null,
    };

    private static IEnumerable<TransitionRule<ProblemState, ProblemTransition>> Rows()
    {
        static TransitionRule<ProblemState, ProblemTransition> Row(ProblemState from, ProblemTransition via, ProblemState to) => new(from, via, to);
        yield return Row(ProblemState.Logged, ProblemTransition.Investigate, ProblemState.UnderInvestigation);
        foreach (var open in Working)
        {
            yield return Row(open, ProblemTransition.Assign, open);
            yield return Row(open, ProblemTransition.LinkIncident, open);
            yield return Row(open, ProblemTransition.ChangePriority, open);
            yield return Row(open, ProblemTransition.Resolve, ProblemState.Resolved);
            yield return Row(open, ProblemTransition.Cancel, ProblemState.Cancelled);
            if (open != ProblemState.Logged)
            {
                yield return Row(open, ProblemTransition.RecordWorkaround, open);
                yield return Row(open, ProblemTransition.PushWorkaround, open);
            }
        }

        yield return Row(ProblemState.UnderInvestigation, ProblemTransition.RecordRootCause, ProblemState.RootCauseKnown);
        yield return Row(ProblemState.RootCauseKnown, ProblemTransition.RecordRootCause, ProblemState.RootCauseKnown);
        yield return Row(ProblemState.KnownError, ProblemTransition.RecordRootCause, ProblemState.KnownError);
        yield return Row(ProblemState.RootCauseKnown, ProblemTransition.PublishKnownError, ProblemState.KnownError);
        yield return Row(ProblemState.RootCauseKnown, ProblemTransition.ResolveByChange, ProblemState.Resolved);
        yield return Row(ProblemState.KnownError, ProblemTransition.ResolveByChange, ProblemState.Resolved);
        yield return Row(ProblemState.Resolved, ProblemTransition.Close, ProblemState.Closed);
    }
}
