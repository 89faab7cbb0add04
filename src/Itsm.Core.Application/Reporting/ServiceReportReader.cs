using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Requests;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Reporting;
using Itsm.Core.Requests;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Application.Reporting;

/// <summary>
/// Reads service reports: what does not change from period to period (the SLA and its calendar, whether the service is in the
/// CMDB, its problems, known errors, service requests with their items' service calendars and dependency closure, the
/// catalogue entry and the agreements) once, in <see cref="LoadAsync"/>; then each period's incidents, availability and
/// changes in <see cref="ReportAsync"/>, the requests sliced from those loaded. One report
/// (<see cref="GetServiceReport"/>) loads and reports once; the monthly report loads once and reports each month.
/// </summary>
internal sealed class ServiceReportReader(
    IIncidentRepository incidents,
    ISlaDefinitionRepository slas,
    IBusinessCalendarSource calendars,
    IConfigurationItemRepository items,
    AvailabilityReader availability,
    ServiceActivityReader activity,
    IAgreementRepository agreements,
    ICatalogueServiceRepository catalogue,
    IServiceRequestRepository requests,
    IClock clock)
{
    /// <summary>Loads what every period of <paramref name="service"/>'s reports shares; NotFound (<c>report.no-sla</c>) without an SLA, the calendar source's failure without its calendar.</summary>
    public async Task<Result<ServiceReportBasis>> LoadAsync(RequestContext context, ConfigurationItemId service, CustomerId? customer, CancellationToken cancellationToken)
    {
        var tenant = context.Tenant;
        var sla = (await slas.ListAsync(tenant, new ApplicableSlaDefinitions(service, null), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (sla is null)
        {
            return Failure.NotFound<ServiceReportBasis>($"Service {service} has no SLA definition, so it has no agreed service hours to report against.", "report.no-sla");
        }

        var calendar = await calendars.GetAsync(tenant, sla.Record.Calendar, cancellationToken).ConfigureAwait(false);
        if (!calendar.IsSuccess)
        {
            return calendar.AsFailure<ServiceReportBasis>();
        }

        // The measure runs on the CMDB as it is now, which leaves retired items out: a service not in it has no figures.
        var measurable = await items.GetAsync(tenant, service, cancellationToken).ConfigureAwait(false) is { Record.Status: not ConfigurationItemStatus.Retired };
        var done = await activity.LoadAsync(tenant, service, cancellationToken).ConfigureAwait(false);
        var catalogued = (await catalogue.GetAsync(tenant, service, cancellationToken).ConfigureAwait(false))?.Record;
        IReadOnlyList<ServiceLevelAgreement> agreed = catalogued is null
            ? []
            : [.. (await agreements.ListAsync(tenant, null, cancellationToken).ConfigureAwait(false)).Select(a => a.Record)];
        // Every request of the service, once for the whole trend; requests carry no customer, so the customer does not filter them.
        var requested = (await requests.ListAsync(tenant, new ServiceRequestsBySubmission(service: service), cancellationToken).ConfigureAwait(false)).Select(r => r.Record).ToList();
        var requestCalendars = new Dictionary<CalendarId, BusinessCalendar>();
        foreach (var id in requested.Select(r => r.Item.ServiceCalendar).Distinct())
        {
            var compiled = await calendars.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
            if (!compiled.IsSuccess)
            {
                return compiled.AsFailure<ServiceReportBasis>();
            }

            requestCalendars[id] = compiled.Value;
        }

        return new ServiceReportBasis(context, service, customer, sla.Record.Calendar, calendar.Value, measurable, done, catalogued, agreed, requested, requestCalendars);
    }

    /// <summary>The report of <paramref name="basis"/>'s service over <paramref name="period"/>, as <see cref="GetServiceReport"/> answers it.</summary>
    public async Task<Result<ServiceReport>> ReportAsync(ServiceReportBasis basis, Interval period, string? offering, CancellationToken cancellationToken)
    {
        var tenant = basis.Context.Tenant;
        var selected = await incidents.ListAsync(tenant, new ServiceIncidentsOpenedIn(basis.Service, period), cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
        var asOf = now < period.End ? now : period.End;
        AvailabilityReport? measured = null;
        if (basis.Measurable)
        {
            // Up to the instant the clocks are evaluated at: an outage still going on counts until then, not to the period's end.
            var upTo = new Interval(period.Start, asOf > period.Start ? asOf : period.Start);
            var read = await availability.ReadAsync(new GetAvailability(basis.Context, basis.Service, upTo, basis.CalendarId) { Offering = offering }, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return read.AsFailure<ServiceReport>();
            }

            measured = read.Value;
        }

        var forCustomer = selected.Select(v => v.Record).Where(i => basis.Customer is not { } customer || i.Customer == customer).ToList();
        foreach (var incident in forCustomer)
        {
            // Each incident is measured against the targets its clocks ran under, its agreement's versions followed up to asOf.
            if (incident.Sla?.Agreement is { } known && basis.Agreements.FirstOrDefault(a => a.Id == known.Agreement) is { } agreement)
            {
                var followed = IncidentSlaProjector.Follow(incident, agreement, basis.Catalogued, asOf);
                if (!followed.IsSuccess)
                {
                    return followed.AsFailure<ServiceReport>();
                }
            }
        }

        var governing = ServiceLevelTargetResolver.ResolveOver(basis.Agreements, basis.Catalogued, basis.Service, basis.Customer, period);
        var done = await activity.ReadAsync(basis.Activity, period, cancellationToken).ConfigureAwait(false);
        return ServiceReport.Build(basis.Service, period, forCustomer, basis.Calendar, asOf, measured?.Figures, measured?.Attainment, governing) with
        {
            Customer = basis.Customer,
            Activity = done,
            Requests = ServiceReportRequests.Of(basis.Service, period, basis.Requests, basis.RequestCalendars),
        };
    }
}

/// <summary>What <see cref="ServiceReportReader.LoadAsync"/> read once for every period of a service's reports.</summary>
internal sealed record ServiceReportBasis(
    RequestContext Context,
    ConfigurationItemId Service,
    CustomerId? Customer,
    CalendarId CalendarId,
    BusinessCalendar Calendar,
    bool Measurable,
    ServiceActivitySource Activity,
    CatalogueService? Catalogued,
    IReadOnlyList<ServiceLevelAgreement> Agreements,
    IReadOnlyList<ServiceRequest> Requests,
    IReadOnlyDictionary<CalendarId, BusinessCalendar> RequestCalendars);
