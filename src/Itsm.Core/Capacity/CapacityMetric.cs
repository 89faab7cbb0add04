using Itsm.Core.Common;

namespace Itsm.Core.Capacity;

/// <summary>The name of a capacity metric, such as <c>storage_used_pct</c> or <c>cpu.utilisation</c>: what a series of measurements measures.</summary>
/// <remarks>
/// 1 to <see cref="MaxLength"/> characters: a lower-case ASCII letter, then lower-case letters, digits, <c>_</c>, <c>.</c> or
/// <c>-</c>, so that a name reads the same in every store, file and command line. Compared ordinally. Immutable and thread-safe.
/// <c>default</c> is the unassigned metric (<see cref="Name"/> is null); nothing in the library accepts it.
/// </remarks>
public readonly record struct CapacityMetric : IComparable<CapacityMetric>
{
    /// <summary>Error code of text that is not a metric name.</summary>
    public const string InvalidCode = "capacity.metric.invalid";

    /// <summary>The longest metric name.</summary>
    public const int MaxLength = 64;

    private CapacityMetric(string name) => Name = name;

    /// <summary>The metric's name.</summary>
    public string Name { get; }

    /// <summary>The metric named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a metric name.</exception>
    public static CapacityMetric From(string name)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckArgument(Problem(name) is null, nameof(name), $"'{name}' is not a capacity metric name: {Problem(name)}");
        return new CapacityMetric(name);
    }

    /// <summary>Parses untrusted text; Invalid (<see cref="InvalidCode"/>) naming <paramref name="field"/> when it is not a metric name.</summary>
    /// <param name="text">The text, or null.</param>
    /// <param name="field">The input field, for the error.</param>
    public static Result<CapacityMetric> Parse(string? text, string field = "Metric") =>
        Problem(text) is { } problem
            ? Result<CapacityMetric>.Invalid(Failure.Field(field, $"'{text}' is not a capacity metric name: {problem}", InvalidCode))
            : new CapacityMetric(text!);

    /// <inheritdoc />
    public int CompareTo(CapacityMetric other) => string.CompareOrdinal(Name, other.Name);

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name ?? string.Empty;

    private static string? Problem(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return $"it must have 1 to {MaxLength} characters.";
        }

        if (text[0] is < 'a' or > 'z')
        {
            return "it must start with a lower-case letter (a to z).";
        }

        return text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-')
            ? null
            : "use only lower-case letters, digits, '_', '.' and '-', such as storage_used_pct.";
    }
}
