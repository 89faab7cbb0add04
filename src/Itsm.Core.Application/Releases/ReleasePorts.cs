using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Releases;

namespace Itsm.Core.Application.Releases;

/// <summary>Port: stores releases, each with its whole history.</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's release is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, the next version on an
/// update at the expected one, <c>Conflict</c> otherwise. A release unit holds each version at most once: adding a second
/// release with the unit and version of a stored one is refused (the relational adapters keep a unique index on tenant, unit
/// and version), so versions of a unit, which <see cref="Release.Plan"/> makes increase, stay distinct under concurrent writers.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> orders by release unit (ordinal), then version, then id;
/// <see cref="LatestVersionAsync"/> is the greatest version stored for the unit, whatever the release's state.</para>
/// </remarks>
public interface IReleaseRepository : IAggregateRepository<ReleaseId, Release>
{
    /// <summary>The tenant's releases of <paramref name="unit"/> (null: every unit) in one of <paramref name="states"/> (null: any state), by unit, version and id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="unit">Only this release unit, or null.</param>
    /// <param name="states">Only these states, or null; empty matches nothing.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<Release>>> ListAsync(TenantId tenant, ReleaseUnitId? unit, IReadOnlyCollection<ReleaseState>? states, CancellationToken cancellationToken);

    /// <summary>The greatest version planned for <paramref name="unit"/>, or null before its first release.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="unit">The release unit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<ReleaseVersion?> LatestVersionAsync(TenantId tenant, ReleaseUnitId unit, CancellationToken cancellationToken);
}
