using System.CommandLine;
using Itsm.Core.Application;
using Itsm.Core.Persistence.PostgreSql;
using Itsm.Core.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Sample.Host;

/// <summary>
/// Where the host keeps its records: every subcommand that reads or writes ITSM records builds its
/// services here, so they all share one store and one set of options. The default is the embedded
/// SQLite file <c>itsm.db</c> in the data directory (created on first use, no set-up);
/// <c>--postgres CONNECTION_STRING</c> selects PostgreSQL instead.
/// </summary>
internal static class HostStore
{
    /// <summary>
    /// Builds the service provider for one host invocation over the store selected by the parsed
    /// options, with <paramref name="clock"/> as the library's clock.
    /// </summary>
    /// <param name="parseResult">The parsed command line (reads <see cref="HostOptions.DataDirectory"/> and <see cref="HostOptions.Postgres"/>).</param>
    /// <param name="clock">The clock every command and audit record reads.</param>
    /// <param name="configure">Extra registrations (policies, fixed windows) applied before the provider is built.</param>
    public static ServiceProvider CreateServices(ParseResult parseResult, IClock clock, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(clock);
        var services = new ServiceCollection();
        configure?.Invoke(services);
        var itsm = services.AddItsmCore(options => options.Clock = clock);
        if (parseResult.GetValue(HostOptions.Postgres) is { Length: > 0 } connectionString)
        {
            itsm.UsePostgreSql(connectionString);
        }
        else
        {
            itsm.UseSqlite(DatabasePath(parseResult));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The embedded store's file in the data directory.</summary>
    public static string DatabasePath(ParseResult parseResult) => Path.Combine(DataDirectory(parseResult), "itsm.db");

    /// <summary>The data directory (<see cref="HostOptions.DataDirectory"/>), as a full path; it may not exist yet.</summary>
    public static string DataDirectory(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var directory = parseResult.GetValue(HostOptions.DataDirectory) ?? new DirectoryInfo(".itsm-data");
        return directory.FullName;
    }
}
