using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Changes;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Changes;

/// <summary>The in-memory <see cref="IChangeRepository"/>: stores snapshots in the scope's <see cref="InMemoryUnitOfWork"/>.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/> (one scope, one request at a time).</remarks>
public sealed class InMemoryChangeRepository : InMemoryAggregateRepository<ChangeId, ChangeRequest, ChangeRequestSnapshot>, IChangeRepository
{
    /// <summary>Creates the repository over the scope's unit of work.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryChangeRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "changes")
    {
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

    /// <inheritdoc />
    protected override ChangeId IdOf(ChangeRequest aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override ChangeRequestSnapshot Snapshot(ChangeRequest aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override ChangeRequest Restore(ChangeRequestSnapshot snapshot) => ChangeRequest.FromSnapshot(snapshot);
}
