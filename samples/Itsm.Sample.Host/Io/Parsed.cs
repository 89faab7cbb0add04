using Itsm.Core.Common;

namespace Itsm.Sample.Host.Io;

/// <summary>Unwraps the library's parse results of command-line values, turning a rejection into <see cref="InputException"/>.</summary>
internal static class Parsed
{
    /// <summary>
    /// The value of <paramref name="parsed"/>, such as <c>UserId.Parse(text, "--to")</c>.
    /// </summary>
    /// <exception cref="InputException">The value was rejected; the message starts with the field (the option) that carried it, and the code is the library's.</exception>
    public static T Value<T>(Result<T> parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.IsSuccess)
        {
            return parsed.Value;
        }

        var error = parsed.ValidationErrors.FirstOrDefault();
        throw error is null
            ? new InputException(parsed.Message, parsed.ErrorCode ?? HostErrors.InputCode)
            : new InputException($"{error.Identifier}: {error.ErrorMessage}", error.ErrorCode ?? HostErrors.InputCode);
    }
}
