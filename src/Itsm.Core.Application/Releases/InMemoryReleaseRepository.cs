using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.Releases;

namespace Itsm.Core.Application.Releases;

/// <summary>The in-memory <see cref="IReleaseRepository"/>: stores snapshots and restores them, replaying their history, on every read.</summary>
/// <remarks>Follows the port's contract, the distinct versions per unit included; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryReleaseRepository : InMemoryAggregateRepository<ReleaseId, Release, ReleaseSnapshot>, IReleaseRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The scope's unit of work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryReleaseRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "releases")
    {
    }

    /// <inheritdoc />
    public new async Task<Result> AddAsync(TenantId tenant, Release aggregate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var taken = await ListAsync(tenant, aggregate.Details.Unit, null, cancellationToken).ConfigureAwait(false);
        return taken.Any(r => r.Record.Details.Version == aggregate.Details.Version && r.Record.Id != aggregate.Id)
            ? Failure.Conflict($"Release unit {aggregate.Details.Unit} has a release {aggregate.Details.Version} already.", "record.exists")
            : await base.AddAsync(tenant, aggregate, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Release>>> ListAsync(TenantId tenant, ReleaseUnitId? unit, IReadOnlyCollection<ReleaseState>? states, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Select(tenant, releases => releases
            .Where(r => (unit is null || r.Details.Unit == unit) && (states is null || states.Contains(r.State)))
            .OrderBy(r => r.Details.Unit).ThenBy(r => r.Details.Version).ThenBy(r => r.Id)));
    }

    /// <inheritdoc />
    public async Task<ReleaseVersion?> LatestVersionAsync(TenantId tenant, ReleaseUnitId unit, CancellationToken cancellationToken)
    {
        var releases = await ListAsync(tenant, unit, null, cancellationToken).ConfigureAwait(false);
        return releases.Count == 0 ? null : releases[^1].Record.Details.Version;
    }

    /// <inheritdoc />
    protected override ReleaseId IdOf(Release aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override ReleaseSnapshot Snapshot(Release aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override Release Restore(ReleaseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var restored = Release.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new StoredRecordException("releases", snapshot.Id.ToString(), restored.ValidationErrors.First().ErrorMessage);
    }
}
