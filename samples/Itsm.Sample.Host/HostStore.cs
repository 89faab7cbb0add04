using System.CommandLine;
using Itsm.Core.Application;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Sample.Host;

/// <summary>
/// Where the host keeps its records: every subcommand that reads or writes ITSM records builds its
/// services here, so they all share one store and one set of options.
/// </summary>
internal static class HostStore
{
    /// <summary>
    /// Builds the service provider for one host invocation over the store selected by the parsed
    /// options, with <paramref name="clock"/> as the library's clock.
    /// </summary>
    /// <param name="parseResult">The parsed command line (reads <see cref="HostOptions.DataDirectory"/>).</param>
    /// <param name="clock">The clock every command and audit record reads.</param>
    /// <param name="configure">Extra registrations (policies, fixed windows) applied before the provider is built.</param>
    public static ServiceProvider CreateServices(ParseResult parseResult, IClock clock, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(clock);
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddItsmCore(options => options.Clock = clock);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
