namespace Itsm.Sample.Host.Io;

/// <summary>
/// The store failed a request the host relies on (the library answered with an error status, not a
/// refusal of the input). <see cref="HostErrors.Report"/> prints it as one line and exits with <see cref="ExitCodes.Fault"/>.
/// </summary>
internal sealed class StoreFaultException : Exception
{
    /// <summary>Creates the exception with the library's message and code.</summary>
    public StoreFaultException(string message, string code)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The library's code, or <see cref="HostErrors.StoreCode"/>.</summary>
    public string Code { get; }
}
