using Itsm.Core.Common;

namespace Itsm.Sample.Host.Io;

/// <summary>Runs a subcommand body and turns bad input and refused requests into messages and exit codes.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>; <see cref="InputException"/> becomes <see cref="ExitCodes.InvalidInput"/> with its message on <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (InputException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>Writes a failed <paramref name="result"/> to <paramref name="error"/> and returns the matching exit code.</summary>
    public static int Report(Result result, TextWriter error)
    {
        if (result.IsSuccess)
        {
            return ExitCodes.Ok;
        }

        error.WriteLine($"error: {result.Status}: {result.Message}");
        return result.Status == ResultStatus.Invalid ? ExitCodes.InvalidInput : ExitCodes.Refused;
    }
}
