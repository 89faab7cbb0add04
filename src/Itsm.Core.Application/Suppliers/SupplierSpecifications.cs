using System.Collections.Immutable;
using Ardalis.Specification;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;

namespace Itsm.Core.Application.Suppliers;

/// <summary>The queries <see cref="ISupplierRepository.ListAsync"/> runs: a closed family of named, sealed Ardalis specifications over <see cref="Supplier"/>.</summary>
/// <remarks>Each states its criteria and a total order ending with the identifier (ordinal) from get-only properties; only this library derives from it. Immutable and thread-safe.</remarks>
public abstract class SupplierSpecification : Specification<Supplier>
{
    private protected SupplierSpecification()
    {
    }
}

/// <summary>Every supplier, or those of one <see cref="Kind"/>, by <see cref="Supplier.Id"/> (ordinal), paged by <see cref="Page"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SuppliersById : SupplierSpecification
{
    /// <summary>Creates the specification; a null kind does not filter.</summary>
    /// <param name="kind">Only suppliers of this kind.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public SuppliersById(SupplierKind? kind = null, PageRequest? page = null)
    {
        Kind = kind;
        Page = SpecificationPaging.Checked(page, nameof(page));
        if (kind is { } k)
        {
            Query.Where(s => s.Kind == k);
        }

        Query.OrderBy(s => s.Id);
        Query.Paged(Page);
    }

    /// <summary>The kind, or null for every kind.</summary>
    public SupplierKind? Kind { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}

/// <summary>The queries <see cref="IContractRepository.ListAsync"/> runs: a closed family of named, sealed Ardalis specifications over <see cref="Contract"/>.</summary>
/// <remarks>Each states its criteria and a total order ending with the identifier (ordinal) from get-only properties; only this library derives from it. Immutable and thread-safe.</remarks>
public abstract class ContractSpecification : Specification<Contract>
{
    private protected ContractSpecification()
    {
    }
}

/// <summary>Contracts by <see cref="Contract.Id"/> (ordinal), of one supplier and in some states when given, paged by <see cref="Page"/>.</summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="States"/> matches nothing; with <see cref="ContractLifecycle.InForceStates"/> it lists the contracts in force.</remarks>
public sealed class ContractsById : ContractSpecification
{
    /// <summary>Creates the specification; null arguments do not filter.</summary>
    /// <param name="supplier">Only contracts with this supplier or internal group.</param>
    /// <param name="states">Only contracts in one of these states.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public ContractsById(SupplierId? supplier = null, IEnumerable<ContractState>? states = null, PageRequest? page = null)
    {
        Supplier = supplier;
        States = states?.Distinct().Order().ToImmutableArray();
        Page = SpecificationPaging.Checked(page, nameof(page));
        if (supplier is { } s)
        {
            Query.Where(c => c.Supplier == s);
        }

        if (States is { } accepted)
        {
            Query.Where(c => accepted.Contains(c.State));
        }

        Query.OrderBy(c => c.Id);
        Query.Paged(Page);
    }

    /// <summary>The supplier, or null for every supplier.</summary>
    public SupplierId? Supplier { get; }

    /// <summary>The accepted states, distinct and ordered, or null for any state.</summary>
    public ImmutableArray<ContractState>? States { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}
