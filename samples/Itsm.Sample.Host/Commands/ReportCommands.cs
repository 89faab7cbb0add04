using System.CommandLine;
using System.Globalization;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Reporting;
using Itsm.Core.Common;
using Itsm.Core.Reporting;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm report service</c>: the service report of one business service over a period
/// (<c>GetServiceReport</c>): incidents by priority, SLA attainment, breaches, mean time to restore in
/// business time, and availability from the stored outages in the hours of the service's SLA calendar (what
/// <c>itsm availability --calendar-id</c> measures for that calendar) with the target's attainment.
/// </summary>
/// <remarks>
/// The period is a calendar month (<c>--month 2027-03</c>, its midnights in <c>--zone</c>, UTC unless
/// given) or two instants (<c>--from</c>, <c>--to</c>, half-open). Clocks are evaluated at <c>--at</c> (or
/// now), or at the period's end if that is earlier. A service without an SLA gives
/// <see cref="ExitCodes.NotFound"/> (<c>report.no-sla</c>).
/// </remarks>
internal static class ReportCommands
{
    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.Iso;

    private static readonly Dictionary<string, string> Formats = new(StringComparer.Ordinal) { ["table"] = "table", ["json"] = "json", ["csv"] = "csv", ["html"] = "html" };

    /// <summary>Creates the <c>report</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var report = new Command("report", "Service reporting: the monthly service report of a business service.");
        report.Subcommands.Add(CreateService());
        return report;
    }

    private static Command CreateService()
    {
        var service = new Option<string>("--service") { Description = "The business service (CI id) whose SLA the report is measured against.", Required = true };
        var month = new Option<string?>("--month") { Description = "The calendar month to report, yyyy-MM, from its first midnight to the next month's in --zone." };
        var zone = new Option<string>("--zone") { Description = "The IANA time zone whose midnights bound --month, such as Europe/London.", DefaultValueFactory = _ => "UTC" };
        var from = new Option<string?>("--from") { Description = "The period's start instant (instead of --month), ISO-8601 with Z or an offset." };
        var to = new Option<string?>("--to") { Description = "The period's end instant (exclusive), with --from." };
        var offering = new Option<string?>("--offering") { Description = "The offering whose availability target to assess against (its own, else the service's)." };
        var customer = new Option<string?>("--customer") { Description = "Count only the incidents opened for this customer (availability, problems and changes stay the service's)." };
        var format = TypedOptions.Choice(
            "--format",
            "table (the period's report), or the monthly report with its trend as json, csv or html (a page with SVG charts); json, csv and html need --month, whose midnights are then those of the SLA calendar's zone.",
            Formats,
            "table");
        var months = new Option<int>("--months") { Description = "With --format json|csv|html: the months the trend covers, the reported month included (1 to 24).", DefaultValueFactory = _ => 12 };
        var outputFile = new Option<FileInfo?>("--output") { Description = "With --format json|csv|html: the file to write (written completely or not at all); standard output when omitted." };
        var command = new Command(
            "service",
            "The service report of one business service over a month or a period (GetServiceReport): incidents by priority, response and resolution attainment, breaches, "
            + "mean time to restore in business time, and availability from the recorded outages with the target's attainment, all on the calendar of the service's SLA.\n\n"
            + "Example:\n  itsm report service --service svc-payroll --month 2026-06 --zone Europe/London\n  itsm report service --service svc-payroll --month 2026-06 --format html --output june.html");
        foreach (var option in new Option[] { service, month, zone, from, to, offering, customer, format, months, outputFile, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var serviceId = Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(service), "--service"));
            var customerId = parseResult.GetValue(customer) is { } named ? Parsed.Value(CustomerId.Parse(named, "--customer")) : (CustomerId?)null;
            if (parseResult.GetValue(format) is { } document and not "table")
            {
                var monthly = MonthlyRequest(parseResult.GetValue(month), parseResult.GetValue(from), parseResult.GetValue(to), parseResult.GetValue(HostOptions.Json));
                var path = AtomicOutput.Check(parseResult.GetValue(outputFile)?.FullName);
                var answer = await session.Dispatcher.QueryAsync(
                    new GetMonthlyServiceReport(session.Context, serviceId, monthly) { Customer = customerId, Offering = parseResult.GetValue(offering), Months = parseResult.GetValue(months) },
                    cancellationToken).ConfigureAwait(false);
                if (!answer.IsSuccess)
                {
                    return ResultReport.Write(answer, error, new Dictionary<string, string> { ["Service"] = "--service", ["Month"] = "--month", ["Months"] = "--months", ["Offering"] = "--offering" });
                }

                var text = document switch
                {
                    "json" => ServiceReportFormat.ToJson(answer.Value),
                    "csv" => ServiceReportFormat.ToCsv(answer.Value),
                    _ => ServiceReportPage.Render(answer.Value),
                };
                AtomicOutput.Write(path, output, writer => writer.Write(text));
                return ExitCodes.Ok;
            }

            var period = Period(parseResult.GetValue(month), parseResult.GetValue(zone)!, parseResult.GetValue(from), parseResult.GetValue(to));
            var report = await session.Dispatcher.QueryAsync(new GetServiceReport(session.Context, serviceId, period) { Offering = parseResult.GetValue(offering), Customer = customerId }, cancellationToken).ConfigureAwait(false);
            if (!report.IsSuccess)
            {
                return ResultReport.Write(report, error, new Dictionary<string, string> { ["Service"] = "--service", ["Period"] = "--month", ["Offering"] = "--offering" });
            }

            return JsonOutput.Answer(parseResult, output, () => ServiceReportDocument.Of(session.Context.Tenant.Value, report.Value), () => Write(output, report.Value));
        }));
        return command;
    }

    /// <summary>The month of a monthly report: <c>--month</c> alone, without <c>--from</c>, <c>--to</c> or <c>--json</c>.</summary>
    /// <exception cref="InputException">The month is missing or malformed, or a period or <c>--json</c> is given too.</exception>
    private static YearMonth MonthlyRequest(string? month, string? from, string? to, bool json)
    {
        if (month is null || from is not null || to is not null || json)
        {
            throw new InputException("--format json|csv|html reports a month: give --month yyyy-MM, without --from, --to or --json.", HostErrors.UsageCode);
        }

        var parsed = MonthPattern.Parse(month);
        return parsed.Success ? parsed.Value : throw new InputException($"--month: '{month}' is not a month; use yyyy-MM, such as 2027-03.");
    }

    /// <summary>The period the options name: a month in a zone, or two instants.</summary>
    /// <exception cref="InputException">Neither or both forms are given, or a value is malformed.</exception>
    internal static Interval Period(string? month, string zone, string? from, string? to)
    {
        if ((month is null) == (from is null && to is null))
        {
            throw new InputException("give either --month yyyy-MM or --from and --to.", HostErrors.UsageCode);
        }

        if (month is not null)
        {
            var parsed = MonthPattern.Parse(month);
            if (!parsed.Success)
            {
                throw new InputException($"--month: '{month}' is not a month; use yyyy-MM, such as 2027-03.");
            }

            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not { } timeZone)
            {
                throw new InputException($"--zone: '{zone}' is not an IANA time zone id, such as Europe/London or UTC.");
            }

            var first = parsed.Value.OnDayOfMonth(1);
            return new Interval(CalendarShowCommand.StartOfDay(timeZone, first), CalendarShowCommand.StartOfDay(timeZone, first.PlusMonths(1)));
        }

        if (from is null || to is null)
        {
            throw new InputException("give both --from and --to.", HostErrors.UsageCode);
        }

        var start = InstantText.Parse(from, "--from");
        var end = InstantText.Parse(to, "--to");
        return end > start ? new Interval(start, end) : throw new InputException($"--to {to} is not after --from {from}.");
    }

    private static void Write(TextWriter output, ServiceReport report)
    {
        var console = TableConsole.Create(output);
        console.WriteLine($"service report for {report.Service}, {InstantText.FormatSeconds(report.Period.Start)} to {InstantText.FormatSeconds(report.Period.End)} (clocks as at {InstantText.FormatSeconds(report.AsOf)})");
        var grid = TableConsole.Grid();
        void Row(string name, string value) => grid.Field(name, value);
        Row("incidents", Count(report.IncidentCount));
        Row("by priority", ServiceReportPage.ByPriority(report.IncidentsByPriority));
        Row("response attainment", $"{Percent(report.ResponseAttainment)} ({report.Response.Met} met, {report.Response.Breached} breached)");
        Row("resolution attainment", $"{Percent(report.ResolutionAttainment)} ({report.Resolution.Met} met, {report.Resolution.Breached} breached)");
        Row("breaches", Count(report.Breaches.Length));
        Row("mean time to restore", report.MeanTimeToRestore is { } mttr ? InstantText.FormatDuration(mttr) : "-");
        if (report.AvailabilityFigures is { } f)
        {
            Row("service hours", $"{InstantText.FormatDuration(f.ServiceHours)} ({InstantText.FormatDuration(f.Planned)} planned, {InstantText.FormatDuration(f.Agreed)} agreed)");
            Row("downtime", $"{InstantText.FormatDuration(f.Down)} in {Count(f.Outages)} outage(s), {InstantText.FormatDuration(f.Degraded)} degraded");
            Row("availability", f.Availability is { } a ? (a * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %" : "- (no agreed time)");
            Row("MTRS / MTBF / MTBSI", string.Join(" / ", new[] { f.MeanTimeToRestore, f.MeanTimeBetweenFailures, f.MeanTimeBetweenServiceIncidents }.Select(d => d is { } v ? InstantText.FormatDuration(v) : "-")));
            Row("availability target", report.AvailabilityAttainment is { } t ? AvailabilityDocuments.Summary(t) : "none in force");
        }
        else
        {
            Row("availability", "- (the service is not a configuration item, so it has no outages)");
        }

        foreach (var (name, value) in ServiceReportPage.ActivityRows(report))
        {
            Row(name, value);
        }

        console.Write(grid);
        if (report.Breaches.Length > 0)
        {
            var table = TableConsole.Table(["incident", "clock", "breached at (UTC)"], "incident", "breached at (UTC)");
            foreach (var breach in report.Breaches)
            {
                table.Row(breach.Incident.ToString(), $"{breach.Priority} {breach.Metric.ToString().ToLowerInvariant()}", InstantText.FormatSeconds(breach.BreachedAt));
            }

            console.Write(table);
        }

        if (report.Parts.Length > 0)
        {
            // One line per part, from its start to the next part's (the last to the period's end): a table of seven columns does not fit 80.
            console.WriteLine($"by version of agreement {string.Join(", ", report.Parts.Select(p => p.Agreement).Distinct())}:");
            var parts = TableConsole.Grid();
            foreach (var part in report.Parts)
            {
                var figures = part.Figures;
                parts.Field(
                    InstantText.FormatSeconds(part.Period.Start),
                    $"{(part.Version is { } v ? $"v{v.Version} ({v.Offering})" : "no version in force")}: {Count(figures.IncidentCount)} incident(s), response {Percent(figures.ResponseAttainment)}, resolution {Percent(figures.ResolutionAttainment)}, {Count(figures.Breaches.Length)} breach(es)");
            }

            console.Write(parts);
        }

        console.WriteLine("Attainment = met / (met + breached); a clock still running at the end is not counted yet. Durations are business time of the SLA's calendar.");
        console.WriteLine("Mean time to restore is the incidents'; availability, downtime and MTRS come from the recorded outages of what the service depends on, up to the clocks' instant.");
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "-";
}

/// <summary>The document of <c>itsm report service --json</c>; durations in seconds of business time, instants in UTC to the second.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Service">The business service.</param>
/// <param name="From">The period's start.</param>
/// <param name="To">The period's end (exclusive).</param>
/// <param name="AsOf">When the clocks were evaluated.</param>
/// <param name="IncidentCount">Incidents opened in the period.</param>
/// <param name="IncidentsByPriority">Incidents by priority name (P1, P2, ...).</param>
/// <param name="Response">Response clocks met and breached, and the attainment percentage.</param>
/// <param name="Resolution">Resolution clocks met and breached, and the attainment percentage.</param>
/// <param name="Breaches">Each breach.</param>
/// <param name="MeanTimeToRestoreSeconds">Mean time to restore, or null without resolved incidents.</param>
/// <param name="Availability">
/// Availability from the recorded outages (as <c>itsm availability --calendar-id --json</c> gives it, the fraction in [0, 1]) with the
/// target's attainment, or null when the service is not a configuration item.
/// </param>
/// <param name="Parts">The period's parts under each version of the agreement that governs the service (none when no agreement does).</param>
/// <param name="Requests">The service's requests in the period, counted by their events' instants.</param>
internal sealed record ServiceReportDocument(
    string Tenant, string Service, string From, string To, string AsOf, int IncidentCount, IReadOnlyDictionary<string, int> IncidentsByPriority,
    AttainmentDocument Response, AttainmentDocument Resolution, IReadOnlyList<BreachDocument> Breaches,
    double? MeanTimeToRestoreSeconds, AvailabilityDocument? Availability, IReadOnlyList<ReportPartDocument> Parts, RequestsDocument Requests)
{
    /// <summary>The document of <paramref name="report"/>.</summary>
    public static ServiceReportDocument Of(string tenant, ServiceReport report) => new(
        tenant, report.Service.Value, InstantText.FormatSeconds(report.Period.Start), InstantText.FormatSeconds(report.Period.End), InstantText.FormatSeconds(report.AsOf),
        report.IncidentCount, report.IncidentsByPriority.ToDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal),
        new AttainmentDocument(report.Response.Met, report.Response.Breached, report.ResponseAttainment),
        new AttainmentDocument(report.Resolution.Met, report.Resolution.Breached, report.ResolutionAttainment),
        [.. report.Breaches.Select(b => new BreachDocument(b.Incident.ToString(), b.Priority.ToString(), b.Metric.ToString(), InstantText.FormatSeconds(b.BreachedAt)))],
        report.MeanTimeToRestore is { } mttr ? InstantText.Seconds(mttr) : null,
        report.AvailabilityFigures is { } figures ? AvailabilityDocument.Of(new AvailabilityReport(figures, report.AvailabilityAttainment, null)) : null,
        [.. report.Parts.Select(p => new ReportPartDocument(
            InstantText.FormatSeconds(p.Period.Start), InstantText.FormatSeconds(p.Period.End), p.Agreement.ToString(), p.Version?.Version, p.Version?.Offering, p.Figures.IncidentCount,
            new AttainmentDocument(p.Figures.Response.Met, p.Figures.Response.Breached, p.Figures.ResponseAttainment),
            new AttainmentDocument(p.Figures.Resolution.Met, p.Figures.Resolution.Breached, p.Figures.ResolutionAttainment),
            p.Figures.Breaches.Length))],
        new RequestsDocument(
            report.Requests.Submitted, report.Requests.SubmittedByPriority.ToDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal), report.Requests.Fulfilled, report.Requests.Closed, report.Requests.Rejected, report.Requests.Cancelled,
            new AttainmentDocument(report.Requests.Met, report.Requests.Breached, report.Requests.Attainment),
            report.Requests.MeanFulfilmentTime is { } mean ? InstantText.Seconds(mean) : null));
}

/// <summary>The service's requests in a report's period.</summary>
/// <param name="Submitted">Requests submitted.</param>
/// <param name="ByPriority">Requests submitted by the priority they were submitted at (P1, P2, ...).</param>
/// <param name="Fulfilled">Requests whose last fulfilment task was done.</param>
/// <param name="Closed">Requests closed.</param>
/// <param name="Rejected">Requests rejected.</param>
/// <param name="Cancelled">Requests cancelled.</param>
/// <param name="Fulfilment">The fulfilment clocks of the requests fulfilled: met, breached and attainment.</param>
/// <param name="MeanFulfilmentSeconds">Mean business time from submission to fulfilment on the items' service calendars, or null when none was fulfilled.</param>
internal sealed record RequestsDocument(int Submitted, IReadOnlyDictionary<string, int> ByPriority, int Fulfilled, int Closed, int Rejected, int Cancelled, AttainmentDocument Fulfilment, double? MeanFulfilmentSeconds);

/// <summary>One part of a report's period under one agreement version.</summary>
/// <param name="From">The part's start.</param>
/// <param name="To">The part's end (exclusive).</param>
/// <param name="Agreement">The agreement.</param>
/// <param name="Version">The version in force during the part, or null when none is.</param>
/// <param name="Offering">The offering that version agrees, or null.</param>
/// <param name="IncidentCount">Incidents opened in the part.</param>
/// <param name="Response">Response clocks of those incidents.</param>
/// <param name="Resolution">Resolution clocks of those incidents.</param>
/// <param name="Breaches">How many of their clocks breached.</param>
internal sealed record ReportPartDocument(string From, string To, string Agreement, int? Version, string? Offering, int IncidentCount, AttainmentDocument Response, AttainmentDocument Resolution, int Breaches);

/// <summary>Clocks met and breached.</summary>
/// <param name="Met">Clocks that met their target.</param>
/// <param name="Breached">Clocks that breached.</param>
/// <param name="Attainment">Met as a percentage of met and breached, or null when none stopped.</param>
internal sealed record AttainmentDocument(int Met, int Breached, double? Attainment);

/// <summary>One breach in a report.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="Metric">Response or Resolution.</param>
/// <param name="BreachedAt">When the clock breached.</param>
internal sealed record BreachDocument(string Incident, string Priority, string Metric, string BreachedAt);
