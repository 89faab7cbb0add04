using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Itsm.Core.Common;

/// <summary>
/// The one vocabulary for contract checks on public members. A failed check is a programmer
/// error and throws a BCL exception; expected outcomes (bad user input, illegal transitions)
/// are reported through <see cref="Result"/> instead.
/// </summary>
internal static class Preconditions
{
    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="value"/> is null.</summary>
    internal static T CheckNotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName);
        }

        return value;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="expression"/> is false.</summary>
    internal static void CheckArgument([DoesNotReturnIf(false)] bool expression, string paramName, string message)
    {
        if (!expression)
        {
            throw new ArgumentException(message, paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> lies in [min, max].</summary>
    internal static void CheckArgumentRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value should be in range [{min}-{max}].");
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="value"/> is negative.</summary>
    internal static void CheckNonNegative(long value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Value must not be negative.");
        }
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when <paramref name="expression"/> is false.</summary>
    internal static void CheckState([DoesNotReturnIf(false)] bool expression, string message)
    {
        if (!expression)
        {
            throw new InvalidOperationException(message);
        }
    }
}
