using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm capacity forecast</c>: when each capacity series of a CSV file reaches a threshold
/// (<see cref="CapacityForecasting"/>), or why there is no estimate. No store.
/// </summary>
/// <remarks>
/// SERIES.csv has the columns <c>item,metric,at,value</c>, one reading per row in any order; a series is
/// the readings of one item and metric. OUT.csv has one row per series, in order of first appearance:
/// <c>item,metric,slope_per_day,crossing,crossing_earliest,crossing_latest,status</c> with <c>status</c>
/// one of <c>forecast</c>, <c>flat</c>, <c>insufficient-data</c>, <c>already-above</c>; the dates only with
/// <c>forecast</c>. A forecast whose crossing lies beyond the horizon after the series' last reading is
/// left out (the summary on stderr counts it). Bad input gives <see cref="ExitCodes.InvalidInput"/> with
/// file, line and column, and nothing is written.
/// </remarks>
internal static partial class CapacityCommands
{
    /// <summary>Creates the <c>capacity</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var capacity = new Command("capacity", "Capacity management: forecasts of when measured series reach a threshold; readings, thresholds and the risk to services in the store.");
        capacity.Subcommands.Add(CreateForecast());
        CapacityStoreCommands.AddTo(capacity);
        return capacity;
    }

    private static Command CreateForecast()
    {
        var series = new Option<FileInfo>("--series") { Description = "CSV of readings: item,metric,at,value.", Required = true };
        var threshold = new Option<string>("--threshold") { Description = "The threshold to reach, in the metrics' unit (such as 90 for 90 %).", Required = true };
        var horizon = DurationOptions.Days("--horizon", "Only forecasts crossing within this many days after a series' last reading, such as 180d.", "180d");
        var output = new Option<FileInfo>("--output") { Description = "Write the CSV here instead of stdout (all or nothing)." };
        var command = new Command(
            "forecast",
            "When each series reaches the threshold: the least-squares line's crossing with the range where the 95 % confidence band of the fitted mean reaches it, "
            + "or no estimate when there are fewer than 5 readings, the trend is not rising or not significant at 5 %, or the last reading is already above. As CSV: "
            + "item,metric,slope_per_day,crossing,crossing_earliest,crossing_latest,status.\n\n"
            + "Example:\n  itsm capacity forecast --series samples/Itsm.Sample.Host/samples/capacity-series.csv --threshold 90 --horizon 180d");
        foreach (var option in new Option[] { series, threshold, horizon, output })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            var outputPath = AtomicOutput.Check(parseResult.GetValue(output)?.FullName);
            var limit = ParseThreshold(parseResult.GetValue(threshold)!);
            var days = parseResult.GetValue(horizon);
            var groups = LoadSeries(parseResult.GetValue(series)!.FullName);
            var rows = new List<(string Item, string Metric, CapacityForecast Forecast)>();
            var beyond = 0;
            foreach (var ((item, metric), readings) in groups)
            {
                var forecast = CapacityForecasting.Forecast(readings, limit).Value;
                var last = readings.Max(r => r.At);
                if (forecast.Status == ForecastStatus.Forecast && forecast.Crossing > last + days)
                {
                    beyond++;
                    continue;
                }

                rows.Add((item, metric, forecast));
            }

            AtomicOutput.Write(outputPath, parseResult.InvocationConfiguration.Output, writer => Write(writer, rows));
            var counts = string.Join(", ", rows.GroupBy(r => Status(r.Forecast.Status)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
            parseResult.InvocationConfiguration.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"capacity forecast: {groups.Count} series, threshold {limit}, horizon {days.Days}d; {(counts.Length > 0 ? counts : "nothing")}; {beyond} crossing beyond the horizon (not listed)."));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>The readings of SERIES.csv (<see cref="CapacityStoreCommands.ReadReadings"/>) grouped by item and metric, in order of first appearance.</summary>
    private static List<((string Item, string Metric) Key, List<Measurement> Readings)> LoadSeries(string path)
    {
        var groups = new List<((string, string), List<Measurement>)>();
        var index = new Dictionary<(string, string), int>();
        foreach (var reading in CapacityStoreCommands.ReadReadings(path))
        {
            var key = (reading.Item.Value, reading.Metric.Name);
            if (!index.TryGetValue(key, out var slot))
            {
                slot = groups.Count;
                index[key] = slot;
                groups.Add((key, []));
            }

            groups[slot].Item2.Add(reading.Measurement);
        }

        return groups;
    }

    private static double ParseThreshold(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InputException($"--threshold: '{text}' is not a finite number.");

    private static void Write(TextWriter writer, IEnumerable<(string Item, string Metric, CapacityForecast Forecast)> rows)
    {
        writer.WriteLine("item,metric,slope_per_day,crossing,crossing_earliest,crossing_latest,status");
        foreach (var (item, metric, f) in rows)
        {
            writer.WriteLine(string.Join(
                ',',
                Itsm.Core.Reporting.ServiceReportFormat.CsvField(item),
                Itsm.Core.Reporting.ServiceReportFormat.CsvField(metric),
                f.SlopePerDay is { } slope ? slope.ToString("0.######", CultureInfo.InvariantCulture) : string.Empty,
                f.Crossing is { } c ? InstantText.FormatSeconds(c) : string.Empty,
                f.Earliest is { } e ? InstantText.FormatSeconds(e) : string.Empty,
                f.Latest is { } l ? InstantText.FormatSeconds(l) : string.Empty,
                Status(f.Status)));
        }
    }

    private static string Status(ForecastStatus status) => status switch
    {
        ForecastStatus.Forecast => "forecast",
        ForecastStatus.Flat => "flat",
        ForecastStatus.InsufficientData => "insufficient-data",
        _ => "already-above",
    };
}
