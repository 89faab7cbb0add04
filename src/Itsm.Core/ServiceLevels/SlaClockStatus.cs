using Itsm.Core.Common;
using System.Collections.Immutable;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// What an SLA clock says at one instant: its state, elapsed and remaining business time, due and
/// breach instants, percentage of the target used and the warning thresholds crossed.
/// </summary>
/// <remarks>Immutable data produced by <see cref="SlaClock.Evaluate"/>; thread-safe.</remarks>
public sealed record SlaClockStatus
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>The instant the status describes.</summary>
    public required Instant At { get; init; }

    /// <summary>Running, paused, met or breached (or not started before the start instant).</summary>
    public required SlaClockState State { get; init; }

    /// <summary>The business time allowed at <see cref="At"/>.</summary>
    public required Duration Target { get; init; }

    /// <summary>Business time counted so far (paused spans add nothing).</summary>
    public required Duration Elapsed { get; init; }

    /// <summary>Business time left before the target is reached; zero once reached.</summary>
    public Duration Remaining => Elapsed >= Target ? Duration.Zero : Target - Elapsed;

    /// <summary>Elapsed as a percentage of the target (may exceed 100).</summary>
    public double Percentage => Target == Duration.Zero ? 0 : 100.0 * Elapsed.ToInt64Nanoseconds() / Target.ToInt64Nanoseconds();

    /// <summary>
    /// While the clock runs: the earliest instant by which the target is reached if it keeps running
    /// (<c>calendar.Add</c> of the remaining time); null while paused, stopped or not started.
    /// </summary>
    public Instant? Due { get; init; }

    /// <summary>When the clock breached (elapsed first exceeded the target), or null if it has not.</summary>
    public Instant? BreachedAt { get; init; }

    /// <summary>
    /// While the clock runs and has not breached: the instant it will breach if it keeps running
    /// (the next working instant at or after <see cref="Due"/>); null otherwise.
    /// </summary>
    public Instant? ProjectedBreach { get; init; }

    /// <summary>The warning thresholds (percentages) that elapsed time has reached, ascending.</summary>
    public required ImmutableArray<int> ThresholdsCrossed { get; init; }

    /// <summary>Value equality, comparing <see cref="ThresholdsCrossed"/> element by element.</summary>
    public bool Equals(SlaClockStatus? other) =>
        other is not null && At == other.At && State == other.State && Target == other.Target && Elapsed == other.Elapsed
        && Due == other.Due && BreachedAt == other.BreachedAt && ProjectedBreach == other.ProjectedBreach
        && ThresholdsCrossed.SequenceEqual(other.ThresholdsCrossed);

    /// <summary>A hash consistent with <see cref="Equals(SlaClockStatus)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(At, State, Target, Elapsed, Due, BreachedAt, ProjectedBreach, ThresholdsCrossed.Length);

    /// <summary>True when <see cref="State"/> is <see cref="SlaClockState.Breached"/>.</summary>
    public bool IsBreached => State == SlaClockState.Breached;
}
