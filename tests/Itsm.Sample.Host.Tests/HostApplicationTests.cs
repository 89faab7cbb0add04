namespace Itsm.Sample.Host.Tests;

public class HostApplicationTests
{
    [Fact]
    public async Task Version_PrintsTheVersionAndSucceeds()
    {
        var (exitCode, output, _) = await HostRunner.RunAsync("--version");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(HostApplication.Version, output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public async Task Help_DescribesTheHostAndTheDataDirectoryOption()
    {
        var (exitCode, output, _) = await HostRunner.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Itsm.Core", output, StringComparison.Ordinal);
        Assert.Contains("--data-dir", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_FailsWithUsageExitCodeAndAMessage()
    {
        var (exitCode, _, error) = await HostRunner.RunAsync("--no-such-option");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--no-such-option", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_FailsWithUsageExitCode()
    {
        var (exitCode, _, error) = await HostRunner.RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }
}
