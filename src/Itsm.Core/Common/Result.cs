using System.Collections.Immutable;

namespace Itsm.Core.Common;

/// <summary>
/// The outcome of an operation that can fail for expected reasons: bad input, something not
/// found, a conflict, a forbidden action. Shaped like <c>Ardalis.Result.Result</c>.
/// </summary>
/// <remarks>
/// <para>
/// Expected failures never throw: they come back as a <see cref="Result"/> whose
/// <see cref="Status"/> says what kind of failure it is and whose <see cref="Message"/> a person
/// can act on. Exceptions are reserved for programmer errors and real faults.
/// </para>
/// <para>Instances are immutable and thread-safe. There is no <c>default</c>: this is a class.</para>
/// </remarks>
public class Result
{
    private static readonly Result OkInstance = new(ResultStatus.Ok, null, [], []);

    /// <summary>Creates a result; used by the factory methods and by <see cref="Result{T}"/>.</summary>
    private protected Result(ResultStatus status, string? errorCode, ImmutableArray<string> errors, ImmutableArray<ValidationError> validationErrors)
    {
        Status = status;
        ErrorCode = errorCode;
        Errors = errors;
        ValidationErrors = validationErrors;
    }

    /// <summary>What kind of outcome this is.</summary>
    public ResultStatus Status { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="ResultStatus.Ok"/>.</summary>
    public bool IsSuccess => Status == ResultStatus.Ok;

    /// <summary>
    /// A stable, machine-readable code for the failure (for example
    /// <c>incident.illegal-transition</c>), or null on success and for untyped failures.
    /// </summary>
    public string? ErrorCode { get; }

    /// <summary>Messages describing the failure (empty on success and for <see cref="ResultStatus.Invalid"/>).</summary>
    public ImmutableArray<string> Errors { get; }

    /// <summary>Field-level errors when <see cref="Status"/> is <see cref="ResultStatus.Invalid"/>; otherwise empty.</summary>
    public ImmutableArray<ValidationError> ValidationErrors { get; }

    /// <summary>One human-readable line summarising the outcome, suitable for a log or a console.</summary>
    public string Message => Status switch
    {
        ResultStatus.Ok => "OK",
        ResultStatus.Invalid => string.Join("; ", ValidationErrors.Select(e => e.ToString())),
        _ => string.Join("; ", Errors),
    };

    /// <summary>A successful result.</summary>
    public static Result Success() => OkInstance;

    /// <summary>A successful result carrying <paramref name="value"/>.</summary>
    public static Result<T> Success<T>(T value) => new(value);

    /// <summary>Input was rejected for the given field-level reasons.</summary>
    /// <exception cref="ArgumentException">No errors were given.</exception>
    public static Result Invalid(params IEnumerable<ValidationError> errors) => new(ResultStatus.Invalid, "invalid", [], CheckErrors(errors));

    /// <summary>Something the operation needed does not exist.</summary>
    public static Result NotFound(string message, string? errorCode = "not-found") => Failure(ResultStatus.NotFound, message, errorCode);

    /// <summary>The operation lost to a concurrent change, or is illegal in the current state.</summary>
    public static Result Conflict(string message, string? errorCode = "conflict") => Failure(ResultStatus.Conflict, message, errorCode);

    /// <summary>The acting user may not do this.</summary>
    public static Result Forbidden(string message, string? errorCode = "forbidden") => Failure(ResultStatus.Forbidden, message, errorCode);

    /// <summary>An unexpected fault.</summary>
    public static Result Error(string message, string? errorCode = "error") => Failure(ResultStatus.Error, message, errorCode);

    /// <summary>Returns the same failure typed for a caller that expected a value of type <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">This result is a success; there is no value to carry.</exception>
    public Result<T> AsFailure<T>()
    {
        Preconditions.CheckState(!IsSuccess, "A successful result carries no failure to convert.");
        return new Result<T>(Status, ErrorCode, Errors, ValidationErrors);
    }

    /// <summary>Returns the status and message, for diagnostics.</summary>
    public override string ToString() => IsSuccess ? "Ok" : $"{Status}: {Message}";

    private static Result Failure(ResultStatus status, string message, string? errorCode)
    {
        Preconditions.CheckNotNull(message);
        Preconditions.CheckArgument(message.Length > 0, nameof(message), "A failure needs a message a person can act on.");
        return new Result(status, errorCode, [message], []);
    }

    private protected static ImmutableArray<ValidationError> CheckErrors(IEnumerable<ValidationError> errors)
    {
        Preconditions.CheckNotNull(errors);
        var array = errors.ToImmutableArray();
        Preconditions.CheckArgument(array.Length > 0, nameof(errors), "An invalid result needs at least one validation error.");
        foreach (var error in array)
        {
            Preconditions.CheckNotNull(error, nameof(errors));
        }

        return array;
    }
}

/// <summary>
/// The outcome of an operation that produces a <typeparamref name="T"/> on success.
/// </summary>
/// <typeparam name="T">The type of the value carried on success.</typeparam>
/// <remarks>Immutable and thread-safe when <typeparamref name="T"/> is. Convert a failure from another
/// operation with <see cref="Result.AsFailure{T}"/>.</remarks>
public sealed class Result<T> : Result
{
    private readonly T? value;

    internal Result(T value)
        : base(ResultStatus.Ok, null, [], [])
    {
        this.value = value;
    }

    internal Result(ResultStatus status, string? errorCode, ImmutableArray<string> errors, ImmutableArray<ValidationError> validationErrors)
        : base(status, errorCode, errors, validationErrors)
    {
    }

    /// <summary>The value produced on success.</summary>
    /// <exception cref="InvalidOperationException">The result is a failure; check <see cref="Result.IsSuccess"/> first.</exception>
    public T Value
    {
        get
        {
            Preconditions.CheckState(IsSuccess, $"A {Status} result has no value: {Message}");
            return value!;
        }
    }

    /// <summary>Wraps <paramref name="value"/> in a successful result.</summary>
    public static implicit operator Result<T>(T value) => new(value);

    /// <summary>Input was rejected for the given field-level reasons.</summary>
    public static new Result<T> Invalid(params IEnumerable<ValidationError> errors) => Result.Invalid(errors).AsFailure<T>();

    /// <summary>Something the operation needed does not exist.</summary>
    public static new Result<T> NotFound(string message, string? errorCode = "not-found") => Result.NotFound(message, errorCode).AsFailure<T>();

    /// <summary>The operation lost to a concurrent change, or is illegal in the current state.</summary>
    public static new Result<T> Conflict(string message, string? errorCode = "conflict") => Result.Conflict(message, errorCode).AsFailure<T>();

    /// <summary>The acting user may not do this.</summary>
    public static new Result<T> Forbidden(string message, string? errorCode = "forbidden") => Result.Forbidden(message, errorCode).AsFailure<T>();

    /// <summary>An unexpected fault.</summary>
    public static new Result<T> Error(string message, string? errorCode = "error") => Result.Error(message, errorCode).AsFailure<T>();

    /// <summary>Applies <paramref name="map"/> to the value on success; passes a failure through unchanged.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map)
    {
        Preconditions.CheckNotNull(map);
        return IsSuccess ? new Result<TOut>(map(value!)) : AsFailure<TOut>();
    }

    /// <summary>Returns the status and value or message, for diagnostics.</summary>
    public override string ToString() => IsSuccess ? $"Ok: {value}" : base.ToString();
}
