using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Itsm.Core.Suppliers;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// The command-line spelling of the supplier values, parsed when the command line is: periodicities
/// (<c>12months</c>, <c>1y</c>, <c>2w</c>, <c>30d</c>), money (<c>1200 EUR</c>), credit policies
/// (<c>standard</c>, <c>none</c> or <c>5%/1h/25%</c>), contacts (<c>Name;email;phone</c>), dates and zones.
/// Each value goes to the library's own factory, whose refusal (and code) the option reports.
/// </summary>
internal static partial class SupplierSyntax
{
    /// <summary>A periodicity option, such as <c>--term 12months</c>; <paramref name="defaultText"/> when omitted, else required.</summary>
    public static Option<Periodicity> Periodicity(string name, string description, string? defaultText = null) =>
        TypedOptions.Syntax(name, description + " Write a count and a unit: 30d, 2w, 12months (or 12mo), 1y.", text => ParsePeriodicity(text, name), defaultText);

    /// <summary>An optional periodicity option; null when omitted.</summary>
    public static Option<Periodicity?> OptionalPeriodicity(string name, string description)
    {
        var option = TypedOptions.Syntax<Periodicity?>(name, description + " Write a count and a unit: 30d, 2w, 3months, 1y.", text => ParsePeriodicity(text, name));
        option.Required = false;
        return option;
    }

    /// <summary>A money option: an amount and an ISO 4217 code, such as <c>1200 EUR</c> or <c>99.50GBP</c>.</summary>
    public static Option<Money> Money(string name, string description) =>
        TypedOptions.Syntax(name, description + " An amount and a currency code, such as \"1200 EUR\".", text => ParseMoney(text, name));

    /// <summary>The credit policy option: <c>standard</c>, <c>none</c>, or <c>RATE%/ALLOWANCE/CAP%</c> such as <c>5%/1h/25%</c>.</summary>
    public static Option<ServiceCreditPolicy> CreditPolicy(string name) => TypedOptions.Syntax(
        name,
        "Service credits: standard (5% of the period's fee per started hour beyond 1h, capped at 25%), none, or RATE%/ALLOWANCE/CAP% such as 5%/1h/25%.",
        text => ParseCreditPolicy(text, name),
        ServiceCreditPolicy.Standard.Name);

    /// <summary>A repeatable contact option: <c>NAME[;EMAIL[;PHONE]]</c>.</summary>
    public static Option<SupplierContact[]> Contacts(string name) => new(name)
    {
        Description = "A contact as NAME[;EMAIL[;PHONE]], such as \"Ana Ruiz;ana@vendor.example;+34 600 000 000\"; repeatable.",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            var contacts = new List<SupplierContact>();
            foreach (var token in result.Tokens)
            {
                var parts = token.Value.Split(';', StringSplitOptions.TrimEntries);
                try
                {
                    contacts.Add(new SupplierContact(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null));
                }
                catch (ArgumentException) when (parts.Length <= 3)
                {
                    result.AddError($"{name}: '{SafeText.Escape(token.Value)}' is not NAME[;EMAIL[;PHONE]] with a name and no control characters.{TypedOptions.CodeSeparator}{HostErrors.InputCode}");
                    return [];
                }

                if (parts.Length > 3)
                {
                    result.AddError($"{name}: '{SafeText.Escape(token.Value)}' has more than three parts; write NAME[;EMAIL[;PHONE]].{TypedOptions.CodeSeparator}{HostErrors.InputCode}");
                    return [];
                }
            }

            return [.. contacts];
        },
    };

    /// <summary>A date option in ISO form, such as <c>--start 2027-01-01</c>.</summary>
    public static Option<LocalDate> Date(string name, string description) =>
        TypedOptions.Syntax(name, description, text => LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } parsed
            ? parsed.Value
            : throw new InputException($"{name}: '{SafeText.Escape(text)}' is not a date; write it as YYYY-MM-DD, such as 2027-01-01."));

    /// <summary>An IANA time zone option, such as <c>--zone Europe/Madrid</c>.</summary>
    public static Option<DateTimeZone> Zone(string name, string description) =>
        TypedOptions.Syntax(name, description, text => DateTimeZoneProviders.Tzdb.GetZoneOrNull(text.Trim())
            ?? throw new InputException($"{name}: '{SafeText.Escape(text)}' is not an IANA time zone; use one such as Europe/Madrid or America/New_York."));

    /// <summary>Reads <c>30d</c>, <c>2w</c>, <c>12months</c>, <c>1y</c> through <see cref="Core.Suppliers.Periodicity.Create"/>.</summary>
    internal static Periodicity ParsePeriodicity(string text, string option)
    {
        var match = PeriodicityText().Match(text.Trim());
        if (!match.Success)
        {
            throw new InputException($"{option}: '{SafeText.Escape(text)}' is not a period; write a count and a unit such as 30d, 2w, 12months or 1y.");
        }

        var unit = match.Groups["unit"].Value.ToLowerInvariant()[0] switch
        {
            'd' => PeriodicityUnit.Day,
            'w' => PeriodicityUnit.Week,
            'y' => PeriodicityUnit.Year,
            _ => PeriodicityUnit.Month,
        };
        var count = int.Parse(match.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var created = Core.Suppliers.Periodicity.Create(count, unit);
        return created.IsSuccess ? created.Value : throw Refused(option, created);
    }

    /// <summary>Reads <c>1200 EUR</c> through <see cref="Core.Suppliers.Money.Create"/>.</summary>
    internal static Money ParseMoney(string text, string option)
    {
        var match = MoneyText().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw new InputException($"{option}: '{SafeText.Escape(text)}' is not an amount and a currency; write it such as \"1200 EUR\" or \"99.50 GBP\".");
        }

        var created = Core.Suppliers.Money.Create(amount, match.Groups["currency"].Value);
        return created.IsSuccess ? created.Value : throw Refused(option, created);
    }

    /// <summary>Reads <c>standard</c>, <c>none</c> or <c>5%/1h/25%</c> through <see cref="ServiceCreditPolicy.Create"/>.</summary>
    internal static ServiceCreditPolicy ParseCreditPolicy(string text, string option)
    {
        var trimmed = text.Trim();
        if (trimmed == ServiceCreditPolicy.Standard.Name)
        {
            return ServiceCreditPolicy.Standard;
        }

        if (trimmed == ServiceCreditPolicy.None.Name)
        {
            return ServiceCreditPolicy.None;
        }

        var match = PolicyText().Match(trimmed);
        if (!match.Success)
        {
            throw new InputException($"{option}: '{SafeText.Escape(text)}' is not a credit policy; write standard, none or RATE%/ALLOWANCE/CAP% such as 5%/1h/25%.");
        }

        var created = ServiceCreditPolicy.Create(
            trimmed,
            decimal.Parse(match.Groups["rate"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
            DurationOptions.Parse(match.Groups["allowance"].Value, option),
            decimal.Parse(match.Groups["cap"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        return created.IsSuccess ? created.Value : throw Refused(option, created);
    }

    private static InputException Refused(string option, IResult refused)
    {
        var first = refused.ValidationErrors.FirstOrDefault();
        return new InputException($"{option}: {first?.ErrorMessage ?? "refused by the library"}", first?.ErrorCode ?? HostErrors.InputCode);
    }

    [GeneratedRegex(@"^(?<count>[0-9]{1,6})\s*(?<unit>d|days?|w|weeks?|mo|months?|y|years?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PeriodicityText();

    [GeneratedRegex(@"^(?<amount>[0-9]{1,15}(\.[0-9]{1,6})?)\s*(?<currency>[A-Za-z]{3})$", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyText();

    [GeneratedRegex(@"^(?<rate>[0-9]{1,3}(\.[0-9]{1,4})?)%/(?<allowance>[0-9dhms]{2,20})/(?<cap>[0-9]{1,3}(\.[0-9]{1,4})?)%$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyText();
}
