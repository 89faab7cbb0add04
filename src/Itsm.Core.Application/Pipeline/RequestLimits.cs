using Itsm.Core.Common;

namespace Itsm.Core.Application.Pipeline;

/// <summary>
/// The size limits the shape rule holds every request to, so that no caller can make the library
/// (or the database behind it) hold, store and serve arbitrarily large values: past a limit, the
/// request is refused as <c>Invalid</c> naming the field and the limit, before anything is loaded.
/// </summary>
/// <remarks>
/// Set through <see cref="ItsmCoreOptions.MaxTextLength"/>; one instance is registered by
/// <c>AddItsmCore</c>. What a field means (a title's 500 characters) stays with each request's
/// own validators, which may be stricter. Immutable and thread-safe.
/// </remarks>
public sealed class RequestLimits
{
    /// <summary>The default longest text of any request field: 10,000 characters (UTF-16 code units).</summary>
    public const int DefaultMaxTextLength = 10_000;

    /// <summary>Creates the limits.</summary>
    /// <param name="maxTextLength">
    /// The longest text of any request field, in UTF-16 code units; at least <see cref="Identifier.MaxTextLength"/>
    /// (200), since the rule holds every text to it, identifiers included, and every valid identifier must pass.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTextLength"/> is less than <see cref="Identifier.MaxTextLength"/>.</exception>
    public RequestLimits(int maxTextLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextLength, Identifier.MaxTextLength);
        MaxTextLength = maxTextLength;
    }

    /// <summary>The limits with every default: <see cref="DefaultMaxTextLength"/>.</summary>
    public static RequestLimits Default { get; } = new(DefaultMaxTextLength);

    /// <summary>The longest text of any request field (every string, in every nested value and collection), in UTF-16 code units.</summary>
    public int MaxTextLength { get; }
}
