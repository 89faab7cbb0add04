using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Changes;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Changes;

/// <summary>The in-memory <see cref="IChangeRepository"/>: stores snapshots in the scope's <see cref="InMemoryUnitOfWork"/>.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/> (one scope, one request at a time).</remarks>
public sealed class InMemoryChangeRepository : InMemoryRepository<ChangeId, ChangeRequestSnapshot>, IChangeRepository
{
    /// <summary>Creates the repository over the scope's unit of work.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryChangeRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "changes")
    {
    }

    /// <inheritdoc/>
    public Task<Versioned<ChangeRequest>?> GetAsync(TenantId tenant, ChangeId id, CancellationToken cancellationToken)
    {
        var found = Find(tenant, id);
        return Task.FromResult(found is null ? null : new Versioned<ChangeRequest>(ChangeRequest.FromSnapshot(found.Record), found.Version));
    }

    /// <inheritdoc/>
    public Task<Result> AddAsync(TenantId tenant, ChangeRequest change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return InsertAsync(tenant, change.Id, change.ToSnapshot(), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Result> UpdateAsync(TenantId tenant, ChangeRequest change, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return UpdateAsync(tenant, change.Id, change.ToSnapshot(), expectedVersion, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Versioned<ChangeRequestSnapshot>>> ListAsync(TenantId tenant, ChangeSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var byId = All(tenant).ToDictionary(v => v.Record.Id);
        var matching = specification.Evaluate(byId.Values.Select(v => v.Record));
        IReadOnlyList<Versioned<ChangeRequestSnapshot>> result = matching.Select(s => byId[s.Id]).ToList();
        return Task.FromResult(result);
    }
}
