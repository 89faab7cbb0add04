using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>Whether an outage was planned work (a firmware window, an approved change) or a failure.</summary>
/// <remarks><c>default</c> is <see cref="Unplanned"/>: an outage nobody announced is a failure.</remarks>
public enum OutageKind
{
    /// <summary>A failure: it counts against availability when it falls in agreed service time.</summary>
    Unplanned = 0,

    /// <summary>Planned work: the service time it takes down is removed from the agreed time instead of counting as downtime.</summary>
    Planned = 1,
}

/// <summary>
/// One configuration item out of service over a half-open interval <c>[Start, End)</c>, planned or
/// not; <see cref="End"/> is null while the outage is still going on.
/// </summary>
/// <remarks>
/// A value: valid by construction (<see cref="Create"/> refuses an end that is not after the start),
/// immutable and thread-safe. Outages of one item may overlap (a planned window and a failure inside
/// it, or the same failure recorded twice); the availability measure never counts an instant twice.
/// There is no meaningful <c>default</c>: it names no item, and the measure refuses it.
/// </remarks>
public readonly record struct Outage
{
    private Outage(ConfigurationItemId item, Instant start, Instant? end, OutageKind kind)
    {
        Item = item;
        Start = start;
        End = end;
        Kind = kind;
    }

    /// <summary>The configuration item that was out.</summary>
    public ConfigurationItemId Item { get; }

    /// <summary>The first instant the item was out.</summary>
    public Instant Start { get; }

    /// <summary>The first instant the item was back (exclusive), or null while the outage is ongoing.</summary>
    public Instant? End { get; }

    /// <summary>Planned work or a failure.</summary>
    public OutageKind Kind { get; }

    /// <summary>True for planned work.</summary>
    public bool IsPlanned => Kind == OutageKind.Planned;

    /// <summary>True while the outage has no end.</summary>
    public bool IsOngoing => End is null;

    /// <summary>
    /// An outage of <paramref name="item"/> from <paramref name="start"/> to <paramref name="end"/>
    /// (null: still going on). An end that is not after the start gives <see cref="ResultStatus.Invalid"/>
    /// with <c>availability.outage.interval</c>; an unknown kind gives <c>availability.outage.kind</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="item"/> is <c>default</c>.</exception>
    public static Result<Outage> Create(ConfigurationItemId item, Instant start, Instant? end, OutageKind kind)
    {
        Preconditions.CheckArgument(item.Value is not null, nameof(item), "The configuration item must be assigned.");
        if (end is { } e && e <= start)
        {
            return Result<Outage>.Invalid(Failure.Field("end", $"The outage of '{item}' ends at {e}, which is not after its start {start}.", "availability.outage.interval"));
        }

        if (!Enum.IsDefined(kind))
        {
            return Result<Outage>.Invalid(Failure.Field("kind", $"The outage kind {(int)kind} is neither planned nor unplanned.", "availability.outage.kind"));
        }

        return new Outage(item, start, end, kind);
    }

    /// <summary>Returns, for example, <c>san-01 planned [2026-03-07T22:00:00Z, 2026-03-08T02:00:00Z)</c>.</summary>
    public override string ToString() =>
        $"{Item} {(IsPlanned ? "planned" : "unplanned")} [{Start}, {(End is { } e ? e.ToString() : "ongoing")})";
}
