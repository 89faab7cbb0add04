using Itsm.Core.Common;

namespace Itsm.Core.Application.Configuration;

/// <summary>The validators' check of names, matching the domain's rule for text identifiers.</summary>
internal static class NameRules
{
    /// <summary>Why <paramref name="text"/> is not a valid name, or null.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "must not be empty.";
        }

        if (text.Length > Identifier.MaxTextLength)
        {
            return $"must be at most {Identifier.MaxTextLength} characters long, but has {text.Length}.";
        }

        return char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) ? $"must not start or end with white space: '{text}'." : null;
    }
}
