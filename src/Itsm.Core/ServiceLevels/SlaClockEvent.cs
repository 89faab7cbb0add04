using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// Something that happened to an SLA clock, recorded with the instant it happened and a sequence
/// number from its source. Clocks order events by <see cref="At"/>, then <see cref="Sequence"/>, so
/// events may be recorded late and out of order and still give the answer of an in-order replay.
/// </summary>
/// <remarks>
/// <see cref="Sequence"/> only breaks ties between events at the same instant (a pause and a resume
/// in the same second); use the version of the record that caused the event, or any number that
/// increases with the order in which things happened. Immutable records; <c>with</c> is harmless
/// because a clock validates the whole sequence when an event is recorded.
/// </remarks>
/// <param name="At">When it happened.</param>
/// <param name="Sequence">Order among events at the same instant.</param>
public abstract record SlaClockEvent(Instant At, long Sequence)
{
    /// <summary>A short verb for messages: <c>start</c>, <c>pause</c>, <c>resume</c>, <c>stop</c>, <c>re-target</c>.</summary>
    public abstract string Verb { get; }
}

/// <summary>The clock started with a target of business time.</summary>
/// <param name="At">When it started.</param>
/// <param name="Sequence">Order among events at the same instant.</param>
/// <param name="Target">The business time allowed; positive.</param>
public sealed record SlaClockStarted(Instant At, long Sequence, Duration Target) : SlaClockEvent(At, Sequence)
{
    /// <inheritdoc />
    public override string Verb => "start";
}

/// <summary>The clock paused (for example, the incident went on hold awaiting the customer).</summary>
/// <param name="At">When it paused.</param>
/// <param name="Sequence">Order among events at the same instant.</param>
/// <param name="Reason">Why, for example the state that pauses it (<c>OnHold</c>).</param>
public sealed record SlaClockPaused(Instant At, long Sequence, string Reason) : SlaClockEvent(At, Sequence)
{
    /// <inheritdoc />
    public override string Verb => "pause";
}

/// <summary>The clock resumed after a pause.</summary>
/// <param name="At">When it resumed.</param>
/// <param name="Sequence">Order among events at the same instant.</param>
public sealed record SlaClockResumed(Instant At, long Sequence) : SlaClockEvent(At, Sequence)
{
    /// <inheritdoc />
    public override string Verb => "resume";
}

/// <summary>The clock stopped: the response was given or the incident resolved. Nothing may follow.</summary>
/// <param name="At">When it stopped.</param>
/// <param name="Sequence">Order among events at the same instant.</param>
public sealed record SlaClockStopped(Instant At, long Sequence) : SlaClockEvent(At, Sequence)
{
    /// <inheritdoc />
    public override string Verb => "stop";
}

/// <summary>The clock's target changed (usually a priority change), with the reason and the policy applied.</summary>
/// <param name="At">When it changed.</param>
/// <param name="Sequence">Order among events at the same instant.</param>
/// <param name="Target">The new business time allowed; positive.</param>
/// <param name="Reason">Why, for example <c>priority P3 -> P1: major incident</c>.</param>
/// <param name="Policy">What happens to elapsed time and past breaches.</param>
public sealed record SlaClockRetargeted(Instant At, long Sequence, Duration Target, string Reason, SlaRetargetPolicy Policy) : SlaClockEvent(At, Sequence)
{
    /// <inheritdoc />
    public override string Verb => "re-target";
}
