using Spectre.Console;

namespace Itsm.Sample.Host;

/// <summary>Spectre.Console bound to the host's output writer: colour on a terminal, plain text when redirected.</summary>
internal static class HostConsole
{
    /// <summary>Creates a console writing to <paramref name="output"/>.</summary>
    public static IAnsiConsole Create(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
    }
}
