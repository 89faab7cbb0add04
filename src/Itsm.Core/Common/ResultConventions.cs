namespace Itsm.Core.Common;

/// <summary>
/// Reads the error-code convention of <see cref="Failure"/> back from any Ardalis.Result result,
/// and adds the few conveniences a caller of Itsm.Core asks for: a one-line message, an unwrap
/// that throws, and re-typing a failure.
/// </summary>
/// <remarks>Stateless and thread-safe. Every member accepts results from any source: a result that does not follow the convention simply has no codes.</remarks>
public static class ResultConventions
{
    /// <summary>The convention's read side on any <see cref="IResult"/>.</summary>
    /// <param name="result">The result to read.</param>
    extension(IResult result)
    {
        /// <summary>
        /// True for the statuses Ardalis.Result counts as success (Ok, Created, NoContent), as
        /// <see cref="Result{T}.IsSuccess"/> says for a typed result; for code that holds an <see cref="IResult"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException">The result is null.</exception>
        public bool IsSuccess => IsSuccessStatus(Preconditions.CheckNotNull(result).Status);

        /// <summary>
        /// The stable code of the (first) failure, such as <c>change.self-approval</c>; null on success
        /// and for a failure that carries no code.
        /// </summary>
        /// <exception cref="ArgumentNullException">The result is null.</exception>
        public string? ErrorCode => result.ErrorCodes.FirstOrDefault();

        /// <summary>
        /// Every stable code the failure carries, in order: one per validation error for
        /// <see cref="ResultStatus.Invalid"/>, one per error entry otherwise; empty on success.
        /// </summary>
        /// <exception cref="ArgumentNullException">The result is null.</exception>
        public IReadOnlyList<string> ErrorCodes
        {
            get
            {
                Preconditions.CheckNotNull(result);
                return result.Status == ResultStatus.Invalid
                    ? [.. result.ValidationErrors.Select(e => e.ErrorCode).Where(c => !string.IsNullOrEmpty(c))]
                    : [.. result.Errors.Select(e => Failure.Split(e).Code).OfType<string>()];
            }
        }

        /// <summary>
        /// The failure's messages without their codes, in order: one per validation error for
        /// <see cref="ResultStatus.Invalid"/>, one per error entry otherwise; empty on success.
        /// </summary>
        /// <exception cref="ArgumentNullException">The result is null.</exception>
        public IReadOnlyList<string> ErrorMessages
        {
            get
            {
                Preconditions.CheckNotNull(result);
                return result.Status == ResultStatus.Invalid
                    ? [.. result.ValidationErrors.Select(e => e.ErrorMessage)]
                    : [.. result.Errors.Select(e => Failure.Split(e).Message)];
            }
        }

        /// <summary>
        /// One line a person can read: <c>OK</c> on success, the field errors as
        /// <c>Field: message</c> for <see cref="ResultStatus.Invalid"/>, otherwise the messages
        /// without their codes; several are joined by <c>"; "</c>.
        /// </summary>
        /// <exception cref="ArgumentNullException">The result is null.</exception>
        public string Message
        {
            get
            {
                Preconditions.CheckNotNull(result);
                if (IsSuccessStatus(result.Status))
                {
                    return "OK";
                }

                var lines = result.Status == ResultStatus.Invalid
                    ? result.ValidationErrors.Select(e => string.IsNullOrEmpty(e.Identifier) ? e.ErrorMessage : $"{e.Identifier}: {e.ErrorMessage}")
                    : result.ErrorMessages;
                var message = string.Join("; ", lines);
                return message.Length > 0 ? message : result.Status.ToString();
            }
        }
    }

    /// <summary>
    /// The value of a successful result; for a failure, throws a <see cref="ResultFailureException"/>
    /// that names the status, the code and the message. For callers that prefer exceptions to
    /// checking <see cref="Result{T}.IsSuccess"/>. (Ardalis.Result's own <see cref="Result{T}.Value"/>
    /// returns <c>default</c> on a failure.)
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="result">The result to unwrap.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ResultFailureException">The result is a failure.</exception>
    public static T ValueOrThrow<T>(this Result<T> result)
    {
        Preconditions.CheckNotNull(result);
        return result.IsSuccess ? result.Value : throw new ResultFailureException(result);
    }

    /// <summary>Throws a <see cref="ResultFailureException"/> when <paramref name="result"/> is a failure.</summary>
    /// <param name="result">The result to check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ResultFailureException">The result is a failure.</exception>
    public static void ThrowIfFailed(this IResult result)
    {
        Preconditions.CheckNotNull(result);
        if (!IsSuccessStatus(result.Status))
        {
            throw new ResultFailureException(result);
        }
    }

    /// <summary>
    /// The same failure, typed for an operation that returns a <typeparamref name="TOut"/>: status,
    /// messages, codes and validation errors are kept (Ardalis.Result's <c>Map</c> does the same
    /// when it meets a failure, but needs a mapping function).
    /// </summary>
    /// <typeparam name="TOut">The value type of the operation that passes the failure on.</typeparam>
    /// <param name="result">A failed result.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="result"/> is a success: there is no failure to pass on.</exception>
    public static Result<TOut> AsFailure<TOut>(this IResult result)
    {
        Preconditions.CheckNotNull(result);
        Preconditions.CheckState(!IsSuccessStatus(result.Status), "A successful result carries no failure to pass on.");
        var errors = result.Errors.ToArray();
        return result.Status switch
        {
            ResultStatus.Invalid => Result<TOut>.Invalid(result.ValidationErrors.ToList()),
            ResultStatus.NotFound => Result<TOut>.NotFound(errors),
            ResultStatus.Conflict => Result<TOut>.Conflict(errors),
            ResultStatus.Forbidden => Result<TOut>.Forbidden(errors),
            ResultStatus.Unauthorized => Result<TOut>.Unauthorized(errors),
            ResultStatus.CriticalError => Result<TOut>.CriticalError(errors),
            ResultStatus.Unavailable => Result<TOut>.Unavailable(errors),
            _ => Result<TOut>.Error(new ErrorList(errors)),
        };
    }

    /// <summary>The same failure as a result without a value (see <see cref="AsFailure{TOut}(IResult)"/>).</summary>
    /// <param name="result">A failed result.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="result"/> is a success.</exception>
    public static Result AsFailure(this IResult result)
    {
        // Not AsFailure<Result>(): Result<Result> converts to Result through Ardalis.Result's
        // implicit operator T, which yields the (null) value rather than the failure.
        Preconditions.CheckNotNull(result);
        Preconditions.CheckState(!IsSuccessStatus(result.Status), "A successful result carries no failure to pass on.");
        var errors = result.Errors.ToArray();
        return result.Status switch
        {
            ResultStatus.Invalid => Result.Invalid(result.ValidationErrors.ToList()),
            ResultStatus.NotFound => Result.NotFound(errors),
            ResultStatus.Conflict => Result.Conflict(errors),
            ResultStatus.Forbidden => Result.Forbidden(errors),
            ResultStatus.Unauthorized => Result.Unauthorized(errors),
            ResultStatus.CriticalError => Result.CriticalError(errors),
            ResultStatus.Unavailable => Result.Unavailable(errors),
            _ => Result.Error(new ErrorList(errors)),
        };
    }

    /// <summary>True for the statuses Ardalis.Result counts as success (Ok, Created, NoContent).</summary>
    internal static bool IsSuccessStatus(ResultStatus status) => status is ResultStatus.Ok or ResultStatus.Created or ResultStatus.NoContent;
}

/// <summary>
/// Thrown by <see cref="ResultConventions.ValueOrThrow{T}(Result{T})"/> and
/// <see cref="ResultConventions.ThrowIfFailed(IResult)"/> when a caller asked for an exception
/// instead of a failed result.
/// </summary>
/// <remarks>Carries the failure's status, code and message; the message reads <c>Status (code): message</c>.</remarks>
public sealed class ResultFailureException : InvalidOperationException
{
    /// <summary>Creates the exception for a failed <paramref name="result"/>.</summary>
    /// <param name="result">The failure.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public ResultFailureException(IResult result)
        : base(Describe(result))
    {
        Status = result.Status;
        ErrorCode = result.ErrorCode;
        ErrorCodes = result.ErrorCodes;
    }

    /// <summary>The failure's status.</summary>
    public ResultStatus Status { get; }

    /// <summary>The failure's (first) stable code, or null.</summary>
    public string? ErrorCode { get; }

    /// <summary>Every code the failure carried.</summary>
    public IReadOnlyList<string> ErrorCodes { get; }

    private static string Describe(IResult result)
    {
        Preconditions.CheckNotNull(result);
        return result.ErrorCode is { } code ? $"{result.Status} ({code}): {result.Message}" : $"{result.Status}: {result.Message}";
    }
}
