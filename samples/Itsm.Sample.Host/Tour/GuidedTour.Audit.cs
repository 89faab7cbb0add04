using NodaTime;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>Step 6: a configuration baseline and the audit that tells authorised from unauthorised changes.</summary>
internal sealed partial class GuidedTour
{
    private async Task AuditConfigurationAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Baseline and configuration audit",
            "Demonstrates a baseline and an audit matching each difference to a change; why it matters: what no change explains is unauthorised.");
        AdvanceTo(Local(4, 12, 9, 0), "Monday 12 April");
        var manager = As("bob.cm");
        var baseline = await SendAsync(new CaptureBaseline(manager, "April operational baseline"), cancellationToken).ConfigureAwait(false);
        Note($"baseline captured: 'April operational baseline' ({baseline}) of every CI and relationship");

        var requester = As("alice.ops");
        var memory = await RaiseAndAssessAsync(
            new RaiseChange(
                requester,
                ChangeType.Normal,
                "Add 16 GB memory to vm-payroll-01 for the quarter-end batch",
                [PayrollVm],
                new Interval(Local(4, 13, 19, 0), Local(4, 13, 20, 0)),
                new ChangePlans("Shut down vm-payroll-01, raise its memory from 16 to 32 GB, start it.", "Payroll batch run on a 32 GB copy in test.", "Lower the memory back to 16 GB.")),
            cancellationToken).ConfigureAwait(false);
        await SendAsync(new ApproveChange(manager, memory.Id, "Low-risk resize out of business hours"), cancellationToken).ConfigureAwait(false);
        await SendAsync(new ScheduleChange(requester, memory.Id), cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(4, 13, 19, 0));
        await SendAsync(new StartImplementation(As("ivan.infra"), memory.Id), cancellationToken).ConfigureAwait(false);
        await SendAsync(new UpdateConfigurationItem(As("ivan.infra"), PayrollVm, SetAttributes: new Dictionary<string, AttributeValue> { ["ram_gb"] = AttributeValue.FromText("32") }), cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(4, 13, 19, 35));
        await SendAsync(new CompleteChange(As("ivan.infra"), memory.Id, "vm-payroll-01 runs with 32 GB."), cancellationToken).ConfigureAwait(false);
        Note($"{changeLabels[memory.Id]} approved by bob.cm, scheduled, implemented by ivan.infra: vm-payroll-01 ram_gb 16 -> 32");

        AdvanceTo(Local(4, 14, 2, 13), "the middle of the night");
        await SendAsync(new UpdateConfigurationItem(As("dave.dev"), IntranetServer, SetAttributes: new Dictionary<string, AttributeValue> { ["php_version"] = AttributeValue.FromText("8.3") }), cancellationToken).ConfigureAwait(false);
        Note("dave.dev upgrades PHP on srv-intranet-01 from 8.1 to 8.3 as a quick fix, with no change record");

        AdvanceTo(Local(4, 15, 9, 0), "the weekly configuration audit");
        var audit = await QueryAsync(new AuditConfiguration(manager, baseline), cancellationToken).ConfigureAwait(false);
        var table = TableConsole.Table(["difference", "kind", "explained by"], "kind")
            .Title(Markup.Escape($"Configuration audit against the baseline, {Show(audit.From)} to {Show(audit.To)}"));
        foreach (var finding in audit.Findings)
        {
            table.AddRow(
                Markup.Escape(finding.Description), finding.Kind.ToString(),
                finding.ExplainedBy is { } change
                    ? $"[green]{Markup.Escape(changeLabels.GetValueOrDefault(change, change.ToString()))}[/] (implemented, authorised)"
                    : "[red bold]UNAUTHORISED[/]: no implemented change covers this item");
        }

        console.Write(table);
        outcome = outcome with
        {
            UnauthorisedChangeFound = audit.Unauthorised.Any(f => f.Items.Contains(IntranetServer)),
            AuthorisedChangeExplained = audit.Findings.Any(f => f.Items.Contains(PayrollVm) && f.ExplainedBy == memory.Id),
        };
        console.MarkupLine(Markup.Escape($"{audit.Findings.Length} difference(s), {audit.Unauthorised.Count()} unauthorised: the audit is {(audit.IsClean ? "clean" : "not clean; raise a retrospective change or roll the item back")}."));
    }
}
