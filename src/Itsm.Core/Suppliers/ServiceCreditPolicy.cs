using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>
/// A contract's service credit rule as a named policy value: a percentage of the period's fee for
/// every started hour of breach beyond a free allowance, capped at a percentage of the fee per period.
/// </summary>
/// <remarks>
/// <para>
/// <c>credit = fee × min(cap, rate × ⌈(breach − allowance) / 1 hour⌉)</c> when the breach exceeds the
/// allowance, else zero. So a credit is never negative (the fee may not be), zero within the
/// allowance, never decreases as the breach grows, never exceeds the cap, and is always in the fee's
/// currency: no other currency is ever involved. Exact decimal arithmetic, no rounding.
/// </para>
/// <para>Immutable and thread-safe. A class, so there is no <c>default</c>.</para>
/// </remarks>
public sealed class ServiceCreditPolicy
{
    private ServiceCreditPolicy(string name, decimal percentPerStartedHour, Duration freeAllowance, decimal capPercent)
    {
        Name = name;
        PercentPerStartedHour = percentPerStartedHour;
        FreeAllowance = freeAllowance;
        CapPercent = capPercent;
    }

    /// <summary>5 % of the period's fee per started hour beyond one free hour, capped at 25 % per period.</summary>
    public static ServiceCreditPolicy Standard { get; } = new("standard", 5m, Duration.FromHours(1), 25m);

    /// <summary>No credits at all (a rate of zero).</summary>
    public static ServiceCreditPolicy None { get; } = new("none", 0m, Duration.Zero, 0m);

    /// <summary>A person's name for the policy.</summary>
    public string Name { get; }

    /// <summary>The percentage of the period's fee credited per started hour of breach beyond the allowance (0 to 100).</summary>
    public decimal PercentPerStartedHour { get; }

    /// <summary>The breach that earns no credit (zero or positive).</summary>
    public Duration FreeAllowance { get; }

    /// <summary>The most credited in one period, as a percentage of the period's fee (0 to 100).</summary>
    public decimal CapPercent { get; }

    /// <summary>
    /// Validates a policy: Invalid (<c>supplier.credit.policy</c>, one error per field) when the name
    /// is blank, a percentage is outside 0 to 100 or the allowance is negative.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static Result<ServiceCreditPolicy> Create(string name, decimal percentPerStartedHour, Duration freeAllowance, decimal capPercent)
    {
        Preconditions.CheckNotNull(name);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Failure.Field("Name", "A service credit policy needs a name.", "supplier.credit.policy"));
        }

        if (percentPerStartedHour is < 0m or > 100m)
        {
            errors.Add(Failure.Field("PercentPerStartedHour", $"{percentPerStartedHour} % per started hour is outside 0 to 100.", "supplier.credit.policy"));
        }

        if (capPercent is < 0m or > 100m)
        {
            errors.Add(Failure.Field("CapPercent", $"A cap of {capPercent} % of the fee is outside 0 to 100.", "supplier.credit.policy"));
        }

        if (freeAllowance < Duration.Zero)
        {
            errors.Add(Failure.Field("FreeAllowance", $"A free allowance of {freeAllowance} is negative.", "supplier.credit.policy"));
        }

        return errors.Count > 0 ? Result<ServiceCreditPolicy>.Invalid(errors) : new ServiceCreditPolicy(name, percentPerStartedHour, freeAllowance, capPercent);
    }

    /// <summary>The started hours of breach beyond the allowance: <c>⌈(breach − allowance) / 1 hour⌉</c>, at least zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="breach"/> is negative.</exception>
    public long StartedHours(Duration breach)
    {
        if (breach < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(breach), breach, "A breach lasts zero or more time.");
        }

        var beyond = breach - FreeAllowance;
        if (beyond <= Duration.Zero)
        {
            return 0;
        }

        // Whole days and the rest apart: a Duration may hold more nanoseconds than a long does.
        var hour = Duration.FromHours(1).ToInt64Nanoseconds();
        var rest = beyond.NanosecondOfDay;
        return (beyond.Days * 24L) + (rest / hour) + (rest % hour == 0 ? 0 : 1);
    }

    /// <summary>The credit for a period whose fee is <paramref name="periodFee"/> and whose breaches last <paramref name="breach"/> in total, in the fee's currency.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fee or the breach is negative.</exception>
    /// <exception cref="ArgumentException">The fee has no currency (<c>default</c>).</exception>
    public Money Credit(Money periodFee, Duration breach)
    {
        Preconditions.CheckArgument(periodFee.Currency.Length > 0, nameof(periodFee), "The fee has no currency.");
        if (periodFee.Amount < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(periodFee), periodFee, "A period's fee is zero or positive.");
        }

        // At most about 5e10 started hours (a Duration's whole days are an int), times at most 100: no overflow.
        var percent = Math.Min(CapPercent, PercentPerStartedHour * StartedHours(breach));
        return periodFee.Times(percent / 100m);
    }

    /// <summary>Reads like <c>standard: 5 % per started hour beyond 01:00:00, capped at 25 %</c>.</summary>
    public override string ToString() => $"{Name}: {PercentPerStartedHour} % per started hour beyond {FreeAllowance}, capped at {CapPercent} %";
}
