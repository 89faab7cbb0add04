using Itsm.Core.Persistence.Relational.Schema;

namespace Itsm.Core.Persistence.Relational;

/// <summary>
/// Applies the schema migrations once per process, before the first connection is used, when the
/// application asked for migrations at start-up; otherwise checks once that the store is up to date
/// and fails with a message saying how to migrate it.
/// </summary>
/// <remarks>Thread-safe; registered as a singleton per store.</remarks>
internal sealed class SchemaGate
{
    private readonly SchemaMigrator migrator;
    private readonly bool migrateOnStartup;
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool ready;

    public SchemaGate(SchemaMigrator migrator, bool migrateOnStartup)
    {
        this.migrator = migrator ?? throw new ArgumentNullException(nameof(migrator));
        this.migrateOnStartup = migrateOnStartup;
    }

    /// <summary>Returns once the store's schema is current.</summary>
    /// <exception cref="Application.Common.StoreRefusedException">The store is foreign, newer than this library, or behind while migrations at start-up are off.</exception>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (ready)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ready)
            {
                return;
            }

            if (migrateOnStartup)
            {
                await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var applied = await migrator.AppliedAsync(cancellationToken).ConfigureAwait(false);
                var current = applied.Count == 0 ? 0 : applied[^1];
                if (current < migrator.LatestVersion)
                {
                    throw new Application.Common.StoreRefusedException(
                        $"The store is at schema version {current} but this library needs {migrator.LatestVersion}. " +
                        "Apply the migrations ahead of time (the adapter's MigrateAsync, or 'itsm store migrate'), or enable migrations at start-up.",
                        errorCode: "store.schema-behind");
                }
            }

            ready = true;
        }
        finally
        {
            gate.Release();
        }
    }
}
