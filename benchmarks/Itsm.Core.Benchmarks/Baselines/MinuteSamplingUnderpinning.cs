using Itsm.Core.Suppliers;
using NodaTime;

namespace Itsm.Core.Benchmarks.Baselines;

/// <summary>
/// The obvious way to check an underpinning chain, and what peers would do if they checked at all:
/// compute both deadlines with <c>Add</c> for a start at every whole minute of the period and keep
/// the failing ones. It is slower, and not exact: a failure that begins a second after a minute
/// (the usual kind, when a deadline jumps to the next opening) is found a minute late, and a
/// failing run shorter than a minute between two minutes is missed.
/// </summary>
internal static class MinuteSamplingUnderpinning
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    /// <summary>The number of failing minute starts and the first of them (or null).</summary>
    public static (int Failing, Instant? First) Check(UnderpinningChain chain, Interval period)
    {
        var failing = 0;
        Instant? first = null;
        for (var s = period.Start; s < period.End; s += Minute)
        {
            var sla = chain.SlaCalendar.Add(s, chain.SlaTarget);
            var uc = chain.UcCalendar.Add(chain.SlaCalendar.Add(s, chain.Handoff), chain.UcTarget);
            if (uc > sla)
            {
                failing++;
                first ??= s;
            }
        }

        return (failing, first);
    }
}
