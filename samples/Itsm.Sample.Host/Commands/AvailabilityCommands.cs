using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Availability;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm availability</c>: the availability of business services over a period, measured exactly
/// (<see cref="AvailabilityMeasure"/>) from a CMDB in CSV files (as for <c>cmdb impact</c>), a
/// service-hours calendar JSON file and a CSV file of outages, without a store; or, with <c>--calendar-id</c>, one service from the
/// store (<see cref="AvailabilityStoreCommands"/>).
/// </summary>
/// <remarks>
/// OUTAGES.csv has the columns <c>item,from,to,planned</c>: the configuration item, the interval it
/// was out (half-open, ISO-8601 instants with <c>Z</c> or an offset; an empty <c>to</c> is an outage
/// still going on, which lasts to <c>--to</c>) and <c>true</c> or <c>false</c>. The same CSV
/// conventions, errors and exit codes as <c>cmdb impact</c>: a malformed file or an unknown item gives
/// <see cref="ExitCodes.InvalidInput"/> with file, line and column, and nothing is written.
/// </remarks>
internal static class AvailabilityCommands
{
    /// <summary>Creates the <c>availability</c> command.</summary>
    internal static Command Create()
    {
        var calendar = new Option<FileInfo>("--calendar") { Description = "The service hours: a calendar JSON file (as for 'itsm calendar define'). Required unless --calendar-id measures from the store." };
        var nodes = new Option<FileInfo>("--nodes") { Description = "CSV of configuration items: id,class,name[,criticality][,min_up]. Required with --calendar." };
        var edges = new Option<FileInfo>("--edges") { Description = "CSV of relationships: source,target,type. Required with --calendar." };
        var outages = new Option<FileInfo>("--outages") { Description = "CSV of outages: item,from,to,planned (half-open; empty 'to' while ongoing; planned true or false). Required with --calendar." };
        var (from, to) = PeriodOptions.Create("Start of the period (inclusive).", "End of the period (exclusive), an ISO-8601 instant.");
        var service = new Option<string?>("--service") { Description = "Measure these items, separated by commas, instead of every business service." };
        var output = new Option<FileInfo>("--output") { Description = "Write the CSV here instead of stdout (all or nothing)." };
        var command = new Command(
            "availability",
            "Availability of each business service over a period in its service hours, from CI outages and the CMDB's impact semantics with redundancy, as CSV: "
            + "service,agreed_seconds,down_seconds,degraded_seconds,planned_seconds,availability,outages,mtrs_seconds,mtbf_seconds. "
            + "Planned outages take time out of the agreed time; overlapping outages count once; nothing outside service hours counts. "
            + "With --calendar-id instead of the files, measures one --service from the store, with its target's attainment ('itsm availability target').\n\n"
            + "Example:\n  itsm availability --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --nodes samples/Itsm.Sample.Host/samples/cmdb-nodes.csv \\\n"
            + "    --edges samples/Itsm.Sample.Host/samples/cmdb-edges.csv --outages samples/Itsm.Sample.Host/samples/availability-outages.csv --from 2026-03-01T00:00:00Z --to 2026-04-01T00:00:00Z");
        foreach (var option in new Option[] { calendar, nodes, edges, outages, from, to, service, output })
        {
            command.Options.Add(option);
        }

        var store = new AvailabilityStoreCommands();
        store.AddTo(command);
        Option[] batchOnly = [calendar, nodes, edges, outages, output];
        command.SetAction((parseResult, cancellationToken) => store.IsChosen(parseResult) ? store.RunAsync(parseResult, from, to, service, batchOnly, cancellationToken) : CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            if (batchOnly[..4].FirstOrDefault(o => parseResult.GetResult(o) is null) is { } missing)
            {
                HostErrors.Line(parseResult.InvocationConfiguration.Error, $"Option '{missing.Name}' is required (or --calendar-id to measure from the store) ('itsm availability --help' shows the options)", HostErrors.UsageCode);
                return Task.FromResult(ExitCodes.Usage);
            }

            var outputPath = AtomicOutput.Check(parseResult.GetValue(output)?.FullName);
            var period = PeriodOptions.Read(parseResult, from, to, allowEmpty: true);
            var watch = Stopwatch.StartNew();
            var hours = CalendarFile.Load(parseResult.GetValue(calendar)!);
            var model = CmdbCsv.Load(parseResult.GetValue(nodes)!.FullName, parseResult.GetValue(edges)!.FullName);
            var snapshot = model.Compile();
            var outageList = LoadOutages(model, parseResult.GetValue(outages)!.FullName);
            var loaded = watch.Elapsed;
            var measured = parseResult.GetValue(service) is { } ids
                ? AvailabilityMeasure.Measure(snapshot, hours, period, outageList, CmdbCsv.ParseIds(model, ids, "--service"))
                : AvailabilityMeasure.Measure(snapshot, hours, period, outageList);
            if (!measured.IsSuccess)
            {
                return Task.FromResult(ResultReport.Write(measured, parseResult.InvocationConfiguration.Error));
            }

            var done = watch.Elapsed;
            AtomicOutput.Write(outputPath, parseResult.InvocationConfiguration.Output, writer => Write(writer, measured.Value));
            var worst = measured.Value.Where(m => m.Availability is not null).OrderBy(m => m.Availability).FirstOrDefault();
            parseResult.InvocationConfiguration.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"availability: {measured.Value.Count} service(s), {outageList.Count} outage(s), {snapshot.Count} CIs over [{InstantText.Format(period.Start)}, {InstantText.Format(period.End)}) in '{hours.Name}'; "
                + $"{(worst.Service.Value is null ? "no agreed time" : $"lowest {worst.Service} {worst.Availability:0.000000}")}; load {loaded.TotalMilliseconds:0.0} ms, measure {(done - loaded).TotalMilliseconds:0.0} ms."));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>Reads OUTAGES.csv against the CMDB's items; every error names the file, line and column.</summary>
    internal static List<Outage> LoadOutages(CmdbCsv model, string path)
    {
        var table = CsvTable.Read(path, "item", "from", "to", "planned");
        var list = new List<Outage>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var id = ConfigurationItemId.Parse(row["item"], "item");
            if (!id.IsSuccess || !model.Names.ContainsKey(id.Value))
            {
                throw row.Error("item", $"unknown configuration item '{row["item"]}'.");
            }

            var start = ParseInstant(row, "from");
            Instant? end = row["to"].Length == 0 ? null : ParseInstant(row, "to");
            var planned = row["planned"].Trim().ToLowerInvariant() switch
            {
                "true" => OutageKind.Planned,
                "false" => OutageKind.Unplanned,
                _ => throw row.Error("planned", $"'{row["planned"]}' is neither true nor false."),
            };
            var outage = Outage.Create(id.Value, start, end, planned);
            if (!outage.IsSuccess)
            {
                throw row.Error("to", outage.ValidationErrors.First().ErrorMessage);
            }

            list.Add(outage.Value);
        }

        return list;
    }

    private static void Write(TextWriter writer, IEnumerable<ServiceAvailability> figures)
    {
        writer.WriteLine("service,agreed_seconds,down_seconds,degraded_seconds,planned_seconds,availability,outages,mtrs_seconds,mtbf_seconds");
        foreach (var f in figures)
        {
            writer.WriteLine(string.Join(
                ',',
                Itsm.Core.Reporting.ServiceReportFormat.CsvField(f.Service.Value),
                Seconds(f.Agreed),
                Seconds(f.Down),
                Seconds(f.Degraded),
                Seconds(f.Planned),
                f.Availability is { } a ? a.ToString("0.000000", CultureInfo.InvariantCulture) : string.Empty,
                f.Outages.ToString(CultureInfo.InvariantCulture),
                f.MeanTimeToRestore is { } mtrs ? Seconds(mtrs) : string.Empty,
                f.MeanTimeBetweenFailures is { } mtbf ? Seconds(mtbf) : string.Empty));
        }
    }

    /// <summary>Whole seconds, or seconds with the fraction's significant digits.</summary>
    internal static string Seconds(Duration duration)
    {
        var nanos = duration.ToInt64Nanoseconds();
        var seconds = nanos / 1_000_000_000L;
        var fraction = Math.Abs(nanos % 1_000_000_000L);
        return fraction == 0
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:000000000}").TrimEnd('0');
    }

    private static Instant ParseInstant(CsvRow row, string column) =>
        InstantText.TryParse(row[column], out var instant) is { } problem ? throw row.Error(column, problem) : instant;

}
