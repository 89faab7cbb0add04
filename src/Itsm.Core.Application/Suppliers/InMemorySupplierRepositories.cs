using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;

namespace Itsm.Core.Application.Suppliers;

/// <summary>The in-memory <see cref="ISupplierRepository"/>: stores snapshots, restores them on every read, evaluates specifications with Ardalis's in-memory evaluator.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemorySupplierRepository : InMemoryAggregateRepository<SupplierId, Supplier, SupplierSnapshot>, ISupplierRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemorySupplierRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "suppliers")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Supplier>>> ListAsync(TenantId tenant, SupplierSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Task.FromResult(Select(tenant, specification.Evaluate));
    }

    /// <inheritdoc />
    protected override SupplierId IdOf(Supplier aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override SupplierSnapshot Snapshot(Supplier aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override Supplier Restore(SupplierSnapshot snapshot) => Supplier.Restore(snapshot).Value;
}

/// <summary>The in-memory <see cref="IContractRepository"/>: stores snapshots, restores them on every read, evaluates specifications with Ardalis's in-memory evaluator.</summary>
/// <remarks>Follows the port's contract; thread safety as <see cref="InMemoryUnitOfWork"/>.</remarks>
public sealed class InMemoryContractRepository : InMemoryAggregateRepository<ContractId, Contract, ContractSnapshot>, IContractRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitOfWork"/> is null.</exception>
    public InMemoryContractRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "contracts")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Contract>>> ListAsync(TenantId tenant, ContractSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Task.FromResult(Select(tenant, specification.Evaluate));
    }

    /// <inheritdoc />
    protected override ContractId IdOf(Contract aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override ContractSnapshot Snapshot(Contract aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override Contract Restore(ContractSnapshot snapshot) => Contract.Restore(snapshot).Value;
}
