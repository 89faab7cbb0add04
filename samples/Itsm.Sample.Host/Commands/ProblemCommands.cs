using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Problems;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm problem log|investigate|assign|root-cause|workaround|publish|link|push|resolve|close|cancel|show|list</c>:
/// problem management against the host's store, one library command or query per invocation; <c>match</c> and
/// <c>measures</c> live in <see cref="ProblemQueryCommands"/>,
/// <c>candidates</c> (over CSV files, no store) in <see cref="ProblemCandidatesCommand"/>.
/// </summary>
/// <remarks>
/// Every subcommand takes <c>--tenant</c>, <c>--actor</c>, <c>--at</c> and <c>--json</c>; the lifecycle subcommands (built by
/// <see cref="Lifecycle"/>) take <c>--expected-version</c> and answer with the problem's new state. Exit codes as for incidents:
/// 2 a bad value, 4 an unknown problem or incident, 5 an illegal transition or a stale version.
/// </remarks>
internal static class ProblemCommands
{
    /// <summary>The library's field names with the options that set them, for refusals.</summary>
    internal static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Problem"] = "id",
        ["ExpectedVersion"] = "--expected-version",
        ["Title"] = "--title",
        ["Service"] = "--service",
        ["Impact"] = "--impact",
        ["Urgency"] = "--urgency",
        ["Items"] = "--ci",
        ["Category"] = "--category",
        ["Assignee"] = "--to",
        ["RootCause"] = "--cause",
        ["Workaround"] = "--workaround",
        ["Symptom"] = "--symptom",
        ["ValidUntil"] = "--valid-until",
        ["Code"] = "--code",
        ["Notes"] = "--notes",
        ["Reason"] = "--reason",
        ["Change"] = "--change",
        ["Incident"] = "--incident",
        ["MinimumAge"] = "--older-than",
    };

    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Refuse (conflict) unless the problem is still at this version, the one you looked at." };

    private static readonly Dictionary<string, ProblemResolutionCode> Codes = Enum.GetValues<ProblemResolutionCode>().ToDictionary(c => TypedOptions.Kebab(c.ToString()), c => c, StringComparer.OrdinalIgnoreCase);

    /// <summary>How the lifecycle subcommands read, load and show a problem.</summary>
    private static readonly LifecycleKind<ProblemId, Versioned<Problem>> Kind = new(
        IdArgument,
        (session, id, cancellationToken) => session.Dispatcher.QueryAsync(new GetProblem(session.Context, id), cancellationToken),
        (stored, session) => ProblemView.Document(stored, session.Context.Tenant.Value),
        (output, done, stored) => ProblemView.Confirm(output, done, stored),
        (result, session, error) => Refused(result, error, session),
        ExpectedVersion);

    /// <summary>Creates the <c>problem</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var problem = new Command("problem", "Problem management: log a problem, find its root cause and workaround, publish its known error, push the workaround to its incidents, resolve and close.");
        problem.Subcommands.Add(ProblemQueryCommands.CreateLog());
        problem.Subcommands.Add(Lifecycle.Show(Kind, "Show a problem: its fields, root cause, workaround, known error, incidents, next states and history.\n\nExample:\n  itsm problem show ID --json", ProblemView.WriteDetails));
        problem.Subcommands.Add(ProblemQueryCommands.CreateList());
        problem.Subcommands.Add(Transition("investigate", "Start investigating (Logged -> UnderInvestigation).", "itsm problem investigate ID", [], (c, id, _) => new InvestigateProblem(c, id), "started investigating"));
        var to = TypedOptions.Text<UserId>("--to", "Who works on it.", required: true);
        problem.Subcommands.Add(Transition("assign", "Assign (or reassign) an open problem.", "itsm problem assign ID --to pat", [to], (c, id, p) => new AssignProblem(c, id, p.GetValue(to)!.Value), "assigned"));
        var cause = Text("--cause", "What causes the incidents.");
        problem.Subcommands.Add(Transition("root-cause", "Record (or revise) the root cause (UnderInvestigation -> RootCauseKnown).", "itsm problem root-cause ID --cause \"SAN firmware drops the write cache\"", [cause], (c, id, p) => new RecordRootCause(c, id, p.GetValue(cause)!), "recorded the root cause of"));
        var workaround = Text("--workaround", "How users get service back while the cause stays.");
        problem.Subcommands.Add(Transition("workaround", "Record (or revise) the workaround; each recording is a new revision.", "itsm problem workaround ID --workaround \"Fail over to controller B\"", [workaround], (c, id, p) => new RecordWorkaround(c, id, p.GetValue(workaround)!), "recorded the workaround of"));
        var symptom = Text("--symptom", "What users see; matching reads it beside incident titles.");
        var errorCode = new Option<string?>("--error-code") { Description = "An error code users see, such as ORA-01555." };
        var validUntil = TypedOptions.OptionalInstant("--valid-until", "When the known error stops applying; open-ended when omitted.");
        problem.Subcommands.Add(Transition("publish", "Publish the known error (RootCauseKnown -> KnownError) in the known-error database.", "itsm problem publish ID --symptom \"Mail stalls at 09:00\" --error-code SAN-0042", [symptom, errorCode, validUntil], (c, id, p) => new PublishKnownError(c, id, p.GetValue(symptom)!) { ErrorCode = p.GetValue(errorCode), ValidUntil = p.GetValue(validUntil) }, "published the known error of"));
        var resolve = new Option<bool>("--resolve") { Description = "Also resolve the incidents whose lifecycle allows it (not New ones)." };
        problem.Subcommands.Add(Lifecycle.Create(Kind, "push", "Push the current workaround to every open linked incident that has not received it; pushing twice reaches nobody.", "itsm problem push ID --resolve", [resolve], (c, id, p) => new PushWorkaround(c, id) { Policy = p.GetValue(resolve) ? WorkaroundPushPolicy.ResolveWhereAllowed : WorkaroundPushPolicy.NoteOnly, ExpectedVersion = p.GetValue(ExpectedVersion) }, "pushed the workaround of"));
        var incident = TypedOptions.Guid<IncidentId>("--incident", "The incident's id (a GUID).");
        problem.Subcommands.Add(Lifecycle.Create(Kind with { ExpectedVersion = null }, "link", "Link an incident to the problem, on both sides.", "itsm problem link ID --incident 0197a3c2-0000-7000-8000-000000000001", [incident], (c, id, p) => new LinkIncidentToProblem(c, p.GetValue(incident), id), "linked an incident to"));
        problem.Subcommands.Add(CreateResolve());
        problem.Subcommands.Add(Transition("close", "Close a resolved problem.", "itsm problem close ID", [], (c, id, _) => new CloseProblem(c, id), "closed"));
        var reason = Text("--reason", "Why the problem is cancelled.");
        problem.Subcommands.Add(Transition("cancel", "Cancel an open problem (raised in error).", "itsm problem cancel ID --reason \"Not a problem\"", [reason], (c, id, p) => new CancelProblem(c, id, p.GetValue(reason)!), "cancelled"));
        problem.Subcommands.Add(ProblemQueryCommands.CreateMatch());
        problem.Subcommands.Add(ProblemQueryCommands.CreateMeasures());
        problem.Subcommands.Add(ProblemCandidatesCommand.Create());
        return problem;
    }

    /// <summary>The problem <c>id</c> argument, checked when the command line is parsed.</summary>
    internal static Argument<ProblemId> IdArgument() => TypedOptions.GuidArgument<ProblemId>(
        "The problem's id, as printed by 'itsm problem log' or 'list'.",
        "a problem",
        "use the GUID printed by 'itsm problem log' or 'itsm problem list'.");

    /// <summary>Reports a refusal in one line; an unknown problem says which tenant was asked.</summary>
    internal static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(result, error, Fields, $"problems belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm problem list --tenant {session.Context.Tenant}' lists them).");

    private static Command CreateResolve()
    {
        var code = TypedOptions.Choice("--code", "fixed, risk-accepted, duplicate or cannot-reproduce; fixed when omitted.", Codes, "fixed");
        var notes = new Option<string?>("--notes") { Description = "How it was resolved; required without --change." };
        var change = new Option<ChangeId?>("--change")
        {
            Description = "The implemented change that removed the cause (resolves as fixed).",
            CustomParser = result => ChangeId.Parse(result.Tokens.Single().Value, "--change") is { IsSuccess: true } parsed ? parsed.Value : Fail(result),
        };
        return Transition(
            "resolve",
            "Resolve the problem with a code and notes, or by the implemented change that removed its cause.",
            "itsm problem resolve ID --code risk-accepted --notes \"Vendor fix next quarter\"\n  itsm problem resolve ID --change 0197a3c2-0000-7000-8000-000000000002",
            [code, notes, change],
            (c, id, p) => p.GetValue(change) is { } by
                ? new ResolveProblemByChange(c, id, by) { Notes = p.GetValue(notes) }
                : new ResolveProblem(c, id, p.GetValue(code), p.GetValue(notes)!),
            "resolved");

        static ChangeId? Fail(System.CommandLine.Parsing.ArgumentResult result)
        {
            result.AddError("--change: give the change's GUID.");
            return null;
        }
    }

    /// <summary>One lifecycle subcommand: the problem command <paramref name="build"/> makes, sent with <c>--expected-version</c>.</summary>
    private static Command Transition(string name, string description, string example, Option[] options, Func<RequestContext, ProblemId, ParseResult, ProblemCommand> build, string done) =>
        Lifecycle.Create(Kind, name, description, example, options, (c, id, p) => build(c, id, p) with { ExpectedVersion = p.GetValue(ExpectedVersion) }, done);

    private static Option<string> Text(string name, string description) => new(name) { Description = description, Required = true };
}
