using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm problem candidates</c>: problem candidates from the CMDB's topology (<see cref="ProblemCandidates.Find"/>) over
/// CSV files, for batch comparison with a vendor's own tool; the same CSV conventions, errors and exit codes as
/// <c>itsm cmdb impact</c> (file:line:column in every error, exit 2, all-or-nothing <c>--output</c>, timings on stderr).
/// Without the files, the store form: <c>--from</c>/<c>--to</c> over the incidents and the CMDB in the store
/// (<see cref="FindProblemCandidates"/>), the same CSV, or with <c>--json</c> each candidate with its explanation.
/// </summary>
/// <remarks>
/// The incidents file is <c>id,opened,item</c>: the incident's GUID, when it was opened (ISO-8601 with <c>Z</c> or an
/// offset) and the CI it hit. An id given twice or an item the CMDB does not hold is an error on its row rather than an
/// incident left out silently. The answer is <c>candidate,shared_item,incident</c>, one row per member: candidates
/// numbered from 1 in the library's order (by first incident, then shared item), members in opening order.
/// </remarks>
internal static class ProblemCandidatesCommand
{
    /// <summary>The header of the answer.</summary>
    internal const string Header = "candidate,shared_item,incident";

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Window"] = "--window",
        ["Minimum"] = "--min",
        ["Period"] = "--from/--to",
    };

    /// <summary>Creates <c>itsm problem candidates</c>.</summary>
    internal static Command Create()
    {
        var nodes = new Option<FileInfo>("--nodes") { Description = "CSV form: configuration items, id,class,name[,criticality][,min_up] (as for 'itsm cmdb impact')." };
        var edges = new Option<FileInfo>("--edges") { Description = "CSV form: relationships, source,target,type (as for 'itsm cmdb impact')." };
        var incidents = new Option<FileInfo>("--incidents") { Description = "CSV form: incidents, id,opened,item (GUID, ISO-8601 instant, CI id)." };
        var from = TypedOptions.OptionalInstant("--from", "Store form: the incidents opened from this instant, ISO-8601 with Z or an offset.");
        var to = TypedOptions.OptionalInstant("--to", "Store form: ... up to this instant (exclusive).");
        var window = DurationOptions.Create("--window", "The largest gap between consecutive incidents of one candidate, such as 24h, 90m or 1h30m.", noun: "duration");
        var minimum = new Option<int>("--min") { Description = "How many incidents make a candidate; at least 2.", DefaultValueFactory = _ => 3 };
        var output = new Option<FileInfo>("--output") { Description = "Write the CSV here instead of stdout (all or nothing)." };
        var command = new Command(
            "candidates",
            $"Problem candidates from the CMDB's topology: incidents opened close together whose items all depend on one shared item, the nearest such item as the suggested cause; as CSV: {Header}, one row per member. From CSV files (--nodes, --edges, --incidents), or from the store's incidents and CMDB (--from, --to; --json adds the explanations).\n\n"
            + "Example:\n  itsm problem candidates --nodes samples/Itsm.Sample.Host/samples/cmdb-nodes.csv --edges samples/Itsm.Sample.Host/samples/cmdb-edges.csv --incidents samples/Itsm.Sample.Host/samples/incidents.csv --window 24h --min 3\n"
            + "  itsm problem candidates --from 2026-06-15T00:00:00Z --to 2026-06-16T00:00:00Z --window 1h --min 3 --json");
        foreach (var option in new Option[] { nodes, edges, incidents, from, to, window, minimum, output, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        Option[] files = [nodes, edges, incidents];
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (!Array.Exists(files, o => parseResult.GetResult(o) is { Implicit: false }))
            {
                return RunOnStoreAsync(parseResult, from, to, window, minimum, output, cancellationToken);
            }

            return CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () => RunOnFiles(parseResult, nodes, edges, incidents, [from, to, HostOptions.Json], window, minimum, output));
        });
        return command;
    }

    /// <summary>The CSV form: every input from files, no store.</summary>
    private static Task<int> RunOnFiles(ParseResult parseResult, Option<FileInfo> nodes, Option<FileInfo> edges, Option<FileInfo> incidents, Option[] storeOnly, Option<Duration> window, Option<int> minimum, Option<FileInfo> output)
    {
        if (Array.Find([nodes, edges, incidents], o => parseResult.GetValue(o) is null) is { } missing)
        {
            throw new InputException($"{missing.Name}: the CSV form reads the CMDB and the incidents from files; give --nodes, --edges and --incidents together, or none of them and --from/--to for the store.");
        }

        if (Array.Find(storeOnly, o => parseResult.GetResult(o) is { Implicit: false }) is { } mixed)
        {
            throw new InputException($"{mixed.Name}: the CSV form reads files; leave out {mixed.Name}, or the files for the store form.");
        }

        var error = parseResult.InvocationConfiguration.Error;
        var outputPath = AtomicOutput.Check(parseResult.GetValue(output)?.FullName);
        var watch = Stopwatch.StartNew();
        var model = CmdbCsv.Load(parseResult.GetValue(nodes)!.FullName, parseResult.GetValue(edges)!.FullName);
        var occurrences = LoadIncidents(model.Names.ContainsKey, parseResult.GetValue(incidents)!.FullName);
        var loaded = watch.Elapsed;
        var snapshot = model.Compile();
        var compiled = watch.Elapsed;
        var found = ProblemCandidates.Find(snapshot, occurrences, parseResult.GetValue(window), parseResult.GetValue(minimum));
        if (!found.IsSuccess)
        {
            return Task.FromResult(ResultReport.Write(found, error, Fields));
        }

        var searched = watch.Elapsed;
        AtomicOutput.Write(outputPath, parseResult.InvocationConfiguration.Output, writer => Write(writer, found.Value));
        error.WriteLine(
            $"problem candidates: {snapshot.Count} CIs, {snapshot.RelationshipCount} relationships, {occurrences.Count} incidents, {found.Value.Candidates.Length} candidates " +
            $"({found.Value.Candidates.Sum(c => c.Incidents.Length)} member rows); load {CmdbImpactCommands.Ms(loaded)}, compile {CmdbImpactCommands.Ms(compiled - loaded)}, find {CmdbImpactCommands.Ms(searched - compiled)}, write {CmdbImpactCommands.Ms(watch.Elapsed - searched)}.");
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>The store form: the incidents opened in <c>[--from, --to)</c> and the tenant's CMDB, through <see cref="FindProblemCandidates"/>.</summary>
    private static Task<int> RunOnStoreAsync(ParseResult parseResult, Option<Instant?> from, Option<Instant?> to, Option<Duration> window, Option<int> minimum, Option<FileInfo> output, CancellationToken cancellationToken) =>
        RecordSession.RunAsync(parseResult, async (session, standardOutput, error) =>
        {
            var (start, end) = (parseResult.GetValue(from), parseResult.GetValue(to));
            if (start is null || end is null)
            {
                throw new InputException($"{(start is null ? "--from" : "--to")}: give the period of the incidents (--from and --to), or --nodes, --edges and --incidents for the CSV form.");
            }

            if (end < start)
            {
                throw new InputException($"--to: {InstantText.Format(end.Value)} is before --from {InstantText.Format(start.Value)}.");
            }

            var outputPath = AtomicOutput.Check(parseResult.GetValue(output)?.FullName);
            var watch = Stopwatch.StartNew();
            var query = new FindProblemCandidates(session.Context, new Interval(start.Value, end.Value), parseResult.GetValue(window), parseResult.GetValue(minimum));
            var found = await session.Dispatcher.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            if (!found.IsSuccess)
            {
                return ResultReport.Write(found, error, Fields);
            }

            var searched = watch.Elapsed;
            if (parseResult.GetValue(HostOptions.Json))
            {
                AtomicOutput.Write(outputPath, standardOutput, writer => JsonOutput.Write(writer, Document(found.Value)));
            }
            else
            {
                AtomicOutput.Write(outputPath, standardOutput, writer => Write(writer, found.Value));
            }

            error.WriteLine(
                $"problem candidates: tenant '{session.Context.Tenant}', {found.Value.Candidates.Length} candidates ({found.Value.Candidates.Sum(c => c.Incidents.Length)} member rows), " +
                $"{found.Value.Unplaced.Length} incidents on items the CMDB does not hold; query {CmdbImpactCommands.Ms(searched)}, write {CmdbImpactCommands.Ms(watch.Elapsed - searched)}.");
            return ExitCodes.Ok;
        });

    /// <summary>The JSON answer of the store form: each candidate numbered as in the CSV, with its incidents and explanation.</summary>
    private static object Document(ProblemCandidateSearch search) => new
    {
        candidates = search.Candidates.Select((c, i) => new
        {
            candidate = i + 1,
            sharedItem = c.SharedItem.Value,
            from = InstantText.Format(c.From),
            to = InstantText.Format(c.To),
            incidents = c.Incidents.Select(x => x.ToString()).ToArray(),
            explanation = c.Explanation.Lines.ToArray(),
        }).ToArray(),
        unplaced = search.Unplaced.Select(x => x.ToString()).ToArray(),
    };

    /// <summary>
    /// Reads an incidents file, <c>id,opened,item</c>; <paramref name="isKnown"/> says which CIs the CMDB holds.
    /// </summary>
    /// <exception cref="InputException">A row is bad (an id that is not a GUID or is given twice, an instant that is not ISO-8601, an unknown CI); the message names file, line and column.</exception>
    internal static List<IncidentOccurrence> LoadIncidents(Func<ConfigurationItemId, bool> isKnown, string path)
    {
        var table = CsvTable.Read(path, "id", "opened", "item");
        var lines = new Dictionary<IncidentId, int>();
        var list = new List<IncidentOccurrence>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var id = IncidentId.Parse(row["id"], "id");
            if (!id.IsSuccess)
            {
                throw row.Error("id", $"'{row["id"]}' is not an incident id; give the incident's GUID.");
            }

            if (!lines.TryAdd(id.Value, row.Line))
            {
                throw row.Error("id", $"incident {id.Value} appears twice (first on line {lines[id.Value]}).");
            }

            if (InstantText.TryParse(row["opened"], out var opened) is { } problem)
            {
                throw row.Error("opened", problem);
            }

            var item = ConfigurationItemId.Parse(row["item"], "item");
            if (!item.IsSuccess || !isKnown(item.Value))
            {
                throw row.Error("item", $"unknown configuration item '{row["item"]}'.");
            }

            list.Add(new IncidentOccurrence(id.Value, opened, item.Value));
        }

        return list;
    }

    /// <summary>Writes the answer: the header, then one row per member, candidates numbered from 1 in the search's order.</summary>
    internal static void Write(TextWriter writer, ProblemCandidateSearch search)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(search);
        writer.WriteLine(Header);
        for (var i = 0; i < search.Candidates.Length; i++)
        {
            var candidate = search.Candidates[i];
            var prefix = $"{(i + 1).ToString(CultureInfo.InvariantCulture)},{Itsm.Core.Reporting.ServiceReportFormat.CsvField(candidate.SharedItem.Value)},";
            foreach (var incident in candidate.Incidents)
            {
                writer.WriteLine(prefix + incident);
            }
        }
    }
}
