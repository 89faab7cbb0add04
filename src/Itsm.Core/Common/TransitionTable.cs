using System.Collections.Frozen;
using System.Collections.Immutable;
using Ardalis.Result;
using NodaTime;

namespace Itsm.Core.Common;

/// <summary>One row of a <see cref="TransitionTable{TState, TTransition}"/>: from <paramref name="From"/>, <paramref name="Via"/> may lead to <paramref name="To"/>.</summary>
/// <typeparam name="TState">The aggregate's state type.</typeparam>
/// <typeparam name="TTransition">The aggregate's transition type.</typeparam>
/// <param name="From">The state the transition starts in.</param>
/// <param name="Via">The transition.</param>
/// <param name="To">The state it leads to (equal to <paramref name="From"/> for a transition that keeps the state).</param>
/// <remarks>Immutable data; thread-safe. <c>default</c> is the row from the first state by the first transition to the first state.</remarks>
public readonly record struct TransitionRule<TState, TTransition>(TState From, TTransition Via, TState To)
    where TState : struct, Enum
    where TTransition : struct, Enum
{
    /// <summary>Returns <c>"From -Via-> To"</c>.</summary>
    public override string ToString() => $"{From} -{Via}-> {To}";
}

/// <summary>
/// The lifecycle of an aggregate as data: the states, the transitions, and which transition may lead
/// from which state to which. Every aggregate with a lifecycle has exactly one such table, and its
/// guards, its "next states" and the validation of a stored history all read it.
/// </summary>
/// <typeparam name="TState">The aggregate's state type (an enum).</typeparam>
/// <typeparam name="TTransition">The aggregate's transition type (an enum, one member per kind of history event).</typeparam>
/// <remarks>
/// <para>
/// A transition may have more than one target from one state when the aggregate decides between them
/// from its data (an approval that reaches the quorum approves the change, one that does not leaves
/// it assessed); the table lists every target the lifecycle allows, and the aggregate's own rules pick one.
/// </para>
/// <para>Immutable and thread-safe. Lookups are hash lookups over rows computed once.</para>
/// </remarks>
public sealed class TransitionTable<TState, TTransition>
    where TState : struct, Enum
    where TTransition : struct, Enum
{
    private readonly FrozenDictionary<(TState From, TTransition Via), ImmutableArray<TState>> targets;
    private readonly FrozenDictionary<TTransition, ImmutableArray<TState>> sources;
    private readonly FrozenDictionary<TState, ImmutableArray<TState>> next;
    private readonly FrozenDictionary<TState, ImmutableArray<TTransition>> leaving;

    /// <summary>Creates a table from its rows.</summary>
    /// <param name="rules">The rows; duplicates are ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentException">A row names an undefined state or transition, or there are no rows.</exception>
    public TransitionTable(IEnumerable<TransitionRule<TState, TTransition>> rules)
    {
        Preconditions.CheckNotNull(rules);
        Rules = [.. rules.Distinct()];
        Preconditions.CheckArgument(!Rules.IsEmpty, nameof(rules), "A transition table needs at least one row.");
        Preconditions.CheckArgument(
            Rules.All(r => Enum.IsDefined(r.From) && Enum.IsDefined(r.To) && Enum.IsDefined(r.Via)),
            nameof(rules),
            "Every row of a transition table must name defined states and transitions.");
        targets = Rules.GroupBy(r => (r.From, r.Via)).ToFrozenDictionary(g => g.Key, g => g.Select(r => r.To).Distinct().Order().ToImmutableArray());
        sources = Rules.GroupBy(r => r.Via).ToFrozenDictionary(g => g.Key, g => g.Select(r => r.From).Distinct().Order().ToImmutableArray());
        next = Rules.GroupBy(r => r.From).ToFrozenDictionary(g => g.Key, g => g.Select(r => r.To).Distinct().Order().ToImmutableArray());
        leaving = Rules.GroupBy(r => r.From).ToFrozenDictionary(g => g.Key, g => g.Select(r => r.Via).Distinct().Order().ToImmutableArray());
    }

    /// <summary>Every row, in the order given.</summary>
    public ImmutableArray<TransitionRule<TState, TTransition>> Rules { get; }

    /// <summary>True when <paramref name="via"/> is allowed from <paramref name="from"/>.</summary>
    public bool Allows(TState from, TTransition via) => targets.ContainsKey((from, via));

    /// <summary>True when <paramref name="via"/> may lead from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool Allows(TState from, TTransition via, TState to) => targets.TryGetValue((from, via), out var to_) && to_.Contains(to);

    /// <summary>The states <paramref name="via"/> may lead to from <paramref name="from"/>, ordered; empty when it is not allowed there.</summary>
    public ImmutableArray<TState> TargetsOf(TState from, TTransition via) => targets.TryGetValue((from, via), out var to) ? to : [];

    /// <summary>The states <paramref name="via"/> is allowed from, ordered.</summary>
    public ImmutableArray<TState> StatesAllowing(TTransition via) => sources.TryGetValue(via, out var from) ? from : [];

    /// <summary>Every state some transition may lead to from <paramref name="from"/> (itself included when a transition keeps it), ordered; empty for a final state.</summary>
    public ImmutableArray<TState> NextStates(TState from) => next.TryGetValue(from, out var to) ? to : [];

    /// <summary>The transitions allowed from <paramref name="from"/>, ordered.</summary>
    public ImmutableArray<TTransition> TransitionsFrom(TState from) => leaving.TryGetValue(from, out var via) ? via : [];

    /// <summary>True when no transition at all is allowed from <paramref name="state"/>.</summary>
    public bool IsFinal(TState state) => !leaving.ContainsKey(state);

    /// <summary>
    /// The check every aggregate makes before a transition, state first, then time: Conflict with
    /// <paramref name="illegalTransitionErrorCode"/> when <paramref name="via"/> is not allowed from <paramref name="state"/> (naming where it
    /// is allowed and where the subject may move instead), Conflict with <paramref name="timeOrderErrorCode"/> when <paramref name="at"/> is
    /// before <paramref name="last"/>, the subject's latest record (history never runs backwards); success otherwise.
    /// </summary>
    /// <param name="state">The subject's current state.</param>
    /// <param name="via">The transition asked for.</param>
    /// <param name="action">The action in words, for the message ("resolve").</param>
    /// <param name="subject">The subject in words, for the message ("problem 0197...").</param>
    /// <param name="last">The instant of the subject's latest record.</param>
    /// <param name="at">The instant of the transition.</param>
    /// <param name="illegalTransitionErrorCode">The subject's error code for a transition its state does not allow.</param>
    /// <param name="timeOrderErrorCode">The subject's error code for a transition before its latest record.</param>
    internal Result Require(TState state, TTransition via, string action, string subject, Instant last, Instant at, string illegalTransitionErrorCode, string timeOrderErrorCode)
    {
        if (!Allows(state, via))
        {
            var nextStates = NextStates(state);
            return Failure.Conflict(
                $"Cannot {action} {subject} while it is {state}; that is allowed only when it is {string.Join(" or ", StatesAllowing(via))}. "
                + $"From {state} it may move to: {(nextStates.IsEmpty ? "nothing (final)" : string.Join(", ", nextStates))}.",
                illegalTransitionErrorCode);
        }

        return at < last
            ? Failure.Conflict($"Cannot {action} {subject} at {at}: its last change was at {last}, and history does not run backwards.", timeOrderErrorCode)
            : Result.Success();
    }
}
