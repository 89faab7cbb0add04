using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm incident open|show|list|assign|start|respond|hold|resume|resolve|close|reopen|cancel|priority|link</c>:
/// incident management against the host's store, through <see cref="IItsmDispatcher"/>, one library
/// command or query per invocation.
/// </summary>
/// <remarks>
/// <para>
/// Every subcommand takes <c>--tenant</c>, <c>--actor</c>, <c>--at</c> (run as if the clock read that
/// instant) and <c>--json</c>. The lifecycle subcommands (built by <see cref="Lifecycle"/>) take
/// <c>--expected-version</c> to refuse the change when someone saved the incident since you looked, and
/// answer with the incident's new state.
/// </para>
/// <para>
/// Exit codes: a bad value (unknown impact level, malformed instant or id) gives
/// <see cref="ExitCodes.InvalidInput"/>; an unknown incident <see cref="ExitCodes.NotFound"/>; an illegal
/// transition or stale version <see cref="ExitCodes.Conflict"/>. A refused command changes nothing.
/// </para>
/// </remarks>
internal static class IncidentCommands
{
    /// <summary>The library's field names with the options that set them, for refusals.</summary>
    internal static readonly Dictionary<string, string> CommonFields = new(StringComparer.Ordinal)
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
        ["KnownError"] = "--known-error",
    };

    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Refuse (conflict) unless the incident is still at this version, the one you looked at." };

    private static readonly Dictionary<string, HoldReason> HoldReasons = new(StringComparer.Ordinal)
    {
        ["awaiting-customer"] = HoldReason.AwaitingCustomer,
        ["awaiting-supplier"] = HoldReason.AwaitingSupplier,
    };

    /// <summary>How the lifecycle subcommands read, load and show an incident.</summary>
    private static readonly LifecycleKind<IncidentId, IncidentAnswer> Kind = new(
        IdArgument,
        LoadAsync,
        (answer, session) => IncidentView.Document(answer.Stored, answer.Status, session.Context.Tenant.Value),
        (output, done, answer) =>
        {
            var i = answer.Stored.Record;
            output.WriteLine($"{done} incident {i.Id}: state {i.State}{(i.Hold is { } hold ? $" ({hold})" : string.Empty)}, priority {i.Priority}, version {answer.Stored.Version}");
            output.WriteLine(IncidentView.SlaLine(answer.Status));
        },
        (result, session, error) => Refused(result, error, session),
        ExpectedVersion);

    /// <summary>Creates the <c>incident</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var incident = new Command("incident", "Incident management: open with an explained priority and SLA clocks, move through the lifecycle, show and list.");
        incident.Subcommands.Add(IncidentOpenCommand.Create());
        incident.Subcommands.Add(Lifecycle.Show(
            Kind,
            "Show an incident: details, how its priority was decided, its SLA clocks at --at (state, elapsed, remaining, due in the calendar's local time and UTC, percentage, thresholds, breach) and its history.\n\n"
            + "Example:\n  itsm incident show 0197a3c2-5e1b-7c3d-9f00-1234567890ab --at 2026-06-15T09:00:00Z --json",
            (output, answer) => IncidentView.WriteDetails(TableConsole.Create(output), answer.Stored, answer.Status)));
        incident.Subcommands.Add(IncidentQueryCommands.CreateList());
        var to = TypedOptions.Text<UserId>("--to", "Who will work on it.", required: true);
        incident.Subcommands.Add(Transition("assign", "Assign (or reassign) the incident; the first assignment stops the response clock.", "itsm incident assign ID --to bob", [to], (c, id, p) => new AssignIncident(c, id, p.GetValue(to)!.Value), "assigned"));
        incident.Subcommands.Add(Transition("start", "Start work on an assigned incident (Assigned -> InProgress).", "itsm incident start ID", [], (c, id, _) => new StartIncidentWork(c, id), "started work on"));
        incident.Subcommands.Add(Transition("respond", "Record the first response to the caller; stops the response clock.", "itsm incident respond ID", [], (c, id, _) => new RecordFirstResponse(c, id), "recorded the first response on"));
        var hold = TypedOptions.Choice("--reason", "awaiting-customer or awaiting-supplier.", HoldReasons);
        incident.Subcommands.Add(Transition("hold", "Put the incident on hold (InProgress -> OnHold); pauses the resolution clock when the SLA says so.", "itsm incident hold ID --reason awaiting-customer", [hold], (c, id, p) => new PutIncidentOnHold(c, id, p.GetValue(hold)), "put on hold"));
        incident.Subcommands.Add(Transition("resume", "Resume work after a hold (OnHold -> InProgress); resumes the resolution clock.", "itsm incident resume ID", [], (c, id, _) => new ResumeIncident(c, id), "resumed"));
        var resolution = new Option<string>("--resolution") { Description = "How service was restored.", Required = true };
        incident.Subcommands.Add(Transition("resolve", "Resolve the incident (from Assigned, InProgress or OnHold); stops both clocks.", "itsm incident resolve ID --resolution \"Restarted the payroll batch\"", [resolution], (c, id, p) => new ResolveIncident(c, id, p.GetValue(resolution)!), "resolved"));
        incident.Subcommands.Add(Transition("close", "Close a resolved incident.", "itsm incident close ID", [], (c, id, _) => new CloseIncident(c, id), "closed"));
        var reopen = Reason("Why the incident is reopened.");
        incident.Subcommands.Add(Transition("reopen", "Reopen a resolved incident within the reopen window (Resolved -> InProgress); the resolution clock continues.", "itsm incident reopen ID --reason \"Batch failed again\"", [reopen], (c, id, p) => new ReopenIncident(c, id, p.GetValue(reopen)!), "reopened"));
        var cancel = Reason("Why the incident is cancelled.");
        incident.Subcommands.Add(Transition("cancel", "Cancel an open incident (a duplicate, raised in error); stops its clocks.", "itsm incident cancel ID --reason \"Duplicate of another incident\"", [cancel], (c, id, p) => new CancelIncident(c, id, p.GetValue(cancel)!), "cancelled"));
        incident.Subcommands.Add(CreatePriority());
        var problem = TypedOptions.Guid<ProblemId>("--problem", "The problem record's id (a GUID).");
        incident.Subcommands.Add(Transition("link", "Link the incident to a problem record (any state but cancelled).", "itsm incident link ID --problem 0197a3c2-0000-7000-8000-000000000001", [problem], (c, id, p) => new LinkIncidentToProblem(c, id, p.GetValue(problem)), "linked"));
        var knownError = TypedOptions.Guid<KnownErrorId>("--known-error", "The known error's id (a GUID), as 'itsm problem match' or 'itsm problem show' prints it.");
        incident.Subcommands.Add(Transition("resolve-known", "Resolve the incident with a published known error's workaround; links it to the known error's problem, so a later push skips it.", "itsm incident resolve-known ID --known-error 0197a3c2-0000-7000-8000-000000000003", [knownError], (c, id, p) => new ResolveIncidentWithKnownError(c, id, p.GetValue(knownError)), "resolved with the known error"));
        return incident;
    }

    /// <summary>Loads an incident and its SLA clocks at the session's instant.</summary>
    internal static async Task<Result<IncidentAnswer>> LoadAsync(RecordSession session, IncidentId id, CancellationToken cancellationToken)
    {
        var stored = await session.Dispatcher.QueryAsync(new GetIncident(session.Context, id), cancellationToken).ConfigureAwait(false);
        if (!stored.IsSuccess)
        {
            return stored.AsFailure<IncidentAnswer>();
        }

        var status = await session.Dispatcher.QueryAsync(new GetSlaStatus(session.Context, id), cancellationToken).ConfigureAwait(false);
        return new IncidentAnswer(stored.Value, status.IsSuccess ? status.Value : null);
    }

    /// <summary>The incident <c>id</c> argument, checked when the command line is parsed.</summary>
    internal static Argument<IncidentId> IdArgument() => TypedOptions.GuidArgument<IncidentId>(
        "The incident's id, as printed by 'itsm incident open' or 'list'.",
        "an incident",
        "use the GUID printed by 'itsm incident open' or 'itsm incident list', such as 0197a3c2-5e1b-7c3d-9f00-1234567890ab.");

    /// <summary>Reports a refusal in one line; an unknown incident says which tenant was asked, because ids are per tenant.</summary>
    internal static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(
            result, error, CommonFields,
            $"incidents belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm incident list --tenant {session.Context.Tenant}' lists them).");

    private static Command CreatePriority()
    {
        var impact = new Option<int>("--impact") { Description = "The new impact level.", Required = true };
        var urgency = new Option<int>("--urgency") { Description = "The new urgency level.", Required = true };
        var reason = Reason("Why the priority changes (also the override's reason).");
        var overridden = TypedOptions.Priority("--override", "Set this priority (such as P1) instead of the computed one, with --reason.");
        return Transition(
            "priority",
            "Re-assess impact and urgency (or override the result) with a reason; running SLA clocks are re-targeted under the SLA's policy.",
            "itsm incident priority ID --impact 1 --urgency 1 --reason \"Payroll deadline today\"\n  itsm incident priority ID --impact 2 --urgency 2 --override P1 --reason \"Board request\"",
            [impact, urgency, reason, overridden],
            (c, id, p) => new ChangeIncidentPriority(c, id, p.GetValue(impact), p.GetValue(urgency), p.GetValue(reason)!) { OverridePriority = p.GetValue(overridden) },
            "re-prioritised",
            (output, answer) => IncidentView.WriteDecision(TableConsole.Create(output), answer.Stored.Record.Decision, impactFromCmdb: null));
    }

    /// <summary>One lifecycle subcommand: the incident command <paramref name="build"/> makes, sent with <c>--expected-version</c>.</summary>
    private static Command Transition(string name, string description, string example, Option[] options, Func<RequestContext, IncidentId, ParseResult, IncidentCommand> build, string done, Action<TextWriter, IncidentAnswer>? more = null) =>
        Lifecycle.Create(Kind, name, description, example, options, (c, id, p) => build(c, id, p) with { ExpectedVersion = p.GetValue(ExpectedVersion) }, done, more);

    private static Option<string> Reason(string description) => new("--reason") { Description = description, Required = true };
}

/// <summary>An incident as a command left it: the stored record and its SLA clocks at the command's instant.</summary>
/// <param name="Stored">The incident and its version.</param>
/// <param name="Status">Its SLA clocks; null when it has none.</param>
internal sealed record IncidentAnswer(Versioned<Incident> Stored, IncidentSlaStatus? Status);
