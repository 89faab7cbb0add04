using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>Step 3: incidents, explained priorities, and SLA clocks across a weekend, two bank holidays and a DST change.</summary>
internal sealed partial class GuidedTour
{
    private readonly List<IncidentId> incidents = [];

    private async Task RunIncidentsAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Incidents: explained priorities and SLA clocks over the Easter weekend",
            "Demonstrates explained priorities and business-time SLA clocks over Easter and DST; why it matters: SLAs are the heart of ISO 20000.");
        var desk = As("sd.agent");

        AdvanceTo(Local(3, 25, 9, 30), "the Thursday before Good Friday");
        var major = await OpenAsync(
            new OpenIncident(desk, "Production cluster outage: online banking and payroll unavailable", OnlineBanking, null, 2, UserId.From("noc.monitoring"))
            {
                AffectedItem = Cluster,
                IsMajorIncident = true,
                Category = "infrastructure",
            },
            "declared a major incident; no impact given, the CMDB suggests it from the affected item cl-prod",
            cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 25, 9, 40));
        await ActAsync(new AssignIncident(desk, major, UserId.From("ivan.infra")), $"{incidentLabels[major]} assigned to ivan.infra: the response clock stops", cancellationToken).ConfigureAwait(false);
        await ActAsync(new StartIncidentWork(As("ivan.infra"), major), $"ivan.infra starts work on {incidentLabels[major]}", cancellationToken).ConfigureAwait(false);

        AdvanceTo(Local(3, 25, 10, 0));
        var slowLogin = await OpenAsync(new OpenIncident(desk, "Online banking log-in takes 30 seconds", OnlineBanking, 2, 2, UserId.From("cust.support")), null, cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 25, 10, 30));
        await ActAsync(new AssignIncident(desk, slowLogin, UserId.From("bea.web")), $"{incidentLabels[slowLogin]} assigned to bea.web", cancellationToken).ConfigureAwait(false);

        AdvanceTo(Local(3, 25, 11, 0));
        var vip = await OpenAsync(
            new OpenIncident(desk, "Payroll export to the bank fails for the finance department", Payroll, 3, 2, UserId.From("fiona.cfo")) { IsVipCaller = true },
            "the caller, the CFO, is a VIP",
            cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 25, 11, 5));
        var ordinary = await OpenAsync(
            new OpenIncident(desk, "Payroll export fails for the logistics team", Payroll, 3, 2, UserId.From("sam.clerk")), $"same impact and urgency as {incidentLabels[vip]}, ordinary caller", cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 25, 11, 30));
        await ActAsync(new AssignIncident(desk, vip, UserId.From("paula.apps")), $"{incidentLabels[vip]} assigned to paula.apps", cancellationToken).ConfigureAwait(false);
        await ActAsync(new StartIncidentWork(As("paula.apps"), vip), $"paula.apps starts work on {incidentLabels[vip]}", cancellationToken).ConfigureAwait(false);

        AdvanceTo(Local(3, 25, 12, 10));
        await ActAsync(
            new ResolveIncident(As("ivan.infra"), major, "Hosts esx-02 and esx-03 restarted after a firmware fault; cl-prod back to 3 of 3 members."),
            $"{incidentLabels[major]} resolved: esx-02 and esx-03 restarted, cl-prod back to 3 of 3 members", cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 25, 13, 45));
        await ActAsync(new AssignIncident(desk, ordinary, UserId.From("paula.apps")), $"{incidentLabels[ordinary]} assigned to paula.apps", cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 25, 15, 0));
        var intranet = await OpenAsync(new OpenIncident(desk, "Intranet news page shows last week's content", Intranet, 3, 3, UserId.From("hr.comms")), null, cancellationToken).ConfigureAwait(false);
        console.WriteLine();

        var decisions = new Dictionary<IncidentId, Incident>();
        foreach (var id in incidents)
        {
            decisions[id] = (await QueryAsync(new GetIncident(desk, id), cancellationToken).ConfigureAwait(false)).Record;
        }

        WriteDecisions(decisions);
        var vipDecision = decisions[vip].Decision;
        var ordinaryDecision = decisions[ordinary].Decision;
        outcome = outcome with
        {
            VipRaisedPriority = vipDecision.Priority.IsHigherThan(ordinaryDecision.Priority) && vipDecision.Rules.Any(r => r.Rule == PriorityRule.VipCaller.Name && r.Applied),
            MajorIncidentIsP1 = decisions[major].Priority == Priority.FromRank(1) && decisions[major].Facts.IsMajorIncident,
            OpenedIncidents = incidents.Count,
        };
        console.MarkupLine(Markup.Escape(
            $"{incidentLabels[vip]} and {incidentLabels[ordinary]} have the same impact and urgency; the VIP caller makes {incidentLabels[vip]} {vipDecision.Priority} instead of {ordinaryDecision.Priority}. "
            + $"{incidentLabels[major]} gave no impact: the CMDB suggested {decisions[major].Decision.Impact} from its affected item {Cluster}, and the major-incident rule made it {decisions[major].Priority}."));

        console.WriteLine();
        AdvanceTo(Local(3, 25, 17, 30), "close of business on Thursday; the office is closed until Tuesday");
        await WriteSlaStatusAsync("Thursday 25 March 17:30 GMT, before the long weekend", cancellationToken).ConfigureAwait(false);
        console.MarkupLine(Markup.Escape(
            "The office-hours due instants skip Good Friday, the weekend and Easter Monday, and are already in summer time (BST): the clocks go forward on Sunday. "
            + "Online banking's 24x7 clocks run through the holidays."));
        console.WriteLine();

        AdvanceTo(Local(3, 26, 13, 0), "Good Friday, a bank holiday");
        await ActAsync(
            new ResolveIncident(As("bea.web"), slowLogin, "Session cache node restarted; log-in back under 2 seconds."),
            $"{incidentLabels[slowLogin]} resolved by bea.web, three hours after its 24x7 resolution target", cancellationToken).ConfigureAwait(false);

        AdvanceTo(Local(3, 30, 10, 0), "Tuesday after Easter; summer time since Sunday 01:00 UTC");
        await ActAsync(
            new PutIncidentOnHold(As("paula.apps"), vip, HoldReason.AwaitingCustomer),
            $"{incidentLabels[vip]} on hold, awaiting the customer (finance must re-send the file): its resolution clock pauses", cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 30, 10, 45));
        console.WriteLine();
        await WriteSlaStatusAsync("Tuesday 30 March 10:45 BST, after the Easter weekend and the change to summer time", cancellationToken).ConfigureAwait(false);
        console.WriteLine();

        AdvanceTo(Local(3, 30, 11, 0));
        await ActAsync(new AssignIncident(desk, intranet, UserId.From("dan.web")), $"{incidentLabels[intranet]} assigned to dan.web, after its response target", cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 30, 14, 30));
        await ActAsync(new ResumeIncident(As("paula.apps"), vip), $"{incidentLabels[vip]} resumed: the business time it spent on hold does not count", cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 30, 16, 0));
        await ActAsync(new ResolveIncident(As("dan.web"), intranet, "CDN cache purged."), $"{incidentLabels[intranet]} resolved: CDN cache purged", cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(3, 31, 15, 0));
        await ActAsync(new ResolveIncident(As("paula.apps"), vip, "Bank file re-sent with the corrected sort codes."), $"{incidentLabels[vip]} resolved: bank file re-sent", cancellationToken).ConfigureAwait(false);

        AdvanceTo(Local(3, 31, 17, 30), "month end");
        console.WriteLine();
        await WriteSlaStatusAsync("Wednesday 31 March 17:30 BST, month end", cancellationToken).ConfigureAwait(false);
    }

    private async Task ActAsync(IncidentCommand command, string text, CancellationToken cancellationToken)
    {
        await SendAsync(command, cancellationToken).ConfigureAwait(false);
        Note(text);
    }

    private async Task<IncidentId> OpenAsync(OpenIncident command, string? remark, CancellationToken cancellationToken)
    {
        var id = (await SendAsync(command, cancellationToken).ConfigureAwait(false)).Record.Id;
        incidents.Add(id);
        incidentLabels[id] = $"INC-{incidents.Count}";
        Note($"{incidentLabels[id]} opened on {command.Service} by {command.Caller}: {command.Title}{(remark is null ? string.Empty : $" ({remark})")}");
        return id;
    }

    private void WriteDecisions(Dictionary<IncidentId, Incident> decisions)
    {
        var table = TableConsole.Table(["incident", "caller", "matrix cell and rules fired", "priority"], "priority")
            .Title("Priority decisions (ITIL 3x3 matrix: impact x urgency -> P1..P5)");
        foreach (var (id, incident) in decisions)
        {
            var decision = incident.Decision;
            var cell = $"{decision.Impact} x {decision.EffectiveUrgency} -> {decision.MatrixPriority}"
                + (decision.EffectiveUrgency == decision.Urgency ? string.Empty : $" (given {decision.Urgency})");
            var rules = decision.Rules.IsEmpty ? "none" : string.Join("; ", decision.Rules.Select(r => $"{r.Rule}: {r.Change}{(r.Applied ? string.Empty : " (refused)")}"));
            table.AddRow(
                $"{incidentLabels[id]}\n{Markup.Escape(incident.Service.ToString())}", Markup.Escape(incident.Caller.ToString() + (incident.Facts.IsVipCaller ? " (VIP)" : string.Empty)),
                Markup.Escape($"{cell}\nrules: {rules}"), $"[bold]{decision.Priority}[/]");
        }

        console.Write(table);
    }

    private async Task WriteSlaStatusAsync(string title, CancellationToken cancellationToken)
    {
        var table = TableConsole.Table(["incident", "clock", "status", "elapsed of target", "due, warnings, breach"], "clock", "status")
            .Title(Markup.Escape($"SLA clocks at {title} (times in Europe/London)"));
        foreach (var id in incidents)
        {
            var status = await QueryAsync(new GetSlaStatus(As("sd.agent"), id), cancellationToken).ConfigureAwait(false);
            foreach (var (metric, clockStatus) in new[] { (SlaMetric.Response, status.Response), (SlaMetric.Resolution, status.Resolution) })
            {
                if (clockStatus is null)
                {
                    continue;
                }

                if (clockStatus.BreachedAt is not null)
                {
                    outcome = outcome with { BreachHappened = true };
                }

                var due = string.Join('\n', new[]
                {
                    clockStatus.Due is null ? null : $"due {Markup.Escape(Show(clockStatus.Due))}",
                    clockStatus.ThresholdsCrossed.IsEmpty ? null : $"[yellow]warned at {string.Join("/", clockStatus.ThresholdsCrossed)} %[/]",
                    clockStatus.BreachedAt is { } at ? $"[red]breached {Markup.Escape(Show(at))}[/]" : null,
                }.OfType<string>().DefaultIfEmpty("-"));
                table.AddRow(
                    $"{incidentLabels[id]} {status.Priority}\n{status.State}", metric.ToString().ToLowerInvariant(), ClockMarkup(clockStatus.State),
                    $"{Show(clockStatus.Elapsed)} / {Show(clockStatus.Target)}\n{Percent(clockStatus.Percentage)}", due);
            }
        }

        console.Write(table);
    }

    private static string ClockMarkup(SlaClockState state) => state switch
    {
        SlaClockState.Breached => "[red bold]BREACHED[/]",
        SlaClockState.Met => "[green]met[/]",
        SlaClockState.Paused => "[blue]paused[/]",
        _ => state.ToString().ToLowerInvariant(),
    };
}
