using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>Something that happened to a service's availability targets.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
public abstract record AvailabilityTargetEvent(Instant At, UserId By);

/// <summary>
/// The availability target of the service, or of one of its offerings (<paramref name="Offering"/>, null for the service as a
/// whole), was set to <paramref name="Target"/> (a fraction in (0, 1]).
/// </summary>
public sealed record AvailabilityTargetSet(Instant At, UserId By, string? Offering, double Target) : AvailabilityTargetEvent(At, By);

/// <summary>
/// The availability targets agreed for one service: one for the service as a whole and one per named offering (such as
/// <c>gold</c>), each set and reset with history. <see cref="TargetFor"/> answers the target a measurement is assessed against.
/// </summary>
/// <remarks>
/// <para>
/// Every member but the service is derived from <see cref="History"/>: <see cref="AvailabilityTargetSet"/> records, never back in
/// time (<c>availability.target.time-order</c>), each changing one target's value.
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

    private ServiceAvailabilityTargets(ConfigurationItemId service, AvailabilityTargetSet first)
    {
        Service = service;
        ServiceTarget = first.Offering is null ? first.Target : null;
        Offerings = first.Offering is { } o ? ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal).Add(o, first.Target) : ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);
        History = [first];
    }

    /// <summary>The service the targets are agreed for.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The target of the service as a whole, or null when only offerings have one.</summary>
    public double? ServiceTarget { get; private set; }

    /// <summary>The targets of named offerings, by name (ordinal).</summary>
    public ImmutableSortedDictionary<string, double> Offerings { get; private set; }

    /// <summary>Everything that happened, oldest first.</summary>
    public ImmutableList<AvailabilityTargetEvent> History { get; private set; }

    /// <summary>
    /// The first target of <paramref name="service"/>. Invalid for an unassigned service or actor
    /// (<c>availability.target.identifier</c>), a target outside (0, 1] (<c>availability.target.invalid</c>) or a bad offering name
    /// (<c>availability.target.offering</c>: 1 to 200 characters, trimmed, without control characters).
    /// </summary>
    /// <param name="service">The service.</param>
    /// <param name="offering">The offering, or null for the service as a whole.</param>
    /// <param name="target">The target, a fraction in (0, 1]: 99.5 % is 0.995.</param>
    /// <param name="by">Who sets it.</param>
    /// <param name="at">When.</param>
    public static Result<ServiceAvailabilityTargets> Define(ConfigurationItemId service, string? offering, double target, UserId by, Instant at)
    {
        var wrong = Check(service, offering, target, by);
        return wrong.IsSuccess ? new ServiceAvailabilityTargets(service, new AvailabilityTargetSet(at, by, offering, target)) : wrong.AsFailure<ServiceAvailabilityTargets>();
    }

    /// <summary>
    /// Sets the target of the service (<paramref name="offering"/> null) or of an offering. Invalid as for <see cref="Define"/>, or
    /// for the value it already has (<c>availability.target.unchanged</c>); Conflict (<c>availability.target.time-order</c>) before
    /// the latest record.
    /// </summary>
    /// <param name="offering">The offering, or null for the service as a whole.</param>
    /// <param name="target">The target, a fraction in (0, 1].</param>
    /// <param name="by">Who sets it.</param>
    /// <param name="at">When.</param>
    public Result Set(string? offering, double target, UserId by, Instant at)
    {
        var wrong = Check(Service, offering, target, by);
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

        Apply(new AvailabilityTargetSet(at, by, offering, target));
        return Result.Success();
    }

    /// <summary>
    /// The target a measurement of <paramref name="offering"/> (null: the service as a whole) is assessed against: the offering's
    /// own, else the service's, else null when none is agreed.
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
            (AvailabilityTargetSet s, null) => Define(snapshot.Service, s.Offering, s.Target, s.By, s.At),
            (AvailabilityTargetSet s, { } t) => t.Set(s.Offering, s.Target, s.By, s.At) is { IsSuccess: false } refused ? refused.AsFailure<ServiceAvailabilityTargets>() : t,
            _ => Failure.Invalid("History", "is not a target being set", HistoryCode).AsFailure<ServiceAvailabilityTargets>(),
        });
    }

    /// <summary>Returns, for example, <c>shop: 0.995, gold 0.999</c>.</summary>
    public override string ToString() =>
        string.Join(", ", new[] { ServiceTarget is { } t ? string.Create(CultureInfo.InvariantCulture, $"{Service}: {t}") : $"{Service}:" }
            .Concat(Offerings.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value}"))));

    private static string Describe(AvailabilityTargetEvent? e) => e is null ? "missing" : $"{e.GetType().Name} by {e.By} at {e.At}";

    private static Result Check(ConfigurationItemId service, string? offering, double target, UserId by)
    {
        if (service.Value is null || by.Value is null)
        {
            return Failure.Invalid(string.Empty, "The service and the acting user must be assigned.", IdentifierCode);
        }

        if (offering is not null && Identifier.CheckText(offering) is { } problem)
        {
            return Failure.Invalid("Offering", $"The offering name {problem}", OfferingCode);
        }

        var created = AvailabilityTarget.Create(service, target);
        return created.IsSuccess ? Result.Success() : created.AsFailure();
    }

    private string Name(string? offering) => offering is null ? $"service '{Service}'" : $"offering '{offering}' of service '{Service}'";

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
