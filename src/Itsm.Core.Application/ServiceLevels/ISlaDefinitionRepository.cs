using Itsm.Core.Application.Common;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>The persistence port for SLA definitions.</summary>
/// <remarks>
/// <para>
/// <b>Tenancy:</b> every member is scoped by <c>tenant</c>; no member can see another tenant's
/// definitions. <b>Concurrency:</b> <see cref="UpdateAsync"/> succeeds only at the version that was read,
/// otherwise Conflict. <b>Queries:</b> <see cref="ListAsync"/> evaluates a specification whose criteria
/// are the typed records of <see cref="SlaDefinitionCriteria"/>, so SQL adapters can translate them;
/// results follow the specification's ordering. Adapters store <see cref="SlaDefinitionSnapshot"/>.
/// </para>
/// </remarks>
public interface ISlaDefinitionRepository
{
    /// <summary>The definition <paramref name="id"/> with its version, or null.</summary>
    Task<Versioned<SlaDefinition>?> GetAsync(TenantId tenant, SlaDefinitionId id, CancellationToken cancellationToken);

    /// <summary>The definitions satisfying <paramref name="specification"/>, in its order.</summary>
    Task<IReadOnlyList<Versioned<SlaDefinition>>> ListAsync(TenantId tenant, Specification<SlaDefinition> specification, CancellationToken cancellationToken);

    /// <summary>Stores a new definition at version 1; Conflict when its id is taken.</summary>
    Task<Result> AddAsync(TenantId tenant, SlaDefinition definition, CancellationToken cancellationToken);

    /// <summary>Replaces a definition still at <paramref name="expectedVersion"/>; NotFound or Conflict otherwise.</summary>
    Task<Result> UpdateAsync(TenantId tenant, SlaDefinition definition, long expectedVersion, CancellationToken cancellationToken);
}

/// <summary>The typed criteria SLA definition specifications are built from.</summary>
public static class SlaDefinitionCriteria
{
    /// <summary>Definitions covering service <paramref name="Service"/>.</summary>
    /// <param name="Service">The service configuration item.</param>
    public sealed record ForService(ConfigurationItemId Service) : ICriterion<SlaDefinition>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(SlaDefinition candidate) => candidate is not null && candidate.Service == Service;
    }

    /// <summary>Definitions that apply to <paramref name="Customer"/>: those for every customer and those for this one.</summary>
    /// <param name="Customer">The customer, or null for definitions that apply to every customer only.</param>
    public sealed record AppliesToCustomer(CustomerId? Customer) : ICriterion<SlaDefinition>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(SlaDefinition candidate) => candidate is not null && (candidate.Customer is null || candidate.Customer == Customer);
    }

    /// <summary>Definitions measured on calendar <paramref name="Calendar"/>.</summary>
    /// <param name="Calendar">The calendar.</param>
    public sealed record OnCalendar(CalendarId Calendar) : ICriterion<SlaDefinition>
    {
        /// <inheritdoc />
        public bool IsSatisfiedBy(SlaDefinition candidate) => candidate is not null && candidate.Calendar == Calendar;
    }

    /// <summary>Orders by identifier (stable name <c>id</c>).</summary>
    public static SortKey<SlaDefinition> ById { get; } = new("id", d => d.Id.Value);
}

/// <summary>The SLA definitions that apply to a service for a customer, customer-specific ones first, then by id.</summary>
public sealed class ApplicableSlaDefinitions : Specification<SlaDefinition>
{
    /// <summary>Creates the specification.</summary>
    /// <param name="service">The service.</param>
    /// <param name="customer">The customer, or null.</param>
    public ApplicableSlaDefinitions(ConfigurationItemId service, CustomerId? customer)
    {
        Where(new SlaDefinitionCriteria.ForService(service));
        Where(new SlaDefinitionCriteria.AppliesToCustomer(customer));
        OrderBy(new SortKey<SlaDefinition>("customer_specific", d => d.Customer is null ? 1 : 0));
        OrderBy(SlaDefinitionCriteria.ById);
    }
}
