namespace Itsm.Sample.Host.Io;

/// <summary>
/// Runs a subcommand body and turns bad input into a message and <see cref="ExitCodes.InvalidInput"/>.
/// A refused library request is reported by <see cref="ResultReport"/>, the one mapping from result
/// status to exit code (not found, conflict and forbidden each have their own); any other exception
/// is reported by <see cref="HostErrors"/> at the top of the host.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>; <see cref="InputException"/> becomes <see cref="ExitCodes.InvalidInput"/> with its one line on <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (InputException exception)
        {
            return HostErrors.Write(error, exception);
        }
    }
}
