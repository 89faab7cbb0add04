using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm cmdb</c>: impact analysis over a CMDB given as two CSV files (nodes and edges), without
/// a store: <c>impact</c> lists every impacted CI per query, <c>explain</c> prints why one CI is impacted.
/// </summary>
internal static class CmdbCommands
{
    private static readonly Option<FileInfo> Nodes = new("--nodes")
    {
        Description = "CSV of configuration items: id,class,name[,criticality][,min_up].",
        Required = true,
    };

    private static readonly Option<FileInfo> Edges = new("--edges")
    {
        Description = "CSV of relationships: source,target,type (source depends on target unless the type says otherwise).",
        Required = true,
    };

    /// <summary>Creates the <c>cmdb</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var cmdb = new Command("cmdb", "Configuration management: impact analysis over a CMDB in CSV files.");
        cmdb.Subcommands.Add(CreateImpact());
        cmdb.Subcommands.Add(CreateExplain());
        return cmdb;
    }

    private static Command CreateImpact()
    {
        var failed = new Option<string>("--failed") { Description = "Failed CI ids, separated by commas (one query named 'failed')." };
        var queries = new Option<FileInfo>("--queries") { Description = "CSV of queries: query,failed (failed ids separated by ';')." };
        var output = new Option<FileInfo>("--output") { Description = "Write the CSV here instead of stdout (all or nothing)." };
        var command = new Command("impact", "Every CI impacted (down or degraded) by each query's failed CIs, as CSV: query,id,state,depth.");
        command.Options.Add(Nodes);
        command.Options.Add(Edges);
        command.Options.Add(failed);
        command.Options.Add(queries);
        command.Options.Add(output);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var failedText = parseResult.GetValue(failed);
            var queriesFile = parseResult.GetValue(queries);
            if ((failedText is null) == (queriesFile is null))
            {
                throw new InputException("give exactly one of --failed and --queries.");
            }

            var watch = Stopwatch.StartNew();
            var model = CmdbCsv.Load(parseResult.GetValue(Nodes)!.FullName, parseResult.GetValue(Edges)!.FullName);
            var loaded = watch.Elapsed;
            var snapshot = model.Compile();
            var compiled = watch.Elapsed;
            var list = failedText is not null
                ? [("failed", CmdbCsv.ParseIds(model, failedText, "--failed"))]
                : CmdbCsv.LoadQueries(model, queriesFile!.FullName);
            var parsed = watch.Elapsed;
            var results = list.Select(q => (q.Name, Result: ImpactAnalysis.Analyse(snapshot, q.Failed).Value)).ToList();
            var analysed = watch.Elapsed;
            AtomicOutput.Write(parseResult.GetValue(output)?.FullName, parseResult.InvocationConfiguration.Output, writer =>
            {
                writer.WriteLine("query,id,state,depth");
                foreach (var (name, result) in results)
                {
                    foreach (var item in result.OrderBy(i => i.Distance).ThenBy(i => i.Id))
                    {
                        writer.WriteLine($"{Csv(name)},{Csv(item.Id.Value)},{State(item.State)},{item.Distance.ToString(CultureInfo.InvariantCulture)}");
                    }
                }
            });
            error.WriteLine(
                $"cmdb impact: {snapshot.Count} CIs, {snapshot.RelationshipCount} relationships, {results.Count} queries; " +
                $"load {Ms(loaded)}, compile {Ms(compiled - loaded)}, analyse {Ms(analysed - parsed)} " +
                $"({results.Sum(r => r.Result.Count)} impacted rows).");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command CreateExplain()
    {
        var failed = new Option<string>("--failed") { Description = "Failed CI ids, separated by commas.", Required = true };
        var ci = new Option<string>("--ci") { Description = "The CI to explain.", Required = true };
        var command = new Command("explain", "Why a CI is impacted: one shortest path from a failed CI to it, printed as a tree.");
        command.Options.Add(Nodes);
        command.Options.Add(Edges);
        command.Options.Add(failed);
        command.Options.Add(ci);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var model = CmdbCsv.Load(parseResult.GetValue(Nodes)!.FullName, parseResult.GetValue(Edges)!.FullName);
            var snapshot = model.Compile();
            var failures = CmdbCsv.ParseIds(model, parseResult.GetValue(failed)!, "--failed");
            var targets = CmdbCsv.ParseIds(model, parseResult.GetValue(ci)!, "--ci");
            if (targets.Count != 1)
            {
                throw new InputException("--ci: name exactly one configuration item.");
            }

            var result = ImpactAnalysis.Analyse(snapshot, failures).Value;
            var steps = result.Explain(targets[0]);
            if (steps.Count == 0)
            {
                output.WriteLine($"{targets[0]} is not impacted by the failure of {string.Join(", ", failures)}.");
                return Task.FromResult(ExitCodes.Ok);
            }

            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var label = $"{step.Id} ({snapshot.ClassOf(step.Id)}{Name(model, step.Id)}) {State(step.State)}";
                output.WriteLine(i == 0
                    ? $"{label} [failed]"
                    : $"{new string(' ', 3 * (i - 1))}└─ {step.Via} ─ {label}");
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static string Name(CmdbCsv model, ConfigurationItemId id) =>
        model.Names.TryGetValue(id, out var name) && name.Length > 0 ? $", {name}" : string.Empty;

    private static string State(ImpactState state) => state == ImpactState.Down ? "down" : "degraded";

    private static string Ms(TimeSpan elapsed) => $"{elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}

/// <summary>A CMDB read from the host's CSV files, with every error pointing at file, line and column.</summary>
internal sealed class CmdbCsv
{
    private readonly CmdbSnapshotBuilder builder = new();
    private readonly Dictionary<ConfigurationItemId, CsvRow> nodeRows = [];
    private string edgesPath = string.Empty;

    /// <summary>The CI names, by id.</summary>
    public Dictionary<ConfigurationItemId, string> Names { get; } = [];

    /// <summary>Reads and checks both files.</summary>
    public static CmdbCsv Load(string nodesPath, string edgesPath)
    {
        var model = new CmdbCsv { edgesPath = edgesPath };
        var nodes = CsvTable.Read(nodesPath, "id", "class", "name");
        foreach (var row in nodes.Rows)
        {
            var id = ConfigurationItemId.Parse(row["id"], "id");
            if (!id.IsSuccess)
            {
                throw row.Error("id", id.ValidationErrors[0].ErrorMessage);
            }

            var itemClass = ConfigurationItemClass.Parse(row["class"]);
            if (!itemClass.IsSuccess)
            {
                throw row.Error("class", itemClass.ValidationErrors[0].ErrorMessage);
            }

            var criticality = BusinessCriticality.None;
            var criticalityText = row["criticality"];
            if (criticalityText.Length > 0
                && (!Enum.TryParse(criticalityText, ignoreCase: true, out criticality) || !Enum.IsDefined(criticality)))
            {
                throw row.Error("criticality", $"'{criticalityText}' is not one of none, low, medium, high, critical (or 0-4).");
            }

            var redundancy = RedundancyRule.AllRequired;
            var minUpText = row["min_up"];
            if (minUpText.Length > 0)
            {
                if (!int.TryParse(minUpText, NumberStyles.None, CultureInfo.InvariantCulture, out var minUp) || minUp < 1)
                {
                    throw row.Error("min_up", $"'{minUpText}' is not a whole number of at least 1.");
                }

                redundancy = RedundancyRule.AtLeast(minUp);
            }

            if (!model.builder.AddItem(id.Value, itemClass.Value, criticality, redundancy).IsSuccess)
            {
                throw row.Error("id", $"'{id.Value}' appears twice (first on line {model.nodeRows[id.Value].Line}).");
            }

            model.nodeRows[id.Value] = row;
            model.Names[id.Value] = row["name"];
        }

        var edges = CsvTable.Read(edgesPath, "source", "target", "type");
        var seen = new Dictionary<(ConfigurationItemId, ConfigurationItemId, RelationshipType), int>();
        foreach (var row in edges.Rows)
        {
            var source = model.Known(row, "source");
            var target = model.Known(row, "target");
            var type = RelationshipType.FromName(row["type"]);
            if (!type.IsSuccess)
            {
                throw row.Error("type", type.ValidationErrors[0].ErrorMessage);
            }

            if (!seen.TryAdd((source, target, type.Value), row.Line))
            {
                throw row.Error("source", $"the relationship {source} -[{type.Value}]-> {target} appears twice (first on line {seen[(source, target, type.Value)]}).");
            }

            var added = model.builder.AddRelationship(source, target, type.Value);
            if (!added.IsSuccess)
            {
                throw row.Error("target", added.Message);
            }
        }

        return model;
    }

    /// <summary>Parses a query file: query,failed.</summary>
    public static List<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> LoadQueries(CmdbCsv model, string path)
    {
        var table = CsvTable.Read(path, "query", "failed");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<(string, IReadOnlyList<ConfigurationItemId>)>();
        foreach (var row in table.Rows)
        {
            if (row["query"].Length == 0)
            {
                throw row.Error("query", "a query needs a name.");
            }

            if (!names.Add(row["query"]))
            {
                throw row.Error("query", $"query '{row["query"]}' appears twice.");
            }

            var failed = new List<ConfigurationItemId>();
            foreach (var part in row["failed"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var id = ConfigurationItemId.Parse(part, "failed");
                if (!id.IsSuccess || !model.Names.ContainsKey(id.Value))
                {
                    throw row.Error("failed", $"unknown configuration item '{part}'.");
                }

                failed.Add(id.Value);
            }

            if (failed.Count == 0)
            {
                throw row.Error("failed", "name at least one failed configuration item.");
            }

            list.Add((row["query"], failed));
        }

        return list;
    }

    /// <summary>Parses comma-separated ids given on the command line; an unknown id is an error naming the option.</summary>
    public static IReadOnlyList<ConfigurationItemId> ParseIds(CmdbCsv model, string text, string option)
    {
        var list = new List<ConfigurationItemId>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var id = ConfigurationItemId.Parse(part, option);
            if (!id.IsSuccess || !model.Names.ContainsKey(id.Value))
            {
                throw new InputException($"{option}: unknown configuration item '{part}'.");
            }

            list.Add(id.Value);
        }

        return list.Count > 0 ? list : throw new InputException($"{option}: name at least one configuration item.");
    }

    /// <summary>Compiles the snapshot; a whole-graph problem is reported against the file it comes from.</summary>
    public CmdbSnapshot Compile()
    {
        var built = builder.Build();
        if (built.IsSuccess)
        {
            return built.Value;
        }

        var error = built.ValidationErrors[0];
        if (error.ErrorCode == "cmdb.redundancy.unsatisfiable" && nodeRows.TryGetValue(ConfigurationItemId.From(error.Identifier), out var row))
        {
            throw row.Error("min_up", error.ErrorMessage);
        }

        throw new InputException($"{edgesPath}: {error.ErrorMessage}");
    }

    private ConfigurationItemId Known(CsvRow row, string column)
    {
        var id = ConfigurationItemId.Parse(row[column], column);
        if (!id.IsSuccess || !Names.ContainsKey(id.Value))
        {
            throw row.Error(column, $"unknown configuration item '{row[column]}'.");
        }

        return id.Value;
    }
}
