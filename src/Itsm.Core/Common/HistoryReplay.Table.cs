using System.Globalization;
using NodaTime;

namespace Itsm.Core.Common;

/// <summary>
/// The one replay of a stored history through a transition table, shared by the aggregates whose state is their history
/// (<c>Problem.Restore</c>, <c>KnownError.Restore</c>): from the record after the creation, each record must be present, not
/// earlier than the one before, a transition the table allows from the state reached, and keep the aggregate's own rules;
/// then it is applied. Linear in the history's length.
/// </summary>
/// <typeparam name="TState">The aggregate's states.</typeparam>
/// <typeparam name="TTransition">Its transitions.</typeparam>
/// <typeparam name="TEvent">Its history records.</typeparam>
/// <param name="Table">The aggregate's transition table.</param>
/// <param name="TransitionOf">The transition a record makes, or null for the creation (never allowed after it).</param>
/// <param name="AtOf">When a record happened.</param>
internal sealed record HistoryReplay<TState, TTransition, TEvent>(
    TransitionTable<TState, TTransition> Table,
    Func<TEvent, TTransition?> TransitionOf,
    Func<TEvent, Instant> AtOf)
    where TState : struct, Enum
    where TTransition : struct, Enum
    where TEvent : class
{
    /// <summary>
    /// Replays <paramref name="history"/> from record 1 (<paramref name="noun"/> names the aggregate in messages: <c>problem</c>): <paramref name="state"/> reads the state reached,
    /// <paramref name="violation"/> says what a record breaks of the aggregate's own rules (or null), <paramref name="apply"/>
    /// makes the transition to the table's target. Returns null, or what the first record that does not fit is wrong with,
    /// as "<paramref name="name"/>: history record i (kind by who at when) ...".
    /// </summary>
    public string? Run(
        string name,
        string noun,
        IReadOnlyList<TEvent?> history,
        Func<TState> state,
        Func<TEvent, string?> violation,
        Action<TEvent, TState> apply,
        Func<TEvent?, string> describe)
    {
        for (var i = 1; i < history.Count; i++)
        {
            var e = history[i];
            var previous = history[i - 1];
            var targets = e is null || TransitionOf(e) is not { } via ? [] : Table.TargetsOf(state(), via);
            var wrong = e is null ? "is missing"
                : previous is not null && AtOf(e) < AtOf(previous) ? $"is earlier than record {(i - 1).ToString(CultureInfo.InvariantCulture)} at {AtOf(previous)}; history does not run backwards"
                : targets.IsEmpty ? $"is not allowed while the {noun} is {state()}"
                : violation(e);
            if (wrong is not null)
            {
                return $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} ({describe(e)}) {wrong}.";
            }

            apply(e!, targets[0]);
        }

        return null;
    }
}
