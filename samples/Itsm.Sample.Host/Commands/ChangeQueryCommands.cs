using System.CommandLine;
using Itsm.Core.Application.Changes;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary><c>itsm change list|conflicts</c>: read the tenant's changes, as tables or JSON.</summary>
internal static class ChangeQueryCommands
{
    /// <summary>Creates <c>itsm change list</c>.</summary>
    internal static Command CreateList()
    {
        var statuses = TypedOptions.ChoiceList(
            "--status",
            "Only these statuses: draft, submitted, assessed, approved, rejected, scheduled, implementing, implemented, failed, reviewed, closed; repeatable or comma-separated.",
            TypedOptions.KebabNames<ChangeStatus>(),
            "a status");
        var items = TypedOptions.TextList<ConfigurationItemId>("--item", "Only changes touching one of these configuration items (repeatable or comma-separated).");
        var command = new Command(
            "list",
            "List the tenant's changes by window start, optionally filtered by status and affected item.\n\n"
            + "Example:\n  itsm change list --status approved,scheduled --item node1");
        foreach (var option in new Option[] { statuses, items, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var only = parseResult.GetValue(statuses) ?? [];
            var affected = parseResult.GetValue(items) ?? [];
            var specification = new ChangesByWindowStart(statuses: only.Length > 0 ? only : null, items: affected.Length > 0 ? affected : null);
            var listed = await session.Dispatcher.QueryAsync(new ListChanges(session.Context, specification), cancellationToken).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return ResultReport.Write(listed, error, ChangeCommands.CommonFields);
            }

            var tenant = session.Context.Tenant.Value;
            return JsonOutput.Answer(parseResult, output, () => new ChangeListDocument(tenant, listed.Value.Count, [.. listed.Value.Select(ChangeSummaryDocument.From)]), () => ChangeView.WriteList(TableConsole.Create(output), listed.Value, tenant));
        }));
        return command;
    }

    /// <summary>Creates <c>itsm change conflicts</c>.</summary>
    internal static Command CreateConflicts()
    {
        var from = TypedOptions.Instant("--from", "Start of the period, ISO-8601 with Z or an offset.");
        var to = TypedOptions.Instant("--to", "End of the period (exclusive).");
        var command = new Command(
            "conflicts",
            "Schedule conflicts among the approved, scheduled and implementing changes whose windows overlap the period: overlapping windows on the same CI, or on CIs inside each other's impact set in the CMDB.\n\n"
            + "Example:\n  itsm change conflicts --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z --json");
        foreach (var option in new Option[] { from, to, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var (periodStart, periodEnd) = (parseResult.GetValue(from), parseResult.GetValue(to));
            var found = await session.Dispatcher.QueryAsync(new FindScheduleConflicts(session.Context, periodStart, periodEnd), cancellationToken).ConfigureAwait(false);
            if (!found.IsSuccess)
            {
                return ResultReport.Write(found, error, ChangeCommands.CommonFields);
            }

            var involved = new Dictionary<ChangeId, ChangeRequestSnapshot>();
            foreach (var id in found.Value.SelectMany(c => new[] { c.First, c.Second }).Distinct())
            {
                if (await ChangeCommands.LoadAsync(session, id, cancellationToken).ConfigureAwait(false) is { IsSuccess: true } change)
                {
                    involved[id] = change.Value.Record;
                }
            }

            return JsonOutput.Answer(
                parseResult,
                output,
                () => new ConflictListDocument(
                    session.Context.Tenant.Value, InstantText.Format(periodStart), InstantText.Format(periodEnd), found.Value.Count,
                    [.. found.Value.Select(c => new ConflictDocument(
                        c.First.ToString(), involved.GetValueOrDefault(c.First)?.Title, c.Second.ToString(), involved.GetValueOrDefault(c.Second)?.Title,
                        c.Reason.ToString(), c.FirstItem.Value, c.SecondItem.Value, InstantText.Format(c.Overlap.Start), InstantText.Format(c.Overlap.End)))]),
                () => ChangeView.WriteConflicts(TableConsole.Create(output), found.Value, involved));
        }));
        return command;
    }
}
