namespace Itsm.Core.Application.Common;

/// <summary>
/// A record read back from storage failed the validation its input would have had to pass: its key
/// does not match its document, its version is out of range, a derived query column disagrees with
/// the document, or the document is not a valid record. Thrown by persistence adapters; the
/// dispatcher answers it as an <c>Error</c> result with code <see cref="ErrorCode"/> naming the table
/// and key, and the command that met it changes nothing. Other records of the tenant stay usable.
/// </summary>
/// <remarks>Find every such record with <c>VerifyStore</c> (<c>itsm store verify</c>). Immutable.</remarks>
public sealed class StoredRecordException : Exception
{
    /// <summary>The error code of the result the dispatcher answers.</summary>
    public const string ErrorCode = "store.record-invalid";

    /// <summary>Creates the exception for the record <paramref name="key"/> of <paramref name="table"/>.</summary>
    /// <param name="table">The table (or collection) the record was read from.</param>
    /// <param name="key">The record's key as stored, with its tenant.</param>
    /// <param name="reason">What is wrong with it, for a person.</param>
    /// <param name="inner">The error that revealed it, if any.</param>
    public StoredRecordException(string table, string key, string reason, Exception? inner = null)
        : base($"The stored record {key} of {table} is not valid: {reason}", inner)
    {
        Table = table;
        Key = key;
        Reason = reason;
    }

    /// <summary>The table (or collection) the record was read from.</summary>
    public string Table { get; }

    /// <summary>The record's key as stored.</summary>
    public string Key { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
