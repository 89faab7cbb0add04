using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Reporting;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Reporting;

/// <summary>
/// The service report for <paramref name="Service"/> over <paramref name="Period"/>, measured on the
/// calendar of the service's SLA, with clocks evaluated now (or at the period's end if that is earlier).
/// Its availability is exactly what <see cref="GetAvailability"/> answers for the service on that calendar
/// (its service hours) over the period up to the same instant, with the attainment of the service's
/// target (the offering's, when <see cref="Offering"/> names one that has its own); a service that is not
/// a configuration item of the CMDB as it is now (never registered, or retired) has no availability figures. NotFound (<c>report.no-sla</c>) without an SLA,
/// (<c>calendar.not-found</c>) when its calendar is missing.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The business service.</param>
/// <param name="Period">The period, such as a calendar month.</param>
public sealed record GetServiceReport(RequestContext Context, ConfigurationItemId Service, Interval Period) : IQuery<Result<ServiceReport>>
{
    /// <summary>The offering whose availability target to assess against, or null for the service's own.</summary>
    public string? Offering { get; init; }

    /// <summary>
    /// The customer to report for: only incidents opened for this customer count, and the report is labelled with it; null
    /// for every customer of the service. Availability and problem and change activity are the service's, whoever the customer.
    /// </summary>
    public CustomerId? Customer { get; init; }
}

internal sealed class GetServiceReportValidator : IRequestValidator<GetServiceReport>
{
    public IEnumerable<ValidationError> Validate(GetServiceReport request)
    {
        if (request.Service.Value is null)
        {
            yield return Failure.Field(nameof(request.Service), "Say which service to report on.", "report.service");
        }

        if (!request.Period.HasStart || !request.Period.HasEnd || request.Period.Duration <= Duration.Zero)
        {
            yield return Failure.Field(nameof(request.Period), "The period needs a start before its end.", "report.period");
        }
        else if (request.Period.Duration > Duration.FromDays(400))
        {
            yield return Failure.Field(nameof(request.Period), "Report on at most 400 days at once.", "report.period");
        }
    }
}

/// <summary>Loads the SLA, its calendar and the period's incidents (the customer's, when one is named), measures availability through <see cref="AvailabilityReader"/>, as <see cref="GetAvailability"/> does, and counts problem and change activity through <see cref="ServiceActivityReader"/>, all through <see cref="ServiceReportReader"/>.</summary>
internal sealed class GetServiceReportHandler(ServiceReportReader reader) : IRequestHandler<GetServiceReport, Result<ServiceReport>>
{
    public async Task<Result<ServiceReport>> Handle(GetServiceReport request, CancellationToken cancellationToken)
    {
        var basis = await reader.LoadAsync(request.Context, request.Service, request.Customer, cancellationToken).ConfigureAwait(false);
        return basis.IsSuccess
            ? await reader.ReportAsync(basis.Value, request.Period, request.Offering, cancellationToken).ConfigureAwait(false)
            : basis.AsFailure<ServiceReport>();
    }
}
