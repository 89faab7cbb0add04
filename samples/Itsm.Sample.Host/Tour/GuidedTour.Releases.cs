using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Releases;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Releases;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>
/// Step 5: release and deployment: the firmware change shipped as a release, refused acceptance inside the payroll freeze,
/// accepted for the next window, deployed through staging to production and audited clean; a second release rolled back,
/// verified against its before-baseline.
/// </summary>
internal sealed partial class GuidedTour
{
    private static readonly ConfigurationItemId StagingHost = ConfigurationItemId.From("esx-stg-01");
    private static readonly ConfigurationItemId PayrollApplication = ConfigurationItemId.From("app-payroll");

    /// <summary>The firmware change of step 4 (CHG-2, approved for 10 April), which the release ships.</summary>
    private ChangeId firmwareChange;

    private async Task RunReleasesAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Releases: the acceptance gate, verified deployments and a rollback",
            "Demonstrates a release gate that names each unmet criterion and deployments checked against the CMDB; why it matters: nothing unaccepted or unexplained reaches production.");
        var manager = As("bob.cm");
        var log = TableConsole.Table(["when (London)", "who", "command", "answer"], "command").Title("The firmware release (every row is one command)");
        async Task<Versioned<Release>> Step(string who, ReleaseCommand command)
        {
            var result = await dispatcher.SendAsync(command, cancellationToken).ConfigureAwait(false);
            log.AddRow(Markup.Escape(Show(clock.GetCurrentInstant())), Markup.Escape(who), command.GetType().Name, result.IsSuccess ? $"[green]ok[/], {result.Value.Record.State}" : $"[red]refused[/]: {result.Status}");
            return result.IsSuccess || command is AcceptRelease ? result.Value : throw Failed(command, result);
        }

        AdvanceTo(Local(4, 1, 10, 30), "the release manager plans the firmware rollout as a release");
        await SendAsync(new RegisterConfigurationItem(manager, StagingHost, ConfigurationItemClass.Server, "Staging cluster host", Attributes: new Dictionary<string, AttributeValue> { ["firmware"] = AttributeValue.FromText("8.0.2") }), cancellationToken).ConfigureAwait(false);
        var inFreeze = new Interval(Local(4, 3, 22, 0), Local(4, 4, 2, 0));
        var plan = new PlanRelease(
            manager,
            "Cluster firmware 8.0.2",
            ReleaseUnitId.From("cluster-firmware"),
            new ReleaseVersion(8, 0, 2),
            ReleaseType.Minor,
            [new(DeploymentEnvironment.Staging, [StagingHost], new Interval(Local(4, 2, 10, 0), Local(4, 2, 12, 0))), new(DeploymentEnvironment.Production, [Esx02], inFreeze)]);
        var release = (await SendAsync(plan, cancellationToken).ConfigureAwait(false)).Record.Id;
        await Step("bob.cm", new BundleChange(manager, release, firmwareChange)).ConfigureAwait(false);
        await Step("bob.cm", new RecordBuild(manager, release, "vendor-image-8.0.2") { RollbackPlan = "Flash firmware 7.0.3 back from the vendor image; rejoin the cluster." }).ConfigureAwait(false);
        await Step("bob.cm", new RecordTestResult(manager, release, "staging-soak", true) { Notes = "two weeks on the staging cluster" }).ConfigureAwait(false);
        var verdict = await QueryAsync(new CheckReleaseAcceptance(manager, release), cancellationToken).ConfigureAwait(false);
        await Step("bob.cm", new AcceptRelease(manager, release)).ConfigureAwait(false);
        var gate = TableConsole.Table(["criterion", "environment", "concerns"], "criterion")
            .Title(Markup.Escape($"The gate on production {Show(inFreeze.Start)} to {Show(inFreeze.End)}: every unmet criterion"));
        foreach (var unmet in verdict.Unmet)
        {
            gate.AddRow(unmet.Criterion.ToString(), unmet.Environment?.ToString() ?? "-", Markup.Escape(unmet.Change is { } c ? changeLabels.GetValueOrDefault(c, c.ToString()) : "-"));
        }

        console.Write(gate);

        // Step 4 planned the same change for the window after the freeze; the release moves there and passes the gate.
        var next = (await QueryAsync(new GetChange(manager, firmwareChange), cancellationToken).ConfigureAwait(false)).Record.PlannedWindow;
        await Step("bob.cm", new RescheduleDeployment(manager, release, DeploymentEnvironment.Production, next)).ConfigureAwait(false);
        var accepted = await Step("bob.cm", new AcceptRelease(manager, release)).ConfigureAwait(false);
        outcome = outcome with
        {
            ReleaseRefusedCriteria = [.. verdict.Unmet.Select(u => u.Criterion.ToString())],
            ReleaseAcceptedForNextWindow = accepted.Record.State == ReleaseState.Accepted && accepted.Record.PlanOf(DeploymentEnvironment.Production)!.Window == next,
        };

        AdvanceTo(Local(4, 2, 10, 0), "the staging window");
        await Step("ivan.infra", new StartDeployment(As("ivan.infra"), release, DeploymentEnvironment.Staging)).ConfigureAwait(false);
        AdvanceTo(Local(4, 2, 10, 40));
        await Step("ivan.infra", new CompleteDeployment(As("ivan.infra"), release)).ConfigureAwait(false);
        AdvanceTo(next.Start, "the production window opens");
        var deploying = await Step("ivan.infra", new StartDeployment(As("ivan.infra"), release, DeploymentEnvironment.Production)).ConfigureAwait(false);
        await SendAsync(new StartImplementation(As("ivan.infra"), firmwareChange), cancellationToken).ConfigureAwait(false);
        log.AddRow(Markup.Escape(Show(clock.GetCurrentInstant())), "ivan.infra", "StartImplementation", $"[green]ok[/], {changeLabels[firmwareChange]}");
        await SendAsync(new UpdateConfigurationItem(As("ivan.infra"), Esx02, SetAttributes: new Dictionary<string, AttributeValue> { ["firmware"] = AttributeValue.FromText("8.0.2") }), cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(4, 10, 23, 40));
        await SendAsync(new CompleteChange(As("ivan.infra"), firmwareChange, "esx-02 on firmware 8.0.2; cluster 3 of 3."), cancellationToken).ConfigureAwait(false);
        log.AddRow(Markup.Escape(Show(clock.GetCurrentInstant())), "ivan.infra", "CompleteChange", $"[green]ok[/], {changeLabels[firmwareChange]}");
        var deployed = await Step("ivan.infra", new CompleteDeployment(As("ivan.infra"), release)).ConfigureAwait(false);
        var audit = await QueryAsync(new AuditConfiguration(manager, deploying.Record.CurrentDeployment!.Baseline), cancellationToken).ConfigureAwait(false);
        var explained = deployed.Record.Deployments[^1].Verification!.ExplainedDifferences;
        outcome = outcome with { ReleaseDeploymentExplained = explained, ReleaseDeploymentAuditClean = audit.IsClean && audit.Findings.All(f => f.ExplainedBy == firmwareChange) };
        AdvanceTo(Local(4, 11, 9, 0));
        await Step("bob.cm", new ReviewRelease(manager, release, "Deployed in its windows after the freeze; the cluster stayed 2 of 3 throughout.")).ConfigureAwait(false);
        await Step("bob.cm", new CloseRelease(manager, release)).ConfigureAwait(false);
        console.Write(log);
        console.MarkupLine(Markup.Escape(
            $"Inside the freeze the gate refused: {string.Join(", ", outcome.ReleaseRefusedCriteria)}. Moved to {changeLabels[firmwareChange]}'s window, {Show(next.Start)} to {Show(next.End)}, it was accepted, "
            + $"passed staging, and reached production: {explained} difference(s) against the before-baseline, each explained by {changeLabels[firmwareChange]}; the audit is {(audit.IsClean ? "clean" : "NOT clean")}."));
        console.WriteLine();
        await RollBackSecondReleaseAsync(manager, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An emergency payroll patch, expedited to production by the standard policy, rolled back and verified against its before-baseline.</summary>
    private async Task RollBackSecondReleaseAsync(RequestContext manager, CancellationToken cancellationToken)
    {
        AdvanceTo(Local(4, 11, 9, 10), "an urgent payroll patch");
        var window = new Interval(Local(4, 11, 10, 0), Local(4, 11, 12, 0));
        var change = (await SendAsync(
            new RaiseChange(As("alice.ops"), ChangeType.Normal, "Payroll application 2027.2 patch", [PayrollApplication], window, new ChangePlans("Install 2027.2 on app-payroll.", "Patch ran on the test copy.", "Reinstall 2027.1.")),
            cancellationToken).ConfigureAwait(false)).Record.Id;
        await SendAsync(new SubmitChange(As("alice.ops"), change), cancellationToken).ConfigureAwait(false);
        await SendAsync(new AssessChangeRisk(manager, change), cancellationToken).ConfigureAwait(false);
        await SendAsync(new ApproveChange(manager, change, "Urgent fix, backout rehearsed"), cancellationToken).ConfigureAwait(false);
        var plan = new PlanRelease(manager, "Payroll 2027.2", ReleaseUnitId.From("payroll-app"), new ReleaseVersion(2027, 2, 0), ReleaseType.Emergency, [new(DeploymentEnvironment.Production, [PayrollApplication], window)])
        {
            RollbackPlan = "Reinstall 2027.1.",
        };
        var release = (await SendAsync(plan, cancellationToken).ConfigureAwait(false)).Record.Id;
        await SendAsync(new BundleChange(manager, release, change), cancellationToken).ConfigureAwait(false);
        await SendAsync(new RecordBuild(manager, release, "payroll-2027.2"), cancellationToken).ConfigureAwait(false);
        await SendAsync(new RecordTestResult(manager, release, "smoke", true), cancellationToken).ConfigureAwait(false);
        await SendAsync(new AcceptRelease(manager, release), cancellationToken).ConfigureAwait(false);
        AdvanceTo(window.Start);
        var deploying = await SendAsync(new StartDeployment(As("ivan.infra"), release, DeploymentEnvironment.Production), cancellationToken).ConfigureAwait(false);
        await SendAsync(new UpdateConfigurationItem(As("ivan.infra"), PayrollApplication, SetAttributes: new Dictionary<string, AttributeValue> { ["version"] = AttributeValue.FromText("2027.2") }), cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(4, 11, 10, 20));
        Note("Payroll 2027.2 (an emergency release, expedited past staging by the standard policy) is on app-payroll; its payslip totals are wrong");
        var early = await dispatcher.SendAsync(new RollBackDeployment(As("ivan.infra"), release, "payslip totals wrong"), cancellationToken).ConfigureAwait(false);
        Note($"rollback recorded before app-payroll is restored: {early.Status} {early.ErrorCode}");
        await SendAsync(new UpdateConfigurationItem(As("ivan.infra"), PayrollApplication, SetAttributes: new Dictionary<string, AttributeValue> { ["version"] = AttributeValue.FromText("2027.1") }), cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(4, 11, 10, 35));
        var rolledBack = await SendAsync(new RollBackDeployment(As("ivan.infra"), release, "payslip totals wrong"), cancellationToken).ConfigureAwait(false);
        var diff = await QueryAsync(new CompareBaseline(manager, deploying.Record.CurrentDeployment!.Baseline), cancellationToken).ConfigureAwait(false);
        outcome = outcome with
        {
            SecondReleaseRollbackVerified = early.ErrorCode == Release.RollbackUnverifiedCode && rolledBack.Record.State == ReleaseState.RolledBack && diff.IsEmpty,
        };
        Note($"app-payroll back on 2027.1: release {rolledBack.Record.State}; the CMDB against its before-baseline: {(diff.IsEmpty ? "no difference" : "STILL DIFFERENT")}");
        await SendAsync(new ReviewRelease(manager, release, "Rolled back cleanly; the payslip test data was incomplete."), cancellationToken).ConfigureAwait(false);
        await SendAsync(new CloseRelease(manager, release), cancellationToken).ConfigureAwait(false);
    }
}
