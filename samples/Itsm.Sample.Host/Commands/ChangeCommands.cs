using System.CommandLine;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm change raise|submit|assess|approve|reject|schedule|start|complete|fail|review|close|show|list|conflicts</c>:
/// change management against the host's store, through <see cref="IItsmDispatcher"/>, one lifecycle step
/// (one library command or query) per invocation; and <c>itsm change authority|blackout|maintenance|template</c>,
/// which maintain the tenant's change authorities, freeze and maintenance windows and standard change catalogue
/// through the library's reference data commands (<see cref="ChangeStandInCommands"/>).
/// </summary>
/// <remarks>
/// <para>
/// Impact comes from the tenant's CMDB in the store (the library's default <c>CmdbChangeImpactSource</c>),
/// so import it first with <c>itsm cmdb import</c>; <c>raise</c> refuses an affected item the CMDB does not
/// know, because the library would silently count it as impacting nothing. Every subcommand takes
/// <c>--tenant</c>, <c>--actor</c> (the requester of <c>raise</c>, the approver of <c>approve</c>) and
/// <c>--at</c>.
/// </para>
/// <para>
/// Exit codes: a bad value (malformed instant or id, unknown CI, missing plan) gives
/// <see cref="ExitCodes.InvalidInput"/>; an unknown change <see cref="ExitCodes.NotFound"/>; an illegal
/// transition or a schedule conflict <see cref="ExitCodes.Conflict"/>; an approval the library forbids
/// (segregation of duties, missing authority) <see cref="ExitCodes.Refused"/>. A refused command changes nothing.
/// </para>
/// </remarks>
internal static class ChangeCommands
{

    private static readonly Dictionary<string, string> CommonFields = new(StringComparer.Ordinal)
    {
        ["Change"] = "id",
        ["Title"] = "--title",
        ["AffectedItems"] = "--item",
        ["Window"] = "--start/--end",
        ["PlannedWindow"] = "--start/--end",
        ["Type"] = "--type",
        ["Template"] = "--template",
        ["ImplementationPlan"] = "--plan",
        ["Plans"] = "--plan",
        ["Reason"] = "--reason",
        ["Notes"] = "--notes",
        ["Remediation"] = "--remediation",
        ["Findings"] = "--findings",
        ["Period"] = "--from/--to",
    };

    /// <summary>Creates the <c>change</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var change = new Command(
            "change",
            "Change management on the store: raise, submit, assess risk (explained), approve with segregation of duties, schedule, implement, review, close; find conflicts. "
            + "Impact comes from the tenant's CMDB (itsm cmdb import); authorities, blackout and maintenance windows and standard change templates from the host's files (itsm change authority|blackout|maintenance|template).");
        change.Subcommands.Add(CreateRaise());
        change.Subcommands.Add(Lifecycle("submit", "Submit a draft change for assessment (Draft -> Submitted).", "itsm change submit ID", [], (c, id, _) => new SubmitChange(c, id), "submitted"));
        change.Subcommands.Add(CreateAssess());
        var approveReason = new Option<string>("--reason") { Description = "Why you approve (recorded with the decision).", DefaultValueFactory = _ => "Approved." };
        change.Subcommands.Add(Lifecycle(
            "approve",
            "Approve the change as --actor, with the authority the host's directory says they hold (itsm change authority). The requester may never approve their own change; a CAB quorum needs that many distinct members. Assessed -> Approved once the required approvals are in.",
            "itsm change approve ID --actor bob --reason \"Tested in staging, backout rehearsed\"",
            [approveReason],
            (c, id, p) => new ApproveChange(c, id, p.GetValue(approveReason)!),
            "approved"));
        var rejectReason = new Option<string>("--reason") { Description = "Why you reject.", Required = true };
        change.Subcommands.Add(Lifecycle(
            "reject",
            "Reject the change as --actor (Assessed -> Rejected); needs the authority the assessment requires, and never the requester.",
            "itsm change reject ID --actor bob --reason \"No rollback tested\"",
            [rejectReason],
            (c, id, p) => new RejectChange(c, id, p.GetValue(rejectReason)!),
            "rejected"));
        change.Subcommands.Add(Lifecycle(
            "schedule",
            "Book an approved change into its window (Approved -> Scheduled); refused (conflict) when the window overlaps a live change on the same or a dependent CI.",
            "itsm change schedule ID",
            [],
            (c, id, _) => new ScheduleChange(c, id),
            "scheduled"));
        change.Subcommands.Add(Lifecycle("start", "Start implementing a scheduled change (Scheduled -> Implementing); refused unless the required approvals are recorded.", "itsm change start ID", [], (c, id, _) => new StartImplementation(c, id), "started implementing"));
        var completeNotes = new Option<string?>("--notes") { Description = "Notes on the outcome." };
        change.Subcommands.Add(Lifecycle("complete", "Record a successful implementation (Implementing -> Implemented).", "itsm change complete ID --notes \"Firmware 8.0.2 on all nodes\"", [completeNotes], (c, id, p) => new CompleteChange(c, id, p.GetValue(completeNotes)), "completed"));
        change.Subcommands.Add(CreateFail());
        var findings = new Option<string>("--findings") { Description = "What the post-implementation review found.", Required = true };
        change.Subcommands.Add(Lifecycle("review", "Record the post-implementation review (Implemented or Failed -> Reviewed); required before an emergency or failed change may close.", "itsm change review ID --findings \"Backout worked; vendor firmware bug\"", [findings], (c, id, p) => new ReviewChange(c, id, p.GetValue(findings)!), "reviewed"));
        change.Subcommands.Add(Lifecycle("close", "Close the change (from Reviewed, Rejected, or Implemented when no review is required).", "itsm change close ID", [], (c, id, _) => new CloseChange(c, id), "closed"));
        change.Subcommands.Add(CreateShow());
        change.Subcommands.Add(CreateList());
        change.Subcommands.Add(CreateConflicts());
        change.Subcommands.Add(ChangeStandInCommands.CreateAuthority());
        change.Subcommands.Add(ChangeStandInCommands.CreateBlackout());
        change.Subcommands.Add(ChangeStandInCommands.CreateMaintenance());
        change.Subcommands.Add(ChangeStandInCommands.CreateTemplate());
        return change;
    }

    /// <summary>
    /// Checks that every id of <paramref name="items"/> is a configuration item of the tenant's CMDB in the
    /// store that is not retired.
    /// </summary>
    /// <exception cref="InputException">One is unknown or retired; the message names <paramref name="option"/>.</exception>
    internal static async Task RequireKnownItemsAsync(RecordSession session, IEnumerable<ConfigurationItemId> items, string option, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            var found = await session.Dispatcher.QueryAsync(new GetConfigurationItem(session.Context, item), cancellationToken).ConfigureAwait(false);
            if (!found.IsSuccess || found.Value.Item.Record.Status == ConfigurationItemStatus.Retired)
            {
                throw new InputException(
                    $"{option}: configuration item '{item}' {(!found.IsSuccess ? "is not in the CMDB" : "is retired in the CMDB")} of tenant '{session.Context.Tenant}'; "
                    + "'itsm cmdb list' shows its items, 'itsm cmdb import' adds them.");
            }
        }
    }

    private static Command CreateRaise()
    {
        var title = new Option<string>("--title") { Description = "What the change does, in one line.", Required = true };
        var items = new Option<string[]>("--item") { Description = "An affected configuration item of the CMDB (repeatable, or comma-separated).", Required = true, AllowMultipleArgumentsPerToken = true };
        var start = new Option<string>("--start") { Description = "Start of the planned window, ISO-8601 with Z or an offset.", Required = true };
        var end = new Option<string>("--end") { Description = "End of the planned window (exclusive).", Required = true };
        var type = new Option<string>("--type") { Description = "normal, emergency or standard (standard needs --template and takes its plans).", DefaultValueFactory = _ => "normal" };
        type.AcceptOnlyFromAmong("normal", "emergency", "standard");
        var template = new Option<string?>("--template") { Description = "The standard change template (itsm change template add)." };
        var plan = new Option<string?>("--plan") { Description = "How the change is carried out; required for normal and emergency changes." };
        var testPlan = new Option<string?>("--test-plan") { Description = "How it is tested, or the evidence; omitted, the risk rises." };
        var backoutPlan = new Option<string?>("--backout-plan") { Description = "How it is undone; omitted, the risk rises." };
        var command = new Command(
            "raise",
            "Raise a change in Draft as --actor (the requester) and print its id. Every --item must be in the tenant's CMDB (itsm cmdb import).\n\n"
            + "Example:\n  itsm change raise --title \"Firmware upgrade of node1\" --item node1 --start 2026-11-24T22:00:00Z --end 2026-11-25T01:00:00Z \\\n"
            + "    --plan \"Drain node1, flash 8.0.2, rejoin\" --test-plan \"Two weeks on staging\" --backout-plan \"Flash 7.0.3 back\" --actor alice");
        foreach (var option in new Option[] { title, items, start, end, type, template, plan, testPlan, backoutPlan, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var affected = (parseResult.GetValue(items) ?? [])
                .SelectMany(i => i.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(i => Parsed.Value(ConfigurationItemId.Parse(i, "--item")))
                .ToList();
            var windowStart = InstantText.Parse(parseResult.GetValue(start)!, "--start");
            var windowEnd = InstantText.Parse(parseResult.GetValue(end)!, "--end");
            var changeType = parseResult.GetValue(type) switch
            {
                "emergency" => ChangeType.Emergency,
                "standard" => ChangeType.Standard,
                _ => ChangeType.Normal,
            };
            if (windowEnd <= windowStart)
            {
                throw new InputException($"--start/--end: The start ({windowStart}) must be before the end ({windowEnd}).", "change.period");
            }

            var planText = parseResult.GetValue(plan);
            var plans = string.IsNullOrWhiteSpace(planText) ? null : new ChangePlans(planText, parseResult.GetValue(testPlan), parseResult.GetValue(backoutPlan));
            var raise = new RaiseChange(
                session.Context, changeType, parseResult.GetValue(title)!, affected, new Interval(windowStart, windowEnd), plans, parseResult.GetValue(template));
            var raised = await session.Dispatcher.SendAsync(raise, cancellationToken).ConfigureAwait(false);
            if (!raised.IsSuccess)
            {
                return ResultReport.Write(raised, error, CommonFields);
            }

            var stored = raised.Value;
            if (parseResult.GetValue(HostOptions.Json))
            {
                JsonOutput.Write(output, ChangeDocument.From(stored, session.Context.Tenant.Value));
                return ExitCodes.Ok;
            }

            output.WriteLine($"raised change {stored.Record.Id} ({stored.Record.Type}, {stored.Record.Status}) for tenant '{session.Context.Tenant}'; next: itsm change submit {stored.Record.Id}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateAssess()
    {
        var id = IdArgument();
        var command = new Command(
            "assess",
            "Assess a submitted change's risk (Submitted or Assessed -> Assessed) and print the explanation: each factor with its axis, points and detail, the matrix cell, the class and the approval it requires. "
            + "Impact comes from the tenant's CMDB; blackout windows from itsm change blackout. Re-assessing discards the approvals so far.\n\n"
            + "Example:\n  itsm change assess 0197a3c2-5e1b-7c3d-9f00-1234567890ab --json");
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var change = ParseId(parseResult.GetValue(id));
            var assessed = await session.Dispatcher.SendAsync(new AssessChangeRisk(session.Context, change), cancellationToken).ConfigureAwait(false);
            if (!assessed.IsSuccess)
            {
                return Refused(assessed, error, session);
            }

            var stored = assessed.Value;
            var snapshot = stored.Record;
            if (parseResult.GetValue(HostOptions.Json))
            {
                JsonOutput.Write(output, new AssessDocument(
                    change.ToString(), session.Context.Tenant.Value, snapshot.Status.ToString(), AssessmentDocument.From(snapshot.Assessment!), RequirementDocument.From(snapshot.Requirement), snapshot.ReclassificationReason));
                return ExitCodes.Ok;
            }

            output.WriteLine(ChangeView.StatusLine("assessed", stored));
            ChangeView.WriteAssessment(TableConsole.Create(output), snapshot.Assessment!, snapshot.Requirement, snapshot.ReclassificationReason);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateFail()
    {
        var remediation = new Option<string>("--remediation") { Description = "backed-out (the backout plan restored the previous state) or fixed-forward (the change stayed in and was repaired).", Required = true };
        remediation.AcceptOnlyFromAmong("backed-out", "fixed-forward");
        var notes = new Option<string>("--notes") { Description = "What went wrong and what was done.", Required = true };
        return Lifecycle(
            "fail",
            "Record a failed implementation and its remediation (Implementing -> Failed); a failed change needs a review before it closes.",
            "itsm change fail ID --remediation backed-out --notes \"Node did not rejoin; firmware 7.0.3 restored\"",
            [remediation, notes],
            (c, id, p) => new FailChange(c, id, p.GetValue(remediation) == "fixed-forward" ? FailureRemediation.FixedForward : FailureRemediation.BackedOut, p.GetValue(notes)!),
            "recorded the failure of");
    }

    private static Command CreateShow()
    {
        var id = IdArgument();
        var command = new Command(
            "show",
            "Show a change: details, plans, the latest risk assessment with every factor, the approvals so far and the outcome.\n\n"
            + "Example:\n  itsm change show 0197a3c2-5e1b-7c3d-9f00-1234567890ab --json");
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var change = ParseId(parseResult.GetValue(id));
            var found = await session.Dispatcher.QueryAsync(new GetChange(session.Context, change), cancellationToken).ConfigureAwait(false);
            if (!found.IsSuccess)
            {
                return Refused(found, error, session);
            }

            return JsonOutput.Answer(parseResult, output, () => ChangeDocument.From(found.Value, session.Context.Tenant.Value), () => ChangeView.WriteDetails(TableConsole.Create(output), found.Value));
        }));
        return command;
    }

    private static Command CreateList()
    {
        var statuses = new Option<string[]>("--status")
        {
            Description = "Only these statuses: draft, submitted, assessed, approved, rejected, scheduled, implementing, implemented, failed, reviewed, closed; repeatable or comma-separated.",
            AllowMultipleArgumentsPerToken = true,
        };
        var items = new Option<string[]>("--item") { Description = "Only changes touching one of these configuration items (repeatable or comma-separated).", AllowMultipleArgumentsPerToken = true };
        var command = new Command(
            "list",
            "List the tenant's changes by window start, optionally filtered by status and affected item.\n\n"
            + "Example:\n  itsm change list --status approved,scheduled --item node1");
        foreach (var option in new Option[] { statuses, items, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var only = ParseStatuses(parseResult.GetValue(statuses) ?? []);
            var affected = (parseResult.GetValue(items) ?? [])
                .SelectMany(i => i.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(i => Parsed.Value(ConfigurationItemId.Parse(i, "--item")))
                .ToList();
            var specification = new ChangesByWindowStart(statuses: only.Length > 0 ? only : null, items: affected.Count > 0 ? affected : null);
            var listed = await session.Dispatcher.QueryAsync(new ListChanges(session.Context, specification), cancellationToken).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return ResultReport.Write(listed, error, CommonFields);
            }

            var tenant = session.Context.Tenant.Value;
            return JsonOutput.Answer(parseResult, output, () => new ChangeListDocument(tenant, listed.Value.Count, [.. listed.Value.Select(ChangeSummaryDocument.From)]), () => ChangeView.WriteList(TableConsole.Create(output), listed.Value, tenant));
        }));
        return command;
    }

    private static Command CreateConflicts()
    {
        var from = new Option<string>("--from") { Description = "Start of the period, ISO-8601 with Z or an offset.", Required = true };
        var to = new Option<string>("--to") { Description = "End of the period (exclusive).", Required = true };
        var command = new Command(
            "conflicts",
            "Schedule conflicts among the approved, scheduled and implementing changes whose windows overlap the period: overlapping windows on the same CI, or on CIs inside each other's impact set in the CMDB.\n\n"
            + "Example:\n  itsm change conflicts --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z --json");
        foreach (var option in new Option[] { from, to, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var periodStart = InstantText.Parse(parseResult.GetValue(from)!, "--from");
            var periodEnd = InstantText.Parse(parseResult.GetValue(to)!, "--to");
            var found = await session.Dispatcher.QueryAsync(new FindScheduleConflicts(session.Context, periodStart, periodEnd), cancellationToken).ConfigureAwait(false);
            if (!found.IsSuccess)
            {
                return ResultReport.Write(found, error, CommonFields);
            }

            var involved = new Dictionary<ChangeId, ChangeRequestSnapshot>();
            foreach (var id in found.Value.SelectMany(c => new[] { c.First, c.Second }).Distinct())
            {
                if ((await session.Dispatcher.QueryAsync(new GetChange(session.Context, id), cancellationToken).ConfigureAwait(false)) is { IsSuccess: true } change)
                {
                    involved[id] = change.Value.Record;
                }
            }

            return JsonOutput.Answer(parseResult, output, () => new ConflictListDocument(
                    session.Context.Tenant.Value, InstantText.Format(periodStart), InstantText.Format(periodEnd), found.Value.Count,
                    [.. found.Value.Select(c => new ConflictDocument(
                        c.First.ToString(), involved.GetValueOrDefault(c.First)?.Title, c.Second.ToString(), involved.GetValueOrDefault(c.Second)?.Title,
                        c.Reason.ToString(), c.FirstItem.Value, c.SecondItem.Value, InstantText.Format(c.Overlap.Start), InstantText.Format(c.Overlap.End)))]), () => ChangeView.WriteConflicts(TableConsole.Create(output), found.Value, involved));
        }));
        return command;
    }

    /// <summary>
    /// The shape of every lifecycle subcommand: parse the id, send one library command, then print the
    /// new status and version, or the refusal.
    /// </summary>
    private static Command Lifecycle(
        string name,
        string description,
        string example,
        Option[] options,
        Func<RequestContext, ChangeId, ParseResult, ChangeCommand> build,
        string done)
    {
        var id = IdArgument();
        var command = new Command(name, $"{description}\n\nExample:\n  {example}");
        command.Arguments.Add(id);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => Run(parseResult, async (session, output, error) =>
        {
            var change = ParseId(parseResult.GetValue(id));
            var sent = await session.Dispatcher.SendAsync(build(session.Context, change, parseResult), cancellationToken).ConfigureAwait(false);
            if (!sent.IsSuccess)
            {
                return Refused(sent, error, session);
            }

            output.WriteLine(ChangeView.StatusLine(done, sent.Value));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The change's id, as printed by 'itsm change raise' or 'list'." };

    /// <summary>Runs a change subcommand in a session over the store.</summary>
    private static Task<int> Run(ParseResult parseResult, Func<RecordSession, TextWriter, TextWriter, Task<int>> body) =>
        RecordSession.RunAsync(parseResult, body);

    /// <summary>Reports a refusal in one line; an unknown change says which tenant was asked, because ids are per tenant.</summary>
    private static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(
            result, error, CommonFields,
            result.ErrorCode == "change.not-found" ? $"changes belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm change list --tenant {session.Context.Tenant}' lists them)." : null);

    private static ChangeId ParseId(string? text) =>
        ChangeId.Parse(text?.Trim(), "id") is { IsSuccess: true } parsed
            ? parsed.Value
            : throw new InputException($"id: '{text}' is not a change id; use the GUID printed by 'itsm change raise' or 'itsm change list', such as 0197a3c2-5e1b-7c3d-9f00-1234567890ab.");

    private static ChangeStatus[] ParseStatuses(string[] values)
    {
        var statuses = new List<ChangeStatus>();
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            statuses.Add(Enum.TryParse<ChangeStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) && !value.Any(char.IsDigit)
                ? status
                : throw new InputException($"--status: '{value}' is not a status; use draft, submitted, assessed, approved, rejected, scheduled, implementing, implemented, failed, reviewed or closed."));
        }

        return [.. statuses.Distinct()];
    }
}
