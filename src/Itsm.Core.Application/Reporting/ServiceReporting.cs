using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Reporting;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Reporting;

/// <summary>
/// The service report for <paramref name="Service"/> over <paramref name="Period"/>, measured on the
/// calendar of the service's SLA, with clocks evaluated now (or at the period's end if that is earlier).
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The business service.</param>
/// <param name="Period">The period, such as a calendar month.</param>
public sealed record GetServiceReport(RequestContext Context, ConfigurationItemId Service, Interval Period) : IQuery<Result<ServiceReport>>;

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

internal sealed class GetServiceReportHandler(IIncidentRepository incidents, ISlaDefinitionRepository slas, IBusinessCalendarSource calendars, IClock clock)
    : IRequestHandler<GetServiceReport, Result<ServiceReport>>
{
    public async Task<Result<ServiceReport>> Handle(GetServiceReport request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var sla = (await slas.ListAsync(tenant, new ApplicableSlaDefinitions(request.Service, null), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (sla is null)
        {
            return Failure.NotFound<ServiceReport>($"Service {request.Service} has no SLA definition, so it has no agreed service hours to report against.", "report.no-sla");
        }

        var calendar = await calendars.GetAsync(tenant, sla.Record.Calendar, cancellationToken).ConfigureAwait(false);
        if (!calendar.IsSuccess)
        {
            return calendar.AsFailure<ServiceReport>();
        }

        var selected = await incidents.ListAsync(tenant, new ServiceIncidentsOpenedIn(request.Service, request.Period), cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
        var asOf = now < request.Period.End ? now : request.Period.End;
        return ServiceReport.Build(request.Service, request.Period, selected.Select(v => v.Record), calendar.Value, asOf);
    }
}
