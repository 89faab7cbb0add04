using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>
/// An SLA target and the chain meant to underpin it: the incident opens at <c>s</c>, the SLA is due
/// at <c>SLA.Add(s, SlaTarget)</c>; after <see cref="Handoff"/> of business time on the SLA's
/// calendar, at <c>h = SLA.Add(s, Handoff)</c>, it is handed to the supplier (or internal group),
/// who is due at <c>UC.Add(h, UcTarget)</c> on its own calendar. A chain of three links
/// (<see cref="CreateThroughOla"/>) passes through an internal group first: the group receives it at
/// <c>h</c>, hands it on after <see cref="OlaHandoff"/> of business time on the OLA's calendar, at
/// <c>g = OLA.Add(h, OlaHandoff)</c>, and the supplier is due at <c>UC.Add(g, UcTarget)</c>.
/// </summary>
/// <remarks>
/// Immutable and thread-safe (the calendars are). A class, so there is no <c>default</c>; made only
/// through <see cref="Create"/> and <see cref="CreateThroughOla"/>, so every duration is zero or positive.
/// </remarks>
public sealed class UnderpinningChain
{
    private UnderpinningChain(BusinessCalendar slaCalendar, Duration slaTarget, Duration handoff, BusinessCalendar? olaCalendar, Duration olaHandoff, BusinessCalendar ucCalendar, Duration ucTarget)
    {
        SlaCalendar = slaCalendar;
        SlaTarget = slaTarget;
        Handoff = handoff;
        OlaCalendar = olaCalendar;
        OlaHandoff = olaHandoff;
        UcCalendar = ucCalendar;
        UcTarget = ucTarget;
    }

    /// <summary>The calendar on which the SLA target (and the hand-off) is counted.</summary>
    public BusinessCalendar SlaCalendar { get; }

    /// <summary>The SLA's target, business time on <see cref="SlaCalendar"/>.</summary>
    public Duration SlaTarget { get; }

    /// <summary>The business time on <see cref="SlaCalendar"/> that passes before the hand-off.</summary>
    public Duration Handoff { get; }

    /// <summary>The calendar of the internal group's OLA the incident passes through first; null for a chain of two links.</summary>
    public BusinessCalendar? OlaCalendar { get; }

    /// <summary>The business time on <see cref="OlaCalendar"/> the internal group holds the incident before handing it to the supplier (zero without an OLA).</summary>
    public Duration OlaHandoff { get; }

    /// <summary>True for a chain of three links: SLA, then the internal group's OLA, then the supplier's contract.</summary>
    public bool HasOla => OlaCalendar is not null;

    /// <summary>The calendar of the underpinning contract or OLA.</summary>
    public BusinessCalendar UcCalendar { get; }

    /// <summary>The contract's target, business time on <see cref="UcCalendar"/>.</summary>
    public Duration UcTarget { get; }

    /// <summary>
    /// Creates a chain. Invalid (<c>supplier.underpin.duration</c>, one error per field) when a target
    /// or the hand-off is negative or longer than 100 years.
    /// </summary>
    /// <exception cref="ArgumentNullException">A calendar is null.</exception>
    public static Result<UnderpinningChain> Create(BusinessCalendar slaCalendar, Duration slaTarget, Duration handoff, BusinessCalendar ucCalendar, Duration ucTarget)
    {
        Preconditions.CheckNotNull(slaCalendar);
        Preconditions.CheckNotNull(ucCalendar);
        var errors = ImmutableList.CreateBuilder<ValidationError>();
        Check(slaTarget, "SlaTarget", errors);
        Check(handoff, "Handoff", errors);
        Check(ucTarget, "UcTarget", errors);
        return errors.Count > 0
            ? Result<UnderpinningChain>.Invalid([.. errors])
            : new UnderpinningChain(slaCalendar, slaTarget, handoff, null, Duration.Zero, ucCalendar, ucTarget);
    }

    /// <summary>
    /// Creates a chain of three links: the SLA, the internal group's OLA (which holds the incident for
    /// <paramref name="olaHandoff"/> on <paramref name="olaCalendar"/>), then the supplier's contract. Invalid
    /// (<c>supplier.underpin.duration</c>, one error per field) when a target or a hand-off is negative or longer than 100 years.
    /// </summary>
    /// <exception cref="ArgumentNullException">A calendar is null.</exception>
    public static Result<UnderpinningChain> CreateThroughOla(BusinessCalendar slaCalendar, Duration slaTarget, Duration handoff, BusinessCalendar olaCalendar, Duration olaHandoff, BusinessCalendar ucCalendar, Duration ucTarget)
    {
        Preconditions.CheckNotNull(slaCalendar);
        Preconditions.CheckNotNull(olaCalendar);
        Preconditions.CheckNotNull(ucCalendar);
        var errors = ImmutableList.CreateBuilder<ValidationError>();
        Check(slaTarget, "SlaTarget", errors);
        Check(handoff, "Handoff", errors);
        Check(olaHandoff, "OlaHandoff", errors);
        Check(ucTarget, "UcTarget", errors);
        return errors.Count > 0
            ? Result<UnderpinningChain>.Invalid([.. errors])
            : new UnderpinningChain(slaCalendar, slaTarget, handoff, olaCalendar, olaHandoff, ucCalendar, ucTarget);
    }

    /// <summary>The links after the SLA's own hand-off, in order: each calendar with the business time added on it.</summary>
    internal IEnumerable<(BusinessCalendar Calendar, Duration Duration)> Steps()
    {
        yield return (SlaCalendar, Handoff);
        if (OlaCalendar is { } ola)
        {
            yield return (ola, OlaHandoff);
        }

        yield return (UcCalendar, UcTarget);
    }

    /// <summary>
    /// The SLA's deadline for an incident opened at <paramref name="start"/>; false at the calendars' horizon.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the calendars' supported range.</exception>
    public bool TrySlaDue(Instant start, out Instant due) => SlaCalendar.TryAdd(start, SlaTarget, out due);

    /// <summary>
    /// The chain's deadline for an incident opened at <paramref name="start"/>:
    /// <c>UC.Add(SLA.Add(start, Handoff), UcTarget)</c>, or <c>UC.Add(OLA.Add(SLA.Add(start, Handoff), OlaHandoff), UcTarget)</c>
    /// through an OLA; false at the calendars' horizon.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the calendars' supported range.</exception>
    public bool TryUcDue(Instant start, out Instant due)
    {
        due = start;
        foreach (var (calendar, duration) in Steps())
        {
            if (due >= BusinessCalendar.MaxSupportedInstant || !calendar.TryAdd(due, duration, out due))
            {
                due = BusinessCalendar.MaxSupportedInstant;
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads like <c>SLA 8h on (UK) after 30m hand-off, UC 6h on (Supplier)</c>, with <c>OLA on (...) for 2h</c> between them through an OLA.</summary>
    public override string ToString() =>
        $"SLA {SlaTarget} on {SlaCalendar} after {Handoff} hand-off, {(OlaCalendar is { } ola ? $"OLA on {ola} for {OlaHandoff}, " : string.Empty)}UC {UcTarget} on {UcCalendar}";

    private static void Check(Duration duration, string field, ImmutableList<ValidationError>.Builder errors)
    {
        if (duration < Duration.Zero || duration > Duration.FromDays(36525))
        {
            errors.Add(Failure.Field(field, $"{field} is {duration}; it must be zero or positive business time of at most 100 years.", "supplier.underpin.duration"));
        }
    }
}
