using System.Globalization;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>Step 4: change management: explained risk, a blackout window, segregation of duties, the lifecycle to scheduled (step 5 implements it).</summary>
internal sealed partial class GuidedTour
{
    private static readonly string[] ChangeAdvisoryBoard = ["carol.cab", "omar.cab", "lena.cab"];

    private async Task RunChangesAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Changes: explained risk, a blackout window and segregation of duties",
            "Demonstrates explained change risk, a freeze window and segregation of duties; why it matters: this is what auditors check.");

        // Change authorities and blackouts are the tenant's stored reference data, changed by audited commands. While the
        // tenant has no change manager anyone may grant the first one; from then on only change managers may.
        var freeze = new Interval(Local(4, 1, 0, 0), Local(4, 7, 0, 0));
        var grants = new List<(string User, ChangeAuthority Authority)> { ("bob.cm", ChangeAuthority.ChangeManager), ("alice.ops", ChangeAuthority.ChangeManager) };
        grants.AddRange(ChangeAdvisoryBoard.Select(member => (member, ChangeAuthority.ChangeAdvisoryBoard)));
        foreach (var (user, authority) in grants)
        {
            var granted = await dispatcher.SendAsync(new GrantChangeAuthority(As("bob.cm"), UserId.From(user), authority), cancellationToken).ConfigureAwait(false);
            if (!granted.IsSuccess)
            {
                throw Failed(new GrantChangeAuthority(As("bob.cm"), UserId.From(user), authority), granted);
            }
        }

        var declared = await dispatcher.SendAsync(new DeclareBlackout(As("bob.cm"), Payroll, freeze, "quarter-end payroll close"), cancellationToken).ConfigureAwait(false);
        if (!declared.IsSuccess)
        {
            throw Failed(new DeclareBlackout(As("bob.cm"), Payroll, freeze, "quarter-end payroll close"), declared);
        }

        console.MarkupLine(Markup.Escape($"Blackout window on {Payroll}: {Show(freeze.Start)} to {Show(freeze.End)} (quarter-end payroll close). "
            + "alice.ops (deputy change manager) and bob.cm hold change manager authority; carol.cab, omar.cab and lena.cab sit on the CAB."));
        AdvanceTo(Local(4, 1, 9, 0), "Thursday 1 April");
        var requester = As("alice.ops");
        const string Plan = "Put esx-02 in maintenance mode, migrate its VMs to esx-01 and esx-03, flash firmware 8.0.2, reboot, rejoin the cluster.";
        const string Test = "Firmware 8.0.2 ran for two weeks on the staging cluster.";
        const string Backout = "Flash firmware 7.0.3 back from the vendor image; rejoin the cluster.";
        var inFreeze = await RaiseAndAssessAsync(
            new RaiseChange(requester, ChangeType.Normal, "Rolling firmware upgrade of cluster node esx-02", [Esx02], new Interval(Local(4, 3, 22, 0), Local(4, 4, 2, 0)), new ChangePlans(Plan, Test, Backout)),
            cancellationToken).ConfigureAwait(false);
        var outsideFreeze = await RaiseAndAssessAsync(
            new RaiseChange(requester, ChangeType.Normal, "Rolling firmware upgrade of cluster node esx-02", [Esx02], new Interval(Local(4, 10, 22, 0), Local(4, 11, 2, 0)), new ChangePlans(Plan, Test, Backout)),
            cancellationToken).ConfigureAwait(false);
        var blackoutPoints = inFreeze.Assessment.Contributions.Single(c => c.Factor == "inside blackout window").Points;
        outcome = outcome with { BlackoutRaisedRisk = inFreeze.Assessment.Class > outsideFreeze.Assessment.Class && blackoutPoints > 0 };
        console.MarkupLine(Markup.Escape(
            $"Same change, same plans: inside the freeze it is {inFreeze.Assessment.Class} (blackout +{blackoutPoints} likelihood points, and a floor of {RiskModel.Default.BlackoutFloor}), "
            + $"outside it {outsideFreeze.Assessment.Class}. Taking esx-02 down only degrades the cluster, which is why the impact is not critical."));
        console.WriteLine();

        string? refusal = null;
        var log = TableConsole.Table(["when (London)", "who", "command", "change", "answer"], "command", "change").Title("Approval and lifecycle (every row is one command)");
        async Task Record(string who, string command, ChangeId change, ChangeCommand request)
        {
            var result = await dispatcher.SendAsync(request, cancellationToken).ConfigureAwait(false);
            log.AddRow(
                Markup.Escape(Show(clock.GetCurrentInstant())), Markup.Escape(who), Markup.Escape(command), changeLabels[change],
                result.IsSuccess ? "[green]ok[/]" : $"[red]{result.Status}[/]: {Markup.Escape(result.Message.Replace(change.ToString(), changeLabels[change], StringComparison.Ordinal))}");
            if (request is ApproveChange && who == "alice.ops")
            {
                outcome = outcome with { SelfApprovalRefused = result.Status == ResultStatus.Forbidden && result.ErrorCode == ChangeRequest.SelfApprovalCode };
                refusal = result.Message.Replace(change.ToString(), changeLabels[change], StringComparison.Ordinal);
                return;
            }

            if (!result.IsSuccess)
            {
                throw Failed(request, result);
            }
        }

        AdvanceTo(Local(4, 1, 10, 0));
        await Record("alice.ops", "ApproveChange", outsideFreeze.Id, new ApproveChange(requester, outsideFreeze.Id, "I planned it carefully")).ConfigureAwait(false);
        await Record("bob.cm", "ApproveChange", outsideFreeze.Id, new ApproveChange(As("bob.cm"), outsideFreeze.Id, "Tested on staging, backout plan checked")).ConfigureAwait(false);
        await Record("carol.cab", "RejectChange", inFreeze.Id, new RejectChange(As("carol.cab"), inFreeze.Id, "Inside the quarter-end payroll freeze; the same change is planned for 10 April")).ConfigureAwait(false);
        await Record("alice.ops", "ScheduleChange", outsideFreeze.Id, new ScheduleChange(requester, outsideFreeze.Id)).ConfigureAwait(false);
        firmwareChange = outsideFreeze.Id; // step 5 ships it as a release and implements it in its window
        console.Write(log);
        var final = await QueryAsync(new GetChange(requester, outsideFreeze.Id), cancellationToken).ConfigureAwait(false);
        var rejected = await QueryAsync(new GetChange(requester, inFreeze.Id), cancellationToken).ConfigureAwait(false);
        console.MarkupLine(Markup.Escape($"{changeLabels[outsideFreeze.Id]} is {final.Record.Status}; {changeLabels[inFreeze.Id]} is {rejected.Record.Status}. "
            + $"The requester's own approval was refused although she holds change manager authority (\"{refusal}\"): segregation of duties cannot be configured away."));
    }

    private async Task<(ChangeId Id, RiskAssessment Assessment)> RaiseAndAssessAsync(RaiseChange raise, CancellationToken cancellationToken)
    {
        var id = (await SendAsync(raise, cancellationToken).ConfigureAwait(false)).Record.Id;
        changeLabels[id] = $"CHG-{changeLabels.Count + 1}";
        await SendAsync(new SubmitChange(raise.Context, id), cancellationToken).ConfigureAwait(false);
        var change = await SendAsync(new AssessChangeRisk(raise.Context, id), cancellationToken).ConfigureAwait(false);
        var assessment = change.Record.Assessment!;
        var table = new Table().ShowRowSeparators()
            .Title(Markup.Escape($"{changeLabels[id]} {raise.Title}, window {Show(raise.Window.Start)} to {Show(raise.Window.End)}"))
            .AddColumns(new TableColumn("axis"), new TableColumn("factor"), new TableColumn("points").RightAligned(), new TableColumn("detail"));
        foreach (var contribution in assessment.Contributions)
        {
            table.AddRow(
                contribution.Axis.ToString(), Markup.Escape(contribution.Factor),
                contribution.Points == 0 ? "0" : $"[bold]{contribution.Points.ToString(CultureInfo.InvariantCulture)}[/]", Markup.Escape(contribution.Detail));
        }

        table.Caption(Markup.Escape(
            $"impact {assessment.Impact} ({assessment.ImpactPoints} points) x likelihood {assessment.Likelihood} ({assessment.LikelihoodPoints} points) = {assessment.MatrixClass}"
            + (assessment.Class != assessment.MatrixClass ? $", raised to {assessment.Class} by the blackout floor" : string.Empty)
            + $"; risk {assessment.Class}, needs {change.Record.Requirement}"));
        console.Write(table);
        return (id, assessment);
    }
}
