using System.Text.Json;
using Itsm.Core.Suppliers;
using NodaTime;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>A <see cref="Money"/> as <c>{"amount": 2500.00, "currency": "EUR"}</c>, restored by <see cref="Money.Create"/>.</summary>
internal sealed class MoneyConverter : DataConverter<Money, MoneyConverter.Data>
{
    protected override Money FromData(Data data) => Valid(Money.Create(data.Amount, data.Currency));

    protected override Data ToData(Money value) =>
        value.Currency.Length == 0 ? throw new JsonException("An unassigned (default) Money cannot be stored.") : new(value.Amount, value.Currency);

    internal sealed record Data(decimal Amount, string Currency);
}

/// <summary>A <see cref="Periodicity"/> as <c>{"count": 3, "unit": "Month"}</c>, restored by <see cref="Periodicity.Create"/>.</summary>
internal sealed class PeriodicityConverter : DataConverter<Periodicity, PeriodicityConverter.Data>
{
    protected override Periodicity FromData(Data data) => Valid(Periodicity.Create(data.Count, data.Unit));

    protected override Data ToData(Periodicity value) => new(value.Count, value.Unit);

    internal sealed record Data(int Count, PeriodicityUnit Unit);
}

/// <summary>A <see cref="ContractTerm"/> as its start, initial term (absent when open-ended), renewal rule, renewal period and notice period, restored by <see cref="ContractTerm.Create"/>.</summary>
internal sealed class ContractTermConverter : DataConverter<ContractTerm, ContractTermConverter.Data>
{
    protected override ContractTerm FromData(Data data)
    {
        var term = Valid(ContractTerm.Create(data.Start, data.InitialTerm, data.Renewal, data.RenewalPeriod, data.Notice));
        return term.RenewalPeriod == (data.RenewalPeriod ?? term.RenewalPeriod) ? term : throw new JsonException("The stored contract term's renewal period does not restore.");
    }

    protected override Data ToData(ContractTerm value) =>
        new(value.Start, value.InitialTerm, value.Renewal, value.Renewal == RenewalKind.None ? null : value.RenewalPeriod, value.Notice);

    internal sealed record Data(LocalDate Start, Periodicity? InitialTerm, RenewalKind Renewal, Periodicity? RenewalPeriod, Periodicity? Notice);
}

/// <summary>A <see cref="ServiceCreditPolicy"/> as its name, rate per started hour, free allowance and cap, restored by <see cref="ServiceCreditPolicy.Create"/>.</summary>
internal sealed class ServiceCreditPolicyConverter : DataConverter<ServiceCreditPolicy, ServiceCreditPolicyConverter.Data>
{
    protected override ServiceCreditPolicy FromData(Data data) => Valid(ServiceCreditPolicy.Create(data.Name, data.PercentPerStartedHour, data.FreeAllowance, data.CapPercent));

    protected override Data ToData(ServiceCreditPolicy value) => new(value.Name, value.PercentPerStartedHour, value.FreeAllowance, value.CapPercent);

    internal sealed record Data(string Name, decimal PercentPerStartedHour, Duration FreeAllowance, decimal CapPercent);
}
