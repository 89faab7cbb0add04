using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// An SLA clock: the recorded history of one measured promise (response or resolution) of one
/// record, and a pure fold over that history that says, at any instant, whether the promise is
/// running, paused, met or breached, and how much business time is used and left.
/// </summary>
/// <remarks>
/// <para>
/// <b>History, not state.</b> The clock stores its events ordered by instant, then sequence. Recording
/// an event, even late and out of order, re-validates the whole ordered history (start first and
/// once; pause only while running; resume only while paused; stop while running or paused;
/// nothing after stop); an event that would make it illegal is refused with a Conflict naming the
/// state and the allowed moves, and the clock is unchanged. So the clock always equals a replay of
/// its events from scratch (<see cref="Replay"/>), whatever order they arrived in. A late event
/// whose partner arrived before it (a pause arriving after the resume that ends it) cannot be
/// recorded alone; record such events together with <see cref="RecordAll"/>.
/// </para>
/// <para>
/// <b>Evaluation</b> (<see cref="Evaluate"/>) folds the events up to the instant over the calendar:
/// each running span adds <c>calendar.BusinessTimeBetween</c>; paused spans add nothing. Within a
/// span that starts at <c>u</c> with elapsed <c>e</c> and target <c>T</c>, the due instant is
/// <c>calendar.Add(u, T - e)</c> and the clock breaches at the next working instant at or after it,
/// because a clock breaches only once elapsed time <i>exceeds</i> the target: a clock stopped after
/// closing on its due day has met its target. A paused or stopped clock never breaches. The cost is
/// O(k log n) for k events: deadlines are not recomputed day by day from creation.
/// </para>
/// <para>A sealed class with private state; immutable and thread-safe (recording returns a new clock).</para>
/// </remarks>
public sealed partial class SlaClock
{
    private SlaClock(SlaMetric metric, ImmutableArray<int> warningThresholds, ImmutableArray<SlaClockEvent> events)
    {
        Metric = metric;
        WarningThresholds = warningThresholds;
        Events = events;
    }

    /// <summary>Which promise the clock measures.</summary>
    public SlaMetric Metric { get; }

    /// <summary>Warning thresholds as percentages of the target (1 to 100), ascending.</summary>
    public ImmutableArray<int> WarningThresholds { get; }

    /// <summary>The recorded events, ordered by instant then sequence.</summary>
    public ImmutableArray<SlaClockEvent> Events { get; }

    /// <summary>The instant the clock started.</summary>
    public Instant StartedAt => Events[0].At;

    /// <summary>True once a stop has been recorded.</summary>
    public bool IsStopped => Events[^1] is SlaClockStopped;

    /// <summary>Starts a clock with a positive business-time target.</summary>
    /// <param name="metric">Which promise it measures.</param>
    /// <param name="at">When it starts.</param>
    /// <param name="target">The business time allowed; must be positive.</param>
    /// <param name="warningThresholds">Percentages of the target that raise warnings (1 to 100); none when default or empty.</param>
    /// <param name="sequence">Order among events at the same instant.</param>
    public static Result<SlaClock> Start(SlaMetric metric, Instant at, Duration target, ImmutableArray<int> warningThresholds = default, long sequence = 0) =>
        Replay(metric, warningThresholds, [new SlaClockStarted(at, sequence, target)]);

    /// <summary>
    /// Builds a clock from its events in any order, validating them as <see cref="Record"/> does.
    /// Used to restore a stored clock and to prove replay equivalence.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or an event is null.</exception>
    public static Result<SlaClock> Replay(SlaMetric metric, ImmutableArray<int> warningThresholds, IEnumerable<SlaClockEvent> events)
    {
        Preconditions.CheckNotNull(events);
        var thresholds = NormaliseThresholds(warningThresholds.IsDefault ? [] : warningThresholds, out var thresholdError);
        if (thresholdError is not null)
        {
            return Result<SlaClock>.Invalid(thresholdError);
        }

        var ordered = events.Select(e => Preconditions.CheckNotNull(e, nameof(events))).OrderBy(e => e.At).ThenBy(e => e.Sequence).ToImmutableArray();
        var problem = Validate(ordered);
        return problem ?? new SlaClock(metric, thresholds, ordered);
    }

    /// <summary>
    /// Records an event, in or out of order. Returns the new clock, or a Conflict (this clock
    /// unchanged) when the ordered history would become illegal, or Invalid for a non-positive
    /// target or an empty reason.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="clockEvent"/> is null.</exception>
    public Result<SlaClock> Record(SlaClockEvent clockEvent)
    {
        Preconditions.CheckNotNull(clockEvent);
        return Replay(Metric, WarningThresholds, Events.Add(clockEvent));
    }

    /// <summary>
    /// Records several events at once, in any order, validating the resulting history once. Use it
    /// for events that only make sense together when they arrive late (a pause and the resume
    /// that ends it, when the resume came first): recorded one at a time, the resume alone would
    /// be refused.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="clockEvents"/> or an event is null.</exception>
    public Result<SlaClock> RecordAll(IEnumerable<SlaClockEvent> clockEvents)
    {
        Preconditions.CheckNotNull(clockEvents);
        return Replay(Metric, WarningThresholds, Events.AddRange(clockEvents));
    }

    /// <summary>Pauses the clock at <paramref name="at"/> for <paramref name="reason"/>.</summary>
    public Result<SlaClock> Pause(Instant at, string reason, long sequence = 0) => Record(new SlaClockPaused(at, sequence, reason));

    /// <summary>Resumes the clock at <paramref name="at"/>.</summary>
    public Result<SlaClock> Resume(Instant at, long sequence = 0) => Record(new SlaClockResumed(at, sequence));

    /// <summary>Stops the clock at <paramref name="at"/> (the promise was kept or broken; the answer is in <see cref="Evaluate"/>).</summary>
    public Result<SlaClock> Stop(Instant at, long sequence = 0) => Record(new SlaClockStopped(at, sequence));

    /// <summary>Changes the target at <paramref name="at"/> under <paramref name="policy"/> (<see cref="SlaRetargetPolicy.KeepElapsed"/> when null).</summary>
    public Result<SlaClock> Retarget(Instant at, Duration target, string reason, SlaRetargetPolicy? policy = null, long sequence = 0) =>
        Record(new SlaClockRetargeted(at, sequence, target, reason, policy ?? SlaRetargetPolicy.KeepElapsed));

    /// <summary>Evaluates the clock at <paramref name="at"/> over <paramref name="calendar"/>, considering only events up to and including <paramref name="at"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An instant lies outside the calendar's supported range.</exception>
    public SlaClockStatus Evaluate(Instant at, BusinessCalendar calendar) => FoldEvents(at, calendar, strict: true).Status;

    /// <summary>
    /// Whether the clock can be evaluated at <paramref name="at"/> over <paramref name="calendar"/>
    /// without leaving the calendar's supported range: <see cref="ResultStatus.Conflict"/>
    /// (<c>sla.beyond-horizon</c>) when <paramref name="at"/> or an event lies outside it, or when the
    /// target does not elapse (or no working time follows its due instant) before
    /// <see cref="BusinessCalendar.MaxSupportedInstant"/>. A host checks this before it records a
    /// command near the horizon (an incident opened on 31 December 2149 with a 40-hour target), so
    /// the command is refused with a message instead of faulting later in <see cref="Evaluate"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public Result CheckHorizon(Instant at, BusinessCalendar calendar)
    {
        Preconditions.CheckNotNull(calendar);
        if (Events.Select(e => e.At).Append(at).Any(i => i < BusinessCalendar.MinSupportedInstant || i >= BusinessCalendar.MaxSupportedInstant))
        {
            return Failure.Conflict(
                $"The {Metric} clock cannot be evaluated at {at}: business calendars answer for instants from {BusinessCalendar.MinSupportedInstant} up to {BusinessCalendar.MaxSupportedInstant}.",
                "sla.beyond-horizon");
        }

        var (_, beyond) = FoldEvents(at, calendar, strict: false);
        return beyond is { } from
            ? Failure.Conflict(
                $"The {Metric} target of the clock started {StartedAt} is not reached before the calendar's horizon {BusinessCalendar.MaxSupportedInstant} (counting from {from}); no due instant can be given.",
                "sla.beyond-horizon")
            : Result.Success();
    }

    /// <summary>Returns the snapshot to store.</summary>
    public SlaClockSnapshot ToSnapshot() => new(Metric, WarningThresholds, Events);

    /// <summary>Restores a stored clock.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot holds an illegal history (it was not produced by <see cref="ToSnapshot"/>).</exception>
    public static SlaClock FromSnapshot(SlaClockSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var result = Replay(snapshot.Metric, snapshot.WarningThresholds, snapshot.Events);
        Preconditions.CheckArgument(result.IsSuccess, nameof(snapshot), $"The snapshot holds an illegal SLA clock history: {result.Message}");
        return result.Value;
    }

    /// <summary>Sorts and de-duplicates warning thresholds; sets <paramref name="error"/> when one is not a percentage from 1 to 100.</summary>
    internal static ImmutableArray<int> NormaliseThresholds(IEnumerable<int> thresholds, out ValidationError? error)
    {
        var sorted = thresholds.Distinct().Order().ToImmutableArray();
        error = sorted.Any(t => t is < 1 or > 100)
            ? Failure.Field("WarningThresholds", "Warning thresholds are percentages from 1 to 100.", "sla.threshold.range")
            : null;
        return sorted;
    }

    private static Result<SlaClock>? Validate(ImmutableArray<SlaClockEvent> ordered)
    {
        if (ordered.Length == 0 || ordered[0] is not SlaClockStarted)
        {
            return Failure.Conflict<SlaClock>("An SLA clock's history must begin with its start.", "sla-clock.illegal-transition");
        }

        var state = "not started";
        for (var i = 0; i < ordered.Length; i++)
        {
            var e = ordered[i];
            if (i > 0 && e.At == ordered[i - 1].At && e.Sequence == ordered[i - 1].Sequence)
            {
                return Failure.Conflict<SlaClock>($"Two SLA clock events share the instant {e.At} and sequence {e.Sequence}; give events at the same instant distinct sequence numbers.", "sla-clock.duplicate-sequence");
            }

            var (allowed, next) = (state, e) switch
            {
                ("not started", SlaClockStarted) => (true, "running"),
                ("running", SlaClockPaused) => (true, "paused"),
                ("running" or "paused", SlaClockStopped) => (true, "stopped"),
                ("paused", SlaClockResumed) => (true, "running"),
                ("running" or "paused", SlaClockRetargeted) => (true, state),
                _ => (false, state),
            };

            if (e is SlaClockStarted { Target: var t } && t <= Duration.Zero)
            {
                return Result<SlaClock>.Invalid(Failure.Field("Target", $"An SLA target must be positive, but was {t}.", "sla.target.range"));
            }

            if (e is SlaClockRetargeted rt)
            {
                if (rt.Target <= Duration.Zero)
                {
                    return Result<SlaClock>.Invalid(Failure.Field("Target", $"An SLA target must be positive, but was {rt.Target}.", "sla.target.range"));
                }

                if (string.IsNullOrWhiteSpace(rt.Reason) || rt.Policy is null)
                {
                    return Result<SlaClock>.Invalid(Failure.Field("Reason", "A re-target needs a reason and a policy.", "sla.retarget.reason"));
                }
            }

            if (e is SlaClockPaused { Reason: var reason } && string.IsNullOrWhiteSpace(reason))
            {
                return Result<SlaClock>.Invalid(Failure.Field("Reason", "A pause needs a reason.", "sla.pause.reason"));
            }

            if (!allowed)
            {
                var moves = state switch
                {
                    "running" => "pause, stop, re-target",
                    "paused" => "resume, stop, re-target",
                    "stopped" => "none",
                    _ => "start",
                };
                return Failure.Conflict<SlaClock>($"Cannot {e.Verb} an SLA clock that is {state} at {e.At}; allowed: {moves}.", "sla-clock.illegal-transition");
            }

            state = next;
        }

        return null;
    }
}

/// <summary>The stored form of an <see cref="SlaClock"/>: its metric, thresholds and ordered events.</summary>
/// <param name="Metric">Which promise it measures.</param>
/// <param name="WarningThresholds">Warning thresholds as percentages.</param>
/// <param name="Events">The events, ordered by instant then sequence.</param>
public sealed record SlaClockSnapshot(SlaMetric Metric, ImmutableArray<int> WarningThresholds, ImmutableArray<SlaClockEvent> Events)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
