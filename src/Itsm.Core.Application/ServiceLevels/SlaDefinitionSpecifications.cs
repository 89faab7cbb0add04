using Ardalis.Specification;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>
/// The queries <see cref="ISlaDefinitionRepository.ListAsync"/> runs: a closed family of named, sealed
/// Ardalis specifications over <see cref="SlaDefinition"/> (today <see cref="ApplicableSlaDefinitions"/>).
/// </summary>
/// <remarks>
/// Each specification states its criteria and a total ordering (ending with the definition
/// identifier, compared ordinally) in its constructor, from parameters it exposes as get-only
/// properties, so Ardalis's in-memory evaluator, an EF Core port and the library's SQL adapters all
/// return the same definitions in the same order. Only this library can derive from this class.
/// Instances are immutable once constructed and thread-safe to share.
/// </remarks>
public abstract class SlaDefinitionSpecification : Specification<SlaDefinition>
{
    private protected SlaDefinitionSpecification()
    {
    }
}

/// <summary>
/// The SLA definitions that apply to <see cref="Service"/> for <see cref="Customer"/>: those for every
/// customer and, when a customer is given, those specific to it. Customer-specific definitions come
/// first, then by <see cref="SlaDefinition.Id"/> (ordinal); not paged. With a null customer only the
/// definitions for every customer match.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ApplicableSlaDefinitions : SlaDefinitionSpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="service">The service.</param>
    /// <param name="customer">The customer, or null.</param>
    public ApplicableSlaDefinitions(ConfigurationItemId service, CustomerId? customer)
    {
        Service = service;
        Customer = customer;
        Query.Where(d => d.Service == service && (d.Customer == null || d.Customer == customer));
        Query.OrderBy(d => d.Customer == null ? 1 : 0).ThenBy(d => d.Id);
    }

    /// <summary>The service the definitions cover.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The customer, or null for definitions that apply to every customer only.</summary>
    public CustomerId? Customer { get; }
}
