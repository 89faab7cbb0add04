using System.Collections.Concurrent;
using System.Collections.Immutable;
using Itsm.Core.Calendars;
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

/// <summary>Configurable maintenance calendars and blackout windows per tenant and service.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryChangeWindowSource : IChangeWindowSource
{
    private readonly ConcurrentDictionary<(TenantId, ConfigurationItemId), BusinessCalendar> maintenance = new();
    private readonly ConcurrentDictionary<TenantId, ImmutableList<BlackoutWindow>> blackouts = new();

    /// <summary>Sets the maintenance calendar of <paramref name="service"/>: changes on it should fall in its working time.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public void SetMaintenanceWindow(TenantId tenant, ConfigurationItemId service, BusinessCalendar calendar) =>
        maintenance[(tenant, service)] = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>Adds a blackout (freeze) window.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="blackout"/> is null.</exception>
    public void AddBlackout(TenantId tenant, BlackoutWindow blackout)
    {
        ArgumentNullException.ThrowIfNull(blackout);
        blackouts.AddOrUpdate(tenant, _ => [blackout], (_, list) => list.Add(blackout));
    }

    /// <inheritdoc/>
    public Task<ServiceWindows> GetWindowsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var calendars = services.Distinct()
            .Where(s => maintenance.ContainsKey((tenant, s)))
            .Select(s => new KeyValuePair<ConfigurationItemId, BusinessCalendar>(s, maintenance[(tenant, s)]));
        var frozen = blackouts.GetValueOrDefault(tenant, []).Where(b => services.Contains(b.Service));
        return Task.FromResult(new ServiceWindows(calendars, frozen));
    }
}

/// <summary>A configurable directory of change authorities per tenant and user.</summary>
/// <remarks>Thread-safe. Unknown users hold <see cref="ChangeAuthority.None"/>.</remarks>
public sealed class InMemoryChangeAuthorityDirectory : IChangeAuthorityDirectory
{
    private readonly ConcurrentDictionary<(TenantId, UserId), ChangeAuthority> grants = new();

    /// <summary>Grants <paramref name="authority"/> (added to what the user holds).</summary>
    public void Grant(TenantId tenant, UserId user, ChangeAuthority authority) =>
        grants.AddOrUpdate((tenant, user), authority, (_, held) => held | authority);

    /// <inheritdoc/>
    public Task<ChangeAuthority> AuthorityOfAsync(TenantId tenant, UserId user, CancellationToken cancellationToken) =>
        Task.FromResult(grants.GetValueOrDefault((tenant, user)));
}
