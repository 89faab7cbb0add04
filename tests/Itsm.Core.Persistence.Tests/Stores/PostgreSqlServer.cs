using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Itsm.Core.Persistence.Tests.Stores;

/// <summary>
/// The PostgreSQL server the contract tests run against: the one named by the environment variable
/// <c>ITSM_TEST_POSTGRES</c> (a connection string; CI sets it), or else a throwaway server this
/// fixture starts from the machine's PostgreSQL binaries (Debian's <c>postgresql</c> package) on a
/// free loopback port and stops afterwards. With neither, every PostgreSQL test fails with a message
/// naming the variable to set: the tests are never silently skipped.
/// </summary>
public sealed class PostgreSqlServer : IDisposable
{
    /// <summary>The environment variable that names an existing server.</summary>
    public const string Variable = "ITSM_TEST_POSTGRES";

    private readonly string? dataDirectory;
    private readonly string? pgCtl;
    private readonly string? runAs;

    public PostgreSqlServer()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        var bin = FindBinaries();
        if (bin is null)
        {
            Problem = $"The PostgreSQL contract tests need a server: set {Variable} to a connection string " +
                      "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres) or install PostgreSQL " +
                      "(apt-get install postgresql) so the tests can start a throwaway one.";
            return;
        }

        try
        {
            var root = Path.Combine(Path.GetTempPath(), "itsm-pg-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(root);
            dataDirectory = Path.Combine(root, "data");
            pgCtl = Path.Combine(bin, "pg_ctl");
            runAs = Environment.UserName == "root" ? "postgres" : null;
            if (runAs is not null)
            {
                Run("chown", $"-R {runAs} {root}", asUser: null);
            }

            Run(Path.Combine(bin, "initdb"), $"-D {dataDirectory} -A trust -U postgres -E UTF8 --locale=C --no-sync", runAs);
            var port = FreePort();
            Run(pgCtl, $"-D {dataDirectory} -l {Path.Combine(root, "server.log")} -w -t 60 -o \"-p {port} -h 127.0.0.1 -k {root} -F\" start", runAs);
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
        }
        catch (InvalidOperationException exception)
        {
            Problem = $"Could not start a throwaway PostgreSQL server ({exception.Message}); set {Variable} to a connection string instead.";
        }
    }

    /// <summary>The server's connection string, or null when there is none (see <see cref="Problem"/>).</summary>
    public string? ConnectionString { get; }

    /// <summary>Why there is no server, for the failure message.</summary>
    public string? Problem { get; }

    /// <summary>
    /// A connection string to a fresh, empty schema of the server (its own <c>search_path</c>), so a
    /// test gets a store of its own.
    /// </summary>
    public string NewSchema()
    {
        Assert.True(ConnectionString is not null, Problem);
        var schema = "itsm_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE SCHEMA {schema}";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (dataDirectory is not null && pgCtl is not null)
        {
            try
            {
                Run(pgCtl, $"-D {dataDirectory} -m immediate -w stop", runAs);
            }
            catch (InvalidOperationException)
            {
                // Already gone; nothing to stop.
            }

            try
            {
                Directory.Delete(Path.GetDirectoryName(dataDirectory)!, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A file still held open or not ours; the temporary directory goes with the next clean-up of /tmp.
            }
        }
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string arguments, string? asUser)
    {
        var start = asUser is null
            ? new ProcessStartInfo(program, arguments)
            : new ProcessStartInfo("runuser", $"-u {asUser} -- {program} {arguments}");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}");
        }
    }
}

/// <summary>Shares one <see cref="PostgreSqlServer"/> among every PostgreSQL test class.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}
