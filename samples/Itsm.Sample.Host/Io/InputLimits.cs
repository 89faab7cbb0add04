using System.Globalization;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// How much of an input file the host reads before it refuses the file, so that <c>/dev/zero</c>,
/// <c>/dev/urandom</c> or a runaway export ends in one clear error (<see cref="HostErrors.LimitCode"/>,
/// naming the limit and how to raise it), never in memory exhaustion.
/// </summary>
/// <remarks>
/// The defaults hold a CMDB export of a million items. Each limit is set by an environment variable
/// (a whole number, at least 1): <c>ITSM_MAX_INPUT_BYTES</c> (the size of any input file, 64 MiB),
/// <c>ITSM_MAX_INPUT_ROWS</c> (the data rows of a CSV file, 1,000,000) and <c>ITSM_MAX_INPUT_FIELD</c>
/// (the characters of one CSV field, 10,000, the library's longest request text). Immutable.
/// </remarks>
/// <param name="MaxBytes">The largest input file, in bytes.</param>
/// <param name="MaxRows">The most data rows a CSV file may have (the header not counted).</param>
/// <param name="MaxFieldLength">The longest CSV field, in characters.</param>
internal sealed record InputLimits(long MaxBytes, int MaxRows, int MaxFieldLength)
{
    /// <summary>The environment variable of <see cref="MaxBytes"/>.</summary>
    public const string BytesVariable = "ITSM_MAX_INPUT_BYTES";

    /// <summary>The environment variable of <see cref="MaxRows"/>.</summary>
    public const string RowsVariable = "ITSM_MAX_INPUT_ROWS";

    /// <summary>The environment variable of <see cref="MaxFieldLength"/>.</summary>
    public const string FieldVariable = "ITSM_MAX_INPUT_FIELD";

    /// <summary>The limits when no variable is set: 64 MiB, 1,000,000 rows, 10,000 characters.</summary>
    public static InputLimits Default { get; } = new(64L * 1024 * 1024, 1_000_000, 10_000);

    /// <summary>The limits of this process: <see cref="Default"/> with each variable that is set applied.</summary>
    /// <exception cref="InputException">A variable is set to something other than a whole number of at least 1.</exception>
    public static InputLimits Current => From(Environment.GetEnvironmentVariable);

    /// <summary>The limits that the variables <paramref name="lookup"/> answers give.</summary>
    /// <exception cref="InputException">A variable is set to something other than a whole number of at least 1.</exception>
    public static InputLimits From(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new InputLimits(
            Read(lookup, BytesVariable, Default.MaxBytes),
            (int)Read(lookup, RowsVariable, Default.MaxRows, int.MaxValue - 1),
            (int)Read(lookup, FieldVariable, Default.MaxFieldLength, int.MaxValue - 1));
    }

    private static long Read(Func<string, string?> lookup, string variable, long fallback, long max = long.MaxValue - 1)
    {
        var text = lookup(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : throw new InputException($"{variable}: '{text}' is not a whole number from 1 to {max}; unset it for the default {fallback}.", HostErrors.LimitCode);
    }
}
