namespace Itsm.Sample.Host.Tests;

/// <summary>Runs the host in-process and captures what it writes.</summary>
internal static class HostRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HostApplication.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
