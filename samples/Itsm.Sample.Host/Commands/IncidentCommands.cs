using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm incident open|show|list|assign|start|respond|hold|resume|resolve|close|reopen|cancel|priority|link</c>:
/// incident management against the host's store, through <see cref="IItsmDispatcher"/>, one library
/// command or query per invocation.
/// </summary>
/// <remarks>
/// <para>
/// Every subcommand takes <c>--tenant</c>, <c>--actor</c> and <c>--at</c> (run as if the clock read that
/// instant); <c>open</c>, <c>show</c> and <c>list</c> take <c>--json</c>. The lifecycle subcommands take
/// <c>--expected-version</c> to refuse the change when someone saved the incident since you looked.
/// </para>
/// <para>
/// Exit codes: a bad value (unknown impact level, malformed instant or id) gives
/// <see cref="ExitCodes.InvalidInput"/>; an unknown incident <see cref="ExitCodes.NotFound"/>; an illegal
/// transition or stale version <see cref="ExitCodes.Conflict"/>. A refused command changes nothing.
/// </para>
/// </remarks>
internal static class IncidentCommands
{
    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Refuse (conflict) unless the incident is still at this version, the one you looked at." };

    private static readonly Dictionary<string, string> CommonFields = new(StringComparer.Ordinal)
    {
        ["Incident"] = "id",
        ["ExpectedVersion"] = "--expected-version",
        ["Title"] = "--title",
        ["Service"] = "--service",
        ["Impact"] = "--impact",
        ["Urgency"] = "--urgency",
        ["Caller"] = "--caller",
        ["Customer"] = "--customer",
        ["AffectedItem"] = "--ci",
        ["Category"] = "--category",
        ["Assignee"] = "--to",
        ["Reason"] = "--reason",
        ["Resolution"] = "--resolution",
        ["OverridePriority"] = "--override",
        ["Skip"] = "--skip",
        ["Take"] = "--take",
    };

    /// <summary>Creates the <c>incident</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var incident = new Command("incident", "Incident management: open with an explained priority and SLA clocks, move through the lifecycle, show and list.");
        incident.Subcommands.Add(CreateOpen());
        incident.Subcommands.Add(CreateShow());
        incident.Subcommands.Add(CreateList());
        incident.Subcommands.Add(CreateAssign());
        incident.Subcommands.Add(Lifecycle("start", "Start work on an assigned incident (Assigned -> InProgress).", "itsm incident start ID", [], (c, id, _) => new StartIncidentWork(c, id), "started work on"));
        incident.Subcommands.Add(Lifecycle("respond", "Record the first response to the caller; stops the response clock.", "itsm incident respond ID", [], (c, id, _) => new RecordFirstResponse(c, id), "recorded the first response on"));
        incident.Subcommands.Add(CreateHold());
        incident.Subcommands.Add(Lifecycle("resume", "Resume work after a hold (OnHold -> InProgress); resumes the resolution clock.", "itsm incident resume ID", [], (c, id, _) => new ResumeIncident(c, id), "resumed"));
        var resolution = new Option<string>("--resolution") { Description = "How service was restored.", Required = true };
        incident.Subcommands.Add(Lifecycle("resolve", "Resolve the incident (from Assigned, InProgress or OnHold); stops both clocks.", "itsm incident resolve ID --resolution \"Restarted the payroll batch\"", [resolution], (c, id, p) => new ResolveIncident(c, id, p.GetValue(resolution)!), "resolved"));
        incident.Subcommands.Add(Lifecycle("close", "Close a resolved incident.", "itsm incident close ID", [], (c, id, _) => new CloseIncident(c, id), "closed"));
        var reopenReason = new Option<string>("--reason") { Description = "Why the incident is reopened.", Required = true };
        incident.Subcommands.Add(Lifecycle("reopen", "Reopen a resolved incident within the reopen window (Resolved -> InProgress); the resolution clock continues.", "itsm incident reopen ID --reason \"Batch failed again\"", [reopenReason], (c, id, p) => new ReopenIncident(c, id, p.GetValue(reopenReason)!), "reopened"));
        var cancelReason = new Option<string>("--reason") { Description = "Why the incident is cancelled.", Required = true };
        incident.Subcommands.Add(Lifecycle("cancel", "Cancel an open incident (a duplicate, raised in error); stops its clocks.", "itsm incident cancel ID --reason \"Duplicate of another incident\"", [cancelReason], (c, id, p) => new CancelIncident(c, id, p.GetValue(cancelReason)!), "cancelled"));
        incident.Subcommands.Add(CreatePriority());
        var problem = new Option<string>("--problem") { Description = "The problem record's id (a GUID).", Required = true };
        incident.Subcommands.Add(Lifecycle("link", "Link the incident to a problem record (any state but cancelled).", "itsm incident link ID --problem 0197a3c2-0000-7000-8000-000000000001", [problem], (c, id, p) => new LinkIncidentToProblem(c, id, Parsed.Value(ProblemId.Parse(p.GetValue(problem), "--problem"))), "linked"));
        return incident;
    }

    private static Command CreateOpen()
    {
        var title = new Option<string>("--title") { Description = "What is wrong, in one line.", Required = true };
        var service = new Option<string>("--service") { Description = "The affected business service (CI id); picks the SLA.", Required = true };
        var impact = new Option<int?>("--impact") { Description = "Impact level, 1 (widest) to 3 in the ITIL 3x3 matrix; may be omitted with --ci to ask the CMDB." };
        var urgency = new Option<int>("--urgency") { Description = "Urgency level, 1 (most urgent) to 3 in the ITIL 3x3 matrix.", Required = true };
        var caller = new Option<string?>("--caller") { Description = "Who reported it; --actor when omitted." };
        var vip = new Option<bool>("--vip") { Description = "The caller is a VIP (the vip-caller rule raises urgency one step)." };
        var major = new Option<bool>("--major") { Description = "A major incident (the major-incident rule makes it P1)." };
        var category = new Option<string?>("--category") { Description = "A category, for problem detection and vendor rules." };
        var item = new Option<string?>("--ci") { Description = "The configuration item that failed." };
        var customer = new Option<string?>("--customer") { Description = "The customer, for a customer-specific SLA." };
        var command = new Command(
            "open",
            "Open an incident: prints its id, the priority decision (matrix cell, each rule that fired) and the SLA clocks.\n\n"
            + "Example:\n  itsm incident open --title \"Payroll run fails\" --service svc-payroll --impact 2 --urgency 1 --caller alice --vip --at 2026-06-12T15:30:00Z");
        foreach (var option in new Option[] { title, service, impact, urgency, caller, vip, major, category, item, customer, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var open = new OpenIncident(
                session.Context,
                parseResult.GetValue(title)!,
                Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(service), "--service")),
                parseResult.GetValue(impact),
                parseResult.GetValue(urgency),
                parseResult.GetValue(caller) is { } c ? Parsed.Value(UserId.Parse(c, "--caller")) : session.Context.Actor)
            {
                IsVipCaller = parseResult.GetValue(vip),
                IsMajorIncident = parseResult.GetValue(major),
                Category = parseResult.GetValue(category),
                AffectedItem = parseResult.GetValue(item) is { } i ? Parsed.Value(ConfigurationItemId.Parse(i, "--ci")) : null,
                Customer = parseResult.GetValue(customer) is { } k ? Parsed.Value(CustomerId.Parse(k, "--customer")) : null,
            };
            var opened = await session.Dispatcher.SendAsync(open, cancellationToken).ConfigureAwait(false);
            if (!opened.IsSuccess)
            {
                return ResultReport.Write(opened, error, CommonFields);
            }

            var stored = opened.Value;
            var status = await SlaStatusAsync(session, stored.Record.Id, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(HostOptions.Json))
            {
                JsonOutput.Write(output, IncidentView.Document(stored, status, session.Context.Tenant.Value));
                return ExitCodes.Ok;
            }

            output.WriteLine($"opened incident {stored.Record.Id} for tenant '{session.Context.Tenant}'");
            var console = TableConsole.Create(output);
            IncidentView.WriteDecision(console, stored.Record.Decision);
            console.WriteLine();
            IncidentView.WriteSla(console, stored.Record, status);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = IdArgument();
        var command = new Command(
            "show",
            "Show an incident: details, how its priority was decided, its SLA clocks at --at (state, elapsed, remaining, due in the calendar's local time and UTC, percentage, thresholds, breach) and its history.\n\n"
            + "Example:\n  itsm incident show 0197a3c2-5e1b-7c3d-9f00-1234567890ab --at 2026-06-15T09:00:00Z --json");
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var incident = ParseId(parseResult.GetValue(id));
            var found = await session.Dispatcher.QueryAsync(new GetIncident(session.Context, incident), cancellationToken).ConfigureAwait(false);
            if (!found.IsSuccess)
            {
                return Refused(found, error, session);
            }

            var status = await session.Dispatcher.QueryAsync(new GetSlaStatus(session.Context, incident), cancellationToken).ConfigureAwait(false);
            if (!status.IsSuccess)
            {
                return ResultReport.Write(status, error);
            }

            return JsonOutput.Answer(parseResult, output, () => IncidentView.Document(found.Value, status.Value, session.Context.Tenant.Value), () => IncidentView.WriteDetails(TableConsole.Create(output), found.Value, status.Value));
        }));
        return command;
    }

    private static Command CreateList()
    {
        var states = new Option<string[]>("--state")
        {
            Description = "Only these states: new, assigned, in-progress, on-hold, resolved, closed, cancelled, or open (all four open states); repeatable or comma-separated.",
            AllowMultipleArgumentsPerToken = true,
        };
        var priority = new Option<string?>("--priority") { Description = "Only this priority, such as P2." };
        var service = new Option<string?>("--service") { Description = "Only incidents on this service." };
        var assignee = new Option<string?>("--assignee") { Description = "Only incidents assigned to this user." };
        var breaching = new Option<string?>("--breaching-before") { Description = "Only incidents with a running clock that breaches before this instant, soonest first." };
        var skip = new Option<int>("--skip") { Description = "How many to skip." };
        var take = new Option<int>("--take") { Description = "How many to list at most (1 to 1000).", DefaultValueFactory = _ => 100 };
        var command = new Command(
            "list",
            "List the tenant's incidents, optionally filtered by state, priority, service, assignee or breach horizon.\n\n"
            + "Example:\n  itsm incident list --state open --priority P2 --breaching-before 2026-06-15T17:00:00+01:00");
        foreach (var option in new Option[] { states, priority, service, assignee, breaching, skip, take, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var query = new ListIncidents(session.Context)
            {
                States = ParseStates(parseResult.GetValue(states) ?? []),
                Priority = parseResult.GetValue(priority) is { } p ? ParsePriority(p) : null,
                Service = parseResult.GetValue(service) is { } s ? Parsed.Value(ConfigurationItemId.Parse(s, "--service")) : null,
                Assignee = parseResult.GetValue(assignee) is { } a ? Parsed.Value(UserId.Parse(a, "--assignee")) : null,
                BreachingBefore = parseResult.GetValue(breaching) is { } b ? InstantText.Parse(b, "--breaching-before") : null,
                Skip = parseResult.GetValue(skip),
                Take = parseResult.GetValue(take),
            };
            var listed = await session.Dispatcher.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return ResultReport.Write(listed, error, CommonFields);
            }

            var tenant = session.Context.Tenant.Value;
            return JsonOutput.Answer(parseResult, output, () => new IncidentListDocument(tenant, listed.Value.Count, [.. listed.Value.Select(IncidentView.Summary)]), () => IncidentView.WriteList(TableConsole.Create(output), listed.Value, tenant));
        }));
        return command;
    }

    private static Command CreateAssign()
    {
        var to = new Option<string>("--to") { Description = "Who will work on it.", Required = true };
        return Lifecycle(
            "assign",
            "Assign (or reassign) the incident; the first assignment stops the response clock.",
            "itsm incident assign ID --to bob",
            [to],
            (c, id, p) => new AssignIncident(c, id, Parsed.Value(UserId.Parse(p.GetValue(to), "--to"))),
            "assigned");
    }

    private static Command CreateHold()
    {
        var reason = new Option<string>("--reason") { Description = "awaiting-customer or awaiting-supplier.", Required = true };
        reason.AcceptOnlyFromAmong("awaiting-customer", "awaiting-supplier");
        return Lifecycle(
            "hold",
            "Put the incident on hold (InProgress -> OnHold); pauses the resolution clock when the SLA says so.",
            "itsm incident hold ID --reason awaiting-customer",
            [reason],
            (c, id, p) => new PutIncidentOnHold(c, id, p.GetValue(reason) == "awaiting-supplier" ? HoldReason.AwaitingSupplier : HoldReason.AwaitingCustomer),
            "put on hold");
    }

    private static Command CreatePriority()
    {
        var impact = new Option<int>("--impact") { Description = "The new impact level.", Required = true };
        var urgency = new Option<int>("--urgency") { Description = "The new urgency level.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the priority changes (also the override's reason).", Required = true };
        var overridden = new Option<string?>("--override") { Description = "Set this priority (such as P1) instead of the computed one, with --reason." };
        var command = Lifecycle(
            "priority",
            "Re-assess impact and urgency (or override the result) with a reason; running SLA clocks are re-targeted under the SLA's policy.",
            "itsm incident priority ID --impact 1 --urgency 1 --reason \"Payroll deadline today\"\n  itsm incident priority ID --impact 2 --urgency 2 --override P1 --reason \"Board request\"",
            [impact, urgency, reason, overridden],
            (c, id, p) => new ChangeIncidentPriority(c, id, p.GetValue(impact), p.GetValue(urgency), p.GetValue(reason)!)
            {
                OverridePriority = p.GetValue(overridden) is { } o ? ParsePriority(o, "--override") : null,
            },
            "re-prioritised",
            showDecision: true);
        return command;
    }

    /// <summary>
    /// The shape of every lifecycle subcommand: parse the id, send one library command (with
    /// <c>--expected-version</c>), then print the new state and SLA line, or the refusal.
    /// </summary>
    private static Command Lifecycle(
        string name,
        string description,
        string example,
        Option[] options,
        Func<RequestContext, IncidentId, ParseResult, IncidentCommand> build,
        string done,
        bool showDecision = false)
    {
        var id = IdArgument();
        var command = new Command(name, $"{description}\n\nExample:\n  {example}");
        command.Arguments.Add(id);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.Options.Add(ExpectedVersion);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var incident = ParseId(parseResult.GetValue(id));
            var request = build(session.Context, incident, parseResult) with { ExpectedVersion = parseResult.GetValue(ExpectedVersion) };
            var sent = await session.Dispatcher.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!sent.IsSuccess)
            {
                return Refused(sent, error, session);
            }

            var stored = sent.Value;
            var status = await SlaStatusAsync(session, incident, cancellationToken).ConfigureAwait(false);
            var i = stored.Record;
            output.WriteLine($"{done} incident {i.Id}: state {i.State}{(i.Hold is { } hold ? $" ({hold})" : string.Empty)}, priority {i.Priority}, version {stored.Version}");
            output.WriteLine(IncidentView.SlaLine(status));
            if (showDecision)
            {
                IncidentView.WriteDecision(TableConsole.Create(output), i.Decision);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The incident's id, as printed by 'itsm incident open' or 'list'." };

    private static Task<int> Run(ParseResult parseResult, Func<RecordSession, TextWriter, TextWriter, Task<int>> body) =>
        RecordSession.RunAsync(parseResult, body);

    private static async Task<IncidentSlaStatus?> SlaStatusAsync(RecordSession session, IncidentId id, CancellationToken cancellationToken)
    {
        var status = await session.Dispatcher.QueryAsync(new GetSlaStatus(session.Context, id), cancellationToken).ConfigureAwait(false);
        return status.IsSuccess ? status.Value : null;
    }

    /// <summary>Reports a refusal in one line; an unknown incident says which tenant was asked, because ids are per tenant.</summary>
    private static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(
            result, error, CommonFields,
            $"incidents belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm incident list --tenant {session.Context.Tenant}' lists them).");

    private static IncidentId ParseId(string? text) =>
        IncidentId.Parse(text?.Trim(), "id") is { IsSuccess: true } parsed
            ? parsed.Value
            : throw new InputException($"id: '{text}' is not an incident id; use the GUID printed by 'itsm incident open' or 'itsm incident list', such as 0197a3c2-5e1b-7c3d-9f00-1234567890ab.");

    private static int ParsePriority(string text, string option = "--priority")
    {
        var digits = text.Trim().TrimStart('P', 'p');
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank) && rank is >= 1 and <= 100
            ? rank
            : throw new InputException($"{option}: '{text}' is not a priority; write P1, P2, ... (P1 is the highest).");
    }

    private static IReadOnlyList<IncidentState>? ParseStates(string[] values)
    {
        var states = new List<IncidentState>();
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (string.Equals(value, "open", StringComparison.OrdinalIgnoreCase))
            {
                states.AddRange(IncidentLifecycle.OpenStates);
            }
            else if (Enum.TryParse<IncidentState>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var state) && Enum.IsDefined(state) && !value.Any(char.IsDigit))
            {
                states.Add(state);
            }
            else
            {
                throw new InputException($"--state: '{value}' is not a state; use new, assigned, in-progress, on-hold, resolved, closed, cancelled or open.");
            }
        }

        return states.Count == 0 ? null : [.. states.Distinct()];
    }
}
