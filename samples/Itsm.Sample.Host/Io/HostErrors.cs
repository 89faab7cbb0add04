using System.CommandLine;
using System.CommandLine.Parsing;
using System.Data.Common;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// The host's one error format: every failure is one line per problem on stderr,
/// <c>error: MESSAGE [CODE]</c>, never a stack trace and never an internal type name. Library
/// refusals carry the library's code (<see cref="ResultReport"/>); the host's own failures carry
/// one of the <c>host.*</c> codes below, listed in docs/incidents-host.md.
/// </summary>
/// <remarks>
/// Exit codes: a command line System.CommandLine cannot parse gives <see cref="ExitCodes.Usage"/>; bad
/// input (a file, a value, an output path, the data directory, a malformed connection string) gives
/// <see cref="ExitCodes.InvalidInput"/>; only a fault of the store or of the host itself gives
/// <see cref="ExitCodes.Fault"/>.
/// </remarks>
internal static class HostErrors
{
    /// <summary>A value or input file the host read was rejected.</summary>
    public const string InputCode = "host.input";

    /// <summary>An input file does not exist or cannot be read.</summary>
    public const string FileCode = "host.file";

    /// <summary>An input file is larger, or has more rows or a longer field, than <see cref="InputLimits"/> allow.</summary>
    public const string LimitCode = "host.input-limit";

    /// <summary>The <c>--output</c> file cannot be written (a missing directory, a directory, a read-only place).</summary>
    public const string OutputCode = "host.output";

    /// <summary>The command line cannot be parsed: an unknown command or option, a missing one, a value of the wrong kind.</summary>
    public const string UsageCode = "host.usage";

    /// <summary><c>--data-dir</c> cannot hold the store (it names a file, or cannot be created).</summary>
    public const string DataDirectoryCode = "host.data-dir";

    /// <summary><c>--postgres</c> is not a connection string.</summary>
    public const string PostgresCode = "host.postgres";

    /// <summary>The store failed: unreachable, damaged, or refusing the connection.</summary>
    public const string StoreCode = "host.store";

    /// <summary>Anything else: a fault of the host.</summary>
    public const string FaultCode = "host.fault";

    /// <summary>Writes <paramref name="exception"/>'s problems, one line each, and returns <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static int Write(TextWriter error, InputException exception)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var (message, code) in exception.Problems)
        {
            Line(error, message, code);
        }

        return ExitCodes.InvalidInput;
    }

    /// <summary>
    /// Reports an exception that reached the top of the host: bad input as <see cref="ExitCodes.InvalidInput"/>,
    /// a store fault or anything else as <see cref="ExitCodes.Fault"/>, in one line without the exception's type.
    /// </summary>
    public static int Report(TextWriter error, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case InputException input:
                return Write(error, input);
            case StoreFaultException fault:
                Line(error, $"the store failed: {FirstLine(fault.Message)}", fault.Code);
                return ExitCodes.Fault;
            case Itsm.Core.Application.Common.StoreRefusedException refused:
                // A foreign file or a schema of another version (from 'store migrate'; through the dispatcher it is a result).
                Line(error, $"the store cannot be opened: {FirstLine(refused.Message)}", refused.ErrorCode);
                return ExitCodes.Fault;
            case DbException store:
                Line(error, $"the store failed: {FirstLine(store.Message)}", StoreCode);
                return ExitCodes.Fault;
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return Report(error, aggregate.InnerExceptions[0]);
            default:
                var inner = exception.InnerException is DbException db ? db : null;
                if (inner is not null)
                {
                    Line(error, $"the store failed: {FirstLine(inner.Message)}", StoreCode);
                }
                else
                {
                    Line(error, $"unexpected fault: {FirstLine(exception.Message)}", FaultCode);
                }

                return ExitCodes.Fault;
        }
    }

    /// <summary>
    /// Reports the parse errors of <paramref name="parseResult"/> as one line each (no help text), naming the
    /// option and, for a value of the wrong kind, what the option accepts; returns <see cref="ExitCodes.Usage"/>, or
    /// <see cref="ExitCodes.InvalidInput"/> when every problem is a value a typed option (<see cref="TypedOptions"/>) refused.
    /// </summary>
    public static int WriteUsage(TextWriter error, ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = string.Join(' ', parseResult.CommandResult.Command is RootCommand ? ["itsm"] : new[] { "itsm" }.Concat(Path(parseResult.CommandResult)));
        var usage = false;
        foreach (var problem in parseResult.Errors)
        {
            if (TypedOptions.ValueError(problem) is var (message, code))
            {
                Line(error, message, code);
            }
            else
            {
                usage = true;
                Line(error, $"{Describe(problem)} ('{command} --help' shows the options)", UsageCode);
            }
        }

        // A value a typed option refused is bad input, as it would be from a file; only a malformed command line is a usage error.
        return usage ? ExitCodes.Usage : ExitCodes.InvalidInput;
    }

    /// <summary>Writes one <c>error: MESSAGE [CODE]</c> line, with control characters shown escaped.</summary>
    public static void Line(TextWriter error, string message, string code)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine($"error: {SafeText.Escape(message)} [{code}]");
    }

    /// <summary>The first line of <paramref name="message"/>, without .NET's parameter suffix.</summary>
    public static string FirstLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = message.Split('\n')[0].TrimEnd('\r');
        var parameter = line.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter > 0 ? line[..parameter] : line;
    }

    private static IEnumerable<string> Path(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? at = result; at is CommandResult { Command: not RootCommand } command; at = at.Parent)
        {
            names.Push(command.Command.Name);
        }

        return names;
    }

    private static string Describe(ParseError problem)
    {
        var option = problem.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is null || option.Tokens.Count == 0)
        {
            return problem.Message;
        }

        var type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
        var value = option.Tokens[^1].Value;
        var expected = Expected(type);
        var about = option.Option.Description is { Length: > 0 } description ? $"; {option.Option.Name} is: {description.TrimEnd('.')}" : string.Empty;
        return expected is not null && !problem.Message.Contains("Must be one of", StringComparison.Ordinal)
            ? $"{option.Option.Name}: '{value}' is not {expected}{about}"
            : $"{option.Option.Name}: {problem.Message.TrimEnd('.')}";
    }

    private static string? Expected(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) ? "a whole number"
        : type == typeof(double) || type == typeof(decimal) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
        : null;
}
