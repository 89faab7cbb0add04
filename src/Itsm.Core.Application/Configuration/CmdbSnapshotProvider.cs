using System.Collections.Concurrent;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Application.Configuration;

/// <summary>The compiled snapshots of all tenants, one per tenant, tagged with the CMDB revision they were built from.</summary>
internal sealed class CmdbSnapshotCache
{
    public ConcurrentDictionary<TenantId, (long Revision, CmdbSnapshot Snapshot)> Entries { get; } = new();
}

/// <summary>
/// Serves the cached snapshot while the tenant's CMDB revision is unchanged; otherwise loads the
/// items and relationships, compiles a new snapshot and caches it. The revision is read before
/// the data, so a snapshot is never tagged newer than what it contains. Inside an active unit of
/// work (a command) the snapshot includes uncommitted writes, so it is compiled but never cached.
/// </summary>
internal sealed class CmdbSnapshotProvider(CmdbSnapshotCache cache, IConfigurationItemRepository items, IRelationshipRepository relationships, IUnitOfWork unitOfWork) : ICmdbSnapshotProvider
{
    public async Task<Result<CmdbSnapshot>> GetAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var revision = await relationships.RevisionAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (cache.Entries.TryGetValue(tenant, out var entry) && entry.Revision == revision && !unitOfWork.IsActive)
        {
            return entry.Snapshot;
        }

        var built = await CompileAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        if (built.IsSuccess && !unitOfWork.IsActive)
        {
            cache.Entries.AddOrUpdate(tenant, (revision, built.Value), (_, old) => old.Revision > revision ? old : (revision, built.Value));
        }

        return built;
    }

    /// <summary>Compiles the tenant's current CMDB through <see cref="CmdbGraph"/>, leaving retired items and their relationships out; never fails for a group short of members.</summary>
    internal static async Task<Result<CmdbSnapshot>> CompileAsync(
        TenantId tenant, IConfigurationItemRepository items, IRelationshipRepository relationships, CancellationToken cancellationToken)
    {
        var graph = await StoredGraph.LoadAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        return graph.IsSuccess ? graph.Value.Compile() : graph.AsFailure<CmdbSnapshot>();
    }
}

/// <summary>The <see cref="IBusinessImpactService"/> over the cached snapshot.</summary>
internal sealed class BusinessImpactService(ICmdbSnapshotProvider snapshots) : IBusinessImpactService
{
    public async Task<Result<IReadOnlyList<ImpactedService>>> ImpactedServicesAsync(
        TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, MaintenancePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var snapshot = await snapshots.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (!snapshot.IsSuccess)
        {
            return snapshot.AsFailure<IReadOnlyList<ImpactedService>>();
        }

        var impact = ImpactAnalysis.Analyse(snapshot.Value, items, policy);
        return impact.IsSuccess ? Result.Success(impact.Value.ImpactedServices) : impact.AsFailure<IReadOnlyList<ImpactedService>>();
    }
}
