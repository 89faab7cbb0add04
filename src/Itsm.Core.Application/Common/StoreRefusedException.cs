namespace Itsm.Core.Application.Common;

/// <summary>
/// A store that the library refuses to use as it is: a file where the SQLite store should be that is
/// empty (zero bytes), not a SQLite database, or another application's database (<c>store.foreign</c>),
/// or a schema older (<c>store.schema-behind</c>) or newer (<c>store.schema-newer</c>) than this library's.
/// Nothing was read, written or replaced.
/// </summary>
/// <remarks>
/// Through <see cref="IItsmDispatcher"/> it never escapes: the dispatcher answers it as an <c>Error</c>
/// result with <see cref="ErrorCode"/>, like any other refusal. The adapters' own <c>MigrateAsync</c>,
/// which return no result, throw it; a host reports its message and code.
/// </remarks>
public sealed class StoreRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the store and what to do, for a person.</param>
    /// <param name="errorCode">The stable code: <c>store.foreign</c>, <c>store.schema-behind</c> or <c>store.schema-newer</c>.</param>
    public StoreRefusedException(string message, string errorCode)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary>The stable code of the refusal, as the dispatcher's result carries it.</summary>
    public string ErrorCode { get; }
}
