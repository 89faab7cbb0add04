using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>
/// When a contract bills: the first billing date and every <see cref="Periodicity"/> after it, each
/// computed from the first date by the month-end rule of <see cref="Periodicity"/> (monthly from
/// 31 January: 31 January, the last day of February, 31 March, 30 April, ...).
/// </summary>
/// <remarks>
/// The dates strictly increase; every member does a bounded amount of work (a galloping search, no
/// walk from the first date) and computes no date beyond 3999-12-31. Immutable and thread-safe; a
/// class, so there is no <c>default</c>.
/// </remarks>
public sealed class BillingSchedule
{
    private readonly DateSequence dates;

    /// <summary>Creates the schedule that bills on <paramref name="firstBillingDate"/> and every <paramref name="periodicity"/> after it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstBillingDate"/> is outside <see cref="ContractTerm.MinSupportedDate"/> to <see cref="ContractTerm.MaxSupportedDate"/>, or not an ISO date.</exception>
    public BillingSchedule(LocalDate firstBillingDate, Periodicity periodicity)
    {
        Preconditions.CheckArgument(
            firstBillingDate.Calendar == CalendarSystem.Iso && firstBillingDate >= ContractTerm.MinSupportedDate && firstBillingDate <= ContractTerm.MaxSupportedDate,
            nameof(firstBillingDate),
            $"A billing schedule starts on an ISO date from {ContractTerm.MinSupportedDate:yyyy-MM-dd} to {ContractTerm.MaxSupportedDate:yyyy-MM-dd}.");
        FirstBillingDate = firstBillingDate;
        Periodicity = periodicity;
        dates = new DateSequence(firstBillingDate, 0, 0, periodicity);
    }

    /// <summary>The first billing date.</summary>
    public LocalDate FirstBillingDate { get; }

    /// <summary>How often the contract bills.</summary>
    public Periodicity Periodicity { get; }

    /// <summary>The first billing date on or after <paramref name="date"/>; null when none lies before 3999-12-31.</summary>
    public LocalDate? NextOnOrAfter(LocalDate date)
    {
        var index = dates.FirstIndexAfter(date.PlusDays(-1));
        return index >= 0 && dates.TryAt(index, out var next) ? next : null;
    }

    /// <summary>The billing dates from <paramref name="from"/> through <paramref name="through"/> (both inclusive), ascending.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="through"/> is after <see cref="ContractTerm.MaxSupportedDate"/>.</exception>
    public IReadOnlyList<LocalDate> Between(LocalDate from, LocalDate through)
    {
        if (through > ContractTerm.MaxSupportedDate)
        {
            throw new ArgumentOutOfRangeException(nameof(through), through, $"Billing dates are answered up to {ContractTerm.MaxSupportedDate:yyyy-MM-dd}.");
        }

        var result = new List<LocalDate>();
        var index = dates.FirstIndexAfter(from.PlusDays(-1));
        for (var k = index; k >= 0 && dates.TryAt(k, out var date) && date <= through; k++)
        {
            result.Add(date);
        }

        return result;
    }

    /// <summary>Reads like <c>every 1 month from 2027-01-31</c>.</summary>
    public override string ToString() => $"every {Periodicity} from {FirstBillingDate:yyyy-MM-dd}";
}
