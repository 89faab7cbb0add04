using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host;

/// <summary>Builds the <c>itsm</c> command line: the root command and every subcommand.</summary>
internal static class HostApplication
{
    /// <summary>The host's version, from its assembly.</summary>
    public static string Version =>
        typeof(HostApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Creates the root command with all subcommands attached.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = CreateRoot();
        Complete(root, [], all: true);
        return root;
    }

    /// <summary>
    /// The root command with its own options and action, and each top-level command as a placeholder of its name until
    /// <see cref="Complete"/> builds it: building every subcommand tree costs a process about half a second of start-up
    /// (each one's options, validators and the lifecycle tables they list), and an invocation needs one tree.
    /// </summary>
    private static RootCommand CreateRoot()
    {
        var root = new RootCommand("itsm: the reference host for Itsm.Core, ISO/IEC 20000 service management as a library.");
        root.Options.Add(HostOptions.DataDirectory);
        root.Options.Add(HostOptions.Postgres);

        // The built-in --version reads the entry assembly, which is not the host when it runs in-process.
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersionAction();
        }

        root.Options.Add(Tour.TourCommand.Reset);
        root.SetAction(Tour.TourCommand.InvokeAsync);
        foreach (var (name, _) in TopLevel)
        {
            root.Subcommands.Add(new Command(name));
        }

        return root;
    }

    /// <summary>
    /// Builds, in place of its placeholder, each top-level command that <paramref name="args"/> name anywhere (a name
    /// given as an option's value only builds one more tree than needed), or every one when <paramref name="all"/> is set
    /// or the arguments ask for help (the root's help lists each command with its description).
    /// </summary>
    private static void Complete(RootCommand root, string[] args, bool all)
    {
        all |= args.Any(a => a is "-h" or "--help" or "-?" or "/?" or "/h");
        for (var i = 0; i < TopLevel.Length; i++)
        {
            var (name, create) = TopLevel[i];
            if (root.Subcommands[i].Subcommands.Count == 0 && root.Subcommands[i].Action is null && (all || args.Contains(name, StringComparer.Ordinal)))
            {
                root.Subcommands.RemoveAt(i);
                root.Subcommands.Insert(i, create());
            }
        }
    }

    /// <summary>The top-level commands, in the order the root's help lists them, each with what builds its tree.</summary>
    private static readonly (string Name, Func<Command> Create)[] TopLevel =
    [
        ("calendar", Commands.CalendarCommands.Create),
        ("change", Commands.ChangeCommands.Create),
        ("tour", Tour.TourCommand.Create),
        ("cmdb", Commands.CmdbCommands.Create),
        ("store", Commands.StoreCommands.Create),
        ("sla", Commands.SlaCommands.Create),
        ("incident", Commands.IncidentCommands.Create),
        ("problem", Commands.ProblemCommands.Create),
        ("release", Commands.ReleaseCommands.Create),
        ("service", Commands.ServiceCommands.Create),
        ("agreement", Commands.AgreementCommands.Create),
        ("request", Commands.RequestCommands.Create),
        ("report", Commands.ReportCommands.Create),
        ("availability", Commands.AvailabilityCommands.Create),
        ("outage", Commands.OutageCommands.Create),
        ("capacity", Commands.CapacityCommands.Create),
        ("continuity", Commands.ContinuityCommands.Create),
        ("supplier", Commands.SupplierCommands.Create),
    ];

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var root = Roots.TryTake(out var idle) ? idle : CreateRoot();
        try
        {
            Complete(root, args, all: false);
            var parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction)
            {
                // One line per problem in the host's format, instead of System.CommandLine's message and the whole help text.
                return HostErrors.WriteUsage(error, parseResult);
            }

            // Ctrl-C and SIGTERM cancel the command and give it two seconds to finish; one still running then ends with 130 or
            // 143 (System.CommandLine 2.0 documents two seconds as the default but leaves the handling off unless it is set).
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(2) };
            try
            {
                return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The last line of defence: whatever a subcommand did not handle is one line, never a stack trace.
                return HostErrors.Report(error, exception);
            }
        }
        finally
        {
            Roots.Add(root);
        }
    }

    /// <summary>
    /// Command trees not in use, for the next invocation in this process. The shared options (<c>--data-dir</c>,
    /// <c>--json</c>, ...) are static, and System.CommandLine records every command they are added to: a tree built per
    /// invocation made each new one slower than the last (a test run of thousands of invocations went quadratic). A tree
    /// is used by one invocation at a time, so at most as many are built as run at once.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<RootCommand> Roots = [];

    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Ok;
        }
    }
}
