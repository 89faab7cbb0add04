using System.CommandLine;
using Itsm.Core.Application;
using Itsm.Core.Persistence.PostgreSql;
using Itsm.Core.Persistence.Sqlite;
using Itsm.Sample.Host.Io;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

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
        if (PostgresConnectionString(parseResult) is { } connectionString)
        {
            itsm.UsePostgreSql(connectionString);
        }
        else
        {
            itsm.UseSqlite(WritableDatabasePath(parseResult));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The <c>--postgres</c> connection string, checked; null when the embedded store is used.</summary>
    /// <exception cref="InputException">The text is not a connection string PostgreSQL's driver accepts.</exception>
    public static string? PostgresConnectionString(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetValue(HostOptions.Postgres) is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(text) { Pooling = true }.ConnectionString;
            return text;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            // The driver's messages name keywords, never the password: safe to print.
            throw new InputException($"--postgres: not a PostgreSQL connection string ({HostErrors.FirstLine(exception.Message).TrimEnd('.')}); use the form \"Host=localhost;Database=itsm;Username=itsm;Password=...\".", HostErrors.PostgresCode);
        }
    }

    /// <summary>The embedded store's file in the data directory.</summary>
    public static string DatabasePath(ParseResult parseResult) => Path.Combine(DataDirectory(parseResult), "itsm.db");

    /// <summary>
    /// The embedded store's file, its directory created. When the file does not exist yet, the directory must take a
    /// new file: one that cannot be created (a path through a file, a place the user may not write) or that takes no
    /// new file (<c>/proc</c>, a read-only file system) is bad input in <c>--data-dir</c>, not a fault of the store.
    /// An existing store file is left to the store to open.
    /// </summary>
    /// <exception cref="InputException">The data directory names a file, cannot be created, or takes no new file.</exception>
    public static string WritableDatabasePath(ParseResult parseResult)
    {
        var path = DatabasePath(parseResult);
        if (File.Exists(path))
        {
            return path;
        }

        var directory = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--data-dir: cannot create '{directory}' ({HostErrors.FirstLine(exception.Message).TrimEnd('.')}); name a directory you can write to (it is created on first use).", HostErrors.DataDirectoryCode);
        }

        try
        {
            // A probe file that deletes itself: the store is a new file here, so one must be creatable, and nothing is left behind.
            using var probe = new FileStream(Path.Combine(directory, $".itsm-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--data-dir: '{directory}' takes no new file, so the store cannot be created there (it is read-only, a special file system, or not yours to write); name a directory you can write to.", HostErrors.DataDirectoryCode);
        }

        return path;
    }

    /// <summary>The data directory (<see cref="HostOptions.DataDirectory"/>), as a full path; it may not exist yet.</summary>
    /// <exception cref="InputException">The path names a file.</exception>
    public static string DataDirectory(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var directory = parseResult.GetValue(HostOptions.DataDirectory) ?? new DirectoryInfo(".itsm-data");
        if (File.Exists(directory.FullName))
        {
            throw new InputException($"--data-dir: '{directory.FullName}' is a file; name a directory (it is created on first use).", HostErrors.DataDirectoryCode);
        }

        return directory.FullName;
    }
}
