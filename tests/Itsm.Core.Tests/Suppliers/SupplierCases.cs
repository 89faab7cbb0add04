using Itsm.Core.Calendars;
using Itsm.Core.Suppliers;
using Itsm.Core.Tests.Calendars;
using NodaTime;

namespace Itsm.Core.Tests.Suppliers;

/// <summary>A contract's dates and a date to question them with.</summary>
public sealed record ContractCase(ContractTerm Term, LocalDate Date)
{
    public override string ToString() => $"{Term}; date {Date}";
}

/// <summary>
/// An underpinning chain over two generated calendars in raw form (so that a property can change a
/// calendar, for instance add a holiday) with the period to check: the SLA target in minutes, the
/// hand-off and the UC target as shares of it, the period around the SLA calendar's anchor.
/// </summary>
public sealed record UnderpinningCase(CalendarSpec Sla, CalendarSpec Uc, Duration SlaTarget, Duration Handoff, Duration UcTarget, Interval Period)
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    public static UnderpinningCase Of(CalendarSpec sla, CalendarSpec uc, int slaMinutes, int handoffShare, int ucShare, int offsetMinutes, int lengthMinutes)
    {
        var handoff = slaMinutes * handoffShare / 100;
        var ucMinutes = Math.Max(0, slaMinutes - handoff) * ucShare / 100;
        var start = sla.Anchor + Duration.FromMinutes(offsetMinutes);
        return new UnderpinningCase(
            sla,
            uc,
            Duration.FromMinutes(slaMinutes),
            Duration.FromMinutes(handoff),
            Duration.FromMinutes(ucMinutes),
            new Interval(start, start + Duration.FromMinutes(lengthMinutes)));
    }

    public UnderpinningChain Chain => ChainOf(Sla.Compile(), Uc.Compile(), UcTarget);

    public UnderpinningChain ChainOf(BusinessCalendar sla, BusinessCalendar uc, Duration ucTarget) =>
        UnderpinningChain.Create(sla, SlaTarget, Handoff, uc, ucTarget).Value;

    /// <summary>The shortfall at <paramref name="start"/>, computed directly with both calendars' <c>Add</c>.</summary>
    public static Duration ShortfallAt(UnderpinningChain chain, Instant start)
    {
        var sla = chain.SlaCalendar.Add(start, chain.SlaTarget);
        var uc = chain.UcCalendar.Add(chain.SlaCalendar.Add(start, chain.Handoff), chain.UcTarget);
        return uc - sla;
    }

    /// <summary>Every minute-aligned start of the period (the period starts on a minute).</summary>
    public IEnumerable<Instant> Minutes()
    {
        for (var t = Period.Start; t < Period.End; t += Minute)
        {
            yield return t;
        }
    }

    public override string ToString() =>
        $"SLA {Sla}\n UC {Uc}\n slaTarget {SlaTarget}, handoff {Handoff}, ucTarget {UcTarget}, period {Period}";
}
