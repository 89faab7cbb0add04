using Itsm.Core.Application.Reporting;
using Itsm.Core.Reporting;
using NodaTime;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>Step 7: the monthly service report of each business service.</summary>
internal sealed partial class GuidedTour
{
    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        Heading(
            "The monthly service report, March 2027",
            "Demonstrates the monthly service report in business time; why it matters: these are the figures the customer reviews every month.");
        var month = new Interval(London.AtStartOfDay(new LocalDate(2027, 3, 1)).ToInstant(), London.AtStartOfDay(new LocalDate(2027, 4, 1)).ToInstant());
        var breaches = new List<(string Service, ReportedBreach Breach)>();
        var reports = new List<ServiceReport>();
        foreach (var service in Services)
        {
            var report = await QueryAsync(new GetServiceReport(As("sla.manager"), service, month), cancellationToken).ConfigureAwait(false);
            reports.Add(report);
            breaches.AddRange(report.Breaches.Select(b => (service.ToString(), b)));
        }

        // One column per service, one row per figure: three services fit 80 columns where nine figures side by side do not.
        var table = TableConsole.Table(["figure", .. Services.Select(s => s.ToString())], [.. Services.Select(s => s.ToString())])
            .Title("Service reports, 1 to 31 March 2027 (clocks as at month end; SLA attainment = met / (met + breached))");
        void Figure(string name, Func<ServiceReport, string> value) => table.AddRow([name, .. reports.Select(value)]);
        Figure("incidents", r => r.IncidentCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Figure("by priority", r => string.Join(" ", r.IncidentsByPriority.Select(p => $"{p.Key}:{p.Value}")));
        Figure("response attainment", r => Percent(r.ResponseAttainment));
        Figure("resolution attainment", r => Percent(r.ResolutionAttainment));
        Figure("breaches", r => r.Breaches.Length == 0 ? "0" : $"[red]{r.Breaches.Length}[/]");
        Figure("MTTR", r => r.MeanTimeToRestore is { } mttr ? Show(mttr) : "-");
        Figure("service hours", r => r.AvailabilityFigures is { } f ? Show(f.ServiceHours) : "-");
        Figure("availability", r => r.AvailabilityFigures?.Availability is { } a ? Percent(a * 100) : "-");
        var reported = reports.Sum(r => r.IncidentCount);
        console.Write(table);
        var breachTable = new Table().ShowRowSeparators().Title("Breaches in the period").AddColumns("service", "incident", "priority", "clock", "breached at (London)");
        foreach (var (service, breach) in breaches)
        {
            breachTable.AddRow(Markup.Escape(service), incidentLabels.GetValueOrDefault(breach.Incident, breach.Incident.ToString()), breach.Priority.ToString(), breach.Metric.ToString().ToLowerInvariant(), Markup.Escape(Show(breach.BreachedAt)));
        }

        console.Write(breachTable);
        console.MarkupLine(Markup.Escape(
            "MTTR is the incidents' mean time to restore in business time; service hours are the time the SLA's calendar promises. Attainment counts the clocks that met or breached; a clock still running at month end is not counted yet. "
            + "Availability comes from the outage records of what each service depends on, not from incidents (none is recorded before step 9), in the SLA's own calendar: a 24x7 March in London has 743 hours, not 744, because the clocks went forward."));
        outcome = outcome with { ReportedIncidents = reported, BreachHappened = outcome.BreachHappened && breaches.Count > 0 };
    }
}
