using System.CommandLine;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm change raise|submit|assess|approve|reject|schedule|start|complete|fail|review|close|show|list|conflicts</c>:
/// change management against the host's store, through <see cref="IItsmDispatcher"/>, one lifecycle step
/// (one library command or query) per invocation; and <c>itsm change authority|blackout|maintenance|template</c>,
/// which maintain the tenant's change authorities, freeze and maintenance windows and standard change catalogue
/// through the library's reference data commands (<see cref="ChangeAuthorityCommands"/>, <see cref="ChangeWindowCommands"/>).
/// </summary>
/// <remarks>
/// <para>
/// Impact comes from the tenant's CMDB in the store (the library's default <c>CmdbChangeImpactSource</c>),
/// so import it first with <c>itsm cmdb import</c>; <c>raise</c> refuses an affected item the CMDB does not
/// know, because the library would silently count it as impacting nothing. Every subcommand takes
/// <c>--tenant</c>, <c>--actor</c> (the requester of <c>raise</c>, the approver of <c>approve</c>) and
/// <c>--at</c>, and <c>--json</c>; the lifecycle subcommands (built by <see cref="Lifecycle"/>) answer with the
/// change's new status and version.
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
    /// <summary>The library's field names with the options that set them, for refusals.</summary>
    internal static readonly Dictionary<string, string> CommonFields = new(StringComparer.Ordinal)
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

    private static readonly Dictionary<string, FailureRemediation> Remediations = new(StringComparer.Ordinal)
    {
        ["backed-out"] = FailureRemediation.BackedOut,
        ["fixed-forward"] = FailureRemediation.FixedForward,
    };

    /// <summary>How the lifecycle subcommands read, load and show a change.</summary>
    private static readonly LifecycleKind<ChangeId, Versioned<ChangeRequestSnapshot>> Kind = new(
        IdArgument,
        LoadAsync,
        (stored, session) => ChangeDocument.From(stored, session.Context.Tenant.Value),
        (output, done, stored) => output.WriteLine(ChangeView.StatusLine(done, stored)),
        (result, session, error) => Refused(result, error, session),
        ExpectedVersion: null);

    /// <summary>Creates the <c>change</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var change = new Command(
            "change",
            "Change management on the store: raise, submit, assess risk (explained), approve with segregation of duties, schedule, implement, review, close; find conflicts. "
            + "Impact comes from the tenant's CMDB (itsm cmdb import); authorities, blackout and maintenance windows and standard change templates from the host's files (itsm change authority|blackout|maintenance|template).");
        change.Subcommands.Add(ChangeRaiseCommands.CreateRaise());
        change.Subcommands.Add(Transition("submit", "Submit a draft change for assessment (Draft -> Submitted).", "itsm change submit ID", [], (c, id, _) => new SubmitChange(c, id), "submitted"));
        change.Subcommands.Add(ChangeRaiseCommands.CreateAssess());
        var approveReason = new Option<string>("--reason") { Description = "Why you approve (recorded with the decision).", DefaultValueFactory = _ => "Approved." };
        change.Subcommands.Add(Transition(
            "approve",
            "Approve the change as --actor, with the authority the host's directory says they hold (itsm change authority). The requester may never approve their own change; a CAB quorum needs that many distinct members. Assessed -> Approved once the required approvals are in.",
            "itsm change approve ID --actor bob --reason \"Tested in staging, backout rehearsed\"",
            [approveReason],
            (c, id, p) => new ApproveChange(c, id, p.GetValue(approveReason)!),
            "approved"));
        var rejectReason = new Option<string>("--reason") { Description = "Why you reject.", Required = true };
        change.Subcommands.Add(Transition(
            "reject",
            "Reject the change as --actor (Assessed -> Rejected); needs the authority the assessment requires, and never the requester.",
            "itsm change reject ID --actor bob --reason \"No rollback tested\"",
            [rejectReason],
            (c, id, p) => new RejectChange(c, id, p.GetValue(rejectReason)!),
            "rejected"));
        change.Subcommands.Add(Transition(
            "schedule",
            "Book an approved change into its window (Approved -> Scheduled); refused (conflict) when the window overlaps a live change on the same or a dependent CI.",
            "itsm change schedule ID",
            [],
            (c, id, _) => new ScheduleChange(c, id),
            "scheduled"));
        change.Subcommands.Add(Transition("start", "Start implementing a scheduled change (Scheduled -> Implementing); refused unless the required approvals are recorded.", "itsm change start ID", [], (c, id, _) => new StartImplementation(c, id), "started implementing"));
        var completeNotes = new Option<string?>("--notes") { Description = "Notes on the outcome." };
        change.Subcommands.Add(Transition("complete", "Record a successful implementation (Implementing -> Implemented).", "itsm change complete ID --notes \"Firmware 8.0.2 on all nodes\"", [completeNotes], (c, id, p) => new CompleteChange(c, id, p.GetValue(completeNotes)), "completed"));
        change.Subcommands.Add(CreateFail());
        var findings = new Option<string>("--findings") { Description = "What the post-implementation review found.", Required = true };
        change.Subcommands.Add(Transition("review", "Record the post-implementation review (Implemented or Failed -> Reviewed); required before an emergency or failed change may close.", "itsm change review ID --findings \"Backout worked; vendor firmware bug\"", [findings], (c, id, p) => new ReviewChange(c, id, p.GetValue(findings)!), "reviewed"));
        change.Subcommands.Add(Transition("close", "Close the change (from Reviewed, Rejected, or Implemented when no review is required).", "itsm change close ID", [], (c, id, _) => new CloseChange(c, id), "closed"));
        change.Subcommands.Add(Lifecycle.Show(
            Kind,
            "Show a change: details, plans, the latest risk assessment with every factor, the approvals so far and the outcome.\n\n"
            + "Example:\n  itsm change show 0197a3c2-5e1b-7c3d-9f00-1234567890ab --json",
            (output, stored) => ChangeView.WriteDetails(TableConsole.Create(output), stored)));
        change.Subcommands.Add(ChangeQueryCommands.CreateList());
        change.Subcommands.Add(ChangeQueryCommands.CreateConflicts());
        change.Subcommands.Add(ChangeAuthorityCommands.CreateAuthority());
        change.Subcommands.Add(ChangeWindowCommands.CreateBlackout());
        change.Subcommands.Add(ChangeWindowCommands.CreateMaintenance());
        change.Subcommands.Add(ChangeAuthorityCommands.CreateTemplate());
        return change;
    }

    private static Command CreateFail()
    {
        var remediation = TypedOptions.Choice("--remediation", "backed-out (the backout plan restored the previous state) or fixed-forward (the change stayed in and was repaired).", Remediations);
        var notes = new Option<string>("--notes") { Description = "What went wrong and what was done.", Required = true };
        return Transition(
            "fail",
            "Record a failed implementation and its remediation (Implementing -> Failed); a failed change needs a review before it closes.",
            "itsm change fail ID --remediation backed-out --notes \"Node did not rejoin; firmware 7.0.3 restored\"",
            [remediation, notes],
            (c, id, p) => new FailChange(c, id, p.GetValue(remediation), p.GetValue(notes)!),
            "recorded the failure of");
    }

    /// <summary>Loads a change as a command left it.</summary>
    internal static async Task<Result<Versioned<ChangeRequestSnapshot>>> LoadAsync(RecordSession session, ChangeId id, CancellationToken cancellationToken) =>
        await session.Dispatcher.QueryAsync(new GetChange(session.Context, id), cancellationToken).ConfigureAwait(false);

    /// <summary>The change <c>id</c> argument, checked when the command line is parsed.</summary>
    internal static Argument<ChangeId> IdArgument() => TypedOptions.GuidArgument<ChangeId>(
        "The change's id, as printed by 'itsm change raise' or 'list'.",
        "a change",
        "use the GUID printed by 'itsm change raise' or 'itsm change list', such as 0197a3c2-5e1b-7c3d-9f00-1234567890ab.");

    /// <summary>Reports a refusal in one line; an unknown change says which tenant was asked, because ids are per tenant.</summary>
    internal static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(
            result, error, CommonFields,
            result.ErrorCode == "change.not-found" ? $"changes belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm change list --tenant {session.Context.Tenant}' lists them)." : null);

    /// <summary>One lifecycle subcommand: the change command <paramref name="build"/> makes.</summary>
    private static Command Transition<TResult>(string name, string description, string example, Option[] options, Func<RequestContext, ChangeId, ParseResult, ICommand<TResult>> build, string done)
        where TResult : IResult =>
        Lifecycle.Create(Kind, name, description, example, options, build, done);
}
