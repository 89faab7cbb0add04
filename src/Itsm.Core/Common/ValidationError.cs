namespace Itsm.Core.Common;

/// <summary>
/// One field-level reason why input was rejected: which field (<see cref="Identifier"/>, a
/// dotted path such as <c>Week.Monday[1]</c>), what is wrong with it, and a stable machine code.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Shaped like <c>Ardalis.Result.ValidationError</c>.
/// </remarks>
public sealed record ValidationError
{
    /// <summary>Creates a validation error.</summary>
    /// <param name="identifier">The field the error is about; may be empty for the whole input.</param>
    /// <param name="errorMessage">A sentence a person can act on.</param>
    /// <param name="errorCode">A stable, machine-readable code such as <c>calendar.range.inverted</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="errorMessage"/> is empty.</exception>
    public ValidationError(string identifier, string errorMessage, string errorCode = "invalid")
    {
        Preconditions.CheckNotNull(identifier);
        Preconditions.CheckNotNull(errorMessage);
        Preconditions.CheckNotNull(errorCode);
        Preconditions.CheckArgument(errorMessage.Length > 0, nameof(errorMessage), "A validation error needs a message.");
        Identifier = identifier;
        ErrorMessage = errorMessage;
        ErrorCode = errorCode;
    }

    /// <summary>The field the error is about (empty for the input as a whole).</summary>
    public string Identifier { get; }

    /// <summary>A sentence a person can act on.</summary>
    public string ErrorMessage { get; }

    /// <summary>A stable, machine-readable code.</summary>
    public string ErrorCode { get; }

    /// <summary>Returns <c>Identifier: ErrorMessage</c>, or just the message when there is no identifier.</summary>
    public override string ToString() => Identifier.Length == 0 ? ErrorMessage : $"{Identifier}: {ErrorMessage}";
}
