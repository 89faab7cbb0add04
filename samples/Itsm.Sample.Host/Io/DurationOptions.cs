using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Durations on the command line, in the one syntax every subcommand shares: <c>90m</c>, <c>8h</c>, <c>2d</c> (24 hours, not a
/// business day), <c>45s</c> or a sum such as <c>1h30m</c>; and horizons as a number of days such as <c>180d</c>.
/// </summary>
internal static partial class DurationOptions
{
    /// <summary>What to append to an option's description to say how a duration is written.</summary>
    public const string SyntaxHint = " A number with d, h, m or s, or a sum such as 1h30m.";

    /// <summary>
    /// A duration option parsed by <see cref="Parse"/> (its text trimmed); <paramref name="defaultText"/> when omitted, else
    /// required; <paramref name="noun"/> names what it measures in errors.
    /// </summary>
    public static Option<Duration> Create(string name, string description, string? defaultText = null, string noun = "business duration") =>
        TypedOptions.Syntax(name, description, text => Parse(text.Trim(), name, noun), defaultText);

    /// <summary>An optional duration option; null when omitted.</summary>
    public static Option<Duration?> Optional(string name, string description, string noun = "business duration")
    {
        var option = TypedOptions.Syntax<Duration?>(name, description, text => Parse(text.Trim(), name, noun));
        option.Required = false;
        return option;
    }

    /// <summary>A horizon option in whole days (<see cref="ParseDays"/>), <paramref name="defaultText"/> when omitted.</summary>
    public static Option<Duration> Days(string name, string description, string defaultText) =>
        TypedOptions.Syntax(name, description, text => ParseDays(text, name), defaultText);

    /// <summary>Reads <c>90m</c>, <c>8h</c>, <c>2d</c> (24 hours), <c>45s</c>, or a sum such as <c>1h30m</c>; <paramref name="noun"/> names what it measures in errors.</summary>
    /// <exception cref="InputException">The text is not a duration in that syntax, or is longer than about a hundred years.</exception>
    public static Duration Parse(string text, string option, string noun = "business duration")
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = DurationText().Match(text);
        if (!match.Success)
        {
            throw new InputException($"{option}: '{text}' is not a {noun}; use a number with d, h, m or s, such as 8h, 90m, 2d or 1h30m.");
        }

        var total = Duration.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var number = part.Value[..^1];
            if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 100L * 366 * 24 * 3600)
            {
                throw new InputException($"{option}: '{text}' is too long a {noun} (at most about a hundred years).");
            }

            total += part.Value[^1] switch
            {
                'd' => Duration.FromDays(value),
                'h' => Duration.FromHours(value),
                'm' => Duration.FromMinutes(value),
                _ => Duration.FromSeconds(value),
            };
        }

        return total;
    }

    /// <summary>Reads a horizon in days, such as <c>180d</c> (1d to 36500d).</summary>
    /// <exception cref="InputException">The text is not a number of days in that range.</exception>
    public static Duration ParseDays(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = DaysText().Match(text.Trim());
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 36_500
            ? Duration.FromDays(days)
            : throw new InputException($"{option}: '{text}' is not a number of days from 1d to 36500d, such as 180d.");
    }

    [GeneratedRegex(@"^(?<part>[0-9]{1,12}[dhms])+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationText();

    [GeneratedRegex("^([0-9]+)d$", RegexOptions.CultureInvariant)]
    private static partial Regex DaysText();
}
