using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// What the lifecycle subcommands of one kind of record share: how its id is read, how the record is
/// loaded after a command and shown (a confirmation line for people, a JSON document for scripts), and
/// how a refusal is reported. <see cref="Lifecycle"/> builds every transition subcommand from it.
/// </summary>
/// <typeparam name="TId">The record's id.</typeparam>
/// <typeparam name="TView">What is loaded after a command to show the new state (the record and its version).</typeparam>
/// <param name="IdArgument">Makes the <c>id</c> argument (one per subcommand: System.CommandLine symbols have one parent).</param>
/// <param name="Load">Loads the record as the command left it.</param>
/// <param name="Document">The JSON document of the loaded record, for <c>--json</c>.</param>
/// <param name="Confirm">Writes the confirmation for people: the verb done, the new state and version.</param>
/// <param name="Refused">Reports a refusal (one line) and returns its exit code.</param>
/// <param name="ExpectedVersion">The <c>--expected-version</c> option, when the record's commands take one.</param>
internal sealed record LifecycleKind<TId, TView>(
    Func<Argument<TId>> IdArgument,
    Func<RecordSession, TId, CancellationToken, Task<Result<TView>>> Load,
    Func<TView, RecordSession, object> Document,
    Action<TextWriter, string, TView> Confirm,
    Func<IResult, RecordSession, TextWriter, int> Refused,
    Option<long?>? ExpectedVersion);

/// <summary>
/// The one builder of lifecycle subcommands (<c>itsm incident assign</c>, <c>itsm change approve</c>, ...):
/// read the id and the typed options, send one library command, then answer with the record's new state
/// (as text, or as JSON with <c>--json</c>) or with the refusal. A new process adds its transitions as one
/// call each, with its own <see cref="LifecycleKind{TId, TView}"/>.
/// </summary>
internal static class Lifecycle
{
    /// <summary>
    /// Creates the subcommand <paramref name="name"/>: <paramref name="build"/> makes the library command
    /// from the id, the parsed options and <c>--expected-version</c>; <paramref name="done"/> is the verb of
    /// the confirmation (<c>"assigned"</c>).
    /// </summary>
    public static Command Create<TId, TView, TResult>(
        LifecycleKind<TId, TView> kind,
        string name,
        string description,
        string example,
        Option[] options,
        Func<RequestContext, TId, ParseResult, ICommand<TResult>> build,
        string done,
        Action<TextWriter, TView>? more = null)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(build);
        var id = kind.IdArgument();
        var command = new Command(name, $"{description}\n\nExample:\n  {example}");
        command.Arguments.Add(id);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        if (kind.ExpectedVersion is { } expected)
        {
            command.Options.Add(expected);
        }

        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var record = parseResult.GetValue(id)!;
            var sent = await session.Dispatcher.SendAsync(build(session.Context, record, parseResult), cancellationToken).ConfigureAwait(false);
            if (!sent.IsSuccess)
            {
                return kind.Refused(sent, session, error);
            }

            var loaded = await kind.Load(session, record, cancellationToken).ConfigureAwait(false);
            if (!loaded.IsSuccess)
            {
                return ResultReport.Write(loaded, error);
            }

            return JsonOutput.Answer(parseResult, output, () => kind.Document(loaded.Value, session), () =>
            {
                kind.Confirm(output, done, loaded.Value);
                more?.Invoke(output, loaded.Value);
            });
        }));
        return command;
    }

    /// <summary>
    /// Creates the <c>show</c> subcommand of the record kind: load the record by id, then answer with its JSON
    /// document (<c>--json</c>) or with <paramref name="details"/>'s tables; an unknown id is one line.
    /// </summary>
    public static Command Show<TId, TView>(LifecycleKind<TId, TView> kind, string description, Action<TextWriter, TView> details)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(details);
        var id = kind.IdArgument();
        var command = new Command("show", description);
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var found = await kind.Load(session, parseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            return found.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => kind.Document(found.Value, session), () => details(output, found.Value))
                : kind.Refused(found, session, error);
        }));
        return command;
    }
}
