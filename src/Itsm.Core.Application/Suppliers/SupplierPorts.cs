using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;

namespace Itsm.Core.Application.Suppliers;

/// <summary>The persistence port of <see cref="Supplier"/> records (outside suppliers and internal groups).</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's supplier is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, Conflict on a stale expected version.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> runs one of the library's <see cref="SupplierSpecification"/> types, in its total order and page,
/// exactly as Ardalis's in-memory evaluator returns them.</para>
/// </remarks>
public interface ISupplierRepository : IAggregateRepository<SupplierId, Supplier>
{
    /// <summary>The tenant's suppliers that <paramref name="specification"/> selects, in its order and page.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="specification">Which suppliers, in which order.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<Supplier>>> ListAsync(TenantId tenant, SupplierSpecification specification, CancellationToken cancellationToken);
}

/// <summary>The persistence port of <see cref="Contract"/> records (underpinning contracts and OLAs).</summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member takes the tenant; another tenant's contract is never returned or changed, whatever id is guessed.</para>
/// <para><b>Concurrency:</b> as <see cref="IAggregateRepository{TId, TAggregate}"/>: version 1 on add, Conflict on a stale expected version.</para>
/// <para><b>Queries:</b> <see cref="ListAsync"/> runs one of the library's <see cref="ContractSpecification"/> types, in its total order and page,
/// exactly as Ardalis's in-memory evaluator returns them; the relational adapters translate each from its properties over indexed
/// supplier and state columns.</para>
/// </remarks>
public interface IContractRepository : IAggregateRepository<ContractId, Contract>
{
    /// <summary>The tenant's contracts that <paramref name="specification"/> selects, in its order and page.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="specification">Which contracts, in which order.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Versioned<Contract>>> ListAsync(TenantId tenant, ContractSpecification specification, CancellationToken cancellationToken);
}
