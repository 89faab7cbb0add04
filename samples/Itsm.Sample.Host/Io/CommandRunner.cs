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
    /// <remarks>
    /// The body starts after the caller has its task: System.CommandLine listens for Ctrl-C and SIGTERM only once the action
    /// has returned one, so a body that works synchronously from the start would otherwise be killed outright by them, its
    /// <c>finally</c> blocks (such as <see cref="AtomicOutput"/>'s removal of its temporary file) never run.
    /// </remarks>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        await Task.Yield();
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
