using Itsm.Core.Common;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Turns a failed <see cref="Result"/> of the record-keeping subcommands into lines on stderr a
/// person can act on, and into the exit code for its status.
/// </summary>
/// <remarks>
/// Field errors name the command-line option that carried the field when the subcommand says which
/// one it was (<c>Impact</c> becomes <c>--impact</c>), so the message points at what to retype. Each
/// line ends with the library's stable error code in brackets, for scripts.
/// </remarks>
internal static class ResultReport
{
    /// <summary>The exit code for <paramref name="status"/>: invalid input, not found and conflict each have their own.</summary>
    public static int ExitCodeFor(ResultStatus status) => status switch
    {
        ResultStatus.Ok => ExitCodes.Ok,
        ResultStatus.Invalid => ExitCodes.InvalidInput,
        ResultStatus.NotFound => ExitCodes.NotFound,
        ResultStatus.Conflict => ExitCodes.Conflict,
        ResultStatus.Forbidden => ExitCodes.Refused,
        _ => ExitCodes.Fault,
    };

    /// <summary>
    /// Writes <paramref name="result"/>'s failure to <paramref name="error"/> and returns its exit code;
    /// <paramref name="options"/> maps field identifiers (such as <c>Impact</c>) to the options that set them.
    /// </summary>
    public static int Write(IResult result, TextWriter error, IReadOnlyDictionary<string, string>? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(error);
        if (result.IsSuccess)
        {
            return ExitCodes.Ok;
        }

        if (result.Status == ResultStatus.Invalid)
        {
            foreach (var field in result.ValidationErrors)
            {
                var where = field.Identifier.Length == 0 ? string.Empty
                    : (options is not null && options.TryGetValue(field.Identifier, out var option) ? option : field.Identifier) + ": ";
                error.WriteLine($"error: {where}{field.ErrorMessage} [{field.ErrorCode}]");
            }
        }
        else
        {
            var code = result.ErrorCode is { } c ? $" [{c}]" : string.Empty;
            foreach (var message in result.ErrorMessages)
            {
                error.WriteLine($"error: {message}{code}");
            }
        }

        return ExitCodeFor(result.Status);
    }
}
