using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using ChangeImpactedService = Itsm.Core.Changes.ImpactedService;

namespace Itsm.Core.Application.Changes;

/// <summary>
/// The <see cref="IChangeImpactSource"/> over the CMDB's own impact analysis: the affected items of a
/// change are treated as planned-down, and <see cref="ImpactAnalysis.Analyse(CmdbSnapshot, IEnumerable{ConfigurationItemId}, MaintenancePolicy)"/>
/// says which business services go down or degrade. Items the snapshot does not know impact nothing.
/// </summary>
/// <remarks>
/// The default <see cref="IChangeImpactSource"/> registration (scoped) reads the CMDB area's
/// <see cref="ICmdbSnapshotProvider"/>; thread-safe when the snapshot source is. Register
/// <see cref="InMemoryChangeImpactSource"/> instead to declare impact by hand (tests, demos).
/// </remarks>
public sealed class CmdbChangeImpactSource : IChangeImpactSource
{
    private readonly Func<TenantId, CancellationToken, Task<CmdbSnapshot?>> snapshots;

    /// <summary>Creates the source over the CMDB area's snapshot provider (the default registration).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    /// <remarks>A tenant's CMDB always compiles (a group short of members is a legal state, see <see cref="RedundancyRule"/>);
    /// only a store holding one item twice cannot, which is damage to the store: the source then throws
    /// <see cref="StoredRecordException"/> naming <c>configuration_items</c> and the tenant, which the dispatcher answers
    /// as an <c>Error</c> result (<c>store.record-invalid</c>) that changed nothing, rather than under-estimating
    /// the risk as "no impact".</remarks>
    public CmdbChangeImpactSource(ICmdbSnapshotProvider provider)
        : this(FromProvider(provider))
    {
    }

    /// <summary>Creates the source over a function returning a tenant's current CMDB snapshot (null when it has none).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> is null.</exception>
    public CmdbChangeImpactSource(Func<TenantId, CancellationToken, Task<CmdbSnapshot?>> snapshots) =>
        this.snapshots = snapshots ?? throw new ArgumentNullException(nameof(snapshots));

    /// <summary>The impact summary of taking <paramref name="items"/> down in <paramref name="snapshot"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ImpactSummary Summarise(CmdbSnapshot snapshot, IEnumerable<ConfigurationItemId> items)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(items);
        var known = items.Where(snapshot.Contains).Distinct().ToList();
        if (known.Count == 0)
        {
            return ImpactSummary.None;
        }

        var result = Analyse(snapshot, known);
        var services = result.ImpactedServices
            .Where(s => s.State != ImpactState.Up)
            .Select(s => new ChangeImpactedService(s.Id, ToCriticality(s.Criticality), s.State == ImpactState.Down ? ServiceEffect.Down : ServiceEffect.Degraded));
        return new ImpactSummary(services, result.Count);
    }

    /// <summary>The impact set of each of <paramref name="items"/> in <paramref name="snapshot"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ImpactSets ImpactSetsOf(CmdbSnapshot snapshot, IEnumerable<ConfigurationItemId> items)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(items);
        return new ImpactSets(items.Where(snapshot.Contains).Distinct().Select(item =>
            new KeyValuePair<ConfigurationItemId, IEnumerable<ConfigurationItemId>>(item, Analyse(snapshot, [item]).Where(i => i.State != ImpactState.Up).Select(i => i.Id).ToList())));
    }

    /// <inheritdoc/>
    public async Task<ImpactSummary> SummariseImpactAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots(tenant, cancellationToken).ConfigureAwait(false);
        return snapshot is null ? ImpactSummary.None : Summarise(snapshot, items);
    }

    /// <inheritdoc/>
    public async Task<ImpactSets> ImpactSetsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots(tenant, cancellationToken).ConfigureAwait(false);
        return snapshot is null ? ImpactSets.None : ImpactSetsOf(snapshot, items);
    }

    /// <inheritdoc/>
    /// <remarks>The items of the tenant's current CMDB snapshot; none when the tenant has no CMDB.</remarks>
    public async Task<IReadOnlySet<ConfigurationItemId>> KnownItemsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var snapshot = await snapshots(tenant, cancellationToken).ConfigureAwait(false);
        return snapshot is null ? new HashSet<ConfigurationItemId>() : items.Where(snapshot.Contains).ToHashSet();
    }

    private static Func<TenantId, CancellationToken, Task<CmdbSnapshot?>> FromProvider(ICmdbSnapshotProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return async (tenant, cancellationToken) =>
        {
            var snapshot = await provider.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
            return snapshot.IsSuccess ? snapshot.Value : throw new StoredRecordException("configuration_items", $"({tenant.Value})", $"the tenant's CMDB cannot be compiled: {snapshot.Message}");
        };
    }

    private static ImpactResult Analyse(CmdbSnapshot snapshot, IReadOnlyList<ConfigurationItemId> items)
    {
        var result = ImpactAnalysis.Analyse(snapshot, items);
        return result.IsSuccess ? result.Value : throw new InvalidOperationException($"Impact analysis of known items failed: {result.Message}");
    }

    private static ServiceCriticality ToCriticality(BusinessCriticality criticality) => criticality switch
    {
        BusinessCriticality.Critical => ServiceCriticality.Critical,
        BusinessCriticality.High => ServiceCriticality.High,
        BusinessCriticality.Medium => ServiceCriticality.Medium,
        _ => ServiceCriticality.Low,
    };
}
