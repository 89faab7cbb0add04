using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>The calendar unit of a <see cref="Periodicity"/>.</summary>
public enum PeriodicityUnit
{
    /// <summary>Calendar months (the default).</summary>
    Month = 0,

    /// <summary>Calendar years of twelve months.</summary>
    Year = 1,

    /// <summary>Weeks of seven days.</summary>
    Week = 2,

    /// <summary>Days.</summary>
    Day = 3,
}

/// <summary>
/// A positive whole number of calendar units, such as <c>1 month</c>, <c>3 months</c> or
/// <c>2 years</c>: how often a contract renews or bills, or how much notice it needs.
/// </summary>
/// <remarks>
/// <para>
/// <b>The month-end rule.</b> The date <c>n</c> periods after an anchor is computed from the anchor
/// in one step, never from the previous date: the anchor plus <c>n</c> times the period's months
/// (years count twelve), clamped once to the last day of the month reached when the anchor's day
/// does not exist there, then plus <c>n</c> times its days (weeks count seven). A contract that
/// starts on 31 January with a monthly period therefore renews on the last day of February
/// (28 or 29), then on 31 March, 30 April, 31 May: the clamp of one month never drifts into the next.
/// Because every period is at least one day or one month, the dates for <c>n = 0, 1, 2, ...</c>
/// strictly increase.
/// </para>
/// <para>
/// <b>Valid by construction.</b> A count is from 1 to a unit's maximum (100 years, 1,200 months,
/// 5,200 weeks, 36,600 days): a zero or negative periodicity, which would make a renewal loop
/// forever, cannot be made (<see cref="Create"/> answers <c>supplier.periodicity.range</c>; the
/// <c>From</c> factories throw). <c>default</c> is one month.
/// </para>
/// <para>An immutable value; thread-safe.</para>
/// </remarks>
public readonly struct Periodicity : IEquatable<Periodicity>
{
    private readonly int countMinusOne;

    private Periodicity(int count, PeriodicityUnit unit)
    {
        countMinusOne = count - 1;
        Unit = unit;
    }

    /// <summary>How many units; at least 1.</summary>
    public int Count => countMinusOne + 1;

    /// <summary>The calendar unit.</summary>
    public PeriodicityUnit Unit { get; }

    /// <summary>The months of one period (a year counts twelve; zero for weeks and days).</summary>
    public int Months => Unit switch
    {
        PeriodicityUnit.Month => Count,
        PeriodicityUnit.Year => 12 * Count,
        _ => 0,
    };

    /// <summary>The days of one period (a week counts seven; zero for months and years).</summary>
    public int Days => Unit switch
    {
        PeriodicityUnit.Day => Count,
        PeriodicityUnit.Week => 7 * Count,
        _ => 0,
    };

    /// <summary>
    /// Validates <paramref name="count"/> for <paramref name="unit"/>: Invalid
    /// (<c>supplier.periodicity.range</c>) when it is zero, negative or above the unit's maximum,
    /// or the unit is not defined.
    /// </summary>
    public static Result<Periodicity> Create(int count, PeriodicityUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            return Result<Periodicity>.Invalid(Failure.Field("Unit", $"'{unit}' is not a periodicity unit; use days, weeks, months or years.", "supplier.periodicity.range"));
        }

        var max = MaxCount(unit);
        if (count < 1 || count > max)
        {
            return Result<Periodicity>.Invalid(Failure.Field("Count", $"A periodicity of {count} {unit.ToString().ToLowerInvariant()}(s) is refused: it must be from 1 to {max}, since a period of zero or less would never move a renewal or billing date forward.", "supplier.periodicity.range"));
        }

        return new Periodicity(count, unit);
    }

    /// <summary>A period of <paramref name="count"/> months.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not from 1 to 1,200.</exception>
    public static Periodicity FromMonths(int count) => Of(count, PeriodicityUnit.Month);

    /// <summary>A period of <paramref name="count"/> years.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not from 1 to 100.</exception>
    public static Periodicity FromYears(int count) => Of(count, PeriodicityUnit.Year);

    /// <summary>A period of <paramref name="count"/> weeks.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not from 1 to 5,200.</exception>
    public static Periodicity FromWeeks(int count) => Of(count, PeriodicityUnit.Week);

    /// <summary>A period of <paramref name="count"/> days.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not from 1 to 36,600.</exception>
    public static Periodicity FromDays(int count) => Of(count, PeriodicityUnit.Day);

    /// <summary>The date <paramref name="times"/> periods after <paramref name="anchor"/>, by the month-end rule (see the remarks).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is negative, or the result is beyond NodaTime's dates.</exception>
    public LocalDate AddTo(LocalDate anchor, int times)
    {
        Preconditions.CheckNonNegative(times);
        return Step(anchor, (long)Months * times, (long)Days * times);
    }

    /// <summary>
    /// The date one period before <paramref name="date"/>: its months taken off first, clamped to the
    /// month's last day (31 March minus one month is 28 or 29 February), then its days.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result is before NodaTime's dates.</exception>
    public LocalDate SubtractFrom(LocalDate date) => Step(date, -Months, -Days);

    /// <summary>The period as a NodaTime <see cref="Period"/> (<c>P1M</c>, <c>P2Y</c>, <c>P3W</c>, <c>P10D</c>).</summary>
    public Period ToPeriod() => Unit switch
    {
        PeriodicityUnit.Year => Period.FromYears(Count),
        PeriodicityUnit.Week => Period.FromWeeks(Count),
        PeriodicityUnit.Day => Period.FromDays(Count),
        _ => Period.FromMonths(Count),
    };

    /// <inheritdoc/>
    public bool Equals(Periodicity other) => Count == other.Count && Unit == other.Unit;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Periodicity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, Unit);

    /// <summary>Reads like <c>1 month</c> or <c>3 weeks</c>.</summary>
    public override string ToString() => $"{Count} {Unit.ToString().ToLowerInvariant()}{(Count == 1 ? string.Empty : "s")}";

    /// <summary>Equality of count and unit (3 months is not 1 quarter-year: a year is 12 months but a different unit).</summary>
    public static bool operator ==(Periodicity left, Periodicity right) => left.Equals(right);

    /// <summary>Inequality of count or unit.</summary>
    public static bool operator !=(Periodicity left, Periodicity right) => !left.Equals(right);

    internal static LocalDate Step(LocalDate anchor, long months, long days)
    {
        try
        {
            return anchor.PlusMonths(checked((int)months)).PlusDays(checked((int)days));
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw new ArgumentOutOfRangeException($"Moving {anchor} by {months} months and {days} days leaves the dates NodaTime supports.", e);
        }
    }

    private static int MaxCount(PeriodicityUnit unit) => unit switch
    {
        PeriodicityUnit.Year => 100,
        PeriodicityUnit.Week => 5200,
        PeriodicityUnit.Day => 36600,
        _ => 1200,
    };

    private static Periodicity Of(int count, PeriodicityUnit unit)
    {
        Preconditions.CheckArgumentRange(count, 1, MaxCount(unit), nameof(count));
        return new Periodicity(count, unit);
    }
}
