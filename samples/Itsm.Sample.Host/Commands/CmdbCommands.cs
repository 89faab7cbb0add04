using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm cmdb import|show|list|impact|explain</c> (and <c>baseline</c>, <c>audit</c>: <see cref="BaselineCommands"/>): configuration management. <c>import</c> loads a CMDB
/// given as two CSV files (nodes and edges) into the store through <c>ImportConfiguration</c>; <c>show</c>
/// and <c>list</c> read the store; <c>impact</c> lists every impacted CI per query and <c>explain</c>
/// prints why one CI is impacted, over the CSV files when <c>--nodes</c> and <c>--edges</c> are given
/// (no store at all) and over the tenant's CMDB in the store otherwise (<c>AnalyseImpact</c>).
/// </summary>
/// <remarks>
/// Exit codes: a malformed file or an unknown CI in <c>--failed</c>, <c>--ci</c> or a query file gives
/// <see cref="ExitCodes.InvalidInput"/> in both modes; <c>show</c> of an unknown CI gives
/// <see cref="ExitCodes.NotFound"/>; importing an id the store already has gives <see cref="ExitCodes.Conflict"/>
/// and stores nothing (the import is all or nothing).
/// </remarks>
internal static class CmdbCommands
{
    private static readonly Option<FileInfo?> Nodes = new("--nodes")
    {
        Description = "CSV of configuration items: id,class,name[,criticality][,min_up]. With --edges; without both, the CMDB in the store.",
    };

    private static readonly Option<FileInfo?> Edges = new("--edges")
    {
        Description = "CSV of relationships: source,target,type (source depends on target unless the type says otherwise). With --nodes.",
    };


    /// <summary>Creates the <c>cmdb</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var cmdb = new Command("cmdb", "Configuration management: import a CMDB from CSV into the store, show and list its items, impact analysis (over the store, or over CSV files without one), baselines and the configuration audit.");
        cmdb.Subcommands.Add(CreateImport());
        cmdb.Subcommands.Add(CreateShow());
        cmdb.Subcommands.Add(CreateList());
        cmdb.Subcommands.Add(CreateImpact());
        cmdb.Subcommands.Add(CreateExplain());
        cmdb.Subcommands.Add(BaselineCommands.CreateBaseline());
        cmdb.Subcommands.Add(BaselineCommands.CreateAudit());
        return cmdb;
    }

    private static Command CreateImport()
    {
        var nodes = new Option<FileInfo>("--nodes") { Description = "CSV of configuration items: id,class,name[,criticality][,min_up].", Required = true };
        var edges = new Option<FileInfo>("--edges") { Description = "CSV of relationships: source,target,type.", Required = true };
        var command = new Command(
            "import",
            "Import a CMDB from CSV files into the tenant's store, all or nothing (ImportConfiguration): the files are checked first, then the whole resulting CMDB is compiled; an id the store already has is a conflict.\n\n"
            + "Example:\n  itsm cmdb import --nodes samples/Itsm.Sample.Host/samples/cmdb-nodes.csv --edges samples/Itsm.Sample.Host/samples/cmdb-edges.csv --tenant acme");
        command.Options.Add(nodes);
        command.Options.Add(edges);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var model = CmdbCsv.Load(parseResult.GetValue(nodes)!.FullName, parseResult.GetValue(edges)!.FullName);
            model.Compile();
            var imported = await session.Dispatcher.SendAsync(new ImportConfiguration(session.Context, model.Items, model.Relationships), cancellationToken).ConfigureAwait(false);
            if (!imported.IsSuccess)
            {
                if (imported.ValidationErrors.FirstOrDefault() is { } field && ItemIndex(field.Identifier) is { } index && index < model.ItemRows.Count)
                {
                    throw model.ItemRows[index].Error("name", field.ErrorMessage);
                }

                return ResultReport.Write(imported, error);
            }

            output.WriteLine($"imported {imported.Value.Items} configuration item(s) and {imported.Value.Relationships} relationship(s) into tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("id") { Description = "The configuration item's id." };
        var command = new Command(
            "show",
            "Show a configuration item of the store: class, name, status, criticality, owner, redundancy rule, attributes and its relationships both ways.\n\n"
            + "Example:\n  itsm cmdb show cluster --json");
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var itemId = Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(id)?.Trim(), "id"));
            var found = await session.Dispatcher.QueryAsync(new GetConfigurationItem(session.Context, itemId), cancellationToken).ConfigureAwait(false);
            if (found.Status == ResultStatus.NotFound)
            {
                return ResultReport.Write(
                    Failure.NotFound($"Configuration item '{itemId}' does not exist in tenant '{session.Context.Tenant}'; 'itsm cmdb list' shows its items.", "cmdb.item.unknown"), error);
            }

            if (!found.IsSuccess)
            {
                return ResultReport.Write(found, error);
            }

            var (stored, related) = (found.Value.Item, found.Value.Relationships);
            if (parseResult.GetValue(HostOptions.Json))
            {
                JsonOutput.Write(output, CmdbItemDocument.From(stored, session.Context.Tenant.Value, related));
                return ExitCodes.Ok;
            }

            var item = stored.Record;
            var console = TableConsole.Create(output);
            console.WriteLine($"configuration item {item.Id} (version {stored.Version})");
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string name, string? value) => grid.AddRow(name, Markup.Escape(value ?? "-"));
            Row("class", item.Class.Name);
            Row("name", item.Name);
            Row("status", item.Status.ToString());
            Row("criticality", item.Criticality.ToString());
            Row("owner", item.Owner?.Value);
            Row("redundancy", item.Redundancy.ToString());
            foreach (var (name, value) in item.Attributes)
            {
                Row($"attribute {name}", value.ToString());
            }

            console.Write(grid);
            var table = new Table().AddColumns("relationship", "other item");
            foreach (var edge in related)
            {
                table.AddRow(
                    Markup.Escape(edge.Source == itemId ? $"{itemId} -[{edge.Type}]-> " : $"<-[{edge.Type}]- "),
                    Markup.Escape(edge.Source == itemId ? edge.Target.Value : edge.Source.Value));
            }

            console.Write(table);
            console.WriteLine($"{related.Count} relationship(s)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateList()
    {
        var itemClass = new Option<string?>("--class") { Description = "Only items of this class, such as business-service, cluster or server." };
        var command = new Command(
            "list",
            "List the configuration items of the tenant's store (retired ones included), by id.\n\n"
            + "Example:\n  itsm cmdb list --class business-service");
        command.Options.Add(itemClass);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, _) =>
        {
            ConfigurationItemClass? only = parseResult.GetValue(itemClass) is { } c ? Parsed.Value(ConfigurationItemClass.Parse(c, "--class")) : null;
            var items = (await session.Dispatcher.QueryAsync(new ListConfigurationItems(session.Context) { Class = only }, cancellationToken).ConfigureAwait(false)).Value;
            var tenant = session.Context.Tenant.Value;
            if (parseResult.GetValue(HostOptions.Json))
            {
                JsonOutput.Write(output, new CmdbListDocument(tenant, items.Count, [.. items.Select(i => CmdbItemDocument.From(i, tenant, []))]));
                return ExitCodes.Ok;
            }

            var console = TableConsole.Create(output);
            var table = new Table().AddColumns("id", "class", "name", "status", "criticality", "redundancy");
            foreach (var stored in items)
            {
                var i = stored.Record;
                table.AddRow(Markup.Escape(i.Id.Value), Markup.Escape(i.Class.Name), Markup.Escape(i.Name), i.Status.ToString(), i.Criticality.ToString(), Markup.Escape(i.Redundancy.ToString()));
            }

            console.Write(table);
            console.WriteLine($"{items.Count} configuration item(s) in tenant '{tenant}'");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateImpact()
    {
        var failed = new Option<string>("--failed") { Description = "Failed CI ids, separated by commas (one query named 'failed')." };
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
            var failedText = parseResult.GetValue(failed);
            var queriesFile = parseResult.GetValue(queries);
            var outputPath = AtomicOutput.Check(parseResult.GetValue(output)?.FullName);
            if (!FromFiles(parseResult))
            {
                return RecordSession.RunAsync(parseResult, async (session, stdout, error) =>
                {
                    CheckOneQuerySource(failedText, queriesFile);
                    var watch = Stopwatch.StartNew();
                    var items = await StoredItemsAsync(session, cancellationToken).ConfigureAwait(false);
                    var list = failedText is not null
                        ? [("failed", CmdbCsv.ParseIds(items.ContainsKey, failedText, "--failed"))]
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
                    AtomicOutput.Write(outputPath, stdout, writer => WriteImpact(writer, results));
                    error.WriteLine(
                        $"cmdb impact: tenant '{session.Context.Tenant}' in the store, {items.Count} CIs, {results.Count} queries; " +
                        $"load {Ms(loaded)}, analyse {Ms(done - loaded)} ({results.Sum(r => r.Result.Count)} impacted rows).");
                    return ExitCodes.Ok;
                });
            }

            var error = parseResult.InvocationConfiguration.Error;
            CheckOneQuerySource(failedText, queriesFile);
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
            AtomicOutput.Write(outputPath, parseResult.InvocationConfiguration.Output, writer => WriteImpact(writer, results));
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
        var command = new Command(
            "explain",
            "Why a CI is impacted: one shortest path from a failed CI to it, printed as a tree. Over the CSV files of --nodes and --edges, or over the tenant's CMDB in the store without them.\n\n"
            + "Example:\n  itsm cmdb explain --failed san --ci shop");
        command.Options.Add(Nodes);
        command.Options.Add(Edges);
        command.Options.Add(failed);
        command.Options.Add(ci);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            if (!FromFiles(parseResult))
            {
                return RecordSession.RunAsync(parseResult, async (session, output, error) =>
                {
                    var items = await StoredItemsAsync(session, cancellationToken).ConfigureAwait(false);
                    var failures = CmdbCsv.ParseIds(items.ContainsKey, parseResult.GetValue(failed)!, "--failed");
                    var target = OneTarget(CmdbCsv.ParseIds(items.ContainsKey, parseResult.GetValue(ci)!, "--ci"));
                    var analysed = await session.Dispatcher.QueryAsync(new AnalyseImpact(session.Context, failures), cancellationToken).ConfigureAwait(false);
                    if (!analysed.IsSuccess)
                    {
                        return ResultReport.Write(analysed, error);
                    }

                    WriteExplanation(output, analysed.Value, failures, target, id => items[id].Class.Name, id => items[id].Name);
                    return ExitCodes.Ok;
                });
            }

            var model = CmdbCsv.Load(parseResult.GetValue(Nodes)!.FullName, parseResult.GetValue(Edges)!.FullName);
            var snapshot = model.Compile();
            var failures = CmdbCsv.ParseIds(model, parseResult.GetValue(failed)!, "--failed");
            var target = OneTarget(CmdbCsv.ParseIds(model, parseResult.GetValue(ci)!, "--ci"));
            var result = ImpactAnalysis.Analyse(snapshot, failures).Value;
            WriteExplanation(parseResult.InvocationConfiguration.Output, result, failures, target, id => snapshot.ClassOf(id).Name, id => model.Names.GetValueOrDefault(id, string.Empty));
            return Task.FromResult(ExitCodes.Ok);
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

    private static void CheckOneQuerySource(string? failed, FileInfo? queries)
    {
        if ((failed is null) == (queries is null))
        {
            throw new InputException("give exactly one of --failed and --queries.");
        }
    }

    private static ConfigurationItemId OneTarget(IReadOnlyList<ConfigurationItemId> targets) =>
        targets.Count == 1 ? targets[0] : throw new InputException("--ci: name exactly one configuration item.");

    /// <summary>The tenant's items that take part in impact analysis (not retired), by id.</summary>
    private static async Task<Dictionary<ConfigurationItemId, ConfigurationItemSnapshot>> StoredItemsAsync(RecordSession session, CancellationToken cancellationToken)
    {
        var active = (await session.Dispatcher.QueryAsync(new ListConfigurationItems(session.Context) { IncludeRetired = false }, cancellationToken).ConfigureAwait(false)).Value;
        return active.ToDictionary(i => i.Record.Id, i => i.Record);
    }

    private static void WriteImpact(TextWriter writer, IEnumerable<(string Name, ImpactResult Result)> results)
    {
        writer.WriteLine("query,id,state,depth");
        foreach (var (name, result) in results)
        {
            foreach (var item in result.OrderBy(i => i.Distance).ThenBy(i => i.Id))
            {
                writer.WriteLine($"{CsvTable.Field(name)},{CsvTable.Field(item.Id.Value)},{State(item.State)},{item.Distance.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static void WriteExplanation(
        TextWriter output, ImpactResult result, IReadOnlyList<ConfigurationItemId> failures, ConfigurationItemId target, Func<ConfigurationItemId, string> classOf, Func<ConfigurationItemId, string> nameOf)
    {
        var steps = result.Explain(target).Factors;
        if (steps.IsEmpty)
        {
            output.WriteLine($"{target} is not impacted by the failure of {string.Join(", ", failures)}.");
            return;
        }

        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var name = nameOf(step.Id);
            var label = $"{step.Id} ({classOf(step.Id)}{(name.Length > 0 ? $", {name}" : string.Empty)}) {State(step.State)}";
            output.WriteLine(i == 0
                ? $"{label} [failed]"
                : $"{new string(' ', 3 * (i - 1))}└─ {label}: {step.Relationship}");
        }
    }

    /// <summary>The item index in a validation identifier such as <c>Items[3].Name</c>.</summary>
    private static int? ItemIndex(string identifier) =>
        identifier.StartsWith("Items[", StringComparison.Ordinal) && identifier.IndexOf(']', StringComparison.Ordinal) is > 6 and var end
        && int.TryParse(identifier.AsSpan(6, end - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    private static string State(ImpactState state) => state == ImpactState.Down ? "down" : "degraded";

    private static string Ms(TimeSpan elapsed) => $"{elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";
}

/// <summary>A configuration item as JSON (<c>itsm cmdb show --json</c>, and each row of <c>list --json</c>).</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Tenant">The tenant it belongs to.</param>
/// <param name="Version">The stored version.</param>
/// <param name="Class">Its class, such as <c>cluster</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status">Planned, Operational, InMaintenance or Retired.</param>
/// <param name="Criticality">Its business criticality (None for items that are not services).</param>
/// <param name="Owner">Its owner.</param>
/// <param name="MinimumUp">The redundancy rule's least number of dependencies up; null when all are required.</param>
/// <param name="Attributes">Its attributes as text, by name.</param>
/// <param name="Relationships">Its relationships both ways (empty in a list).</param>
internal sealed record CmdbItemDocument(
    string Id,
    string Tenant,
    long Version,
    string Class,
    string Name,
    string Status,
    string Criticality,
    string? Owner,
    int? MinimumUp,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<CmdbRelationshipDocument> Relationships)
{
    /// <summary>The document for <paramref name="stored"/> with its <paramref name="relationships"/>.</summary>
    public static CmdbItemDocument From(Versioned<ConfigurationItemSnapshot> stored, string tenant, IEnumerable<Relationship> relationships)
    {
        var item = stored.Record;
        return new CmdbItemDocument(
            item.Id.Value, tenant, stored.Version, item.Class.Name, item.Name, item.Status.ToString(), item.Criticality.ToString(), item.Owner?.Value,
            item.Redundancy.HasRedundancy ? item.Redundancy.MinimumUp : null,
            item.Attributes.ToDictionary(a => a.Key, a => a.Value.ToString(), StringComparer.Ordinal),
            [.. relationships.Select(r => new CmdbRelationshipDocument(r.Source.Value, r.Type.Name, r.Target.Value))]);
    }
}

/// <summary>A relationship as JSON: <c>source type target</c>.</summary>
/// <param name="Source">The source item.</param>
/// <param name="Type">The relationship type, such as <c>runs on</c>.</param>
/// <param name="Target">The target item.</param>
internal sealed record CmdbRelationshipDocument(string Source, string Type, string Target);

/// <summary>The document of <c>itsm cmdb list --json</c>.</summary>
/// <param name="Tenant">The tenant listed.</param>
/// <param name="Count">How many items follow.</param>
/// <param name="Items">The items, by id.</param>
internal sealed record CmdbListDocument(string Tenant, int Count, IReadOnlyList<CmdbItemDocument> Items);

/// <summary>A CMDB read from the host's CSV files, with every error pointing at file, line and column.</summary>
internal sealed class CmdbCsv
{
    private readonly CmdbSnapshotBuilder builder = new();
    private readonly Dictionary<ConfigurationItemId, CsvRow> nodeRows = [];
    private string edgesPath = string.Empty;

    /// <summary>The CI names, by id.</summary>
    public Dictionary<ConfigurationItemId, string> Names { get; } = [];

    /// <summary>The items in file order, as <c>ImportConfiguration</c> takes them.</summary>
    public List<ImportedItem> Items { get; } = [];

    /// <summary>The row each of <see cref="Items"/> came from (same order), for errors about an item.</summary>
    public List<CsvRow> ItemRows { get; } = [];

    /// <summary>The relationships in file order.</summary>
    public List<Relationship> Relationships { get; } = [];

    /// <summary>Reads and checks both files; relationship type names are read by <paramref name="types"/> (the well-known types unless given), so a typo is an error on its row.</summary>
    public static CmdbCsv Load(string nodesPath, string edgesPath, RelationshipTypeCatalogue? types = null)
    {
        types ??= RelationshipTypeCatalogue.WellKnown;
        var model = new CmdbCsv { edgesPath = edgesPath };
        var nodes = CsvTable.Read(nodesPath, "id", "class", "name");
        foreach (var row in nodes.Rows)
        {
            var id = ConfigurationItemId.Parse(row["id"], "id");
            if (!id.IsSuccess)
            {
                throw row.Error("id", id.ValidationErrors.First().ErrorMessage);
            }

            var itemClass = ConfigurationItemClass.Parse(row["class"]);
            if (!itemClass.IsSuccess)
            {
                throw row.Error("class", itemClass.ValidationErrors.First().ErrorMessage);
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
            model.Items.Add(new ImportedItem(id.Value, itemClass.Value, row["name"], criticality, redundancy));
            model.ItemRows.Add(row);
        }

        var edges = CsvTable.Read(edgesPath, "source", "target", "type");
        var seen = new Dictionary<(ConfigurationItemId, ConfigurationItemId, RelationshipType), int>();
        foreach (var row in edges.Rows)
        {
            var source = model.Known(row, "source");
            var target = model.Known(row, "target");
            var type = types.FromName(row["type"]);
            if (!type.IsSuccess)
            {
                throw row.Error("type", type.ValidationErrors.First().ErrorMessage);
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

            model.Relationships.Add(Relationship.Create(source, target, type.Value).Value);
        }

        return model;
    }

    /// <summary>Parses a query file: query,failed.</summary>
    public static List<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> LoadQueries(CmdbCsv model, string path) =>
        LoadQueries(model.Names.ContainsKey, path);

    /// <summary>Parses a query file: query,failed; <paramref name="isKnown"/> says which ids the CMDB has (the files' or the store's).</summary>
    public static List<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> LoadQueries(Func<ConfigurationItemId, bool> isKnown, string path)
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
                if (!id.IsSuccess || !isKnown(id.Value))
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
    public static IReadOnlyList<ConfigurationItemId> ParseIds(CmdbCsv model, string text, string option) =>
        ParseIds(model.Names.ContainsKey, text, option);

    /// <summary>Parses comma-separated ids given on the command line; <paramref name="isKnown"/> says which ids the CMDB has.</summary>
    public static IReadOnlyList<ConfigurationItemId> ParseIds(Func<ConfigurationItemId, bool> isKnown, string text, string option)
    {
        var list = new List<ConfigurationItemId>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var id = ConfigurationItemId.Parse(part, option);
            if (!id.IsSuccess || !isKnown(id.Value))
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

        // A min_up above a group's member count is not an error: the group is down, and the snapshot's Shortfalls say why.
        throw new InputException($"{edgesPath}: {built.ValidationErrors.First().ErrorMessage}");
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
