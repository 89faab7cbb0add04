namespace Itsm.Sample.Host.Tests;

/// <summary>Runs the host in-process and captures what it writes, or says how to start the built host as a process of its own.</summary>
internal static class HostRunner
{
    private static readonly char[] TableLineStarts = ['│', '╭', '├', '╰', '┌', '└', '┬', '┼'];

    /// <summary>
    /// How to start the built host (itsm.dll beside the tests) as a process of its own with <paramref name="args"/>, its
    /// standard output and error redirected: through the <c>dotnet</c> that runs the tests.
    /// </summary>
    public static System.Diagnostics.ProcessStartInfo BuiltHost(IEnumerable<string> args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "itsm.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HostApplication.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs the host, checks that every table line it wrote fits 80 columns, and answers the output with each
    /// table row on one line (<see cref="TableText.Unwrap"/>), so assertions read cells whatever their wrapping.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunTablesAsync(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);
        foreach (var line in output.Split('\n'))
        {
            if (line.Length > 0 && TableLineStarts.Contains(line[0]))
            {
                Assert.True(line.TrimEnd('\r').Length <= 80, $"a table line is wider than 80 columns ({line.Length}): {line}");
            }
        }

        return (exitCode, TableText.Unwrap(output), error);
    }
}
