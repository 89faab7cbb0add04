using System.CommandLine;
using Itsm.Core.Application.Changes;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm change blackout add|lift|list</c> and <c>itsm change maintenance set|clear|list</c>: the tenant's
/// freeze and maintenance windows per service, changed through the library's audited commands.
/// </summary>
internal static class ChangeWindowCommands
{
    /// <summary>Creates <c>itsm change blackout</c>.</summary>
    internal static Command CreateBlackout()
    {
        var blackout = new Command("blackout", "Blackout (change freeze) windows per service: a change whose window overlaps one on an affected or impacted service gets the blackout risk factor and at least high risk. " + ChangeAuthorityCommands.Who);
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "The frozen service (a CI of the tenant's CMDB).", required: true);
        var start = TypedOptions.Instant("--start", "Start of the freeze, ISO-8601 with Z or an offset.");
        var end = TypedOptions.Instant("--end", "End of the freeze (exclusive).");
        var reason = new Option<string>("--reason") { Description = "Why, such as \"year-end close\".", Required = true };
        blackout.Subcommands.Add(OneRequest.Create(
            "add",
            "Declare a blackout window on a service of the tenant's CMDB; prints its id.\n\n"
            + "Example:\n  itsm change blackout add --service shop --start 2026-11-27T00:00:00Z --end 2026-11-30T00:00:00Z --reason \"Black Friday\"",
            [service, start, end, reason],
            (session, p, ct) =>
            {
                var (from, until) = (p.GetValue(start), p.GetValue(end));
                return until <= from
                    ? throw new InputException($"--end: {InstantText.Format(until)} is not after --start {InstantText.Format(from)}.")
                    : session.Dispatcher.SendAsync(new DeclareBlackout(session.Context, p.GetValue(service)!.Value, new Interval(from, until), p.GetValue(reason)!), ct);
            },
            Document,
            (b, session, output) => output.WriteLine(SafeText.Escape($"blackout {b.Id} on {b.Service} from {InstantText.Format(b.Window.Start)} to {InstantText.Format(b.Window.End)} ({b.Reason}) in tenant '{session.Context.Tenant}'"))));

        var id = TypedOptions.GuidArgument<BlackoutId>("The blackout's id, as 'add' or 'list' printed it.", "a blackout", "use the GUID printed by 'itsm change blackout add' or 'list'.");
        blackout.Subcommands.Add(OneRequest.Create(
            "lift",
            "Lift (remove) a blackout window.\n\nExample:\n  itsm change blackout lift 0192f0c4-7d1e-7c3a-9b7e-2f1d3c4b5a69",
            [id],
            async (session, p, ct) =>
            {
                var blackoutId = p.GetValue(id);
                var lifted = await session.Dispatcher.SendAsync(new LiftBlackout(session.Context, blackoutId), ct).ConfigureAwait(false);
                return lifted.IsSuccess ? Result<BlackoutId>.Success(blackoutId) : lifted.AsFailure<BlackoutId>();
            },
            (lifted, session) => new RemovedDocument(session.Context.Tenant.Value, lifted.ToString(), true),
            (lifted, session, output) => output.WriteLine(SafeText.Escape($"blackout {lifted} lifted in tenant '{session.Context.Tenant}'"))));

        blackout.Subcommands.Add(OneRequest.Create(
            "list",
            "List the tenant's blackout windows, by start.\n\nExample:\n  itsm change blackout list",
            [],
            (session, _, ct) => session.Dispatcher.QueryAsync(new ListBlackouts(session.Context), ct),
            (list, session) => new BlackoutListDocument(session.Context.Tenant.Value, list.Count, [.. list.Select(b => Document(b, session))]),
            (list, session, output) =>
            {
                var table = TableConsole.Table(["id", "blackout"], "id");
                foreach (var b in list)
                {
                    table.AddRow(TableConsole.Text(b.Id.ToString()), TableConsole.Lines(b.Service.Value, $"from {InstantText.Format(b.Window.Start)}", $"to {InstantText.Format(b.Window.End)}", b.Reason));
                }

                var console = TableConsole.Create(output);
                console.Write(table);
                console.WriteLine(SafeText.Escape($"{list.Count} blackout window(s) in tenant '{session.Context.Tenant}'"));
            }));
        return blackout;
    }

    /// <summary>Creates <c>itsm change maintenance</c>.</summary>
    internal static Command CreateMaintenance()
    {
        var maintenance = new Command("maintenance", "Maintenance windows per service, as a business calendar stored with 'itsm calendar define' whose working time is when changes may be made: "
            + "a change whose window is not all inside it gets the outside-maintenance risk factor. A service without one accepts any window. " + ChangeAuthorityCommands.Who);
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "The service (a CI of the tenant's CMDB).", required: true);
        var calendar = TypedOptions.Text<CalendarId>("--calendar", "The id of a calendar stored with 'itsm calendar define'.", required: true);
        maintenance.Subcommands.Add(OneRequest.Create(
            "set",
            "Set (or replace) a service's maintenance calendar.\n\nExample:\n  itsm change maintenance set --service shop --calendar saturday-nights",
            [service, calendar],
            (session, p, ct) => session.Dispatcher.SendAsync(new DefineMaintenanceWindow(session.Context, p.GetValue(service)!.Value, p.GetValue(calendar)!.Value), ct),
            (m, session) => new MaintenanceDocument(session.Context.Tenant.Value, m.Service.Value, m.Calendar.Value),
            (m, session, output) => output.WriteLine(SafeText.Escape($"{m} in tenant '{session.Context.Tenant}'"))));

        var clearService = TypedOptions.Text<ConfigurationItemId>("--service", "The service.", required: true);
        maintenance.Subcommands.Add(OneRequest.Create(
            "clear",
            "Remove a service's maintenance calendar (it then accepts any window).\n\nExample:\n  itsm change maintenance clear --service shop",
            [clearService],
            async (session, p, ct) =>
            {
                var item = p.GetValue(clearService)!.Value;
                var removed = await session.Dispatcher.SendAsync(new RemoveMaintenanceWindow(session.Context, item), ct).ConfigureAwait(false);
                return removed.IsSuccess ? Result<ConfigurationItemId>.Success(item) : removed.AsFailure<ConfigurationItemId>();
            },
            (item, session) => new MaintenanceDocument(session.Context.Tenant.Value, item.Value, null),
            (item, session, output) => output.WriteLine(SafeText.Escape($"{item} has no maintenance calendar in tenant '{session.Context.Tenant}'"))));

        maintenance.Subcommands.Add(OneRequest.Create(
            "list",
            "List the tenant's maintenance calendars by service.\n\nExample:\n  itsm change maintenance list",
            [],
            (session, _, ct) => session.Dispatcher.QueryAsync(new ListMaintenanceWindows(session.Context), ct),
            (list, session) => new MaintenanceListDocument(session.Context.Tenant.Value, list.Count, [.. list.Select(m => new MaintenanceDocument(session.Context.Tenant.Value, m.Service.Value, m.Calendar.Value))]),
            (list, session, output) =>
            {
                var table = TableConsole.Table(["service", "calendar"]);
                foreach (var m in list)
                {
                    table.Row(m.Service.Value, m.Calendar.Value);
                }

                var console = TableConsole.Create(output);
                console.Write(table);
                console.WriteLine(SafeText.Escape($"{list.Count} maintenance calendar(s) in tenant '{session.Context.Tenant}'"));
            }));
        return maintenance;
    }

    private static BlackoutDocument Document(BlackoutWindow b, RecordSession session) =>
        new(session.Context.Tenant.Value, b.Id.ToString(), b.Service.Value, InstantText.Format(b.Window.Start), InstantText.Format(b.Window.End), b.Reason);
}
