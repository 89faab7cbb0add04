using System.Globalization;
using System.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Text from files and the store made safe for a terminal: control characters (escape sequences,
/// carriage returns, bells) and unpaired surrogates are shown as <c>\u001b</c>-style escapes, so a
/// title or a file name can never move the cursor, recolour the screen or hide a line.
/// </summary>
internal static class SafeText
{
    /// <summary><paramref name="text"/> with every control character and unpaired surrogate escaped; unchanged when it has none.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!NeedsEscape(text))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }
}
