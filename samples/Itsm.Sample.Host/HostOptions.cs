using System.CommandLine;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;

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
    public static readonly Option<TenantId> Tenant = TypedOptions.Text<TenantId>(
        "--tenant", "The tenant whose records to use; tenants never see each other's records.", () => "default");

    /// <summary>Who acts: recorded on every change and audit record.</summary>
    public static readonly Option<UserId> Actor = TypedOptions.Text<UserId>(
        "--actor",
        "Who acts (recorded in history and audit); defaults to $USER when it is a valid user id, else 'cli'.",
        () => Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user && UserId.Parse(user).IsSuccess ? user : "cli");

    /// <summary>Runs the subcommand as if the clock read this instant (the library's <c>IClock</c>).</summary>
    public static readonly Option<Instant?> At = TypedOptions.OptionalInstant(
        "--at", "Run as if the clock read this instant (ISO-8601 with Z or an offset, such as 2026-11-20T15:00:00Z); the system clock when omitted.");

    /// <summary>Machine-readable output for the commands that answer with records.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write a JSON document (camelCase names, instants in UTC with Z) instead of tables.",
    };
}
