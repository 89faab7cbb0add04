using Itsm.Core.Application;
using Itsm.Core.Persistence.Relational;
using Itsm.Core.Persistence.Relational.Schema;
using Itsm.Core.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Persistence.Tests.Stores;

/// <summary>The schema versions this library migrates a store to, oldest first, read from its migration list so that tests need no edit when a migration is added.</summary>
internal static class SchemaVersions
{
    /// <summary>Every migration's version.</summary>
    public static long[] All { get; } = Read();

    private static long[] Read()
    {
        var services = new ServiceCollection();
        services.AddItsmCore().UseSqlite(Path.Combine(Path.GetTempPath(), "itsm-schema-versions.db"));
        using var provider = services.BuildServiceProvider();
        return [.. Migrations.For(provider.GetRequiredService<SqlDialect>()).Select(m => m.Version)];
    }
}
