using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using Itsm.Core.Incidents;
using Itsm.Core.Reporting;
using Itsm.Sample.Host.Io;
using NodaTime.Text;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// The monthly service report as one self-contained HTML page (<c>itsm report service --format html</c>): the month's figures, an
/// SVG line chart of response and resolution attainment over every month of the report, an SVG bar chart of the month's incidents
/// by priority, its breaches and its parts under each agreement version. No script, no style sheet or font from elsewhere: the page opens offline and prints as it shows.
/// </summary>
internal static class ServiceReportPage
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 48;
    private const int Right = 32;
    private const int Top = 16;
    private const int Bottom = 40;

    private static readonly YearMonthPattern MonthName = YearMonthPattern.CreateWithInvariantCulture("MMMM uuuu");
    private static readonly YearMonthPattern ShortMonth = YearMonthPattern.CreateWithInvariantCulture("MMM yy");

    /// <summary>The page of <paramref name="report"/>; every text from the records is HTML-encoded.</summary>
    public static string Render(MonthlyServiceReport report)
    {
        var month = report.Report;
        var subject = $"{month.Service} for {(report.Customer is { } customer ? customer.ToString() : "every customer")}, {MonthName.Format(report.Month)}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Monthly service report: ").Append(Encode(subject)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em;color:#1b1b1b;background:#fff}h1{margin-bottom:0}p.subject{color:#555;margin-top:.3em}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f0f3f7}")
            .Append("svg{display:block;margin:.5em 0 1.5em}.response{stroke:#1f5fbf}.resolution{stroke:#d9700b}.bar{fill:#1f5fbf}.axis{stroke:#888}.grid{stroke:#e3e3e3}text{font-size:12px;fill:#333}</style>\n</head>\n<body>\n");
        html.Append("<h1 id=\"title\">Monthly service report</h1>\n<p class=\"subject\">").Append(Encode(subject)).Append(" (months in ").Append(Encode(report.Zone.Id))
            .Append("; clocks as at ").Append(InstantText.FormatSeconds(month.AsOf)).Append(")</p>\n");
        Figures(html, month);
        html.Append("<h2 id=\"attainment-trend\">SLA attainment, ").Append(report.Months.Length.ToString(CultureInfo.InvariantCulture)).Append(" months</h2>\n");
        AttainmentChart(html, report);
        html.Append("<h2 id=\"incidents-by-priority\">Incidents by priority, ").Append(Encode(MonthName.Format(report.Month))).Append("</h2>\n");
        PriorityChart(html, "priority-chart", "Incidents opened in the month by priority", month.IncidentsByPriority, "No incidents were opened this month.");
        html.Append("<h2 id=\"requests-by-priority\">Service requests by priority, ").Append(Encode(MonthName.Format(report.Month))).Append("</h2>\n");
        PriorityChart(html, "request-priority-chart", "Service requests submitted in the month by priority", month.Requests.SubmittedByPriority, "No service requests were submitted this month.");
        Breaches(html, month);
        Parts(html, month);
        html.Append("<p>Attainment is met clocks over met and breached ones; a clock still running is not counted yet. Durations are business time of the SLA's calendar.</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Figures(StringBuilder html, ServiceReport month)
    {
        html.Append("<table id=\"figures\">\n");
        void Row(string name, string value) => html.Append("<tr><th>").Append(Encode(name)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");
        Row("Incidents", $"{month.IncidentCount} ({(month.IncidentsByPriority.Count == 0 ? "none" : string.Join(", ", month.IncidentsByPriority.Select(p => $"{p.Key}: {p.Value}")))})");
        Row("Response attainment", $"{Percent(month.ResponseAttainment)} ({month.Response.Met} met, {month.Response.Breached} breached)");
        Row("Resolution attainment", $"{Percent(month.ResolutionAttainment)} ({month.Resolution.Met} met, {month.Resolution.Breached} breached)");
        Row("Mean time to restore", month.MeanTimeToRestore is { } mttr ? InstantText.FormatDuration(mttr) : "-");
        Row("Availability", month.AvailabilityFigures is { } f
            ? (f.Availability is { } a ? $"{(a * 100).ToString("0.###", CultureInfo.InvariantCulture)} % ({InstantText.FormatDuration(f.Down)} down in {f.Outages} outage(s))" : "- (no agreed time)")
              + (month.AvailabilityAttainment is { } t ? $"; target {(t.Target * 100).ToString("0.###", CultureInfo.InvariantCulture)} % {(t.Met ? "met" : "MISSED")}" : "; no target agreed")
            : "- (not a configuration item)");
        foreach (var (name, value) in ActivityRows(month))
        {
            Row(char.ToUpperInvariant(name[0]) + name[1..], value);
        }

        html.Append("</table>\n");
    }

    /// <summary>The report's problem, change and request activity as named rows, as the page and the host's table show them.</summary>
    public static IEnumerable<(string Name, string Value)> ActivityRows(ServiceReport report)
    {
        var activity = report.Activity;
        var requests = report.Requests;
        yield return ("problems", $"{activity.ProblemsOpened} opened, {activity.ProblemsResolved} resolved, {activity.ProblemsClosed} closed");
        yield return ("known errors", $"{activity.KnownErrorsPublished} published, {activity.KnownErrorsWithdrawn} fixed or retired");
        yield return ("changes", $"{activity.ChangesImplemented} implemented, {activity.ChangesFailed} failed");
        yield return ("service requests", $"{requests.Submitted} submitted, {requests.Rejected} rejected, {requests.Cancelled} cancelled, {requests.Closed} closed");
        yield return ("requests by priority", ByPriority(requests.SubmittedByPriority));
        yield return ("request fulfilment", $"{requests.Fulfilled} fulfilled, {Percent(requests.Attainment)} in target ({requests.Breached} breached), mean {(requests.MeanFulfilmentTime is { } mean ? InstantText.FormatDuration(mean) : "-")}");
    }

    private static void AttainmentChart(StringBuilder html, MonthlyServiceReport report)
    {
        var count = report.Months.Length;
        double X(int i) => Left + (count == 1 ? (Width - Left - Right) / 2.0 : i * (Width - Left - Right) / (double)(count - 1));
        double Y(double percent) => Top + ((100 - percent) * (Height - Top - Bottom) / 100);
        html.Append(Svg("attainment-chart", "Response and resolution attainment by month, in percent"));
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(tick):0.#}\" y2=\"{Y(tick):0.#}\"/><text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\">{tick} %</text>\n");
        }

        for (var i = 0; i < count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{Encode(ShortMonth.Format(report.Months[i].Month))}</text>\n");
        }

        Series(html, "response", report.Months.Select(m => m.Report.ResponseAttainment).ToList(), X, Y);
        Series(html, "resolution", report.Months.Select(m => m.Report.ResolutionAttainment).ToList(), X, Y);
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 4}\"><tspan fill=\"#1f5fbf\">■ response</tspan> <tspan fill=\"#d9700b\">■ resolution</tspan> (a gap: no clock ended that month)</text>\n</svg>\n");
    }

    /// <summary>One line per run of months that have a value, and a dot at each: a month without an ended clock breaks the line.</summary>
    private static void Series(StringBuilder html, string name, IReadOnlyList<double?> values, Func<int, double> x, Func<double, double> y)
    {
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                html.Append("<polyline class=\"").Append(name).Append("\" fill=\"none\" stroke-width=\"2\" points=\"").Append(string.Join(' ', run)).Append("\"/>\n");
            }

            run.Clear();
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                Flush();
                continue;
            }

            var point = string.Create(CultureInfo.InvariantCulture, $"{x(i):0.#},{y(value):0.#}");
            run.Add(point);
            html.Append(CultureInfo.InvariantCulture, $"<circle class=\"{name}\" cx=\"{x(i):0.#}\" cy=\"{y(value):0.#}\" r=\"3\" fill=\"#fff\" stroke-width=\"2\"><title>{value:0.#} %</title></circle>\n");
        }

        Flush();
    }

    /// <summary>Counts by priority for the host's table, <c>P1:2 P3:1</c> highest priority first, or <c>-</c> when there are none.</summary>
    public static string ByPriority(IReadOnlyCollection<KeyValuePair<Priority, int>> counts) =>
        counts.Count == 0 ? "-" : string.Join(" ", counts.Select(p => $"{p.Key}:{p.Value}"));

    /// <summary>A bar chart of <paramref name="counts"/> by priority, highest first, or <paramref name="none"/> when there are no counts.</summary>
    private static void PriorityChart(StringBuilder html, string id, string title, ImmutableSortedDictionary<Priority, int> counts, string none)
    {
        html.Append(Svg(id, title));
        if (counts.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">{none}</text>\n</svg>\n");
            return;
        }

        var most = counts.Values.Max();
        var slot = Math.Min(120, (Width - Left - Right) / (double)counts.Count);
        var i = 0;
        foreach (var (priority, count) in counts)
        {
            var height = count * (Height - Top - Bottom) / (double)most;
            var x = Left + (i++ * slot) + (slot * 0.2);
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{Height - Bottom - height:0.#}\" width=\"{slot * 0.6:0.#}\" height=\"{height:0.#}\"><title>{priority}: {count}</title></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (slot * 0.3):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{priority}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (slot * 0.3):0.#}\" y=\"{Height - Bottom - height - 4:0.#}\" text-anchor=\"middle\">{count}</text>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/>\n</svg>\n");
    }

    private static void Breaches(StringBuilder html, ServiceReport month)
    {
        if (month.Breaches.Length == 0)
        {
            html.Append("<p id=\"breaches\">No SLA clock breached this month.</p>\n");
            return;
        }

        html.Append("<h2 id=\"breaches\">Breaches</h2>\n<table>\n<tr><th>Incident</th><th>Clock</th><th>Breached at (UTC)</th></tr>\n");
        foreach (var breach in month.Breaches)
        {
            html.Append("<tr><td>").Append(Encode(breach.Incident.ToString())).Append("</td><td>").Append(Encode($"{breach.Priority} {breach.Metric.ToString().ToLowerInvariant()}"))
                .Append("</td><td>").Append(InstantText.FormatSeconds(breach.BreachedAt)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>The month part by part under each version of the agreement that governs the service; nothing when none does.</summary>
    private static void Parts(StringBuilder html, ServiceReport month)
    {
        if (month.Parts.IsEmpty)
        {
            return;
        }

        html.Append("<h2 id=\"agreement-versions\">By agreement version</h2>\n<table id=\"parts\">\n")
            .Append("<tr><th>From (UTC)</th><th>To (UTC)</th><th>Agreement version</th><th>Incidents</th><th>Response</th><th>Resolution</th><th>Breaches</th></tr>\n");
        foreach (var part in month.Parts)
        {
            var figures = part.Figures;
            html.Append("<tr><td>").Append(InstantText.FormatSeconds(part.Period.Start)).Append("</td><td>").Append(InstantText.FormatSeconds(part.Period.End))
                .Append("</td><td>").Append(Encode(VersionOf(part))).Append("</td><td>").Append(figures.IncidentCount.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(Percent(figures.ResponseAttainment))).Append("</td><td>").Append(Encode(Percent(figures.ResolutionAttainment)))
                .Append("</td><td>").Append(figures.Breaches.Length.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>The agreement and version a part of the month ran under.</summary>
    private static string VersionOf(ServiceReportPart part) =>
        part.Version is { } v ? $"{part.Agreement} v{v.Version} ({v.Offering})" : $"{part.Agreement}: no version in force";

    private static string Svg(string id, string label) =>
        $"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(label)}\">\n";

    private static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Encode(string text) => WebUtility.HtmlEncode(SafeText.Escape(text));
}
