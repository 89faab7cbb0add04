using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm cmdb impact|explain</c>: every CI impacted by failed CIs (CSV, for batch comparison with a vendor's
/// own tool), and why one CI is impacted; over CSV files given with <c>--nodes</c> and <c>--edges</c> (no store
/// at all) or over the tenant's CMDB in the store (<c>AnalyseImpact</c>).
/// </summary>
internal static class CmdbImpactCommands
{
    private static readonly Option<FileInfo?> Nodes = new("--nodes")
    {
        Description = "CSV of configuration items: id,class,name[,criticality][,min_up]. With --edges; without both, the CMDB in the store.",
    };

    private static readonly Option<FileInfo?> Edges = new("--edges")
    {
        Description = "CSV of relationships: source,target,type (source depends on target unless the type says otherwise). With --nodes.",
    };


    /// <summary>Creates <c>itsm cmdb impact</c>.</summary>
    internal static Command CreateImpact()
    {
        var failed = TypedOptions.TextList<ConfigurationItemId>("--failed", "Failed CI ids, separated by commas (one query named 'failed').");
        var queries = new Option<FileInfo>("--queries") { Description = "CSV of queries: query,failed (failed ids separated by ';')." };
        var output = new Option<FileInfo>("--output") { Description = "Write the CSV here instead of stdout (all or nothing)." };
        var command = new Command(
            "impact",
            "Every CI impacted (down or degraded) by each query's failed CIs, as CSV: query,id,state,depth. Over the CSV files of --nodes and --edges, or over the tenant's CMDB in the store without them.\n\n"
            + "Example:\n  itsm cmdb impact --failed node1,node2\n  itsm cmdb impact --nodes samples/Itsm.Sample.Host/samples/cmdb-nodes.csv --edges samples/Itsm.Sample.Host/samples/cmdb-edges.csv --queries samples/Itsm.Sample.Host/samples/cmdb-queries.csv");
        command.Options.Add(Nodes);
        command.Options.Add(Edges);
        command.Options.Add(failed);
        command.Options.Add(queries);
        command.Options.Add(output);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            var failedIds = parseResult.GetValue(failed) is { Length: > 0 } given ? given : null;
            var queriesFile = parseResult.GetValue(queries);
            var outputPath = AtomicOutput.Check(parseResult.GetValue(output)?.FullName);
            if (!FromFiles(parseResult))
            {
                return RecordSession.RunAsync(parseResult, async (session, stdout, error) =>
                {
                    CheckOneQuerySource(failedIds, queriesFile);
                    var watch = Stopwatch.StartNew();
                    var items = await StoredItemsAsync(session, cancellationToken).ConfigureAwait(false);
                    var list = failedIds is not null
                        ? [("failed", CmdbCsv.Known(items.ContainsKey, failedIds, "--failed"))]
                        : CmdbCsv.LoadQueries(items.ContainsKey, queriesFile!.FullName);
                    var loaded = watch.Elapsed;
                    var results = new List<(string Name, ImpactResult Result)>(list.Count);
                    foreach (var (name, ids) in list)
                    {
                        var analysed = await session.Dispatcher.QueryAsync(new AnalyseImpact(session.Context, ids), cancellationToken).ConfigureAwait(false);
                        if (!analysed.IsSuccess)
                        {
                            return ResultReport.Write(analysed, error);
                        }

                        results.Add((name, analysed.Value));
                    }

                    var done = watch.Elapsed;
                    AtomicOutput.WriteBytes(outputPath, stdout, stream => CmdbImpactBatch.Write(stream, results));
                    error.WriteLine(
                        $"cmdb impact: tenant '{session.Context.Tenant}' in the store, {items.Count} CIs, {results.Count} queries, {results.Sum(r => r.Result.Count)} impacted rows; " +
                        $"engine: analyse {Ms(done - loaded)} (through the dispatcher); I/O: load {Ms(loaded)}, write {Ms(watch.Elapsed - done)}.");
                    return ExitCodes.Ok;
                });
            }

            var error = parseResult.InvocationConfiguration.Error;
            CheckOneQuerySource(failedIds, queriesFile);
            var watch = Stopwatch.StartNew();
            var model = CmdbCsv.Load(parseResult.GetValue(Nodes)!.FullName, parseResult.GetValue(Edges)!.FullName);
            var idsNeedQuoting = CsvBytes.AnyNeedsQuoting(model.Names.Keys);
            var loaded = watch.Elapsed;
            var snapshot = model.Compile();
            var compiled = watch.Elapsed;
            var list = failedIds is not null
                ? [("failed", CmdbCsv.Known(model.Names.ContainsKey, failedIds, "--failed"))]
                : CmdbCsv.LoadQueries(model, queriesFile!.FullName);
            var timing = default(CmdbImpactBatch.Timing);
            AtomicOutput.WriteBytes(outputPath, parseResult.InvocationConfiguration.Output, stream => timing = CmdbImpactBatch.Answer(snapshot, list, stream, idsNeedQuoting: idsNeedQuoting));
            var perRow = timing.Rows == 0 ? 0 : timing.Analyse.TotalNanoseconds / timing.Rows;
            error.WriteLine(
                $"cmdb impact: {snapshot.Count} CIs, {snapshot.RelationshipCount} relationships, {list.Count} queries, {timing.Rows} impacted rows; compiled in {Ms(compiled - loaded)}; " +
                $"engine: analyse {Ms(timing.Analyse)} ({perRow.ToString("0", CultureInfo.InvariantCulture)} ns per row); I/O: load {Ms(loaded)}, order and write {Ms(timing.Write)}" +
                (timing.Threads > 1 ? $"; answered on {timing.Threads} threads in {Ms(timing.Wall)} wall (analyse, order and write summed over the threads)." : "."));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>Creates <c>itsm cmdb explain</c>.</summary>
    internal static Command CreateExplain()
    {
        var failed = TypedOptions.TextList<ConfigurationItemId>("--failed", "Failed CI ids, separated by commas.", required: true);
        var ci = TypedOptions.Text<ConfigurationItemId>("--ci", "The CI to explain.", required: true);
        var command = new Command(
            "explain",
            "Why a CI is impacted: one shortest path from a failed CI to it, printed as a tree. Over the CSV files of --nodes and --edges, or over the tenant's CMDB in the store without them.\n\n"
            + "Example:\n  itsm cmdb explain --failed san --ci shop");
        command.Options.Add(Nodes);
        command.Options.Add(Edges);
        command.Options.Add(failed);
        command.Options.Add(ci);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            if (!FromFiles(parseResult))
            {
                return RecordSession.RunAsync(parseResult, async (session, output, error) =>
                {
                    var items = await StoredItemsAsync(session, cancellationToken).ConfigureAwait(false);
                    var failures = CmdbCsv.Known(items.ContainsKey, parseResult.GetValue(failed)!, "--failed");
                    var target = CmdbCsv.Known(items.ContainsKey, [parseResult.GetValue(ci)!.Value], "--ci")[0];
                    var analysed = await session.Dispatcher.QueryAsync(new AnalyseImpact(session.Context, failures), cancellationToken).ConfigureAwait(false);
                    if (!analysed.IsSuccess)
                    {
                        return ResultReport.Write(analysed, error);
                    }

                    return Explain(parseResult, output, analysed.Value, failures, target, id => items[id].Class.Name, id => items[id].Name);
                });
            }

            var model = CmdbCsv.Load(parseResult.GetValue(Nodes)!.FullName, parseResult.GetValue(Edges)!.FullName);
            var snapshot = model.Compile();
            var failures = CmdbCsv.Known(model.Names.ContainsKey, parseResult.GetValue(failed)!, "--failed");
            var target = CmdbCsv.Known(model.Names.ContainsKey, [parseResult.GetValue(ci)!.Value], "--ci")[0];
            var result = ImpactAnalysis.Analyse(snapshot, failures).Value;
            return Task.FromResult(Explain(parseResult, parseResult.InvocationConfiguration.Output, result, failures, target, id => snapshot.ClassOf(id).Name, id => model.Names.GetValueOrDefault(id, string.Empty)));
        }));
        return command;
    }

    /// <summary>
    /// True when the CMDB comes from <c>--nodes</c> and <c>--edges</c>, false for the store.
    /// </summary>
    /// <exception cref="InputException">Only one of the two files is given.</exception>
    private static bool FromFiles(ParseResult parseResult)
    {
        var nodes = parseResult.GetValue(Nodes);
        var edges = parseResult.GetValue(Edges);
        return (nodes is null) == (edges is null)
            ? nodes is not null
            : throw new InputException("give both --nodes and --edges (a CMDB in CSV files), or neither (the tenant's CMDB in the store).");
    }

    private static void CheckOneQuerySource(ConfigurationItemId[]? failed, FileInfo? queries)
    {
        if ((failed is null) == (queries is null))
        {
            throw new InputException("give exactly one of --failed and --queries.");
        }
    }

    /// <summary>The tenant's items that take part in impact analysis (not retired), by id.</summary>
    private static async Task<Dictionary<ConfigurationItemId, ConfigurationItemSnapshot>> StoredItemsAsync(RecordSession session, CancellationToken cancellationToken)
    {
        var active = (await session.Dispatcher.QueryAsync(new ListConfigurationItems(session.Context) { IncludeRetired = false }, cancellationToken).ConfigureAwait(false)).Value;
        return active.ToDictionary(i => i.Record.Id, i => i.Record);
    }

    /// <summary>Answers <c>explain</c>: the path as a tree for people, or as a <see cref="CmdbExplanationDocument"/> with <c>--json</c>.</summary>
    private static int Explain(
        ParseResult parseResult, TextWriter output, ImpactResult result, IReadOnlyList<ConfigurationItemId> failures, ConfigurationItemId target, Func<ConfigurationItemId, string> classOf, Func<ConfigurationItemId, string> nameOf)
    {
        var steps = result.Explain(target).Factors;
        return JsonOutput.Answer(
            parseResult,
            output,
            () => new CmdbExplanationDocument(
                target.Value, [.. failures.Select(f => f.Value)], !steps.IsEmpty,
                [.. steps.Select((step, i) => new CmdbPathStepDocument(step.Id.Value, classOf(step.Id), nameOf(step.Id), State(step.State), i == 0 ? null : step.Relationship))]),
            () =>
            {
                if (steps.IsEmpty)
                {
                    output.WriteLine(SafeText.Escape($"{target} is not impacted by the failure of {string.Join(", ", failures)}."));
                    return;
                }

                for (var i = 0; i < steps.Length; i++)
                {
                    var step = steps[i];
                    var name = nameOf(step.Id);
                    var label = $"{step.Id} ({classOf(step.Id)}{(name.Length > 0 ? $", {name}" : string.Empty)}) {State(step.State)}";
                    output.WriteLine(SafeText.Escape(i == 0
                        ? $"{label} [failed]"
                        : $"{new string(' ', 3 * (i - 1))}└─ {label}: {step.Relationship}"));
                }
            });
    }

    private static string State(ImpactState state) => state == ImpactState.Down ? "down" : "degraded";

    /// <summary>A phase's time for the batch commands' stderr summary, in milliseconds with one decimal.</summary>
    internal static string Ms(TimeSpan elapsed) => $"{elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";
}
