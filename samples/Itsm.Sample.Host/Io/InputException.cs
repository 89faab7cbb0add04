namespace Itsm.Sample.Host.Io;

/// <summary>
/// Bad input to the host (a malformed file, an unknown id, an output path that cannot be written).
/// Its message names the file, line and column where it can; the host prints each problem as one
/// line <c>error: MESSAGE [CODE]</c> (<see cref="HostErrors"/>) and exits with <see cref="ExitCodes.InvalidInput"/>.
/// </summary>
internal sealed class InputException : Exception
{
    /// <summary>Creates the exception with a message a person can act on and the stable code a script can test.</summary>
    /// <param name="message">What is wrong and where, for a person (one line).</param>
    /// <param name="code">The code printed in brackets: the library's when it rejected the value, else one of <see cref="HostErrors"/>' host codes.</param>
    public InputException(string message, string code = HostErrors.InputCode)
        : this([(message, code)])
    {
    }

    /// <summary>Creates the exception for several problems found at once (such as every error of a calendar file), one line each.</summary>
    /// <param name="problems">Each problem's message and code; at least one.</param>
    public InputException(IReadOnlyList<(string Message, string Code)> problems)
        : base(problems is { Count: > 0 } ? problems[0].Message : "bad input")
    {
        Problems = problems is { Count: > 0 } ? problems : [("bad input", HostErrors.InputCode)];
    }

    /// <summary>The stable code of the first problem, such as <c>host.input</c> or <c>incident.impact</c>.</summary>
    public string Code => Problems[0].Code;

    /// <summary>Every problem, in the order found.</summary>
    public IReadOnlyList<(string Message, string Code)> Problems { get; }
}
