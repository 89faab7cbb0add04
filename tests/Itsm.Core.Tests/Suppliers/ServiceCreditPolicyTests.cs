using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Suppliers;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Suppliers;

/// <summary>Service credits: never negative, zero within the allowance, monotone in the breach, capped, one currency.</summary>
public sealed class ServiceCreditPolicyTests
{
    [Fact]
    public void Standard_ThreeHoursAndOneSecond_CreditsThreeStartedHoursBeyondTheFreeHour()
    {
        var fee = Money.Of(2000m, "EUR");

        Assert.Equal(Money.Of(300m, "EUR"), ServiceCreditPolicy.Standard.Credit(fee, Duration.FromHours(3) + Duration.FromSeconds(1)));
        Assert.Equal(Money.Of(0m, "EUR"), ServiceCreditPolicy.Standard.Credit(fee, Duration.FromHours(1)));
        Assert.Equal(Money.Of(500m, "EUR"), ServiceCreditPolicy.Standard.Credit(fee, Duration.FromDays(30)));
    }

    [Fact]
    public void Money_DifferentCurrencies_NeverMix()
    {
        Assert.Throws<ArgumentException>(() => Money.Of(1m, "EUR").Plus(Money.Of(1m, "GBP")));
        var sum = Money.Sum([Money.Of(1m, "EUR"), Money.Of(2m, "GBP")], "EUR");
        Assert.Equal("supplier.money.currency", sum.ValidationErrors.Single().ErrorCode);
        Assert.Equal("[1]", sum.ValidationErrors.Single().Identifier);
        Assert.Equal(Money.Of(3m, "EUR"), Money.Sum([Money.Of(1m, "EUR"), Money.Of(2m, "EUR")], "EUR").Value);
        Assert.Equal("supplier.money.currency", Money.Create(1m, "eur").ValidationErrors.Single().ErrorCode);
    }

    [Fact]
    public void Create_OutOfRangeParts_AreInvalidPerField()
    {
        var result = ServiceCreditPolicy.Create(" ", -1m, Duration.FromHours(-1), 101m);

        Assert.Equal(["Name", "PercentPerStartedHour", "CapPercent", "FreeAllowance"], result.ValidationErrors.Select(e => e.Identifier));
        Assert.All(result.ValidationErrors, e => Assert.Equal("supplier.credit.policy", e.ErrorCode));
    }

    [Property]
    public Property Credit_IsNeverNegative_ZeroWithinTheAllowance_CappedAndInTheFeesCurrency(CreditCase c)
    {
        var credit = c.Policy.Credit(c.Fee, c.Breach);
        return (credit.Amount >= 0m
            && (c.Breach > c.Policy.FreeAllowance || credit.Amount == 0m)
            && credit.Amount <= c.Fee.Amount * c.Policy.CapPercent / 100m
            && credit.Currency == c.Fee.Currency).Label($"{credit}");
    }

    [Property]
    public Property Credit_NeverDecreasesAsTheBreachGrows(CreditCase c, PositiveInt extraSeconds)
    {
        var longer = c.Breach + Duration.FromSeconds(extraSeconds.Get);
        return (c.Policy.Credit(c.Fee, c.Breach).Amount <= c.Policy.Credit(c.Fee, longer).Amount).Label($"{longer}");
    }
}

/// <summary>A credit policy, a period fee and a breach.</summary>
public sealed record CreditCase(ServiceCreditPolicy Policy, Money Fee, Duration Breach);
