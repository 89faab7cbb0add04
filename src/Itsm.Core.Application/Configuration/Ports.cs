using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Application.Configuration;

/// <summary>Stores configuration items as <see cref="ConfigurationItemSnapshot"/>s.</summary>
/// <remarks>
/// Contract: every member is scoped by <c>tenant</c>; reads see the caller's unit of work. Adding an
/// existing id gives <c>Conflict</c>; updating at a stale version gives <c>Conflict</c>, a missing item
/// <c>NotFound</c>. Every accepted write raises the tenant's CMDB revision
/// (<see cref="IRelationshipRepository.RevisionAsync"/>) in the same unit of work.
/// </remarks>
public interface IConfigurationItemRepository : IAggregateRepository<ConfigurationItemId, ConfigurationItemSnapshot>
{
    /// <summary>Every item of the tenant, retired ones included, ordered by id (ordinal).</summary>
    Task<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>
    /// Stores many new items at version 1, as one write: all of them or, when any id is taken,
    /// none (<c>Conflict</c> naming the taken ids). Database adapters send them in batches of
    /// multi-row statements, so a bulk import is not one round trip per item. The default
    /// implementation adds them one by one (atomic only inside a unit of work).
    /// </summary>
    Task<Result> AddRangeAsync(TenantId tenant, IReadOnlyList<ConfigurationItemSnapshot> items, CancellationToken cancellationToken) =>
        ResultFactory.EachAsync(items ?? throw new ArgumentNullException(nameof(items)), item => AddAsync(tenant, item, cancellationToken));
}

/// <summary>Stores the relationships of the CMDB graph.</summary>
/// <remarks>
/// Contract: scoped by <c>tenant</c>; a relationship is identified by source, target and type
/// (type names compared ignoring case). Adding an existing one gives <c>Conflict</c>, removing a
/// missing one <c>NotFound</c>. <see cref="ListAsync"/> orders by source, target, type.
/// </remarks>
public interface IRelationshipRepository
{
    /// <summary>Every relationship of the tenant, ordered by source, target and type name.</summary>
    Task<IReadOnlyList<Relationship>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Stores a relationship.</summary>
    Task<Result> AddAsync(TenantId tenant, Relationship relationship, CancellationToken cancellationToken);

    /// <summary>Removes a relationship.</summary>
    Task<Result> RemoveAsync(TenantId tenant, Relationship relationship, CancellationToken cancellationToken);

    /// <summary>
    /// Stores many relationships as one write: all of them or, when any exists already, none
    /// (<c>Conflict</c>). Database adapters send them in batches of multi-row statements. The
    /// default implementation adds them one by one (atomic only inside a unit of work).
    /// </summary>
    Task<Result> AddRangeAsync(TenantId tenant, IReadOnlyList<Relationship> relationships, CancellationToken cancellationToken) =>
        ResultFactory.EachAsync(relationships ?? throw new ArgumentNullException(nameof(relationships)), relationship => AddAsync(tenant, relationship, cancellationToken));

    /// <summary>
    /// A number that grows with every committed change to the tenant's items or relationships
    /// (0 for an empty CMDB); compiled snapshots are cached per revision.
    /// </summary>
    Task<long> RevisionAsync(TenantId tenant, CancellationToken cancellationToken);
}

/// <summary>Stores configuration baselines, which never change once captured.</summary>
/// <remarks>Contract: scoped by <c>tenant</c>; adding an existing id gives <c>Conflict</c>; <see cref="ListAsync"/> orders by capture instant.</remarks>
public interface IBaselineRepository
{
    /// <summary>The baseline <paramref name="id"/>, or null.</summary>
    Task<Versioned<ConfigurationBaseline>?> GetAsync(TenantId tenant, BaselineId id, CancellationToken cancellationToken);

    /// <summary>Every baseline of the tenant, oldest first.</summary>
    Task<IReadOnlyList<Versioned<ConfigurationBaseline>>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Stores a new baseline.</summary>
    Task<Result> AddAsync(TenantId tenant, ConfigurationBaseline baseline, CancellationToken cancellationToken);
}

/// <summary>
/// Where a configuration audit learns which implemented, authorised changes touched which
/// configuration items. Change management fills this port; until it does, the default adapter
/// knows no changes and every difference is reported as unauthorised.
/// </summary>
/// <remarks>Contract: scoped by <c>tenant</c>; returns the changes implemented in (<c>from</c>, <c>to</c>] that cover any of <c>items</c>, in any order.</remarks>
public interface IAuthorisedChangeSource
{
    /// <summary>The implemented, authorised changes in the period that cover any of <paramref name="items"/>.</summary>
    Task<IReadOnlyList<AuthorisedChange>> ImplementedChangesAsync(
        TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, Instant from, Instant to, CancellationToken cancellationToken);
}

/// <summary>The compiled CMDB snapshot of a tenant, cached and rebuilt when the CMDB changes.</summary>
/// <remarks>Thread-safe. Retired items and the relationships that touch them are left out of the snapshot.</remarks>
public interface ICmdbSnapshotProvider
{
    /// <summary>
    /// The snapshot of the tenant's current CMDB, compiled through <see cref="CmdbGraph"/>: a stored CMDB
    /// always compiles (a group short of members is down and listed in <see cref="CmdbSnapshot.Shortfalls"/>);
    /// only stored data with the same item twice fails, with <c>Conflict</c>.
    /// </summary>
    Task<Result<CmdbSnapshot>> GetAsync(TenantId tenant, CancellationToken cancellationToken);
}

/// <summary>
/// For other process areas: given some configuration items (the affected CIs of an incident, the
/// CIs a change takes down), the business services they impact with their criticality.
/// </summary>
/// <remarks>Thread-safe. Incident management derives impact from it; change management uses it for risk.</remarks>
public interface IBusinessImpactService
{
    /// <summary>
    /// The business services impacted when <paramref name="items"/> fail together (most critical
    /// first); an unknown item gives <c>NotFound</c>.
    /// </summary>
    Task<Result<IReadOnlyList<ImpactedService>>> ImpactedServicesAsync(
        TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, MaintenancePolicy policy, CancellationToken cancellationToken);
}
