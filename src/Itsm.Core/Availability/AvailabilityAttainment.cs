using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>
/// One part of a measured period during which one availability target (or none) was in force, with the part's own figures.
/// </summary>
/// <param name="Target">The target in force throughout the part, in (0, 1]; null when none was agreed then.</param>
/// <param name="Figures">The service's figures over the part alone.</param>
/// <remarks>Immutable and thread-safe. <c>default</c> has no target and the default figures.</remarks>
public readonly record struct AvailabilityAttainmentPart(double? Target, ServiceAvailability Figures)
{
    /// <summary>The part, half-open.</summary>
    public Interval Period => Figures.Period;

    /// <summary>The downtime the target allows in the part's agreed time, <c>floor((1 - target) x |A|)</c> to the nanosecond; null without a target.</summary>
    public Duration? AllowedDowntime => Target is { } t ? Allowed(t, Figures.Agreed) : null;

    /// <summary>True when the part's downtime stayed within what its target allows; null without a target.</summary>
    public bool? Met => AllowedDowntime is { } allowed ? Figures.Down <= allowed : null;

    /// <summary>Allowed downtime minus downtime (negative when the part missed its target); null without a target.</summary>
    public Duration? ToSpare => AllowedDowntime is { } allowed ? allowed - Figures.Down : null;

    /// <summary>The downtime <paramref name="target"/> allows in <paramref name="agreed"/>, rounded down to the nanosecond.</summary>
    internal static Duration Allowed(double target, Duration agreed) => Duration.FromNanoseconds((long)Math.Floor((1 - target) * agreed.ToInt64Nanoseconds()));
}

/// <summary>
/// How a period's availability attains the targets agreed for it, each part against the target in force during it
/// (<see cref="ServiceAvailabilityTargets.InForce"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Composition.</b> The period is split where the target in force changes; <see cref="Parts"/> cover it in order. Each part with a
/// target is assessed on its own figures: it allows <c>floor((1 - T_i) x |A_i|)</c> of downtime and is met when its downtime
/// <c>|D_i|</c> stays within that. The period as a whole is assessed over the parts that have a target only (time outside any
/// agreement attains nothing; a part without one is listed with a null target and counts in neither sum):
/// <see cref="Agreed"/> = <c>sum |A_i|</c>, <see cref="Down"/> = <c>sum |D_i|</c>, <see cref="AllowedDowntime"/> = <c>sum floor((1 - T_i) x
/// |A_i|)</c>, the allowed downtime weighted by agreed time, and the period is <see cref="Met"/> when <see cref="Down"/> stays within
/// <see cref="AllowedDowntime"/>. So a part may miss its target while the period meets its weighted allowance, and
/// <see cref="Target"/> is the agreed-time-weighted mean <c>sum T_i |A_i| / sum |A_i|</c>. Downtime and agreed time are additive over
/// disjoint parts, so the parts' sums are the figures of the targeted time as one measurement would give them.
/// </para>
/// <para>Immutable and thread-safe; a class, so there is no <c>default</c>.</para>
/// </remarks>
public sealed record AvailabilityAttainment
{
    private AvailabilityAttainment(ConfigurationItemId service, Interval period, ImmutableArray<AvailabilityAttainmentPart> parts)
    {
        Service = service;
        Period = period;
        Parts = parts;
        var targeted = parts.Where(p => p.Target is not null).ToList();
        Agreed = targeted.Aggregate(Duration.Zero, (sum, p) => sum + p.Figures.Agreed);
        Down = targeted.Aggregate(Duration.Zero, (sum, p) => sum + p.Figures.Down);
        AllowedDowntime = targeted.Aggregate(Duration.Zero, (sum, p) => sum + p.AllowedDowntime!.Value);
        var weight = (double)Agreed.ToInt64Nanoseconds();
        Target = weight > 0
            ? targeted.Sum(p => p.Target!.Value * p.Figures.Agreed.ToInt64Nanoseconds()) / weight
            : targeted.Average(p => p.Target!.Value);
    }

    /// <summary>The service.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The period measured, half-open.</summary>
    public Interval Period { get; }

    /// <summary>The parts of the period, in order, without gaps or overlaps, each with the target in force during it (null: none agreed).</summary>
    public ImmutableArray<AvailabilityAttainmentPart> Parts { get; }

    /// <summary>The agreed time of the parts with a target.</summary>
    public Duration Agreed { get; }

    /// <summary>The downtime in the parts with a target.</summary>
    public Duration Down { get; }

    /// <summary>The downtime the targets allow, summed over the parts with one: the time-weighted allowance.</summary>
    public Duration AllowedDowntime { get; }

    /// <summary>
    /// The agreed-time-weighted mean of the targets in force (their plain mean when no part has agreed time); with one target in force
    /// throughout, that target.
    /// </summary>
    public double Target { get; }

    /// <summary>The availability of the parts with a target, <c>(|A| - |D|) / |A|</c>; null when they have no agreed time.</summary>
    public double? Achieved => Agreed > Duration.Zero ? (double)(Agreed - Down).ToInt64Nanoseconds() / Agreed.ToInt64Nanoseconds() : null;

    /// <summary>True when <see cref="Down"/> stayed within <see cref="AllowedDowntime"/>; a period without agreed time meets any target.</summary>
    public bool Met => Down <= AllowedDowntime;

    /// <summary>Allowed downtime minus downtime: negative when the period missed its weighted allowance.</summary>
    public Duration ToSpare => AllowedDowntime - Down;

    /// <summary>
    /// The attainment of <paramref name="period"/> from its <paramref name="parts"/> (see the remarks for how they compose).
    /// </summary>
    /// <param name="service">The service.</param>
    /// <param name="period">The period measured.</param>
    /// <param name="parts">The parts, in order: the first starts with the period, each next starts where the last ended, the last ends with it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="service"/> is <c>default</c>; the parts do not cover the period in order without gaps or overlaps, are of
    /// another service, hold a target outside (0, 1], or none of them has a target.
    /// </exception>
    public static AvailabilityAttainment Compose(ConfigurationItemId service, Interval period, IEnumerable<AvailabilityAttainmentPart> parts)
    {
        Preconditions.CheckNotNull(parts);
        Preconditions.CheckArgument(service.Value is not null, nameof(service), "The service must be assigned.");
        var list = parts.ToImmutableArray();
        Preconditions.CheckArgument(list.Length > 0 && list[0].Period.Start == period.Start && list[^1].Period.End == period.End, nameof(parts), "The parts must start and end with the period.");
        for (var i = 0; i < list.Length; i++)
        {
            Preconditions.CheckArgument(i == 0 || list[i].Period.Start == list[i - 1].Period.End, nameof(parts), "Each part must start where the one before ended.");
            Preconditions.CheckArgument(list[i].Figures.Service == service, nameof(parts), "The parts must be figures of the service.");
            Preconditions.CheckArgument(list[i].Target is null or (> 0 and <= 1), nameof(parts), "A part's target must lie in (0, 1].");
        }

        Preconditions.CheckArgument(list.Any(p => p.Target is not null), nameof(parts), "At least one part must have a target.");
        return new AvailabilityAttainment(service, period, list);
    }

    /// <summary>Equal when of the same service and period with equal parts.</summary>
    public bool Equals(AvailabilityAttainment? other) =>
        other is not null && Service == other.Service && Period == other.Period && Parts.SequenceEqual(other.Parts);

    /// <summary>A hash of the service, the period and the parts.</summary>
    public override int GetHashCode() => Parts.Aggregate(HashCode.Combine(Service, Period), (hash, part) => HashCode.Combine(hash, part));

    /// <summary>Returns, for example, <c>shop: target 0.995 met, 0h43m allowed, 0h18m down</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Service}: target {Target:0.######} {(Met ? "met" : "missed")}, {AllowedDowntime} allowed, {Down} down in {Parts.Length} part(s)");

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
