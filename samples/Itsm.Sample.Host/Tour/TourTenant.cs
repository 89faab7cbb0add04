using System.CommandLine;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Microsoft.Data.Sqlite;

namespace Itsm.Sample.Host.Tour;

/// <summary>
/// Where the tour keeps its records, how it finds an earlier run's records, and how <c>--reset</c>
/// wipes them.
/// </summary>
/// <remarks>
/// <para>
/// The tour writes to tenant <see cref="GuidedTour.Tenant"/> of an embedded store of its own,
/// <c>DATA_DIR/tour/itsm.db</c>, next to (never inside) the host's own store <c>DATA_DIR/itsm.db</c>.
/// Itsm.Core has no command that purges a tenant, and its audit log is append-only by design, so a
/// tenant cannot be wiped from a shared store; a store of its own can be deleted whole.
/// </para>
/// <para>
/// With <c>--postgres</c> the tour writes to tenant <see cref="GuidedTour.Tenant"/> of that database,
/// and <c>--reset</c> is refused for the same reason: point <c>--postgres</c> at a fresh database instead.
/// </para>
/// </remarks>
internal static class TourTenant
{
    private static readonly string[] StoreFiles = ["itsm.db", "itsm.db-wal", "itsm.db-shm", "itsm.db-journal"];

    /// <summary>The directory of the tour's embedded store, inside the data directory.</summary>
    public static DirectoryInfo StoreDirectory(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var dataDirectory = parseResult.GetValue(HostOptions.DataDirectory) ?? new DirectoryInfo(".itsm-data");
        return new DirectoryInfo(Path.Combine(dataDirectory.FullName, "tour"));
    }

    /// <summary>True when the store options name a PostgreSQL database rather than the embedded store.</summary>
    public static bool UsesPostgres(ParseResult parseResult) => parseResult.GetValue(HostOptions.Postgres) is { Length: > 0 };

    /// <summary>
    /// The command line the tour builds its services from: the same store options, with the data
    /// directory moved to <see cref="StoreDirectory"/>, so that <see cref="HostStore"/> opens the tour's own file.
    /// </summary>
    public static ParseResult ForTourStore(ParseResult parseResult)
    {
        List<string> args = ["tour", "--data-dir", StoreDirectory(parseResult).FullName];
        if (parseResult.GetValue(HostOptions.Postgres) is { Length: > 0 } connectionString)
        {
            args.AddRange(["--postgres", connectionString]);
        }

        return HostApplication.CreateRootCommand().Parse(args);
    }

    /// <summary>Where the records go, for people: the tour's store file or the PostgreSQL database.</summary>
    public static string Describe(ParseResult parseResult) =>
        UsesPostgres(parseResult) ? "the PostgreSQL database given by --postgres" : Path.Combine(StoreDirectory(parseResult).FullName, "itsm.db");

    /// <summary>True when the tour's tenant already holds the records of an earlier run (its office-hours calendar exists).</summary>
    public static async Task<bool> HasRecordsAsync(IItsmDispatcher dispatcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        var context = new RequestContext(GuidedTour.Tenant, UserId.From("tour.admin"));
        var found = await dispatcher.QueryAsync(new GetCalendar(context, CalendarId.From("uk-office-hours")), cancellationToken).ConfigureAwait(false);
        return found.IsSuccess;
    }

    /// <summary>
    /// Deletes the tour's embedded store (its database file and SQLite's side files, then the
    /// directory if nothing else is in it). Returns an error message instead when the tour runs on
    /// PostgreSQL, whose tenant cannot be wiped.
    /// </summary>
    public static string? Reset(ParseResult parseResult)
    {
        if (UsesPostgres(parseResult))
        {
            return $"--reset cannot wipe tenant '{GuidedTour.Tenant}' of a PostgreSQL database: Itsm.Core has no tenant purge and its audit log is append-only. "
                + "Point --postgres at a fresh database to run the tour again.";
        }

        var directory = StoreDirectory(parseResult);
        if (!directory.Exists)
        {
            return null;
        }

        // Pooled connections of an earlier run in this process would keep the file open on Windows.
        SqliteConnection.ClearAllPools();
        foreach (var name in StoreFiles)
        {
            File.Delete(Path.Combine(directory.FullName, name));
        }

        if (!directory.EnumerateFileSystemInfos().Any())
        {
            directory.Delete();
        }

        return null;
    }
}
