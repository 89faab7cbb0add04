using System.Globalization;
using System.Text;
using System.Text.Json;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Reporting;

/// <summary>
/// The monthly service report as documents for other tools: JSON (the reported month in full, with the trend of every
/// month) and CSV (one row per month, oldest first, the reported month last).
/// </summary>
/// <remarks>
/// <para>
/// Instants are ISO-8601 in UTC (<c>2027-03-01T00:00:00Z</c>), months <c>yyyy-MM</c>, durations whole or fractional
/// seconds of business time on the service's calendar (a request's fulfilment time on its item's service calendar), the month's <c>parts</c> under each version of the agreement that governs
/// the service (an empty array when none does), attainment in percent and availability as a fraction in [0, 1],
/// both with up to six decimals. A figure that is undefined (no clock ended, no agreed time, no target) is JSON
/// <c>null</c> and an empty CSV field, never 0. Text is escaped as each format requires (JSON strings; CSV fields
/// quoted when they hold a comma, a quote or a line break).
/// </para>
/// <para>Thread-safe: every call works on its own buffers.</para>
/// </remarks>
public static partial class ServiceReportFormat
{
    /// <summary>The columns of <see cref="ToCsv"/>, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "month", "from", "to", "service", "customer", "incidents", "incidents_by_priority",
        "response_met", "response_breached", "response_attainment", "resolution_met", "resolution_breached", "resolution_attainment",
        "breaches", "mttr_seconds", "agreed_seconds", "down_seconds", "outages", "availability", "availability_target", "availability_target_met",
        "problems_opened", "problems_resolved", "problems_closed", "known_errors_published", "known_errors_withdrawn", "changes_implemented", "changes_failed",
        "requests_submitted", "requests_by_priority", "requests_fulfilled", "requests_closed", "requests_rejected", "requests_cancelled",
        "requests_met", "requests_breached", "request_attainment", "request_mean_fulfilment_seconds",
    ];

    /// <summary>The report as an indented JSON document.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string ToJson(MonthlyServiceReport report)
    {
        Preconditions.CheckNotNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var month = report.Report;
            json.WriteStartObject();
            json.WriteString("service", month.Service.Value);
            WriteNullable(json, "customer", month.Customer?.Value);
            json.WriteString("month", Month(report.Month));
            json.WriteString("zone", report.Zone.Id);
            json.WriteString("from", Instant(month.Period.Start));
            json.WriteString("to", Instant(month.Period.End));
            json.WriteString("asOf", Instant(month.AsOf));
            json.WriteStartObject("incidents");
            json.WriteNumber("total", month.IncidentCount);
            WriteByPriority(json, month.IncidentsByPriority);
            json.WriteEndObject();
            WriteClocks(json, "response", month.Response, month.ResponseAttainment);
            WriteClocks(json, "resolution", month.Resolution, month.ResolutionAttainment);
            json.WriteStartArray("breaches");
            foreach (var breach in month.Breaches)
            {
                json.WriteStartObject();
                json.WriteString("incident", breach.Incident.ToString());
                json.WriteString("priority", breach.Priority.ToString());
                json.WriteString("metric", breach.Metric.ToString());
                json.WriteString("breachedAt", Instant(breach.BreachedAt));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteNullable(json, "meanTimeToRestoreSeconds", Seconds(month.MeanTimeToRestore));
            WriteParts(json, month);
            WriteAvailability(json, month);
            WriteActivity(json, month.Activity);
            WriteRequests(json, month.Requests);
            json.WriteStartArray("trend");
            foreach (var (trendMonth, trend) in report.Months)
            {
                json.WriteStartObject();
                json.WriteString("month", Month(trendMonth));
                json.WriteString("from", Instant(trend.Period.Start));
                json.WriteString("to", Instant(trend.Period.End));
                json.WriteNumber("incidents", trend.IncidentCount);
                WriteNullable(json, "responseAttainment", Round(trend.ResponseAttainment));
                WriteNullable(json, "resolutionAttainment", Round(trend.ResolutionAttainment));
                json.WriteNumber("breaches", trend.Breaches.Length);
                WriteNullable(json, "availability", Round(trend.AvailabilityFigures?.Availability));
                if (trend.AvailabilityAttainment is { } met)
                {
                    json.WriteBoolean("availabilityTargetMet", met.Met);
                }
                else
                {
                    json.WriteNull("availabilityTargetMet");
                }

                WriteNullable(json, "requestAttainment", Round(trend.Requests.Attainment));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The report as CSV with the header <see cref="CsvColumns"/> and one row per month, oldest first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string ToCsv(MonthlyServiceReport report)
    {
        Preconditions.CheckNotNull(report);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', CsvColumns)).Append('\n');
        foreach (var (month, r) in report.Months)
        {
            var figures = r.AvailabilityFigures;
            var attainment = r.AvailabilityAttainment;
            string?[] fields =
            [
                Month(month), Instant(r.Period.Start), Instant(r.Period.End), r.Service.Value, r.Customer?.Value, Number(r.IncidentCount),
                ByPriority(r.IncidentsByPriority),
                Number(r.Response.Met), Number(r.Response.Breached), Decimal(r.ResponseAttainment),
                Number(r.Resolution.Met), Number(r.Resolution.Breached), Decimal(r.ResolutionAttainment),
                Number(r.Breaches.Length), Decimal(Seconds(r.MeanTimeToRestore)),
                Decimal(Seconds(figures?.Agreed)), Decimal(Seconds(figures?.Down)), figures is { } f ? Number(f.Outages) : null, Decimal(figures?.Availability),
                Decimal(attainment?.Target), attainment is { } a ? (a.Met ? "true" : "false") : null,
                Number(r.Activity.ProblemsOpened), Number(r.Activity.ProblemsResolved), Number(r.Activity.ProblemsClosed),
                Number(r.Activity.KnownErrorsPublished), Number(r.Activity.KnownErrorsWithdrawn),
                Number(r.Activity.ChangesImplemented), Number(r.Activity.ChangesFailed),
                .. RequestFields(r.Requests),
            ];
            csv.Append(string.Join(',', fields.Select(CsvField))).Append('\n');
        }

        return csv.ToString();
    }

    private static void WriteClocks(Utf8JsonWriter json, string name, (int Met, int Breached) clocks, double? attainment)
    {
        json.WriteStartObject(name);
        json.WriteNumber("met", clocks.Met);
        json.WriteNumber("breached", clocks.Breached);
        WriteNullable(json, "attainment", Round(attainment));
        json.WriteEndObject();
    }

    /// <summary>The parts under the agreement's versions: each its own counts, so the month is their sum.</summary>
    private static void WriteParts(Utf8JsonWriter json, ServiceReport report)
    {
        json.WriteStartArray("parts");
        foreach (var part in report.Parts)
        {
            var figures = part.Figures;
            json.WriteStartObject();
            json.WriteString("from", Instant(part.Period.Start));
            json.WriteString("to", Instant(part.Period.End));
            json.WriteString("agreement", part.Agreement.ToString());
            if (part.Version is { } version)
            {
                json.WriteNumber("version", version.Version);
                json.WriteString("offering", version.Offering);
            }
            else
            {
                json.WriteNull("version");
                json.WriteNull("offering");
            }

            json.WriteNumber("incidents", figures.IncidentCount);
            WriteClocks(json, "response", figures.Response, figures.ResponseAttainment);
            WriteClocks(json, "resolution", figures.Resolution, figures.ResolutionAttainment);
            json.WriteNumber("breaches", figures.Breaches.Length);
            json.WriteNumber("restored", figures.Restored);
            json.WriteNumber("timeToRestoreSeconds", Seconds(figures.TimeToRestore)!.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAvailability(Utf8JsonWriter json, ServiceReport report)
    {
        if (report.AvailabilityFigures is not { } figures)
        {
            json.WriteNull("availability");
            return;
        }

        json.WriteStartObject("availability");
        json.WriteNumber("serviceHoursSeconds", Seconds(figures.ServiceHours)!.Value);
        json.WriteNumber("plannedSeconds", Seconds(figures.Planned)!.Value);
        json.WriteNumber("agreedSeconds", Seconds(figures.Agreed)!.Value);
        json.WriteNumber("downSeconds", Seconds(figures.Down)!.Value);
        json.WriteNumber("degradedSeconds", Seconds(figures.Degraded)!.Value);
        json.WriteNumber("outages", figures.Outages);
        WriteNullable(json, "availability", Round(figures.Availability));
        if (report.AvailabilityAttainment is { } attainment)
        {
            json.WriteNumber("target", attainment.Target);
            json.WriteBoolean("targetMet", attainment.Met);
            json.WriteNumber("toSpareSeconds", Seconds(attainment.ToSpare)!.Value);
        }
        else
        {
            json.WriteNull("target");
            json.WriteNull("targetMet");
            json.WriteNull("toSpareSeconds");
        }

        json.WriteEndObject();
    }

    private static void WriteActivity(Utf8JsonWriter json, ServiceReportActivity activity)
    {
        json.WriteStartObject("problems");
        json.WriteNumber("opened", activity.ProblemsOpened);
        json.WriteNumber("resolved", activity.ProblemsResolved);
        json.WriteNumber("closed", activity.ProblemsClosed);
        json.WriteEndObject();
        json.WriteStartObject("knownErrors");
        json.WriteNumber("published", activity.KnownErrorsPublished);
        json.WriteNumber("withdrawn", activity.KnownErrorsWithdrawn);
        json.WriteEndObject();
        json.WriteStartObject("changes");
        json.WriteNumber("implemented", activity.ChangesImplemented);
        json.WriteNumber("failed", activity.ChangesFailed);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;

    private static double? Seconds(Duration? duration) => duration is { } d ? d.ToInt64Nanoseconds() / 1e9 : null;

    private static string Instant(Instant instant) => InstantPattern.General.Format(instant);

    private static string Month(YearMonth month) => YearMonthPattern.Iso.Format(month);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Counts by priority as the JSON object <c>byPriority</c>, <c>{"P1": 2, "P3": 1}</c>, highest priority first.</summary>
    private static void WriteByPriority(Utf8JsonWriter json, IEnumerable<KeyValuePair<Priority, int>> counts)
    {
        json.WriteStartObject("byPriority");
        foreach (var (priority, count) in counts)
        {
            json.WriteNumber(priority.ToString(), count);
        }

        json.WriteEndObject();
    }

    /// <summary>Counts by priority as one CSV field, <c>P1:2 P3:1</c>, highest priority first; empty when there are none.</summary>
    private static string ByPriority(IEnumerable<KeyValuePair<Priority, int>> counts) => string.Join(' ', counts.Select(p => $"{p.Key}:{Number(p.Value)}"));

    private static string? Decimal(double? value) => value is { } v ? Math.Round(v, 6).ToString("0.######", CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// One CSV field as the library writes it (RFC 4180): quoted, quotes doubled, when it holds a comma, a quote or a line
    /// break; as it is otherwise; empty for null. The one CSV field writer of the library and of the sample host.
    /// </summary>
    public static string CsvField(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value
        : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
