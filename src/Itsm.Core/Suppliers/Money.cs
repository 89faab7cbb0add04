using System.Globalization;
using Itsm.Core.Common;

namespace Itsm.Core.Suppliers;

/// <summary>An amount of money in one currency: a <see cref="decimal"/> and an ISO 4217 code such as <c>EUR</c>.</summary>
/// <remarks>
/// <para>
/// Amounts in different currencies never mix: <see cref="Plus"/> and <see cref="Minus"/> throw when
/// the currencies differ, and <see cref="Sum"/> answers <c>supplier.money.currency</c> instead of a total.
/// No exchange rate is ever assumed. Amounts are exact decimals; nothing here rounds.
/// </para>
/// <para>
/// An immutable value; thread-safe. <c>default</c> has no currency (<see cref="Currency"/> is empty)
/// and is refused by every operation that needs one; make values with <see cref="Of"/> or <see cref="Create"/>.
/// </para>
/// </remarks>
public readonly struct Money : IEquatable<Money>
{
    private readonly string? currency;

    private Money(decimal amount, string currency)
    {
        Amount = amount;
        this.currency = currency;
    }

    /// <summary>The amount.</summary>
    public decimal Amount { get; }

    /// <summary>The ISO 4217 currency code (three capital letters); empty for <c>default</c>.</summary>
    public string Currency => currency ?? string.Empty;

    /// <summary>Validates a currency code: Invalid (<c>supplier.money.currency</c>) unless it is three capital letters A-Z.</summary>
    public static Result<Money> Create(decimal amount, string currency)
    {
        Preconditions.CheckNotNull(currency);
        return IsCurrencyCode(currency)
            ? new Money(amount, currency)
            : Result<Money>.Invalid(Failure.Field("Currency", $"'{currency}' is not an ISO 4217 currency code; use three capital letters such as EUR, GBP or USD.", "supplier.money.currency"));
    }

    /// <summary>An amount in <paramref name="currency"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is not three capital letters A-Z.</exception>
    public static Money Of(decimal amount, string currency)
    {
        Preconditions.CheckNotNull(currency);
        Preconditions.CheckArgument(IsCurrencyCode(currency), nameof(currency), $"'{currency}' is not an ISO 4217 currency code.");
        return new Money(amount, currency);
    }

    /// <summary>Zero in <paramref name="currency"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is not three capital letters A-Z.</exception>
    public static Money Zero(string currency) => Of(0m, currency);

    /// <summary>
    /// The total of <paramref name="amounts"/> in <paramref name="currency"/>; Invalid
    /// (<c>supplier.money.currency</c>) when any amount is in another currency, naming the first.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="amounts"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is not a currency code.</exception>
    public static Result<Money> Sum(IEnumerable<Money> amounts, string currency)
    {
        Preconditions.CheckNotNull(amounts);
        var total = Zero(currency);
        var index = 0;
        foreach (var amount in amounts)
        {
            if (amount.Currency != currency)
            {
                return Result<Money>.Invalid(Failure.Field($"[{index}]", $"{amount} is not in {currency}; amounts in different currencies are never added.", "supplier.money.currency"));
            }

            total = new Money(total.Amount + amount.Amount, currency);
            index++;
        }

        return total;
    }

    /// <summary>The sum of two amounts in the same currency.</summary>
    /// <exception cref="ArgumentException">The currencies differ, or either has none.</exception>
    public Money Plus(Money other) => new(Amount + other.Amount, SameCurrency(other));

    /// <summary>The difference of two amounts in the same currency.</summary>
    /// <exception cref="ArgumentException">The currencies differ, or either has none.</exception>
    public Money Minus(Money other) => new(Amount - other.Amount, SameCurrency(other));

    /// <summary>This amount times <paramref name="factor"/>, in the same currency.</summary>
    /// <exception cref="InvalidOperationException">This is <c>default</c> (no currency).</exception>
    public Money Times(decimal factor)
    {
        Preconditions.CheckState(currency is not null, "A default Money has no currency.");
        return new Money(Amount * factor, currency);
    }

    /// <inheritdoc/>
    public bool Equals(Money other) => Amount == other.Amount && Currency == other.Currency;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Amount, Currency);

    /// <summary>Reads like <c>125.50 EUR</c> (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount} {Currency}");

    /// <summary>Equality of amount and currency (<c>1.0 EUR == 1.00 EUR</c>).</summary>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Inequality of amount or currency.</summary>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    private static bool IsCurrencyCode(string code) => code.Length == 3 && code.All(c => c is >= 'A' and <= 'Z');

    private string SameCurrency(Money other)
    {
        Preconditions.CheckArgument(currency is not null && currency == other.currency, nameof(other), $"{this} and {other} are in different currencies; amounts in different currencies are never mixed.");
        return currency;
    }
}
