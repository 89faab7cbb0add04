using System.CommandLine;

namespace Itsm.Sample.Host;

/// <summary>Options shared by every subcommand, declared once so their names stay consistent.</summary>
internal static class HostOptions
{
    /// <summary>Where the embedded store and other host state live.</summary>
    public static readonly Option<DirectoryInfo> DataDirectory = new("--data-dir")
    {
        Description = "Directory for the embedded SQLite store (created on first use).",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.CurrentDirectory, ".itsm-data")),
        Recursive = true,
    };

    /// <summary>A PostgreSQL connection string: store records there instead of the embedded SQLite file.</summary>
    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Store records in PostgreSQL instead of the embedded SQLite file, e.g. \"Host=localhost;Database=itsm;Username=itsm;Password=...\".",
        Recursive = true,
    };

    /// <summary>The tenant whose records a record-keeping subcommand reads and writes.</summary>
    public static readonly Option<string> Tenant = new("--tenant")
    {
        Description = "The tenant whose records to use; tenants never see each other's records.",
        DefaultValueFactory = _ => "default",
    };

    /// <summary>Who acts: recorded on every change and audit record.</summary>
    public static readonly Option<string> Actor = new("--actor")
    {
        Description = "Who acts (recorded in history and audit); defaults to $USER, else 'cli'.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "cli",
    };

    /// <summary>Runs the subcommand as if the clock read this instant (the library's <c>IClock</c>).</summary>
    public static readonly Option<string?> At = new("--at")
    {
        Description = "Run as if the clock read this instant (ISO-8601 with Z or an offset, such as 2026-11-20T15:00:00Z); the system clock when omitted.",
    };

    /// <summary>Machine-readable output for the commands that answer with records.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write a JSON document (camelCase names, instants in UTC with Z) instead of tables.",
    };
}
