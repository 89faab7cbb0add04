using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Sample.Host;

/// <summary>
/// One invocation of a record-keeping subcommand: the clock (<see cref="HostOptions.At"/> or the
/// system clock), the services over the store from <see cref="HostStore"/>, and the request context
/// from <see cref="HostOptions.Tenant"/> and <see cref="HostOptions.Actor"/>.
/// </summary>
/// <remarks>Dispose it when the subcommand ends; it owns the service provider. Not thread-safe.</remarks>
internal sealed class RecordSession : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private RecordSession(ServiceProvider services, IClock clock, RequestContext context)
    {
        this.services = services;
        Clock = clock;
        Context = context;
        Dispatcher = services.GetRequiredService<IItsmDispatcher>();
    }

    /// <summary>The clock the library reads in this invocation.</summary>
    public IClock Clock { get; }

    /// <summary>The instant the clock reads: <c>--at</c> when given.</summary>
    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>Who acts, for which tenant.</summary>
    public RequestContext Context { get; }

    /// <summary>The library's entry point.</summary>
    public IItsmDispatcher Dispatcher { get; }

    /// <summary>Reads the shared options of <paramref name="parseResult"/> and builds the services.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="configure">Extra registrations passed to <see cref="HostStore.CreateServices"/> (none of the host's commands needs any).</param>
    /// <exception cref="InputException">The tenant, actor or instant is not valid.</exception>
    public static RecordSession Open(ParseResult parseResult, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var tenant = parseResult.GetValue(HostOptions.Tenant);
        var actor = parseResult.GetValue(HostOptions.Actor);
        IClock clock = parseResult.GetValue(HostOptions.At) is { } at ? new FixedClock(at) : SystemClock.Instance;
        return new RecordSession(HostStore.CreateServices(parseResult, clock, configure), clock, new RequestContext(tenant, actor));
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a session opened with <see cref="Open"/> (disposed afterwards),
    /// with the error handling of <see cref="RunAsync(ParseResult, Func{TextWriter, TextWriter, Task{int}})"/>.
    /// </summary>
    public static Task<int> RunAsync(ParseResult parseResult, Func<RecordSession, TextWriter, TextWriter, Task<int>> body, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunAsync(parseResult, async (output, error) =>
        {
            await using var session = Open(parseResult, configure);
            return await body(session, output, error).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Runs a record-keeping subcommand's <paramref name="body"/> with the parsed output and error
    /// writers: bad input becomes <see cref="ExitCodes.InvalidInput"/> (through <see cref="CommandRunner"/>),
    /// and an unexpected exception (a store fault) becomes one line on stderr (<see cref="HostErrors.Report"/>)
    /// instead of a stack trace.
    /// </summary>
    public static Task<int> RunAsync(ParseResult parseResult, Func<TextWriter, TextWriter, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(body);
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        return CommandRunner.RunAsync(error, async () =>
        {
            try
            {
                return await body(output, error).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not (InputException or OperationCanceledException))
            {
                return HostErrors.Report(error, exception);
            }
        });
    }

    /// <summary>Adds <see cref="HostOptions.Tenant"/>, <see cref="HostOptions.Actor"/> and <see cref="HostOptions.At"/> to <paramref name="command"/>.</summary>
    public static void AddOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(HostOptions.Tenant);
        command.Options.Add(HostOptions.Actor);
        command.Options.Add(HostOptions.At);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => services.DisposeAsync();

    /// <summary>A clock stopped at one instant: every read in the invocation sees <c>--at</c>.</summary>
    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
