using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>
/// The strictly increasing dates <c>d(k) = anchor + (baseMonths + k·months) months + (baseDays + k·days) days</c>
/// for <c>k = 0, 1, 2, ...</c>, each computed from the anchor in one step (the month-end rule of
/// <see cref="Periodicity"/>).
/// </summary>
/// <remarks>
/// Every search is a galloping then binary search over <c>k</c>, O(log k) date computations, and
/// stops at <see cref="Limit"/>: an index whose date would lie beyond it is treated as "after
/// everything", so no search loops or overflows. The step is at least one day or one month, so
/// the dates strictly increase.
/// </remarks>
internal readonly struct DateSequence
{
    /// <summary>No computed date lies beyond this; far beyond any contract's supported dates.</summary>
    internal static readonly LocalDate Limit = new(3999, 12, 31);

    private readonly LocalDate anchor;
    private readonly long baseMonths;
    private readonly long baseDays;
    private readonly long months;
    private readonly long days;

    public DateSequence(LocalDate anchor, long baseMonths, long baseDays, Periodicity step)
    {
        this.anchor = anchor;
        this.baseMonths = baseMonths;
        this.baseDays = baseDays;
        months = step.Months;
        days = step.Days;
    }

    /// <summary>The date of index <paramref name="k"/>, or false when it would lie beyond <see cref="Limit"/>.</summary>
    public bool TryAt(long k, out LocalDate date)
    {
        date = Limit;
        if (k < 0 || k > 2_000_000)
        {
            return false;
        }

        var m = baseMonths + (k * months);
        var d = baseDays + (k * days);
        if (m > 12L * (Limit.Year - anchor.Year + 1) || d > 366L * (Limit.Year - anchor.Year + 1))
        {
            return false;
        }

        var value = Periodicity.Step(anchor, m, d);
        if (value > Limit)
        {
            return false;
        }

        date = value;
        return true;
    }

    /// <summary>The smallest index whose date is after <paramref name="date"/>; -1 when none is before <see cref="Limit"/>.</summary>
    public long FirstIndexAfter(LocalDate date)
    {
        if (!TryAt(0, out var first))
        {
            return -1;
        }

        if (first > date)
        {
            return 0;
        }

        // d(low) <= date; find high with d(high) > date or beyond the limit.
        long low = 0;
        long high = 1;
        while (TryAt(high, out var value) && value <= date)
        {
            low = high;
            high *= 2;
        }

        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            if (TryAt(mid, out var value) && value <= date)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return TryAt(high, out _) ? high : -1;
    }
}
