using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>Defines a new SLA and answers it at version 1; NotFound when its calendar does not exist, Conflict when its id is taken.</summary>
/// <param name="Context">Who is asking, for which tenant.</param>
/// <param name="Definition">The validated definition.</param>
public sealed record DefineSla(RequestContext Context, SlaDefinition Definition) : ICommand<Result<Versioned<SlaDefinition>>>;

/// <summary>
/// Revises SLA definition <c>Definition.Id</c> to the terms of <paramref name="Definition"/> (recorded as one
/// <see cref="SlaRevised"/>) and answers it with its new version; NotFound when it or its calendar does not exist.
/// Running clocks keep the terms they were started with.
/// </summary>
/// <param name="Context">Who is asking, for which tenant.</param>
/// <param name="Definition">The validated new terms, under the definition's id.</param>
public sealed record ReviseSla(RequestContext Context, SlaDefinition Definition) : ICommand<Result<Versioned<SlaDefinition>>>
{
    /// <summary>When set, the command fails with <c>Conflict</c> unless the stored definition is at this version (the one the user saw).</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Reads SLA definition <paramref name="Id"/> with its version and its whole history.</summary>
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

/// <summary>Checks the inputs of <see cref="ReviseSla"/>.</summary>
internal sealed class ReviseSlaValidator : IRequestValidator<ReviseSla>
{
    public IEnumerable<ValidationError> Validate(ReviseSla request)
    {
        if (request.Definition is null)
        {
            yield return Failure.Field(nameof(ReviseSla.Definition), "An SLA definition is required.", "sla.definition.missing");
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
internal sealed class DefineSlaHandler(ISlaDefinitionRepository definitions, ICalendarRepository calendars, IClock clock) : IRequestHandler<DefineSla, Result<Versioned<SlaDefinition>>>
{
    public async Task<Result<Versioned<SlaDefinition>>> Handle(DefineSla request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await SlaCalendar.CheckAsync(calendars, tenant, request.Definition, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var defined = request.Definition.Define(request.Context.Actor, clock.GetCurrentInstant());
        return await AggregateCommands.AddAsync(definitions, tenant, defined, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Revises a stored SLA definition after checking its new calendar exists.</summary>
internal sealed class ReviseSlaHandler(ISlaDefinitionRepository definitions, ICalendarRepository calendars, IClock clock) : IRequestHandler<ReviseSla, Result<Versioned<SlaDefinition>>>
{
    private static readonly AggregateKind Kind = new AggregateKind("SLA definition").NotFoundAs("sla.not-found").StaleAs("record.version-conflict");

    public async Task<Result<Versioned<SlaDefinition>>> Handle(ReviseSla request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await SlaCalendar.CheckAsync(calendars, tenant, request.Definition, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        return await AggregateCommands.ApplyAsync(
            definitions, Kind, tenant, request.Definition.Id, request.ExpectedVersion, stored => stored.Revise(request.Definition, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>An SLA is measured on a calendar that must exist.</summary>
internal static class SlaCalendar
{
    public static async Task<Result<Versioned<SlaDefinition>>?> CheckAsync(ICalendarRepository calendars, TenantId tenant, SlaDefinition definition, CancellationToken cancellationToken) =>
        await calendars.GetAsync(tenant, definition.Calendar, cancellationToken).ConfigureAwait(false) is null
            ? Failure.NotFound<Versioned<SlaDefinition>>($"The SLA '{definition.Name}' is measured on calendar '{definition.Calendar}', which does not exist; define the calendar first.", "calendar.not-found")
            : null;
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
