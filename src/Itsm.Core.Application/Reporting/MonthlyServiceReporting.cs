using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Reporting;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Reporting;

/// <summary>
/// The monthly service report of <paramref name="Service"/> for <paramref name="Month"/> (<see cref="MonthlyServiceReport"/>): the
/// <see cref="GetServiceReport"/> of that month and of each of the <see cref="Months"/> - 1 months before it, every month bounded by
/// midnights in the time zone of the service's SLA calendar. Render it with <see cref="ServiceReportFormat"/>.
/// NotFound (<c>report.no-sla</c>) without an SLA, (<c>calendar.not-found</c>) when its calendar is missing; Invalid
/// (<c>report.months</c>) for a trend of fewer than 1 or more than 24 months, (<c>report.period</c>) for a month outside the
/// calendars' supported range.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The business service.</param>
/// <param name="Month">The month reported on.</param>
public sealed record GetMonthlyServiceReport(RequestContext Context, ConfigurationItemId Service, YearMonth Month) : IQuery<Result<MonthlyServiceReport>>
{
    /// <summary>The most months a report's trend may cover.</summary>
    public const int MaxMonths = 24;

    /// <summary>How many months the report covers, the reported month included: 12 (a year's trend) unless given.</summary>
    public int Months { get; init; } = 12;

    /// <summary>The customer to report for (as <see cref="GetServiceReport.Customer"/>), or null for every customer.</summary>
    public CustomerId? Customer { get; init; }

    /// <summary>The offering whose availability target to assess against (as <see cref="GetServiceReport.Offering"/>).</summary>
    public string? Offering { get; init; }
}

internal sealed class GetMonthlyServiceReportValidator : IRequestValidator<GetMonthlyServiceReport>
{
    public IEnumerable<ValidationError> Validate(GetMonthlyServiceReport request)
    {
        if (request.Service.Value is null)
        {
            yield return Failure.Field(nameof(request.Service), "Say which service to report on.", "report.service");
        }

        if (request.Months is < 1 or > GetMonthlyServiceReport.MaxMonths)
        {
            yield return Failure.Field(nameof(request.Months), $"A monthly report covers 1 to {GetMonthlyServiceReport.MaxMonths} months, not {request.Months}.", "report.months");
        }

        // Counted in whole months, not with YearMonth.PlusMonths, which throws before year 1 (the month is untrusted input).
        var earliestYear = Math.DivRem((request.Month.Year * 12L) + request.Month.Month - 1 - (Math.Clamp(request.Months, 1, GetMonthlyServiceReport.MaxMonths) - 1), 12).Quotient;
        if (earliestYear < Core.Calendars.BusinessCalendar.MinSupportedInstant.InUtc().Year + 1
            || request.Month.Year >= Core.Calendars.BusinessCalendar.MaxSupportedInstant.InUtc().Year)
        {
            yield return Failure.Field(nameof(request.Month), $"{request.Month} (with the months before it) lies outside the years the calendars support.", "report.period");
        }
    }
}

/// <summary>
/// Loads what every month shares once (<see cref="ServiceReportReader.LoadAsync"/>: the SLA, its calendar, whose zone bounds the
/// months, the problems, known errors, dependency closure and agreements), then reports each month, oldest first, as
/// <see cref="GetServiceReport"/> would.
/// </summary>
internal sealed class GetMonthlyServiceReportHandler(ServiceReportReader reader) : IRequestHandler<GetMonthlyServiceReport, Result<MonthlyServiceReport>>
{
    public async Task<Result<MonthlyServiceReport>> Handle(GetMonthlyServiceReport request, CancellationToken cancellationToken)
    {
        var basis = await reader.LoadAsync(request.Context, request.Service, request.Customer, cancellationToken).ConfigureAwait(false);
        if (!basis.IsSuccess)
        {
            return basis.AsFailure<MonthlyServiceReport>();
        }

        var zone = basis.Value.Calendar.Zone;
        var months = new List<ServiceReportMonth>(request.Months);
        for (var month = request.Month.PlusMonths(1 - request.Months); month <= request.Month; month = month.PlusMonths(1))
        {
            var report = await reader.ReportAsync(basis.Value, MonthlyServiceReport.MonthIn(month, zone), request.Offering, cancellationToken).ConfigureAwait(false);
            if (!report.IsSuccess)
            {
                return report.AsFailure<MonthlyServiceReport>();
            }

            months.Add(new ServiceReportMonth(month, report.Value));
        }

        return new MonthlyServiceReport(zone, months);
    }
}
