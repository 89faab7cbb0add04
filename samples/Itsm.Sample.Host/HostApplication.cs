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
        var root = new RootCommand("itsm: the reference host for Itsm.Core, ISO/IEC 20000 service management as a library.");
        root.Options.Add(HostOptions.DataDirectory);
        root.Options.Add(HostOptions.Postgres);

        // The built-in --version reads the entry assembly, which is not the host when it runs in-process.
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersionAction();
        }

        root.Subcommands.Add(Commands.CalendarCommands.Create());
        root.Subcommands.Add(Commands.ChangeCommands.Create());
        root.Options.Add(Tour.TourCommand.Reset);
        root.Subcommands.Add(Tour.TourCommand.Create());
        root.SetAction(Tour.TourCommand.InvokeAsync);
        root.Subcommands.Add(Commands.CmdbCommands.Create());
        root.Subcommands.Add(Commands.StoreCommands.Create());
        root.Subcommands.Add(Commands.SlaCommands.Create());
        root.Subcommands.Add(Commands.IncidentCommands.Create());
        root.Subcommands.Add(Commands.ProblemCommands.Create());
        root.Subcommands.Add(Commands.ReleaseCommands.Create());
        root.Subcommands.Add(Commands.ServiceCommands.Create());
        root.Subcommands.Add(Commands.AgreementCommands.Create());
        root.Subcommands.Add(Commands.RequestCommands.Create());
        root.Subcommands.Add(Commands.ReportCommands.Create());
        root.Subcommands.Add(Commands.AvailabilityCommands.Create());
        root.Subcommands.Add(Commands.OutageCommands.Create());
        root.Subcommands.Add(Commands.CapacityCommands.Create());
        root.Subcommands.Add(Commands.ContinuityCommands.Create());
        root.Subcommands.Add(Commands.SupplierCommands.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var root = Roots.TryTake(out var idle) ? idle : CreateRootCommand();
        try
        {
            var parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction)
            {
                // One line per problem in the host's format, instead of System.CommandLine's message and the whole help text.
                return HostErrors.WriteUsage(error, parseResult);
            }

            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
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
