namespace Itsm.Core.Common;

/// <summary>
/// Creates the failures Itsm.Core returns: Ardalis.Result results that carry a stable,
/// machine-readable error code (such as <c>incident.illegal-transition</c>) beside a message a
/// person can act on.
/// </summary>
/// <remarks>
/// <para>
/// The convention, the same for every failing status (read it back with
/// <c>result.ErrorCode</c>, an extension of <see cref="ResultConventions"/>):
/// </para>
/// <list type="bullet">
/// <item><description><see cref="ResultStatus.Invalid"/>: each <see cref="ValidationError"/> has
/// its <see cref="ValidationError.ErrorCode"/>, its <see cref="ValidationError.Identifier"/> (the
/// field) and its <see cref="ValidationError.ErrorMessage"/>, exactly as Ardalis.Result defines them.</description></item>
/// <item><description><see cref="ResultStatus.NotFound"/>, <see cref="ResultStatus.Conflict"/>,
/// <see cref="ResultStatus.Forbidden"/> and <see cref="ResultStatus.Error"/>: each entry of
/// <see cref="IResult.Errors"/> reads <c>"code: message"</c>. The code travels inside the entry,
/// so it survives Ardalis.Result's own <c>Map</c> and <c>Bind</c> and shows in the problem
/// details that Ardalis.Result.AspNetCore writes for these statuses.</description></item>
/// </list>
/// <para>Every error code the library returns is listed in <c>docs/errors.md</c>. This type is stateless and thread-safe.</para>
/// </remarks>
public static class Failure
{
    /// <summary>The separator between the error code and the message in an <see cref="IResult.Errors"/> entry.</summary>
    public const string CodeSeparator = ": ";

    /// <summary>A field-level validation error with its stable code.</summary>
    /// <param name="identifier">The field or part of the input that is wrong (empty for the input as a whole).</param>
    /// <param name="message">What is wrong, in words a person can act on.</param>
    /// <param name="errorCode">The stable code, for instance <c>incident.title</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="message"/> is empty or <paramref name="errorCode"/> is not a valid code.</exception>
    public static ValidationError Field(string identifier, string message, string errorCode)
    {
        Preconditions.CheckNotNull(identifier);
        CheckMessage(message);
        CheckCode(errorCode);
        return new ValidationError(identifier, message, errorCode, ValidationSeverity.Error);
    }

    /// <summary>Input was rejected: one field-level error.</summary>
    /// <inheritdoc cref="Field" path="/param"/>
    /// <exception cref="ArgumentException">As for <see cref="Field"/>.</exception>
    public static Result Invalid(string identifier, string message, string errorCode) => Result.Invalid(Field(identifier, message, errorCode));

    /// <summary>Something the operation needed does not exist.</summary>
    /// <param name="message">What is missing, in words a person can act on.</param>
    /// <param name="errorCode">The stable code, for instance <c>incident.not-found</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="message"/> is empty or <paramref name="errorCode"/> is not a valid code.</exception>
    public static Result NotFound(string message, string errorCode) => Result.NotFound(Entry(errorCode, message));

    /// <summary>The operation is illegal in the current state, or lost to a concurrent change.</summary>
    /// <inheritdoc cref="NotFound(string, string)" path="/param"/>
    /// <exception cref="ArgumentException">As for <see cref="NotFound(string, string)"/>.</exception>
    public static Result Conflict(string message, string errorCode) => Result.Conflict(Entry(errorCode, message));

    /// <summary>The acting user may not do this.</summary>
    /// <inheritdoc cref="NotFound(string, string)" path="/param"/>
    /// <exception cref="ArgumentException">As for <see cref="NotFound(string, string)"/>.</exception>
    public static Result Forbidden(string message, string errorCode) => Result.Forbidden(Entry(errorCode, message));

    /// <summary>A fault: the request was acceptable but could not be carried out (for instance stored data failed validation).</summary>
    /// <inheritdoc cref="NotFound(string, string)" path="/param"/>
    /// <exception cref="ArgumentException">As for <see cref="NotFound(string, string)"/>.</exception>
    public static Result Error(string message, string errorCode) => Result.Error(Entry(errorCode, message));

    /// <summary><see cref="NotFound(string, string)"/>, typed for an operation that returns a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The value type of the operation.</typeparam>
    /// <inheritdoc cref="NotFound(string, string)" path="/param"/>
    /// <exception cref="ArgumentException">As for <see cref="NotFound(string, string)"/>.</exception>
    public static Result<T> NotFound<T>(string message, string errorCode) => Result<T>.NotFound(Entry(errorCode, message));

    /// <summary><see cref="Conflict(string, string)"/>, typed for an operation that returns a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The value type of the operation.</typeparam>
    /// <inheritdoc cref="NotFound(string, string)" path="/param"/>
    /// <exception cref="ArgumentException">As for <see cref="NotFound(string, string)"/>.</exception>
    public static Result<T> Conflict<T>(string message, string errorCode) => Result<T>.Conflict(Entry(errorCode, message));

    /// <summary><see cref="Forbidden(string, string)"/>, typed for an operation that returns a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The value type of the operation.</typeparam>
    /// <inheritdoc cref="NotFound(string, string)" path="/param"/>
    /// <exception cref="ArgumentException">As for <see cref="NotFound(string, string)"/>.</exception>
    public static Result<T> Forbidden<T>(string message, string errorCode) => Result<T>.Forbidden(Entry(errorCode, message));

    /// <summary><see cref="Error(string, string)"/>, typed for an operation that returns a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The value type of the operation.</typeparam>
    /// <inheritdoc cref="NotFound(string, string)" path="/param"/>
    /// <exception cref="ArgumentException">As for <see cref="NotFound(string, string)"/>.</exception>
    public static Result<T> Error<T>(string message, string errorCode) => Result<T>.Error(Entry(errorCode, message));

    /// <summary>True when <paramref name="code"/> has the shape of an error code: lower-case segments of letters, digits and hyphens, joined by dots.</summary>
    /// <param name="code">The candidate code.</param>
    public static bool IsErrorCode(ReadOnlySpan<char> code)
    {
        if (code.Length == 0 || !char.IsAsciiLetterLower(code[0]) || !IsLetterOrDigit(code[^1]))
        {
            return false;
        }

        for (var i = 1; i < code.Length; i++)
        {
            var c = code[i];
            var separator = c is '.' or '-';
            if (!(IsLetterOrDigit(c) || separator) || (separator && code[i - 1] is '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetterOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    /// <summary>Splits an <see cref="IResult.Errors"/> entry into its code and message; the code is null for an entry that does not follow the convention.</summary>
    internal static (string? Code, string Message) Split(string entry)
    {
        var separator = entry.IndexOf(CodeSeparator, StringComparison.Ordinal);
        return separator > 0 && IsErrorCode(entry.AsSpan(0, separator))
            ? (entry[..separator], entry[(separator + CodeSeparator.Length)..])
            : (null, entry);
    }

    private static string Entry(string errorCode, string message)
    {
        CheckCode(errorCode);
        CheckMessage(message);
        return string.Concat(errorCode, CodeSeparator, message);
    }

    private static void CheckMessage(string message)
    {
        Preconditions.CheckNotNull(message);
        Preconditions.CheckArgument(message.Length > 0, nameof(message), "A failure needs a message a person can act on.");
    }

    private static void CheckCode(string errorCode)
    {
        Preconditions.CheckNotNull(errorCode);
        Preconditions.CheckArgument(IsErrorCode(errorCode), nameof(errorCode), $"'{errorCode}' is not an error code: use lower-case segments joined by dots, such as 'incident.not-found'.");
    }
}
