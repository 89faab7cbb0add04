using System.CommandLine;
using Itsm.Core.Application.Requests;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm request item define|show|list</c>: the request catalogue, reference data per tenant. An item is defined once from a
/// definition file (<see cref="RequestItemFile"/>, docs/requests.md) and is then immutable: requests copy the item they were
/// submitted for.
/// </summary>
internal static class RequestItemCommands
{
    /// <summary>Creates <c>itsm request item</c> and its subcommands.</summary>
    internal static Command Create()
    {
        var item = new Command("item", "The request catalogue: what can be asked for from a service, the fields it needs, its approval stages, its fulfilment tasks and target.");
        item.Subcommands.Add(CreateDefine());
        item.Subcommands.Add(CreateShow());
        item.Subcommands.Add(CreateList());
        return item;
    }

    private static Command CreateDefine()
    {
        var definition = new Option<FileInfo>("--definition") { Description = "The item's definition, a JSON file (see docs/requests.md and samples/request-item-laptop.json).", Required = true };
        var command = new Command("define", "Define a request catalogue item from its definition file: its service, fields, approval stages (sequential, or parallel with a quorum), fulfilment tasks with their dependencies and groups, each group's calendar, the service calendar and the fulfilment target.\n\nExample:\n  itsm request item define --definition samples/Itsm.Sample.Host/samples/request-item-laptop.json");
        command.Options.Add(definition);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var define = RequestItemFile.Read(parseResult.GetValue(definition)!.FullName, session.Context);
            var defined = await session.Dispatcher.SendAsync(define, cancellationToken).ConfigureAwait(false);
            return defined.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => RequestView.Document(defined.Value, session.Context.Tenant.Value), () => RequestView.Confirm(output, "defined", defined.Value))
                : ResultReport.Write(defined, error, RequestCommands.Fields);
        }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = TypedOptions.TextArgument<RequestItemId>("id", "The item's id, such as laptop.");
        return OneRequest.Create(
            "show",
            "Show a catalogue item: its fields, approval stages, tasks with their groups and calendars, and target.\n\nExample:\n  itsm request item show laptop --json",
            [id],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new GetRequestItem(session.Context, p.GetValue(id)), cancellationToken),
            (item, session) => RequestView.Document(item, session.Context.Tenant.Value),
            (item, _, output) => RequestView.WriteDetails(output, item),
            RequestCommands.Fields);
    }

    private static Command CreateList()
    {
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "Only items of this business service.");
        return OneRequest.Create(
            "list",
            "List the tenant's catalogue items by id.\n\nExample:\n  itsm request item list --service shop --json",
            [service],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new ListRequestItems(session.Context) { Service = p.GetValue(service) }, cancellationToken),
            (items, session) => items.Select(i => RequestView.Document(i, session.Context.Tenant.Value)).ToArray(),
            (items, _, output) =>
            {
                foreach (var i in items)
                {
                    RequestView.Confirm(output, string.Empty, i);
                }

                output.WriteLine($"{items.Count} item(s)");
            },
            RequestCommands.Fields);
    }
}
