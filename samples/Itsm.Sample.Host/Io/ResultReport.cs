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
    public static int Write(IResult result, TextWriter error, IReadOnlyDictionary<string, string>? options = null) => Write(result, error, options, null);

    /// <summary>
    /// As <see cref="Write(IResult, TextWriter, IReadOnlyDictionary{string, string}?)"/>; a not-found failure gets
    /// <paramref name="notFoundHint"/> (such as where to list the tenant's records) on the same line, so not found is one line.
    /// </summary>
    public static int Write(IResult result, TextWriter error, IReadOnlyDictionary<string, string>? options, string? notFoundHint)
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
                HostErrors.Line(error, $"{where}{field.ErrorMessage}", field.ErrorCode);
            }
        }
        else
        {
            var code = result.ErrorCode ?? HostErrors.FaultCode;
            var message = Readable(string.Join(" ", result.ErrorMessages.DefaultIfEmpty(result.Status.ToString())), result.ErrorCode);
            if (result.Status == ResultStatus.NotFound && notFoundHint is not null)
            {
                message = $"{message.TrimEnd('.')}: {notFoundHint}";
            }

            HostErrors.Line(error, message, code);
        }

        return ExitCodeFor(result.Status);
    }

    /// <summary>
    /// The stores' generic <c>record.exists</c> and <c>record.not-found</c> messages name the stored type
    /// (<c>BusinessCalendarSnapshot 'x' already exists.</c>); a person reads the kind of record instead.
    /// </summary>
    private static string Readable(string message, string? code)
    {
        if (code is not ("record.exists" or "record.not-found"))
        {
            return message;
        }

        var space = message.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !message[..space].All(char.IsAsciiLetterOrDigit) || message[..space].Count(char.IsAsciiLetterUpper) < 2)
        {
            return message;
        }

        var noun = message[..space] switch
        {
            "BusinessCalendarSnapshot" => "Calendar",
            "SlaDefinition" or "SlaDefinitionSnapshot" => "SLA definition",
            "ConfigurationItemSnapshot" => "Configuration item",
            "ConfigurationBaseline" => "Baseline",
            var type when type.StartsWith("Incident", StringComparison.Ordinal) => "Incident",
            var type when type.StartsWith("Change", StringComparison.Ordinal) => "Change",
            _ => "A record",
        };
        return noun + message[space..];
    }
}
