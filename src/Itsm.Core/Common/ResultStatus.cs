namespace Itsm.Core.Common;

/// <summary>
/// The outcome class of an operation, shaped like <c>Ardalis.Result.ResultStatus</c> so that
/// swapping that package in later is mechanical.
/// </summary>
public enum ResultStatus
{
    /// <summary>The operation succeeded.</summary>
    Ok = 0,

    /// <summary>The input was rejected; <see cref="Result.ValidationErrors"/> says which field and why.</summary>
    Invalid = 1,

    /// <summary>Something the operation needed does not exist (in the caller's tenant).</summary>
    NotFound = 2,

    /// <summary>The operation lost to a concurrent change, or is illegal in the current state.</summary>
    Conflict = 3,

    /// <summary>The acting user may not do this (for example, approving their own change).</summary>
    Forbidden = 4,

    /// <summary>An unexpected fault; the message says what went wrong.</summary>
    Error = 5,
}
