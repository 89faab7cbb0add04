using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Suppliers;
using Itsm.Core.Tests.Calendars;
using Itsm.Core.Tests.Suppliers;
using NodaTime;

namespace Itsm.Core.Tests;

/// <summary>
/// Contracts and underpinning chains that reach the hard cases: starts on month ends and on
/// 29 February, periodicities from one day to a century, notice longer than a term; chains over
/// two generated calendars (the calendar generator's zones with DST quirks, holidays and special days
/// next to transitions) with targets that sometimes fit and sometimes do not, over periods around a
/// transition of the SLA calendar's zone.
/// </summary>
internal static partial class Arbitraries
{
    /// <summary>A contract's dates and a date to question them with.</summary>
    public static Arbitrary<ContractCase> ContractCases() =>
        (from start in ContractDateGen
         from initial in PeriodicityGen
         from kind in Gen.Elements(RenewalKind.None, RenewalKind.Automatic, RenewalKind.Explicit)
         from renewal in PeriodicityGen
         from hasNotice in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
         from notice in PeriodicityGen
         from openEnded in Gen.Frequency((1, Gen.Constant(true)), (8, Gen.Constant(false)))
         from offset in Gen.Frequency((4, Gen.Choose(-40, 3000)), (2, Gen.Choose(-400, 40000)))
         select new ContractCase(
             ContractTerm.Create(start, openEnded ? null : initial, openEnded ? RenewalKind.None : kind, renewal, hasNotice ? notice : null).Value,
             ClampDate(start.PlusDays(offset)))).ToArbitrary();

    /// <summary>A service credit policy (allowances on and off whole hours, rates that reach the cap early or never), a fee and a breach around the allowance.</summary>
    public static Arbitrary<CreditCase> CreditCases() =>
        (from rate in Gen.Frequency((1, Gen.Constant(0m)), (6, Gen.Choose(1, 10000).Select(r => r / 100m)))
         from cap in Gen.Frequency((1, Gen.Constant(0m)), (1, Gen.Constant(100m)), (6, Gen.Choose(0, 10000).Select(r => r / 100m)))
         from allowanceMinutes in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 600)))
         from fee in Gen.Choose(0, int.MaxValue).Select(f => f / 100m)
         from currency in Gen.Elements("EUR", "GBP", "USD", "JPY")
         from breachSeconds in Gen.Frequency((1, Gen.Constant(0L)), (4, Gen.Choose(0, 36000).Select(s => (long)s + (allowanceMinutes * 60L) - 3600)), (1, Gen.Choose(0, int.MaxValue).Select(s => (long)s * 100)))
         select new CreditCase(
             ServiceCreditPolicy.Create("generated", rate, Duration.FromMinutes(allowanceMinutes), cap).Value,
             Money.Of(fee, currency),
             Duration.FromSeconds(Math.Max(0, breachSeconds)))).ToArbitrary();

    /// <summary>A count from 1 to 12.</summary>
    public static Arbitrary<PositiveIntSmall> SmallCounts() => Gen.Choose(1, 12).Select(v => new PositiveIntSmall(v)).ToArbitrary();

    /// <summary>A periodicity: mostly small counts of every unit, sometimes up to a unit's maximum.</summary>
    public static Arbitrary<Periodicity> Periodicities() => PeriodicityGen.ToArbitrary();

    /// <summary>An underpinning chain over two generated calendars, a period of a few days, and its raw parts.</summary>
    public static Arbitrary<UnderpinningCase> UnderpinningCases() =>
        (from sla in CalendarSpecGen
         from uc in CalendarSpecGen
         from slaMinutes in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 2400)))
         from handoffShare in Gen.Frequency((2, Gen.Constant(0)), (5, Gen.Choose(1, 60)), (1, Gen.Choose(60, 130)))
         from ucShare in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 100)), (2, Gen.Choose(100, 200)))
         from offsetMinutes in Gen.Choose(-3 * 1440, 1440)
         from lengthMinutes in Gen.Choose(60, 4 * 1440)
         select UnderpinningCase.Of(sla, uc, slaMinutes, handoffShare, ucShare, offsetMinutes, lengthMinutes)).ToArbitrary();

    private static Gen<Periodicity> PeriodicityGen =>
        from unit in Gen.Elements(PeriodicityUnit.Day, PeriodicityUnit.Week, PeriodicityUnit.Month, PeriodicityUnit.Year)
        from count in Gen.Frequency(
            (8, Gen.Choose(1, 14)),
            (1, Gen.Choose(1, unit switch { PeriodicityUnit.Day => 36600, PeriodicityUnit.Week => 5200, PeriodicityUnit.Year => 100, _ => 1200 })))
        select Periodicity.Create(count, unit).Value;

    /// <summary>Dates 1900-2999, often on the 28th to 31st, on 29 February, or on the first of a month.</summary>
    private static Gen<LocalDate> ContractDateGen =>
        from year in Gen.Frequency((6, Gen.Choose(1990, 2100)), (1, Gen.Choose(1900, 2999)))
        from month in Gen.Choose(1, 12)
        from day in Gen.Frequency((3, Gen.Choose(28, 31)), (1, Gen.Constant(1)), (2, Gen.Choose(1, 31)))
        from leap in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        select leap ? new LocalDate(Math.Min(NextLeap(year), 2996), 2, 29) : new LocalDate(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month)));

    private static int NextLeap(int year)
    {
        while (!CalendarSystem.Iso.IsLeapYear(year))
        {
            year++;
        }

        return year;
    }

    private static LocalDate ClampDate(LocalDate date) =>
        date > ContractTerm.MaxSupportedDate ? ContractTerm.MaxSupportedDate : date < ContractTerm.MinSupportedDate ? ContractTerm.MinSupportedDate : date;
}
