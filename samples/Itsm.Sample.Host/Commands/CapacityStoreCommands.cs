using System.CommandLine;
using System.Globalization;
using Itsm.Core.Application.Capacity;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm capacity record|threshold|risk</c>: capacity management against the host's store. <c>record</c> stores readings in one
/// bulk <see cref="RecordMeasurements"/> (all or none) from a CSV file <c>item,metric,at,value</c> or one value from the options;
/// <c>threshold</c> sets a metric's warning and critical levels on an item; <c>risk</c> lists the items of a service's dependency
/// closure whose stored series reaches its critical level within a horizon, and the service's state if they were saturated. Every
/// subcommand takes <c>--tenant</c>, <c>--actor</c>, <c>--at</c> and <c>--json</c>; exit codes: 2 a bad value, 4 an unknown item,
/// 5 a reading already stored.
/// </summary>
internal static class CapacityStoreCommands
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal) { ["Warning"] = "--warning", ["Critical"] = "--critical", ["Horizon"] = "--horizon", ["Readings"] = "--input" };

    private static readonly Dictionary<string, SaturationPolicy> Policies = TypedOptions.KebabNames<SaturationPolicy>().ToDictionary(p => p.Key, p => p.Value[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds <c>record</c>, <c>threshold</c> and <c>risk</c> to <paramref name="capacity"/>.</summary>
    internal static void AddTo(Command capacity)
    {
        capacity.Subcommands.Add(CreateRecord());
        capacity.Subcommands.Add(CreateThreshold());
        capacity.Subcommands.Add(CreateRisk());
    }

    /// <summary>Reads a CSV file of readings, <c>item,metric,at,value</c>; every error names the file, line and column.</summary>
    internal static List<CapacityReading> ReadReadings(string path)
    {
        var table = CsvTable.Read(path, "item", "metric", "at", "value");
        var readings = new List<CapacityReading>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var item = ConfigurationItemId.Parse(row["item"].Trim(), "item");
            var metric = CapacityMetric.Parse(row["metric"].Trim(), "metric");
            readings.Add(new CapacityReading(
                item.IsSuccess ? item.Value : throw row.Error("item", item.ValidationErrors.First().ErrorMessage),
                metric.IsSuccess ? metric.Value : throw row.Error("metric", metric.ValidationErrors.First().ErrorMessage),
                InstantText.TryParse(row["at"], out var at) is { } problem ? throw row.Error("at", problem) : at,
                ParseValue(row["value"]) ?? throw row.Error("value", $"'{row["value"]}' is not a finite number.")));
        }

        return readings;
    }

    private static Command CreateRecord()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV of readings: item,metric,at,value (instants ISO-8601 with Z or an offset); stored all or none." };
        var item = TypedOptions.Text<ConfigurationItemId>("--item", "Without --input: the item of the one reading.");
        var metric = Metric("--metric", "Without --input: the metric of the one reading, such as storage_used_pct.", required: false);
        var value = new Option<string?>("--value") { Description = "Without --input: the value of the one reading." };
        var at = TypedOptions.OptionalInstant("--reading-at", "Without --input: when it was read; the clock (--at) when omitted.");
        return OneRequest.Create(
            "record",
            "Record capacity readings in one bulk command (1 to 100,000, all or none): from a CSV file, or one reading from the options.\n\nExample:\n  itsm capacity record --input samples/Itsm.Sample.Host/samples/capacity-series.csv",
            [input, item, metric, value, at],
            (session, p, ct) =>
            {
                List<CapacityReading> readings = p.GetValue(input) is { } file
                    ? (p.GetResult(item) ?? p.GetResult(metric) ?? (object?)p.GetResult(value)) is null ? ReadReadings(file.FullName) : throw new InputException("--input: give the readings in the file or one reading with --item, --metric and --value, not both.")
                    : [new CapacityReading(
                        p.GetValue(item) ?? throw new InputException("--item: give the item of the reading (or --input FILE)."),
                        p.GetValue(metric) ?? throw new InputException("--metric: give the metric of the reading (or --input FILE)."),
                        p.GetValue(at) ?? session.Now,
                        ParseValue(p.GetValue(value) ?? throw new InputException("--value: give the value of the reading (or --input FILE).")) ?? throw new InputException($"--value: '{SafeText.Escape(p.GetValue(value)!)}' is not a finite number."))];
                return session.Dispatcher.SendAsync(new RecordMeasurements(session.Context, readings), ct);
            },
            (count, session) => new RecordedDocument(session.Context.Tenant.Value, count),
            (count, session, output) => output.WriteLine(SafeText.Escape($"recorded {count} reading(s) in tenant '{session.Context.Tenant}'")),
            Fields);
    }

    private static Command CreateThreshold()
    {
        var item = TypedOptions.Text<ConfigurationItemId>("--item", "The configuration item.", required: true);
        var metric = Metric("--metric", "The metric, such as storage_used_pct.", required: true);
        var warning = TypedOptions.Syntax("--warning", "The warning level, in the metric's unit.", text => ParseValue(text) ?? throw new InputException($"--warning: '{SafeText.Escape(text)}' is not a finite number."));
        var critical = TypedOptions.Syntax("--critical", "The critical level, at or above the warning level.", text => ParseValue(text) ?? throw new InputException($"--critical: '{SafeText.Escape(text)}' is not a finite number."));
        return OneRequest.Create(
            "threshold",
            "Set the warning and critical levels of a metric on an item, replacing earlier ones.\n\nExample:\n  itsm capacity threshold --item san --metric storage_used_pct --warning 80 --critical 90",
            [item, metric, warning, critical],
            (session, p, ct) => session.Dispatcher.SendAsync(new SetCapacityThreshold(session.Context, p.GetValue(item)!.Value, p.GetValue(metric)!.Value, p.GetValue(warning), p.GetValue(critical)), ct),
            (t, session) => new ThresholdDocument(session.Context.Tenant.Value, t.Item.Value, t.Metric.Name, t.Warning, t.Critical),
            (t, session, output) => output.WriteLine(SafeText.Escape($"threshold set in tenant '{session.Context.Tenant}': {t}")),
            Fields);
    }

    private static Command CreateRisk()
    {
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "The service (an item of the tenant's CMDB).", required: true);
        var horizon = DurationOptions.Days("--horizon", "How far ahead of the clock to look, in days, such as 180d.", "180d");
        var policy = TypedOptions.Choice("--saturated-as", "How an item at risk is treated when saturated: down or degraded; down when omitted.", Policies, "down");
        return OneRequest.Create(
            "risk",
            "The items of a service's dependency closure whose stored series reaches its critical level within the horizon, and what impact analysis says the service would be if they were saturated.\n\nExample:\n  itsm capacity risk --service shop --horizon 180d",
            [service, horizon, policy],
            (session, p, ct) => session.Dispatcher.QueryAsync(new GetCapacityRisk(session.Context, p.GetValue(service)!.Value, p.GetValue(horizon)) { Policy = p.GetValue(policy) }, ct),
            (risk, _) => new RiskDocument(
                risk.Service.Value,
                InstantText.Format(risk.Horizon),
                TypedOptions.Kebab(risk.Policy.ToString()),
                TypedOptions.Kebab(risk.ServiceState.ToString()),
                [.. risk.Items.Select(i => new RiskItemDocument(i.Item.Value, i.Metric.Name, i.Forecast.SlopePerDay, Optional(i.Forecast.Crossing), Optional(i.Forecast.Earliest), Optional(i.Forecast.Latest)))]),
            (risk, _, output) =>
            {
                foreach (var i in risk.Items)
                {
                    output.WriteLine(SafeText.Escape($"{i.Item} {i.Metric}: reaches critical about {Optional(i.Forecast.Crossing)} (95 % range {Optional(i.Forecast.Earliest)} to {Optional(i.Forecast.Latest)})"));
                }

                output.WriteLine(SafeText.Escape($"{risk.Items.Length} item(s) of {risk.Service}'s closure reach critical before {InstantText.Format(risk.Horizon)}; saturated as {TypedOptions.Kebab(risk.Policy.ToString())}, {risk.Service} would be {(risk.ServiceState == ImpactState.Up ? "up" : TypedOptions.Kebab(risk.ServiceState.ToString()).ToUpperInvariant())}"));
            },
            Fields);
    }

    private static Option<CapacityMetric?> Metric(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result => result.Tokens.Count == 0 ? null
            : CapacityMetric.Parse(result.Tokens[^1].Value.Trim(), name) is { IsSuccess: true } parsed ? parsed.Value
            : Refuse(result, $"{name}: '{SafeText.Escape(result.Tokens[^1].Value)}' is not a metric name; write lower-case letters, digits, '_', '.' or '-', starting with a letter.", CapacityMetric.InvalidCode),
    };

    private static CapacityMetric? Refuse(System.CommandLine.Parsing.ArgumentResult result, string message, string code)
    {
        result.AddError($"{message}{TypedOptions.CodeSeparator}{code}");
        return null;
    }

    private static double? ParseValue(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static string? Optional(Instant? instant) => instant is { } at ? InstantText.Format(at) : null;
}

/// <summary>The document of <c>itsm capacity record --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Recorded">How many readings were stored.</param>
internal sealed record RecordedDocument(string Tenant, int Recorded);

/// <summary>A capacity threshold as JSON (<c>itsm capacity threshold --json</c>).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Item">The item.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Warning">The warning level.</param>
/// <param name="Critical">The critical level.</param>
internal sealed record ThresholdDocument(string Tenant, string Item, string Metric, double Warning, double Critical);

/// <summary>A service's capacity risk as JSON (<c>itsm capacity risk --json</c>).</summary>
/// <param name="Service">The service.</param>
/// <param name="Horizon">The end of the horizon.</param>
/// <param name="SaturatedAs">How items at risk were treated: <c>down</c> or <c>degraded</c>.</param>
/// <param name="ServiceState">The service's state with them saturated: <c>up</c>, <c>degraded</c> or <c>down</c>.</param>
/// <param name="Items">The items at risk.</param>
internal sealed record RiskDocument(string Service, string Horizon, string SaturatedAs, string ServiceState, IReadOnlyList<RiskItemDocument> Items);

/// <summary>One item at risk as JSON.</summary>
/// <param name="Item">The item.</param>
/// <param name="Metric">The metric.</param>
/// <param name="SlopePerDay">The fitted growth per day.</param>
/// <param name="Crossing">When the fitted line reaches the critical level.</param>
/// <param name="CrossingEarliest">The 95 % range's start.</param>
/// <param name="CrossingLatest">The 95 % range's end.</param>
internal sealed record RiskItemDocument(string Item, string Metric, double? SlopePerDay, string? Crossing, string? CrossingEarliest, string? CrossingLatest);
