namespace Itsm.Core.Common;

/// <summary>An identifier whose text a vendor chooses (a tenant key, a user name, a CI key).</summary>
/// <typeparam name="TSelf">The identifier type itself.</typeparam>
public interface ITextIdentifier<TSelf>
    where TSelf : struct, ITextIdentifier<TSelf>
{
    /// <summary>The identifier's text: 1 to <see cref="Identifier.MaxTextLength"/> characters, no surrounding white space, no control characters, no lone UTF-16 surrogates.</summary>
    string Value { get; }

    /// <summary>Creates the identifier from validated text.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid identifier.</exception>
    static abstract TSelf From(string value);
}

/// <summary>An identifier that the library assigns (a GUID), for records it creates such as incidents and changes.</summary>
/// <typeparam name="TSelf">The identifier type itself.</typeparam>
public interface IGuidIdentifier<TSelf>
    where TSelf : struct, IGuidIdentifier<TSelf>
{
    /// <summary>The identifier's GUID; never <see cref="Guid.Empty"/> for an assigned identifier.</summary>
    Guid Value { get; }

    /// <summary>Creates the identifier from a non-empty GUID.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <see cref="Guid.Empty"/>.</exception>
    static abstract TSelf From(Guid value);
}

/// <summary>
/// Validation and parsing shared by every strongly typed identifier, so that all of them accept
/// and reject the same text, with the same messages.
/// </summary>
public static class Identifier
{
    /// <summary>The longest text a text identifier may have.</summary>
    public const int MaxTextLength = 200;

    /// <summary>
    /// Parses untrusted text as a <typeparamref name="TId"/>, returning <see cref="ResultStatus.Invalid"/>
    /// with a message naming <paramref name="field"/> when it is not valid.
    /// </summary>
    /// <param name="text">The text to parse; may be null.</param>
    /// <param name="field">The name of the input field, used in the error.</param>
    public static Result<TId> ParseText<TId>(string? text, string field)
        where TId : struct, ITextIdentifier<TId>
    {
        ArgumentNullException.ThrowIfNull(field);
        var problem = CheckText(text);
        return problem is null
            ? TId.From(text!)
            : Result<TId>.Invalid(Failure.Field(field, $"{typeof(TId).Name} {problem}", "identifier.invalid"));
    }

    /// <summary>
    /// Parses untrusted text as a GUID-based <typeparamref name="TId"/>, returning
    /// <see cref="ResultStatus.Invalid"/> with a message naming <paramref name="field"/> when it is not valid.
    /// </summary>
    public static Result<TId> ParseGuid<TId>(string? text, string field)
        where TId : struct, IGuidIdentifier<TId>
    {
        ArgumentNullException.ThrowIfNull(field);
        return Guid.TryParse(text, out var guid) && guid != Guid.Empty
            ? TId.From(guid)
            : Result<TId>.Invalid(Failure.Field(field, $"{typeof(TId).Name} must be a non-empty GUID, but was '{text}'.", "identifier.invalid"));
    }

    /// <summary>Says why <paramref name="text"/> is not a valid text identifier, or null when it is.</summary>
    internal static string? CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "must not be empty.";
        }

        if (text.Length > MaxTextLength)
        {
            return $"must be at most {MaxTextLength} characters long, but has {text.Length}.";
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return $"must not start or end with white space: '{text}'.";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return "must not contain control characters.";
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                return "must be well-formed Unicode text (it has a lone UTF-16 surrogate).";
            }
        }

        return null;
    }

    internal static string ValidText(string value, string typeName)
    {
        ArgumentNullException.ThrowIfNull(value);
        var problem = CheckText(value);
        Preconditions.CheckArgument(problem is null, nameof(value), $"{typeName} {problem}");
        return value;
    }

    internal static Guid ValidGuid(Guid value, string typeName)
    {
        Preconditions.CheckArgument(value != Guid.Empty, nameof(value), $"{typeName} must not be the empty GUID.");
        return value;
    }
}
