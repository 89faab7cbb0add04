using Itsm.Core.Application.Common;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Availability;

/// <summary>Checks the period of <see cref="GetAvailability"/> and <see cref="ListOutages"/>, the filters of the list and the reason of <see cref="CorrectOutage"/>.</summary>
internal sealed class AvailabilityValidators : IRequestValidator<GetAvailability>, IRequestValidator<ListOutages>, IRequestValidator<CorrectOutage>
{
    /// <summary>The longest reason a correction may give.</summary>
    internal const int MaxReasonLength = 2000;

    private const string PeriodCode = "availability.period.invalid";

    public IEnumerable<ValidationError> Validate(GetAvailability request)
    {
        if (Period(request.Period.HasStart ? request.Period.Start : null, request.Period.HasEnd ? request.Period.End : null) is { } wrong)
        {
            yield return wrong;
        }
    }

    public IEnumerable<ValidationError> Validate(ListOutages request)
    {
        if (request.Item is not null && request.Service is not null)
        {
            yield return Failure.Field(nameof(ListOutages.Service), "List the outages of an item or of a service, not both.", "availability.outage.filter");
        }

        if ((request.From is null) != (request.To is null))
        {
            yield return Failure.Field(nameof(ListOutages.To), "Give both ends of the period (From and To), or neither.", PeriodCode);
        }
        else if (request.From is not null && Period(request.From, request.To) is { } wrong)
        {
            yield return wrong;
        }
    }

    public IEnumerable<ValidationError> Validate(CorrectOutage request)
    {
        if (request.Reason is { Length: > MaxReasonLength })
        {
            yield return Failure.Field(nameof(CorrectOutage.Reason), $"The reason has {request.Reason.Length} characters; say why in at most {MaxReasonLength}.", "availability.outage.reason");
        }
    }

    private static ValidationError? Period(Instant? from, Instant? to) =>
        from is not { } start || to is not { } end || end <= start || start < BusinessCalendar.MinSupportedInstant || end > BusinessCalendar.MaxSupportedInstant
            ? Failure.Field("Period", $"The period from {from} to {to} must have a start before its end, both within {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant}.", PeriodCode)
            : null;
}
