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
    /// <summary>Creates the <c>cmdb</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var cmdb = new Command("cmdb", "Configuration management: import a CMDB from CSV into the store, show and list its items, impact analysis (over the store, or over CSV files without one), baselines and the configuration audit.");
        cmdb.Subcommands.Add(CreateImport());
        cmdb.Subcommands.Add(CreateShow());
        cmdb.Subcommands.Add(CreateList());
        cmdb.Subcommands.Add(CmdbImpactCommands.CreateImpact());
        cmdb.Subcommands.Add(CmdbImpactCommands.CreateExplain());
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
        command.Options.Add(HostOptions.Json);
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

            var tenant = session.Context.Tenant.Value;
            return JsonOutput.Answer(
                parseResult,
                output,
                () => new CmdbImportDocument(tenant, imported.Value.Items, imported.Value.Relationships),
                () => output.WriteLine($"imported {imported.Value.Items} configuration item(s) and {imported.Value.Relationships} relationship(s) into tenant '{tenant}'"));
        }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = TypedOptions.TextArgument<ConfigurationItemId>("id", "The configuration item's id.");
        var command = new Command(
            "show",
            "Show a configuration item of the store: class, name, status, criticality, owner, redundancy rule, attributes and its relationships both ways.\n\n"
            + "Example:\n  itsm cmdb show cluster --json");
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var itemId = parseResult.GetValue(id);
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
            var grid = TableConsole.Grid();
            void Row(string name, string? value) => grid.Field(name, value);
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
            var table = TableConsole.Table(["relationship", "other item"]);
            foreach (var edge in related)
            {
                table.Row(edge.Source == itemId ? $"{itemId} -[{edge.Type}]->" : $"<-[{edge.Type}]-", edge.Source == itemId ? edge.Target.Value : edge.Source.Value);
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
                // Each item with its relationships, as 'cmdb show --json' has them: one query per item, as the library lists items without edges.
                var documents = new List<CmdbItemDocument>(items.Count);
                foreach (var stored in items)
                {
                    var details = await session.Dispatcher.QueryAsync(new GetConfigurationItem(session.Context, stored.Record.Id), cancellationToken).ConfigureAwait(false);
                    documents.Add(CmdbItemDocument.From(stored, tenant, details.IsSuccess ? details.Value.Relationships : []));
                }

                JsonOutput.Write(output, new CmdbListDocument(tenant, items.Count, documents));
                return ExitCodes.Ok;
            }

            var console = TableConsole.Create(output);
            var table = TableConsole.Table(["id", "class", "name", "status", "criticality", "redundancy"]);
            foreach (var stored in items)
            {
                var i = stored.Record;
                table.Row(i.Id.Value, i.Class.Name, i.Name, i.Status.ToString(), i.Criticality.ToString(), i.Redundancy.ToString());
            }

            console.Write(table);
            console.WriteLine($"{items.Count} configuration item(s) in tenant '{SafeText.Escape(tenant)}'");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The item index in a validation identifier such as <c>Items[3].Name</c>.</summary>
    private static int? ItemIndex(string identifier) =>
        identifier.StartsWith("Items[", StringComparison.Ordinal) && identifier.IndexOf(']', StringComparison.Ordinal) is > 6 and var end
        && int.TryParse(identifier.AsSpan(6, end - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
}
