using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Releases;
using Itsm.Core.Common;
using Itsm.Core.Releases;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm release plan|bundle|build|test|reschedule|accept|deploy|complete|rollback|review|close|show|list|calendar</c>: release and
/// deployment management against the host's store, one library command or query per invocation; <c>plan</c>, <c>list</c> and
/// <c>calendar</c> live in <see cref="ReleasePlanCommands"/>.
/// </summary>
/// <remarks>
/// Every subcommand takes <c>--tenant</c>, <c>--actor</c>, <c>--at</c> and <c>--json</c>; the lifecycle subcommands (built by
/// <see cref="Lifecycle"/>) take <c>--expected-version</c> and answer with the release's new state. <c>deploy</c> captures the
/// before-baseline of the CMDB and starts the deployment; <c>complete</c> and <c>rollback</c> verify the CMDB now against it.
/// Exit codes: 2 a bad value, 4 an unknown release or change, 5 a refusal (the gate, an illegal transition, a stale version).
/// </remarks>
internal static class ReleaseCommands
{
    /// <summary>The library's field names with the options that set them, for refusals.</summary>
    internal static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Release"] = "id",
        ["ExpectedVersion"] = "--expected-version",
        ["Title"] = "--title",
        ["Unit"] = "--unit",
        ["Version"] = "--version",
        ["Type"] = "--type",
        ["Policy"] = "--policy",
        ["Environments"] = "--test, --staging, --production",
        ["RollbackPlan"] = "--rollback-plan",
        ["Change"] = "--change",
        ["BuildReference"] = "--reference",
        ["Suite"] = "--suite",
        ["Environment"] = "--env",
        ["Window"] = "--window",
        ["Reason"] = "--reason",
        ["Findings"] = "--findings",
        ["KnownErrors"] = "--known-error",
        ["Acknowledged"] = "--acknowledge",
        ["Period"] = "--from, --to",
    };

    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Refuse (conflict) unless the release is still at this version, the one you looked at." };

    private static readonly Dictionary<string, DeploymentEnvironment> Environments = Enum.GetValues<DeploymentEnvironment>().ToDictionary(e => ReleaseView.Name(e), e => e, StringComparer.OrdinalIgnoreCase);

    /// <summary>How the lifecycle subcommands read, load and show a release.</summary>
    private static readonly LifecycleKind<ReleaseId, Versioned<Release>> Kind = new(
        IdArgument,
        (session, id, cancellationToken) => session.Dispatcher.QueryAsync(new GetRelease(session.Context, id), cancellationToken),
        (stored, session) => ReleaseView.Document(stored, session.Context.Tenant.Value),
        ReleaseView.Confirm,
        (result, session, error) => Refused(result, error, session),
        ExpectedVersion);

    /// <summary>Creates the <c>release</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var release = new Command("release", "Release and deployment management: plan a release of approved changes, build and test it, accept it through the gate, deploy it environment by environment verified against the CMDB, roll back, review and close.");
        release.Subcommands.Add(ReleasePlanCommands.CreatePlan());
        var change = TypedOptions.Guid<ChangeId>("--change", "The approved change's id (a GUID).");
        release.Subcommands.Add(Transition("bundle", "Bundle an approved change into a planned release.", "itsm release bundle ID --change 0197a3c2-0000-7000-8000-000000000002", [change], (c, id, p) => new BundleChange(c, id, p.GetValue(change)), "bundled a change into"));
        var reference = new Option<string>("--reference") { Description = "The artefact, tag or pipeline run built.", Required = true };
        var rollbackPlan = new Option<string?>("--rollback-plan") { Description = "The rollback plan of this build; keeps the current one when omitted." };
        release.Subcommands.Add(Transition("build", "Record the build (a rebuild restarts the tests).", "itsm release build ID --reference build-417 --rollback-plan \"Redeploy 4.1.0\"", [reference, rollbackPlan], (c, id, p) => new RecordBuild(c, id, p.GetValue(reference)!) { RollbackPlan = p.GetValue(rollbackPlan) }, "recorded the build of"));
        var suite = new Option<string>("--suite") { Description = "The test suite, such as regression.", Required = true };
        var failed = new Option<bool>("--failed") { Description = "The suite failed; it passed when omitted." };
        var notes = new Option<string?>("--notes") { Description = "What was found." };
        release.Subcommands.Add(Transition("test", "Record a test result of the current build.", "itsm release test ID --suite regression\n  itsm release test ID --suite performance --failed --notes \"p95 above 2 s\"", [suite, failed, notes], (c, id, p) => new RecordTestResult(c, id, p.GetValue(suite)!, !p.GetValue(failed)) { Notes = p.GetValue(notes) ?? string.Empty }, "recorded a test of"));
        var rescheduled = TypedOptions.Choice("--env", "test, staging or production.", Environments);
        var window = TypedOptions.Syntax("--window", "The new deployment window, START/END (ISO-8601), such as 2026-12-12T22:00:00Z/2026-12-13T01:00:00Z.", text => ReleasePlanCommands.Window("--window", text));
        release.Subcommands.Add(Transition("reschedule", "Move an environment's deployment window before it is deployed, for example past a blackout the gate refused; an accepted release goes back to in-test and must pass the gate again.", "itsm release reschedule ID --env production --window 2026-12-12T22:00:00Z/2026-12-13T01:00:00Z", [rescheduled, window], (c, id, p) => new RescheduleDeployment(c, id, p.GetValue(rescheduled), p.GetValue(window)), "rescheduled"));
        var acknowledge = TypedOptions.GuidList<KnownErrorId>("--acknowledge", "A known error the release ships that you acknowledge (its id, a GUID); repeatable or comma-separated. The gate needs every listed known error acknowledged.");
        release.Subcommands.Add(Transition("accept", "Accept the release through the gate: approved changes, windows inside change and maintenance windows and outside blackouts, tests passed, a rollback plan, every known error it ships acknowledged; a refusal lists every unmet criterion.", "itsm release accept ID\n  itsm release accept ID --acknowledge 0197a3c2-0000-7000-8000-000000000009", [acknowledge], (c, id, p) => new AcceptRelease(c, id) { Acknowledged = [.. p.GetValue(acknowledge) ?? []] }, "accepted"));
        var environment = TypedOptions.Choice("--env", "test, staging or production.", Environments);
        release.Subcommands.Add(Transition("deploy", "Start deploying to an environment: captures the CMDB's before-baseline (test, then staging, then production).", "itsm release deploy ID --env staging", [environment], (c, id, p) => new StartDeployment(c, id, p.GetValue(environment)), "started deploying"));
        release.Subcommands.Add(Transition("complete", "Complete the current deployment: the CMDB's difference from the before-baseline must be what the bundled changes authorise.", "itsm release complete ID", [], (c, id, _) => new CompleteDeployment(c, id), "completed the deployment of"));
        var reason = new Option<string>("--reason") { Description = "Why the deployment is rolled back.", Required = true };
        release.Subcommands.Add(Transition("rollback", "Record the rollback of the current deployment, verified: the CMDB must be back at the before-baseline.", "itsm release rollback ID --reason \"Smoke test failed\"", [reason], (c, id, p) => new RollBackDeployment(c, id, p.GetValue(reason)!), "rolled back"));
        var findings = new Option<string>("--findings") { Description = "What the review found.", Required = true };
        release.Subcommands.Add(Transition("review", "Review a deployed or rolled-back release.", "itsm release review ID --findings \"Deployed in its windows\"", [findings], (c, id, p) => new ReviewRelease(c, id, p.GetValue(findings)!), "reviewed"));
        release.Subcommands.Add(Transition("close", "Close a reviewed release.", "itsm release close ID", [], (c, id, _) => new CloseRelease(c, id), "closed"));
        release.Subcommands.Add(Lifecycle.Show(Kind, "Show a release: its version, changes, build, tests, environments with their deployments, next states and history.\n\nExample:\n  itsm release show ID --json", ReleaseView.WriteDetails));
        release.Subcommands.Add(ReleasePlanCommands.CreateList());
        release.Subcommands.Add(ReleasePlanCommands.CreateCalendar());
        return release;
    }

    /// <summary>The release <c>id</c> argument, checked when the command line is parsed.</summary>
    internal static Argument<ReleaseId> IdArgument() => TypedOptions.GuidArgument<ReleaseId>(
        "The release's id, as printed by 'itsm release plan' or 'list'.",
        "a release",
        "use the GUID printed by 'itsm release plan' or 'itsm release list'.");

    /// <summary>Reports a refusal in one line; an unknown release says which tenant was asked.</summary>
    internal static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(result, error, Fields, $"releases belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm release list --tenant {session.Context.Tenant}' lists them).");

    /// <summary>One lifecycle subcommand: the release command <paramref name="build"/> makes, sent with <c>--expected-version</c>.</summary>
    private static Command Transition(string name, string description, string example, Option[] options, Func<RequestContext, ReleaseId, ParseResult, ReleaseCommand> build, string done) =>
        Lifecycle.Create(Kind, name, description, example, options, (c, id, p) => build(c, id, p) with { ExpectedVersion = p.GetValue(ExpectedVersion) }, done);
}
