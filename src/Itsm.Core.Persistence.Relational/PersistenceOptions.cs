namespace Itsm.Core.Persistence.Relational;

/// <summary>Options of a relational persistence adapter (<c>UseSqlite</c>, <c>UsePostgreSql</c>).</summary>
/// <remarks>Read once, when the adapter is registered; changing an instance afterwards has no effect.</remarks>
public sealed class PersistenceOptions
{
    /// <summary>
    /// When true (the default), the schema migrations the store lacks are applied, idempotently,
    /// before the first statement of the process runs. Set it to false where schema changes are a
    /// deployment step of their own (apply them ahead of time with the adapter's <c>MigrateAsync</c>);
    /// the first statement then fails with a message saying how to migrate if the store is behind.
    /// </summary>
    public bool ApplyMigrationsOnStartup { get; set; } = true;
}
