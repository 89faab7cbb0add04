using Spectre.Console;

namespace Itsm.Sample.Host.Io;

/// <summary>The console the record-keeping subcommands draw their tables on.</summary>
internal static class TableConsole
{
    /// <summary>
    /// The host's console over <paramref name="output"/> (<see cref="HostConsole.Create"/>: colour on a
    /// terminal, plain text when redirected), 200 columns wide when redirected so ids and instants in
    /// table cells are never wrapped for scripts and tests.
    /// </summary>
    public static IAnsiConsole Create(TextWriter output)
    {
        var console = HostConsole.Create(output);
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
