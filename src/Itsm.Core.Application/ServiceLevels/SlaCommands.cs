using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using MediatR;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>Defines a new SLA and answers it at version 1; NotFound when its calendar does not exist, Conflict when its id is taken.</summary>
/// <param name="Context">Who is asking, for which tenant.</param>
/// <param name="Definition">The validated definition.</param>
public sealed record DefineSla(RequestContext Context, SlaDefinition Definition) : ICommand<Result<Versioned<SlaDefinition>>>;

/// <summary>Reads SLA definition <paramref name="Id"/> with its version.</summary>
/// <param name="Context">Who is asking, for which tenant.</param>
/// <param name="Id">The definition's identifier.</param>
public sealed record GetSlaDefinition(RequestContext Context, SlaDefinitionId Id) : IQuery<Result<Versioned<SlaDefinition>>>;

/// <summary>
/// Finds the SLA definition that applies to <paramref name="Service"/> for <paramref name="Customer"/>:
/// the customer-specific one when there is one, otherwise the one for every customer (the lowest id
/// when several tie). NotFound when none applies.
/// </summary>
/// <param name="Context">Who is asking, for which tenant.</param>
/// <param name="Service">The affected service.</param>
/// <param name="Customer">The customer, or null.</param>
public sealed record FindApplicableSla(RequestContext Context, ConfigurationItemId Service, CustomerId? Customer) : IQuery<Result<SlaDefinition>>;

/// <summary>Checks the inputs of <see cref="DefineSla"/>.</summary>
internal sealed class DefineSlaValidator : IRequestValidator<DefineSla>
{
    public IEnumerable<ValidationError> Validate(DefineSla request)
    {
        if (request.Definition is null)
        {
            yield return Failure.Field(nameof(DefineSla.Definition), "An SLA definition is required.", "sla.definition.missing");
        }
    }
}

/// <summary>Checks the inputs of <see cref="GetSlaDefinition"/>.</summary>
internal sealed class GetSlaDefinitionValidator : IRequestValidator<GetSlaDefinition>
{
    public IEnumerable<ValidationError> Validate(GetSlaDefinition request)
    {
        if (request.Id.Value is null)
        {
            yield return Failure.Field(nameof(GetSlaDefinition.Id), "An SLA definition id is required.", "identifier.invalid");
        }
    }
}

/// <summary>Checks the inputs of <see cref="FindApplicableSla"/>.</summary>
internal sealed class FindApplicableSlaValidator : IRequestValidator<FindApplicableSla>
{
    public IEnumerable<ValidationError> Validate(FindApplicableSla request)
    {
        if (request.Service.Value is null)
        {
            yield return Failure.Field(nameof(FindApplicableSla.Service), "A service is required.", "identifier.invalid");
        }

        if (request.Customer is { Value: null })
        {
            yield return Failure.Field(nameof(FindApplicableSla.Customer), "The customer, when given, must be an assigned id.", "identifier.invalid");
        }
    }
}

/// <summary>Stores a new SLA definition after checking its calendar exists.</summary>
internal sealed class DefineSlaHandler(ISlaDefinitionRepository definitions, ICalendarRepository calendars) : IRequestHandler<DefineSla, Result<Versioned<SlaDefinition>>>
{
    public async Task<Result<Versioned<SlaDefinition>>> Handle(DefineSla request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await calendars.GetAsync(tenant, request.Definition.Calendar, cancellationToken).ConfigureAwait(false) is null)
        {
            return Failure.NotFound<Versioned<SlaDefinition>>($"The SLA '{request.Definition.Name}' is measured on calendar '{request.Definition.Calendar}', which does not exist; define the calendar first.", "calendar.not-found");
        }

        return await AggregateCommands.AddAsync(definitions, tenant, Result.Success(request.Definition), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Reads an SLA definition.</summary>
internal sealed class GetSlaDefinitionHandler(ISlaDefinitionRepository definitions) : IRequestHandler<GetSlaDefinition, Result<Versioned<SlaDefinition>>>
{
    public async Task<Result<Versioned<SlaDefinition>>> Handle(GetSlaDefinition request, CancellationToken cancellationToken)
    {
        var stored = await definitions.GetAsync(request.Context.Tenant, request.Id, cancellationToken).ConfigureAwait(false);
        return stored is null
            ? Failure.NotFound<Versioned<SlaDefinition>>($"There is no SLA definition '{request.Id}'.", "sla.not-found")
            : stored;
    }
}

/// <summary>Finds the most specific applicable SLA definition.</summary>
internal sealed class FindApplicableSlaHandler(ISlaDefinitionRepository definitions) : IRequestHandler<FindApplicableSla, Result<SlaDefinition>>
{
    public async Task<Result<SlaDefinition>> Handle(FindApplicableSla request, CancellationToken cancellationToken)
    {
        var found = await definitions.ListAsync(request.Context.Tenant, new ApplicableSlaDefinitions(request.Service, request.Customer), cancellationToken).ConfigureAwait(false);
        return found.Count == 0
            ? Failure.NotFound<SlaDefinition>($"No SLA definition covers service '{request.Service}'{(request.Customer is { } c ? $" for customer '{c}'" : string.Empty)}.", "sla.not-found")
            : found[0].Record;
    }
}
