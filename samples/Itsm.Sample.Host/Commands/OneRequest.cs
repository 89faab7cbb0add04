using System.CommandLine;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// The builder of the plain record-keeping subcommands: the given options and arguments, <c>--json</c> and
/// the session options; the action sends one library request and answers with what it returned, as a
/// JSON document or as text for people, or reports the refusal in one line.
/// </summary>
internal static class OneRequest
{
    /// <summary>
    /// Creates the subcommand <paramref name="name"/>: <paramref name="send"/> sends the request,
    /// <paramref name="document"/> makes the <c>--json</c> answer from its value, <paramref name="forPeople"/> writes the text answer;
    /// a refusal names the options of <paramref name="fields"/> (the library's field names with the options that set them).
    /// </summary>
    public static Command Create<T>(
        string name,
        string description,
        Symbol[] symbols,
        Func<RecordSession, ParseResult, CancellationToken, Task<Result<T>>> send,
        Func<T, RecordSession, object> document,
        Action<T, RecordSession, TextWriter> forPeople,
        IReadOnlyDictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var answered = await send(session, parseResult, cancellationToken).ConfigureAwait(false);
            return answered.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => document(answered.Value, session), () => forPeople(answered.Value, session, output))
                : ResultReport.Write(answered, error, fields);
        }));
        return command;
    }
}
