using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Requests;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Requests;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm request item|submit|approve|reject|task-done|close|cancel|show|list</c>: request fulfilment against the host's store,
/// one library command or query per invocation; <c>item define|show|list</c> live in <see cref="RequestItemCommands"/>.
/// </summary>
/// <remarks>
/// Every subcommand takes <c>--tenant</c>, <c>--actor</c>, <c>--at</c> and <c>--json</c>; the lifecycle subcommands (built by
/// <see cref="Lifecycle"/>) take <c>--expected-version</c> and answer with the request's new state and its fulfilment clock as at
/// <c>--at</c>. <c>submit</c> asks as <c>--actor</c>; <c>approve</c> and <c>reject</c> vote as <c>--actor</c>.
/// Exit codes: 2 a bad value or definition, 3 the requester voting on their own request, 4 an unknown request, item, service or
/// calendar, 5 a refusal of the lifecycle (an illegal transition, a vote out of turn, a blocked task, a stale version).
/// </remarks>
internal static class RequestCommands
{
    /// <summary>The library's field names with the options that set them, for refusals.</summary>
    internal static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Request"] = "id",
        ["ExpectedVersion"] = "--expected-version",
        ["Reason"] = "--reason",
        ["Task"] = "--task",
        ["Item"] = "--item",
        ["Name"] = "--definition: name",
        ["Fields"] = "--definition: fields",
        ["Stages"] = "--definition: approval",
        ["Tasks"] = "--definition: tasks",
        ["FulfilmentTarget"] = "--definition: target",
        ["WarningThresholds"] = "--definition: warn",
        ["Calendars"] = "--definition: serviceCalendar, groups",
        ["GroupCalendars"] = "--definition: groups",
        ["Start"] = "--at",
        ["Priority"] = "--priority",
    };

    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Refuse (conflict) unless the request is still at this version, the one you looked at." };

    private static readonly Dictionary<string, ServiceRequestState[]> StateNames = new(TypedOptions.KebabNames<ServiceRequestState>(), StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = [.. ServiceRequestLifecycle.OpenStates],
    };

    /// <summary>How the lifecycle subcommands read, load and show a request.</summary>
    private static readonly LifecycleKind<ServiceRequestId, ServiceRequestView> Kind = new(
        IdArgument,
        (session, id, cancellationToken) => session.Dispatcher.QueryAsync(new GetRequest(session.Context, id), cancellationToken),
        (view, session) => RequestView.Document(view, session.Context.Tenant.Value),
        RequestView.Confirm,
        (result, session, error) => Refused(result, error, session),
        ExpectedVersion);

    /// <summary>Creates the <c>request</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var request = new Command("request", "Request fulfilment: define catalogue items (fields, approval stages, fulfilment tasks on each group's calendar), submit requests, approve them in stages, do their tasks, close; the promised delivery instant is the critical path in business time.");
        request.Subcommands.Add(RequestItemCommands.Create());
        request.Subcommands.Add(CreateSubmit());
        var comment = new Option<string?>("--comment") { Description = "What the approver says." };
        request.Subcommands.Add(Transition("approve", "Approve as --actor in the open stage that lists you (the requester never approves); the approval that approves the last stage starts fulfilment and sets the promised delivery instant.", "itsm request approve ID --actor maria --comment \"Budget agreed\"", [comment], (c, id, p) => new ApproveRequest(c, id) { Comment = p.GetValue(comment) }, "approved"));
        var reason = new Option<string>("--reason") { Description = "Why.", Required = true };
        request.Subcommands.Add(Transition("reject", "Reject as --actor, an approver of the item: any rejection rejects the request.", "itsm request reject ID --actor maria --reason \"Not in this year's budget\"", [reason], (c, id, p) => new RejectRequest(c, id, p.GetValue(reason)!), "rejected"));
        var task = TypedOptions.Text<FulfilmentTaskId>("--task", "The fulfilment task done, by its id in the item (such as order).", required: true);
        request.Subcommands.Add(Transition("task-done", "Record that a fulfilment task is done (its predecessors first); the last one fulfils the request and stops its clock.", "itsm request task-done ID --task order --actor pat", [task], (c, id, p) => new CompleteFulfilmentTask(c, id, p.GetValue(task)!.Value), "recorded a task of"));
        request.Subcommands.Add(Transition("close", "Close a fulfilled request.", "itsm request close ID", [], (c, id, _) => new CloseRequest(c, id), "closed"));
        var cancelReason = new Option<string>("--reason") { Description = "Why the request is withdrawn.", Required = true };
        request.Subcommands.Add(Transition("cancel", "Withdraw a request before it is fulfilled.", "itsm request cancel ID --reason \"No longer needed\"", [cancelReason], (c, id, p) => new CancelRequest(c, id, p.GetValue(cancelReason)!), "cancelled"));
        request.Subcommands.Add(Lifecycle.Show(Kind, "Show a request: its fields, approval stages with their votes, tasks, promised delivery instant, fulfilment clock as at --at, next states and history.\n\nExample:\n  itsm request show ID --json", RequestView.WriteDetails));
        request.Subcommands.Add(CreateList());
        return request;
    }

    /// <summary>The request <c>id</c> argument, checked when the command line is parsed.</summary>
    internal static Argument<ServiceRequestId> IdArgument() => TypedOptions.GuidArgument<ServiceRequestId>(
        "The request's id, as printed by 'itsm request submit' or 'list'.",
        "a request",
        "use the GUID printed by 'itsm request submit' or 'itsm request list'.");

    /// <summary>Reports a refusal in one line; an unknown request says which tenant was asked.</summary>
    internal static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(result, error, Fields, $"requests belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm request list --tenant {session.Context.Tenant}' lists them).");

    private static Command CreateSubmit()
    {
        var item = TypedOptions.Text<RequestItemId>("--item", "The catalogue item asked for, by its id (such as laptop).", required: true);
        var fields = new Option<string[]>("--field") { Description = "A field value, NAME=VALUE; repeatable.", AllowMultipleArgumentsPerToken = false };
        var priority = TypedOptions.Priority("--priority", "The priority to work the request at (P1 is the highest); the item's priority when omitted.");
        var command = new Command("submit", "Submit a request for a catalogue item as --actor, with its field values and optionally a priority; a pre-approved item's fulfilment starts at once.\n\nExample:\n  itsm request submit --item laptop --field cost-centre=CC-410 --field model=\"14-inch\" --priority P3 --actor sam");
        foreach (var option in new Option[] { item, fields, priority, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var pair in parseResult.GetValue(fields) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || !values.TryAdd(pair[..equals].Trim(), pair[(equals + 1)..]))
                {
                    throw new InputException(equals <= 0 ? $"--field: '{pair}' is not NAME=VALUE, such as cost-centre=CC-410." : $"--field: '{pair[..equals].Trim()}' is given twice.");
                }
            }

            var submitted = await session.Dispatcher.SendAsync(new SubmitRequest(session.Context, parseResult.GetValue(item)!.Value) { Values = values, Priority = parseResult.GetValue(priority) is { } rank ? Priority.FromRank(rank) : null }, cancellationToken).ConfigureAwait(false);
            if (!submitted.IsSuccess)
            {
                return ResultReport.Write(submitted, error, Fields);
            }

            var view = await session.Dispatcher.QueryAsync(new GetRequest(session.Context, submitted.Value.Record.Id), cancellationToken).ConfigureAwait(false);
            return view.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => RequestView.Document(view.Value, session.Context.Tenant.Value), () => RequestView.Confirm(output, "submitted", view.Value))
                : ResultReport.Write(view, error);
        }));
        return command;
    }

    private static Command CreateList()
    {
        var states = TypedOptions.ChoiceList("--state", "Only these states: submitted, awaiting-approval, approved, rejected, in-fulfilment, fulfilled, closed, cancelled, or open; repeatable or comma-separated.", StateNames, "a state");
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "Only requests for items of this business service.");
        var requester = TypedOptions.Text<UserId>("--requester", "Only requests this user submitted.");
        return OneRequest.Create(
            "list",
            "List the tenant's requests, oldest submission first.\n\nExample:\n  itsm request list --state open --service shop --json",
            [states, service, requester],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new ListRequests(session.Context) { States = p.GetValue(states) is { Length: > 0 } only ? only : null, Service = p.GetValue(service), Requester = p.GetValue(requester) }, cancellationToken),
            (listed, _) => listed.Select(r => new { id = r.Record.Id.ToString(), version = r.Version, item = r.Record.Item.Id.Value, service = r.Record.Item.Service.Value, requester = r.Record.Requester.Value, submittedAt = InstantText.Format(r.Record.SubmittedAt), state = RequestView.Name(r.Record.State), promised = r.Record.Promised is { } p ? InstantText.Format(p) : null }).ToArray(),
            (listed, _, output) =>
            {
                foreach (var r in listed)
                {
                    output.WriteLine($"{r.Record.Id} {r.Record.Item.Id} {RequestView.Name(r.Record.State)} by {SafeText.Escape(r.Record.Requester.Value)} at {InstantText.Format(r.Record.SubmittedAt)}{(r.Record.Promised is { } p ? ", promised " + InstantText.Format(p) : string.Empty)}");
                }

                output.WriteLine($"{listed.Count} request(s)");
            },
            Fields);
    }

    /// <summary>One lifecycle subcommand: the request command <paramref name="build"/> makes, sent with <c>--expected-version</c>.</summary>
    private static Command Transition(string name, string description, string example, Option[] options, Func<RequestContext, ServiceRequestId, ParseResult, ServiceRequestCommand> build, string done) =>
        Lifecycle.Create(Kind, name, description, example, options, (c, id, p) => build(c, id, p) with { ExpectedVersion = p.GetValue(ExpectedVersion) }, done);
}
