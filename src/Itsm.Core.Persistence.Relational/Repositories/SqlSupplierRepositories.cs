using System.Text.Json;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>The relational <see cref="ISupplierRepository"/>: suppliers as documents with an indexed kind; read back through <see cref="Supplier.Restore"/>.</summary>
internal sealed class SqlSupplierRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<SupplierId, Supplier, SupplierSnapshot>(session, Documents, rules), ISupplierRepository
{
    private static readonly AggregateDocuments<SupplierId, Supplier, SupplierSnapshot> Documents = new(
        new DocumentTable("suppliers", nameof(SupplierSnapshot), "kind"),
        id => id.Value,
        supplier => supplier.Id,
        supplier => supplier.ToSnapshot(),
        Read,
        snapshot => [snapshot.Kind.ToString()]);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <summary>
    /// Reads a stored supplier: its values held to the rules its input met (<see cref="StoredRecordRules.Check(SupplierSnapshot)"/>: no
    /// control characters or over-long text in any name or contact), then its history replayed (<see cref="Supplier.Restore"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The stored supplier breaks one of its input's rules.</exception>
    /// <exception cref="JsonException">Its history does not replay; the message says why.</exception>
    private static Supplier Read(SupplierSnapshot snapshot, StoredRecordRules rules)
    {
        var restored = Supplier.Restore(ReadBack.Valid(snapshot, rules.Check(snapshot)));
        return restored.IsSuccess ? restored.Value : throw new JsonException(string.Join(" ", restored.ValidationErrors.Select(e => e.ErrorMessage)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Supplier>>> ListAsync(TenantId tenant, SupplierSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var query = new SqlQuery();
        switch (specification)
        {
            case SuppliersById byId:
                if (byId.Kind is { } kind)
                {
                    query.Where($"t.kind = {query.Parameter(kind.ToString())}");
                }

                return QueryAsync(tenant, query.OrderByTerms("t.id").Paged(byId.Page), cancellationToken);
            default:
                // SupplierSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The supplier specification {specification.GetType().Name} has no SQL translation.");
        }
    }
}

/// <summary>
/// The relational <see cref="IContractRepository"/>: contracts as documents with indexed supplier and state columns; read back
/// through <see cref="Contract.Restore"/>, which replays the stored history through the lifecycle table.
/// </summary>
internal sealed class SqlContractRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<ContractId, Contract, ContractSnapshot>(session, Documents, rules), IContractRepository
{
    private static readonly AggregateDocuments<ContractId, Contract, ContractSnapshot> Documents = new(
        new DocumentTable("contracts", nameof(ContractSnapshot), "supplier", "state"),
        id => id.Value,
        contract => contract.Id,
        contract => contract.ToSnapshot(),
        Read,
        snapshot => [snapshot.Supplier.Value, snapshot.State.ToString()]);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <summary>
    /// Reads a stored contract: its values held to the rules its input met (<see cref="StoredRecordRules.Check(ContractSnapshot)"/>: no
    /// control characters or over-long text in its title or any reason), then its history replayed through the lifecycle table and the
    /// date rules (<see cref="Contract.Restore"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The stored contract breaks one of its input's rules.</exception>
    /// <exception cref="JsonException">Its history does not replay; the message says why.</exception>
    private static Contract Read(ContractSnapshot snapshot, StoredRecordRules rules)
    {
        var restored = Contract.Restore(ReadBack.Valid(snapshot, rules.Check(snapshot)));
        return restored.IsSuccess ? restored.Value : throw new JsonException(string.Join(" ", restored.ValidationErrors.Select(e => e.ErrorMessage)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Contract>>> ListAsync(TenantId tenant, ContractSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var query = new SqlQuery();
        switch (specification)
        {
            case ContractsById byId:
                if (byId.Supplier is { } supplier)
                {
                    query.Where($"t.supplier = {query.Parameter(supplier.Value)}");
                }

                if (byId.States is { } states)
                {
                    query.Where(states.IsEmpty ? "1 = 0" : $"t.state IN ({query.InList(states.Select(s => (object?)s.ToString()))})");
                }

                return QueryAsync(tenant, query.OrderByTerms("t.id").Paged(byId.Page), cancellationToken);
            default:
                // ContractSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The contract specification {specification.GetType().Name} has no SQL translation.");
        }
    }
}
