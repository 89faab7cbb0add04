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
}
