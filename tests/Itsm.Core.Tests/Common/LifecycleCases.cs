namespace Itsm.Core.Tests.Common;

/// <summary>One command of a lifecycle script: which command (<see cref="Op"/>), how many minutes after the previous one, a level for its input, and whether it is dated a minute before the latest record instead.</summary>
public sealed record LifecycleStep(int Op, int Minutes, int Level, bool Backwards)
{
    public override string ToString() => $"op{Op}+{Minutes}m/L{Level}{(Backwards ? "/back" : string.Empty)}";
}

/// <summary>A command script; <see cref="Seed"/> picks the starting variant (SLA policy, change type, quorum).</summary>
public sealed record LifecycleScript(int Seed, LifecycleStep[] Steps)
{
    public override string ToString() => $"seed {Seed}: {string.Join(", ", Steps.Select(s => s.ToString()))}";
}

/// <summary>How a stored history is mutated.</summary>
public enum MutationKind
{
    /// <summary>One record (not the first) is dated before the record before it.</summary>
    TimeBackwards,

    /// <summary>Two adjacent records at different instants change places.</summary>
    SwapAdjacent,

    /// <summary>The opening or raise is dropped.</summary>
    DropFirst,

    /// <summary>The last record that changed the state is dropped, with everything after it.</summary>
    DropFromLastStateChange,
}

/// <summary>A mutation of a stored history.</summary>
public sealed record HistoryMutation(MutationKind Kind, int Position);

/// <summary>The checks every aggregate's lifecycle property makes of a command, whatever the aggregate.</summary>
public static class LifecycleChecks
{
    /// <summary>
    /// A refused command: the aggregate's snapshot is unchanged, and the error is the state's refusal when the
    /// aggregate did not allow the transition (<paramref name="allowed"/>: its table's row for the state, less what
    /// its state guards forbid, such as closing an emergency change before its review), else the time-order refusal
    /// when the command is dated before the latest record (state is checked before time). Every allowed transition
    /// is one the table allows from the state.
    /// </summary>
    public static void Refused<TSnapshot, TState, TTransition>(
        TSnapshot before, TSnapshot after, TransitionTable<TState, TTransition> table, TState state, IReadOnlyCollection<TTransition> allowed, TTransition via,
        NodaTime.Instant at, NodaTime.Instant latest, IResult result, string illegalTransitionCode, string timeOrderCode)
        where TState : struct, Enum
        where TTransition : struct, Enum
    {
        Assert.Equal(before, after);
        Assert.All(allowed, t => Assert.True(table.Allows(state, t), $"{state} allows {t}, which the table does not"));
        if (!allowed.Contains(via))
        {
            Assert.Equal(illegalTransitionCode, result.ErrorCode);
        }
        else if (at < latest)
        {
            Assert.Equal(timeOrderCode, result.ErrorCode);
        }
    }
}

/// <summary>The history mutations every aggregate's restore must refuse, over any event type.</summary>
public static class HistoryMutations
{
    /// <summary>
    /// Applies <paramref name="mutation"/>: a record dated a minute before its predecessor, two adjacent records at
    /// different instants swapped, the first record dropped, or (the aggregate's own rule) the last state change dropped.
    /// </summary>
    public static System.Collections.Immutable.ImmutableList<TEvent> Apply<TEvent>(
        System.Collections.Immutable.ImmutableList<TEvent> history,
        HistoryMutation mutation,
        Func<TEvent, NodaTime.Instant> at,
        Func<TEvent, NodaTime.Instant, TEvent> redated,
        Func<System.Collections.Immutable.ImmutableList<TEvent>, System.Collections.Immutable.ImmutableList<TEvent>> dropFromLastStateChange)
    {
        switch (mutation.Kind)
        {
            case MutationKind.TimeBackwards:
                var i = 1 + (mutation.Position % (history.Count - 1));
                return history.SetItem(i, redated(history[i], at(history[i - 1]) - NodaTime.Duration.FromMinutes(1)));
            case MutationKind.SwapAdjacent:
                var pairs = Enumerable.Range(0, history.Count - 1).Where(k => at(history[k]) != at(history[k + 1])).ToList();
                var p = pairs[mutation.Position % pairs.Count];
                return history.SetItem(p, history[p + 1]).SetItem(p + 1, history[p]);
            case MutationKind.DropFirst:
                return history.RemoveAt(0);
            default:
                return dropFromLastStateChange(history);
        }
    }
}
