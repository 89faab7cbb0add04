namespace Itsm.Sample.Host.Io;

/// <summary>
/// Bad input to the host (a malformed file, an unknown id). Its message names the file, line and
/// column where it can; the host prints it and exits with <see cref="ExitCodes.InvalidInput"/>.
/// </summary>
internal sealed class InputException : Exception
{
    /// <summary>Creates the exception with a message a person can act on.</summary>
    public InputException(string message)
        : base(message)
    {
    }
}
