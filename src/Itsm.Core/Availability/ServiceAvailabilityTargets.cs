using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>Something that happened to a service's availability targets.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
public abstract record AvailabilityTargetEvent(Instant At, UserId By);

/// <summary>
/// The availability target of the service, or of one of its offerings (<paramref name="Offering"/>, null for the service as a
/// whole), was set to <paramref name="Target"/> (a fraction in (0, 1]), in force from <see cref="Effective"/> until the same target's
/// next revision takes effect.
/// </summary>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="Offering">The offering, or null for the service as a whole.</param>
/// <param name="Target">The target, a fraction in (0, 1].</param>
/// <param name="EffectiveFrom">
/// When the target takes effect, if not when it was recorded: earlier for a target agreed back to the start of a period, later for one
/// agreed ahead; null for <paramref name="At"/>.
/// </param>
public sealed record AvailabilityTargetSet(Instant At, UserId By, string? Offering, double Target, Instant? EffectiveFrom = null) : AvailabilityTargetEvent(At, By)
{
    /// <summary>The instant from which the target is in force: <see cref="EffectiveFrom"/>, else <see cref="AvailabilityTargetEvent.At"/>.</summary>
    public Instant Effective => EffectiveFrom ?? At;
}

/// <summary>A part of a period and the availability target in force throughout it (<see cref="ServiceAvailabilityTargets.InForce"/>).</summary>
/// <param name="Period">The part, half-open.</param>
/// <param name="Target">The target in force, a fraction in (0, 1]; null when none was agreed for the part.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct AvailabilityTargetInForce(Interval Period, double? Target);

/// <summary>
/// The availability targets agreed for one service: one for the service as a whole and one per named offering (such as
/// <c>gold</c>), each set and revised with history. <see cref="InForce"/> answers which target a period is assessed against, part by
/// part; <see cref="TargetFor"/> the latest agreed one.
/// </summary>
/// <remarks>
/// <para>
/// Every member but the service is derived from <see cref="History"/>: <see cref="AvailabilityTargetSet"/> records, never back in
/// time (<c>availability.target.time-order</c>), each changing one target's value from its effective instant on.
/// </para>
/// <para>
/// <b>The target in force</b> at an instant, for an offering: the offering's own revision that took effect last at or before it, else
/// the service's, else none. The effective instants of one target's revisions strictly increase
/// (<c>availability.target.effective-order</c>), so each revision is in force from its effective instant until the next one's. A
/// revision may take effect before it was recorded (agreed back to the start of a month) or after (agreed ahead).
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed class ServiceAvailabilityTargets
{
    /// <summary>Error code of a stored record whose history does not replay (<see cref="Restore"/>).</summary>
    public const string HistoryCode = "availability.target.history";

    /// <summary>Error code of a target set before the latest record.</summary>
    public const string TimeOrderCode = "availability.target.time-order";

    /// <summary>Error code of an offering name that is blank, not trimmed, too long or holds control characters.</summary>
    public const string OfferingCode = "availability.target.offering";

    /// <summary>Error code of an unassigned service or actor.</summary>
    public const string IdentifierCode = "availability.target.identifier";

    /// <summary>Error code of a target set to the value it already has.</summary>
    public const string UnchangedCode = "availability.target.unchanged";

    /// <summary>Error code of an effective instant outside the supported range of business calendars.</summary>
    public const string EffectiveCode = "availability.target.effective";

    /// <summary>Error code of a revision that takes effect at or before the same target's latest revision.</summary>
    public const string EffectiveOrderCode = "availability.target.effective-order";

    private ServiceAvailabilityTargets(ConfigurationItemId service, AvailabilityTargetSet first)
    {
        Service = service;
        ServiceTarget = first.Offering is null ? first.Target : null;
        Offerings = first.Offering is { } o ? ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal).Add(o, first.Target) : ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);
        History = [first];
    }

    /// <summary>The service the targets are agreed for.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The latest agreed target of the service as a whole (it may take effect later), or null when only offerings have one.</summary>
    public double? ServiceTarget { get; private set; }

    /// <summary>The latest agreed targets of named offerings, by name (ordinal).</summary>
    public ImmutableSortedDictionary<string, double> Offerings { get; private set; }

    /// <summary>Everything that happened, oldest first.</summary>
    public ImmutableList<AvailabilityTargetEvent> History { get; private set; }

    /// <summary>
    /// The first target of <paramref name="service"/>. Invalid for an unassigned service or actor
    /// (<c>availability.target.identifier</c>), a target outside (0, 1] (<c>availability.target.invalid</c>) or a bad offering name
    /// (<c>availability.target.offering</c>: 1 to 200 characters, trimmed, without control characters), or an effective instant
    /// outside the supported range of business calendars (<c>availability.target.effective</c>).
    /// </summary>
    /// <param name="service">The service.</param>
    /// <param name="offering">The offering, or null for the service as a whole.</param>
    /// <param name="target">The target, a fraction in (0, 1]: 99.5 % is 0.995.</param>
    /// <param name="by">Who sets it.</param>
    /// <param name="at">When.</param>
    /// <param name="effectiveFrom">When the target takes effect; null for <paramref name="at"/>.</param>
    public static Result<ServiceAvailabilityTargets> Define(ConfigurationItemId service, string? offering, double target, UserId by, Instant at, Instant? effectiveFrom = null)
    {
        var wrong = Check(service, offering, target, by, effectiveFrom);
        return wrong.IsSuccess ? new ServiceAvailabilityTargets(service, new AvailabilityTargetSet(at, by, offering, target, effectiveFrom)) : wrong.AsFailure<ServiceAvailabilityTargets>();
    }

    /// <summary>
    /// Sets the target of the service (<paramref name="offering"/> null) or of an offering. Invalid as for <see cref="Define"/>, or
    /// for the value it already has (<c>availability.target.unchanged</c>); Conflict (<c>availability.target.time-order</c>) before
    /// the latest record, or (<c>availability.target.effective-order</c>) taking effect at or before the same target's latest revision.
    /// </summary>
    /// <param name="offering">The offering, or null for the service as a whole.</param>
    /// <param name="target">The target, a fraction in (0, 1].</param>
    /// <param name="by">Who sets it.</param>
    /// <param name="at">When.</param>
    /// <param name="effectiveFrom">When the target takes effect; null for <paramref name="at"/>.</param>
    public Result Set(string? offering, double target, UserId by, Instant at, Instant? effectiveFrom = null)
    {
        var wrong = Check(Service, offering, target, by, effectiveFrom);
        if (!wrong.IsSuccess)
        {
            return wrong;
        }

        if (CurrentOf(offering) == target)
        {
            return Failure.Invalid("Target", $"The availability target of {Name(offering)} is already {target.ToString(CultureInfo.InvariantCulture)}.", UnchangedCode);
        }

        if (at < History[^1].At)
        {
            return Failure.Conflict($"Cannot set the availability target of {Name(offering)} at {at}: its last record was at {History[^1].At}, and history does not run backwards.", TimeOrderCode);
        }

        var effective = effectiveFrom ?? at;
        if (Revisions(offering).LastOrDefault() is { } previous && effective <= previous.Effective)
        {
            return Failure.Conflict($"The availability target of {Name(offering)} cannot take effect at {effective}: its latest revision takes effect at {previous.Effective}, and each revision must take effect after the one before.", EffectiveOrderCode);
        }

        Apply(new AvailabilityTargetSet(at, by, offering, target, effectiveFrom));
        return Result.Success();
    }

    /// <summary>
    /// The target in force at <paramref name="at"/> for <paramref name="offering"/> (null: the service as a whole): the offering's own
    /// revision that took effect last at or before it, else the service's; null when none was in force yet.
    /// </summary>
    public double? TargetAt(string? offering, Instant at) =>
        (offering is null ? null : InForceAt(Revisions(offering), at)) ?? InForceAt(Revisions(null), at);

    /// <summary>
    /// The targets in force over <paramref name="period"/> for <paramref name="offering"/> (null: the service as a whole), as parts that
    /// cover it in order without gaps: a new part starts where the target in force changes (<see cref="TargetAt"/>); a part with a null
    /// target had none agreed. An empty period gives one empty part.
    /// </summary>
    /// <remarks>Linear in the history's length.</remarks>
    /// <exception cref="ArgumentException"><paramref name="period"/> has no start or no end.</exception>
    public ImmutableArray<AvailabilityTargetInForce> InForce(string? offering, Interval period)
    {
        Preconditions.CheckArgument(period.HasStart && period.HasEnd, nameof(period), "The period must have a start and an end.");
        var edges = Revisions(null).Concat(offering is null ? [] : Revisions(offering))
            .Select(r => r.Effective)
            .Where(e => e > period.Start && e < period.End)
            .Append(period.End)
            .Distinct()
            .Order();
        var parts = ImmutableArray.CreateBuilder<AvailabilityTargetInForce>();
        var start = period.Start;
        foreach (var edge in edges)
        {
            var target = TargetAt(offering, start);
            if (parts.Count > 0 && parts[^1].Target == target)
            {
                parts[^1] = new(new Interval(parts[^1].Period.Start, edge), target);
            }
            else
            {
                parts.Add(new(new Interval(start, edge), target));
            }

            start = edge;
        }

        return parts.ToImmutable();
    }

    /// <summary>
    /// The latest agreed target of <paramref name="offering"/> (null: the service as a whole): the offering's own, else the service's,
    /// else null when none is agreed. It may not be in force yet, nor have been during a past period: assess a period against
    /// <see cref="InForce"/>.
    /// </summary>
    public AvailabilityTarget? TargetFor(string? offering)
    {
        var value = offering is not null && Offerings.TryGetValue(offering, out var own) ? own : ServiceTarget;
        return value is { } v ? AvailabilityTarget.Create(Service, v).Value : null;
    }

    /// <summary>The stored form.</summary>
    public ServiceAvailabilityTargetsSnapshot ToSnapshot() => new(Service, History);

    /// <summary>
    /// Restores the targets from their stored form by replaying each record through <see cref="Define"/> and <see cref="Set"/>:
    /// Invalid (<c>availability.target.history</c>) naming the first record they refuse, or when the history is empty.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<ServiceAvailabilityTargets> Restore(ServiceAvailabilityTargetsSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        return HistoryReplay.Apply<ServiceAvailabilityTargets, AvailabilityTargetEvent>(snapshot.History ?? [], $"Stored availability targets of {snapshot.Service}", HistoryCode, Describe, (_, e, replayed) => (e, replayed) switch
        {
            (AvailabilityTargetSet s, null) => Define(snapshot.Service, s.Offering, s.Target, s.By, s.At, s.EffectiveFrom),
            (AvailabilityTargetSet s, { } t) => t.Set(s.Offering, s.Target, s.By, s.At, s.EffectiveFrom) is { IsSuccess: false } refused ? refused.AsFailure<ServiceAvailabilityTargets>() : t,
            _ => Failure.Invalid("History", "is not a target being set", HistoryCode).AsFailure<ServiceAvailabilityTargets>(),
        });
    }

    /// <summary>Returns, for example, <c>shop: 0.995, gold 0.999</c>.</summary>
    public override string ToString() =>
        string.Join(", ", new[] { ServiceTarget is { } t ? string.Create(CultureInfo.InvariantCulture, $"{Service}: {t}") : $"{Service}:" }
            .Concat(Offerings.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value}"))));

    private static string Describe(AvailabilityTargetEvent? e) => e is null ? "missing" : $"{e.GetType().Name} by {e.By} at {e.At}";

    private static double? InForceAt(IEnumerable<AvailabilityTargetSet> revisions, Instant at) =>
        revisions.LastOrDefault(r => r.Effective <= at)?.Target;

    private static Result Check(ConfigurationItemId service, string? offering, double target, UserId by, Instant? effectiveFrom)
    {
        if (service.Value is null || by.Value is null)
        {
            return Failure.Invalid(string.Empty, "The service and the acting user must be assigned.", IdentifierCode);
        }

        if (offering is not null && Identifier.CheckText(offering) is { } problem)
        {
            return Failure.Invalid("Offering", $"The offering name {problem}", OfferingCode);
        }

        if (effectiveFrom is { } effective && (effective < BusinessCalendar.MinSupportedInstant || effective >= BusinessCalendar.MaxSupportedInstant))
        {
            return Failure.Invalid("EffectiveFrom", $"The target cannot take effect at {effective}: give an instant from {BusinessCalendar.MinSupportedInstant} to before {BusinessCalendar.MaxSupportedInstant}.", EffectiveCode);
        }

        var created = AvailabilityTarget.Create(service, target);
        return created.IsSuccess ? Result.Success() : created.AsFailure();
    }

    private string Name(string? offering) => offering is null ? $"service '{Service}'" : $"offering '{offering}' of service '{Service}'";

    private IEnumerable<AvailabilityTargetSet> Revisions(string? offering) => History.OfType<AvailabilityTargetSet>().Where(r => r.Offering == offering);

    private double? CurrentOf(string? offering) => offering is null ? ServiceTarget : Offerings.TryGetValue(offering, out var t) ? t : null;

    private void Apply(AvailabilityTargetSet e)
    {
        if (e.Offering is { } o)
        {
            Offerings = Offerings.SetItem(o, e.Target);
        }
        else
        {
            ServiceTarget = e.Target;
        }

        History = History.Add(e);
    }
}

/// <summary>A service's availability targets in stored form: the service and the history; every other member is its history replayed.</summary>
/// <param name="Service">The service.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record ServiceAvailabilityTargetsSnapshot(ConfigurationItemId Service, ImmutableList<AvailabilityTargetEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
