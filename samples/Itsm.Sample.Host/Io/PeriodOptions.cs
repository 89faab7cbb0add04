using System.CommandLine;
using NodaTime;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// The <c>--from</c>/<c>--to</c> pair of a half-open period, declared once for every subcommand that takes one: typed instant
/// options (<see cref="TypedOptions.Instant"/>), read together into an <see cref="Interval"/> so that a reversed period is bad
/// input with both instants in the message, never a fault.
/// </summary>
internal static class PeriodOptions
{
    /// <summary>A required <c>--from</c> (described by <paramref name="fromDescription"/>) and <c>--to</c> (exclusive).</summary>
    public static (Option<Instant> From, Option<Instant> To) Create(string fromDescription, string toDescription = "The end of the period (exclusive).") =>
        (TypedOptions.Instant("--from", fromDescription + " ISO-8601 with Z or an offset."), TypedOptions.Instant("--to", toDescription));

    /// <summary>
    /// The half-open period the two options give. With <paramref name="allowEmpty"/>, <c>--to</c> equal to <c>--from</c> gives an
    /// empty period (for the library to judge); otherwise <c>--to</c> must be after <c>--from</c>.
    /// </summary>
    /// <exception cref="InputException"><c>--to</c> is before <c>--from</c> (or equal to it without <paramref name="allowEmpty"/>).</exception>
    public static Interval Read(ParseResult parseResult, Option<Instant> from, Option<Instant> to, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var start = parseResult.GetValue(from);
        var end = parseResult.GetValue(to);
        if (end > start || (allowEmpty && end == start))
        {
            return new Interval(start, end);
        }

        throw new InputException(allowEmpty
            ? $"--to: {InstantText.Format(end)} is before --from {InstantText.Format(start)}."
            : $"--to {InstantText.Format(end)} is not after --from {InstantText.Format(start)}.");
    }
}
