using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm problem candidates</c>: problem candidates from the CMDB's topology (<see cref="ProblemCandidates.Find"/>) over
/// CSV files, for batch comparison with a vendor's own tool; the same CSV conventions, errors and exit codes as
/// <c>itsm cmdb impact</c> (file:line:column in every error, exit 2, all-or-nothing <c>--output</c>, timings on stderr).
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
    };

    /// <summary>Creates <c>itsm problem candidates</c>.</summary>
    internal static Command Create()
    {
        var nodes = new Option<FileInfo>("--nodes") { Description = "CSV of configuration items: id,class,name[,criticality][,min_up] (as for 'itsm cmdb impact').", Required = true };
        var edges = new Option<FileInfo>("--edges") { Description = "CSV of relationships: source,target,type (as for 'itsm cmdb impact').", Required = true };
        var incidents = new Option<FileInfo>("--incidents") { Description = "CSV of incidents: id,opened,item (GUID, ISO-8601 instant, CI id).", Required = true };
        var window = DurationOptions.Create("--window", "The largest gap between consecutive incidents of one candidate, such as 24h, 90m or 1h30m.", noun: "duration");
        var minimum = new Option<int>("--min") { Description = "How many incidents make a candidate; at least 2.", DefaultValueFactory = _ => 3 };
        var output = new Option<FileInfo>("--output") { Description = "Write the CSV here instead of stdout (all or nothing)." };
        var command = new Command(
            "candidates",
            $"Problem candidates from the CMDB's topology: incidents opened close together whose items all depend on one shared item, the nearest such item as the suggested cause; as CSV: {Header}, one row per member.\n\n"
            + "Example:\n  itsm problem candidates --nodes samples/Itsm.Sample.Host/samples/cmdb-nodes.csv --edges samples/Itsm.Sample.Host/samples/cmdb-edges.csv --incidents samples/Itsm.Sample.Host/samples/incidents.csv --window 24h --min 3");
        foreach (var option in new Option[] { nodes, edges, incidents, window, minimum, output })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () =>
        {
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
        }));
        return command;
    }

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
            var prefix = $"{(i + 1).ToString(CultureInfo.InvariantCulture)},{CsvTable.Field(candidate.SharedItem.Value)},";
            foreach (var incident in candidate.Incidents)
            {
                writer.WriteLine(prefix + incident);
            }
        }
    }
}
