using Itsm.Core.Application.Common;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Calendars;

/// <summary>Defines a new business calendar under <paramref name="Id"/>; Conflict when the id is taken.</summary>
/// <param name="Context">Who is asking, for which tenant.</param>
/// <param name="Id">The new calendar's identifier.</param>
/// <param name="Definition">The validated definition (see <see cref="CalendarJson"/> to read one from JSON).</param>
public sealed record DefineCalendar(RequestContext Context, CalendarId Id, BusinessCalendarDefinition Definition) : ICommand<Result<Versioned<BusinessCalendarDefinition>>>;

/// <summary>Replaces the definition of calendar <paramref name="Id"/> if it is still at <paramref name="ExpectedVersion"/>.</summary>
/// <param name="Context">Who is asking, for which tenant.</param>
/// <param name="Id">The calendar's identifier.</param>
/// <param name="Definition">The new definition.</param>
/// <param name="ExpectedVersion">The version the caller read; Conflict when someone saved since.</param>
public sealed record RedefineCalendar(RequestContext Context, CalendarId Id, BusinessCalendarDefinition Definition, long ExpectedVersion) : ICommand<Result<Versioned<BusinessCalendarDefinition>>>;

/// <summary>Reads calendar <paramref name="Id"/> with its version and its whole history; NotFound when there is none.</summary>
/// <param name="Context">Who is asking, for which tenant.</param>
/// <param name="Id">The calendar's identifier.</param>
public sealed record GetCalendar(RequestContext Context, CalendarId Id) : IQuery<Result<Versioned<BusinessCalendarDefinition>>>;

/// <summary>Checks the inputs of <see cref="DefineCalendar"/>.</summary>
internal sealed class DefineCalendarValidator : IRequestValidator<DefineCalendar>
{
    public IEnumerable<ValidationError> Validate(DefineCalendar request) => CalendarValidation.Check(request.Id, request.Definition);
}

/// <summary>Checks the inputs of <see cref="RedefineCalendar"/>.</summary>
internal sealed class RedefineCalendarValidator : IRequestValidator<RedefineCalendar>
{
    public IEnumerable<ValidationError> Validate(RedefineCalendar request)
    {
        foreach (var error in CalendarValidation.Check(request.Id, request.Definition))
        {
            yield return error;
        }

        if (request.ExpectedVersion < 1)
        {
            yield return Failure.Field(nameof(RedefineCalendar.ExpectedVersion), "The expected version is the stored version you read, 1 or more.", "version.invalid");
        }
    }
}

/// <summary>Checks the inputs of <see cref="GetCalendar"/>.</summary>
internal sealed class GetCalendarValidator : IRequestValidator<GetCalendar>
{
    public IEnumerable<ValidationError> Validate(GetCalendar request)
    {
        if (request.Id.Value is null)
        {
            yield return Failure.Field(nameof(GetCalendar.Id), "A calendar id is required.", "identifier.invalid");
        }
    }
}

/// <summary>Stores a new calendar.</summary>
internal sealed class DefineCalendarHandler(ICalendarRepository calendars, IClock clock) : IRequestHandler<DefineCalendar, Result<Versioned<BusinessCalendarDefinition>>>
{
    public async Task<Result<Versioned<BusinessCalendarDefinition>>> Handle(DefineCalendar request, CancellationToken cancellationToken)
    {
        var defined = request.Definition.Define(request.Context.Actor, clock.GetCurrentInstant());
        var added = defined.IsSuccess ? await calendars.AddAsync(request.Context.Tenant, request.Id, defined.Value, cancellationToken).ConfigureAwait(false) : defined;
        return added.IsSuccess ? new Versioned<BusinessCalendarDefinition>(defined.Value, 1) : added.AsFailure<Versioned<BusinessCalendarDefinition>>();
    }
}

/// <summary>Replaces a calendar's definition with optimistic concurrency.</summary>
internal sealed class RedefineCalendarHandler(ICalendarRepository calendars, IClock clock) : IRequestHandler<RedefineCalendar, Result<Versioned<BusinessCalendarDefinition>>>
{
    private static readonly AggregateKind Kind = new AggregateKind("Business calendar").NotFoundAs("calendar.not-found");

    public async Task<Result<Versioned<BusinessCalendarDefinition>>> Handle(RedefineCalendar request, CancellationToken cancellationToken)
    {
        var stored = await calendars.GetAsync(request.Context.Tenant, request.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Version != request.ExpectedVersion)
        {
            return stored is null ? Kind.NotFound<Versioned<BusinessCalendarDefinition>>(request.Id) : Kind.Stale<Versioned<BusinessCalendarDefinition>>(request.Id, stored.Version, request.ExpectedVersion);
        }

        var redefined = stored.Record.Redefine(request.Definition, request.Context.Actor, clock.GetCurrentInstant());
        var saved = redefined.IsSuccess ? await calendars.UpdateAsync(request.Context.Tenant, request.Id, redefined.Value, stored.Version, cancellationToken).ConfigureAwait(false) : redefined;
        return saved.IsSuccess ? new Versioned<BusinessCalendarDefinition>(redefined.Value, stored.Version + 1) : saved.AsFailure<Versioned<BusinessCalendarDefinition>>();
    }
}

/// <summary>Reads a calendar.</summary>
internal sealed class GetCalendarHandler(ICalendarRepository calendars) : IRequestHandler<GetCalendar, Result<Versioned<BusinessCalendarDefinition>>>
{
    public async Task<Result<Versioned<BusinessCalendarDefinition>>> Handle(GetCalendar request, CancellationToken cancellationToken)
    {
        var stored = await calendars.GetAsync(request.Context.Tenant, request.Id, cancellationToken).ConfigureAwait(false);
        return stored is null
            ? Failure.NotFound<Versioned<BusinessCalendarDefinition>>($"There is no business calendar '{request.Id}'.", "calendar.not-found")
            : stored;
    }
}

/// <summary>Validation shared by the calendar commands.</summary>
internal static class CalendarValidation
{
    public static IEnumerable<ValidationError> Check(CalendarId id, BusinessCalendarDefinition? definition)
    {
        if (id.Value is null)
        {
            yield return Failure.Field("Id", "A calendar id is required.", "identifier.invalid");
        }

        if (definition is null)
        {
            yield return Failure.Field("Definition", "A calendar definition is required.", "calendar.definition.missing");
        }
    }
}
