using System.Diagnostics;
using System.Text;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// Ctrl-C and SIGTERM (issue 19): a command stopped part-way leaves nothing behind. The built host runs as a process of
/// its own, reading its input from a named pipe the test holds open, so it is still writing its <c>--output</c> when the
/// signal comes; after its two seconds of grace it ends with 128 + the signal's number, and neither the output nor the
/// temporary file beside it is left.
/// </summary>
public sealed class TerminationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-termination-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task CalendarDue_StoppedWhileWritingItsOutput_LeavesNoFileBehind(string signal, int expectedExitCode)
    {
        var fifo = Path.Combine(directory, "rows.fifo");
        Assert.Equal(0, await RunToolAsync("mkfifo", fifo));
        var output = Path.Combine(directory, "due.csv");
        using var process = Process.Start(HostRunner.BuiltHost(["calendar", "due", "--calendar", Path.Combine(AppContext.BaseDirectory, "samples", "uk-office-hours.json"), "--input", fifo, "--output", output]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // The pipe's writer: a header and one row, then held open, so the command waits for more with its output begun.
        await using var rows = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        await rows.WriteAsync(Encoding.UTF8.GetBytes("id,start,business_minutes\na,2026-06-12T15:30:00Z,60\n"));
        await rows.FlushAsync();
        var waited = Stopwatch.StartNew();
        while (Directory.GetFiles(directory, "due.csv.tmp-*").Length == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the command did not begin its output within a minute");
            Assert.False(process.HasExited, $"the command ended early: {await stderr}");
            await Task.Delay(20);
        }

        Assert.Equal(0, await RunToolAsync("kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);

        Assert.Equal(expectedExitCode, process.ExitCode);
        Assert.Empty(Directory.GetFiles(directory, "due.csv*"));
        Assert.Equal(string.Empty, await stdout);
        Assert.DoesNotContain("   at ", await stderr, StringComparison.Ordinal);
    }

    private static async Task<int> RunToolAsync(string tool, params string[] args)
    {
        using var process = Process.Start(tool, args);
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
