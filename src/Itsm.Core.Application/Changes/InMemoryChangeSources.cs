using System.Collections.Concurrent;
using System.Collections.Immutable;
using Itsm.Core.Changes;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Changes;

/// <summary>
/// A configurable stand-in for the CMDB's impact analysis: for each item, the services it takes down
/// or degrades and its impact set, as declared with <see cref="Declare"/>. Undeclared items impact
/// nothing. Used by tests and by hosts that run without a CMDB, so it knows every item
/// (<see cref="KnownItemsAsync"/>): without a CMDB there is nothing to check an item against.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryChangeImpactSource : IChangeImpactSource
{
    private readonly ConcurrentDictionary<(TenantId, ConfigurationItemId), (ImmutableArray<ImpactedService> Services, ImmutableArray<ConfigurationItemId> ImpactSet)> declared = new();

    /// <summary>Declares what failing <paramref name="item"/> does: the services it impacts, and every item in its impact set.</summary>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    public void Declare(TenantId tenant, ConfigurationItemId item, IEnumerable<ImpactedService> services, IEnumerable<ConfigurationItemId> impactSet)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(impactSet);
        declared[(tenant, item)] = ([.. services], [.. impactSet]);
    }

    /// <inheritdoc/>
    public Task<ImpactSummary> SummariseImpactAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var known = items.Select(i => declared.TryGetValue((tenant, i), out var d) ? d : default).Where(d => !d.Services.IsDefault).ToList();
        var impacted = known.SelectMany(d => d.ImpactSet).Except(items).Distinct().Count();
        return Task.FromResult(new ImpactSummary(known.SelectMany(d => d.Services), impacted));
    }

    /// <inheritdoc/>
    /// <remarks>Every item: this stand-in has no CMDB to check against.</remarks>
    public Task<IReadOnlySet<ConfigurationItemId>> KnownItemsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Task.FromResult<IReadOnlySet<ConfigurationItemId>>(items.ToHashSet());
    }

    /// <inheritdoc/>
    public Task<ImpactSets> ImpactSetsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sets = items.Distinct()
            .Where(i => declared.ContainsKey((tenant, i)))
            .Select(i => new KeyValuePair<ConfigurationItemId, IEnumerable<ConfigurationItemId>>(i, declared[(tenant, i)].ImpactSet));
        return Task.FromResult(new ImpactSets(sets));
    }
}
