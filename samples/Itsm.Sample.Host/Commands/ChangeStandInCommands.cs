using System.CommandLine;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm change authority grant|revoke|list</c>, <c>itsm change blackout add|list</c>,
/// <c>itsm change maintenance set|clear|list</c> and <c>itsm change template add|list</c>: maintain the files of <see cref="ChangeStandIns"/>, the host's
/// stand-in for the directory, freeze calendar and template catalogue a vendor's product supplies.
/// </summary>
internal static class ChangeStandInCommands
{
    private const string StandInNote =
        "This is the sample host's stand-in for the vendor's own {0}: the library asks a port for it and has only an in-memory adapter, "
        + "so the host keeps it in {1} in the data directory and loads it on every 'itsm change' invocation.";

    /// <summary>Creates <c>itsm change authority</c>.</summary>
    internal static Command CreateAuthority()
    {
        var authority = new Command("authority", "Who holds which change authority: change-manager (low and medium risk), cab (a quorum of members for high and critical risk), emergency (emergency changes). "
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, StandInNote, "user directory (IChangeAuthorityDirectory)", ChangeStandIns.AuthoritiesFile));
        var user = new Argument<string>("user") { Description = "The user, as they will pass --actor." };
        var grantAs = AuthorityOption(required: true, "The authority to grant: change-manager, cab or emergency (repeatable).");
        var grant = new Command(
            "grant",
            $"Grant change authority to a user in the tenant (added to what they hold), in {ChangeStandIns.AuthoritiesFile}.\n\n"
            + "Example:\n  itsm change authority grant bob --as change-manager\n  itsm change authority grant carol --as cab --as emergency --tenant acme");
        grant.Arguments.Add(user);
        grant.Options.Add(grantAs);
        grant.Options.Add(HostOptions.Tenant);
        grant.SetAction((parseResult, _) => RecordSession.RunAsync(parseResult, (output, _) =>
        {
            var (tenant, who) = (TenantOf(parseResult), Parsed.Value(UserId.Parse(parseResult.GetValue(user)?.Trim(), "user")));
            var added = Authorities(parseResult.GetValue(grantAs)!);
            var path = ChangeStandIns.PathOf(parseResult, ChangeStandIns.AuthoritiesFile);
            var grants = ChangeStandIns.ReadAuthorities(path).ToList();
            grants.AddRange(added.Select(a => new AuthorityGrant(tenant, who, a)));
            ChangeStandIns.WriteAuthorities(path, grants);
            output.WriteLine($"{who} now holds {Held(grants, tenant, who)} in tenant '{tenant}' ({path})");
            return Task.FromResult(ExitCodes.Ok);
        }));
        authority.Subcommands.Add(grant);

        var revokeUser = new Argument<string>("user") { Description = "The user." };
        var revokeAs = AuthorityOption(required: false, "The authority to revoke (repeatable); all of the user's when omitted.");
        var revoke = new Command(
            "revoke",
            $"Revoke change authority from a user in the tenant, in {ChangeStandIns.AuthoritiesFile}.\n\n"
            + "Example:\n  itsm change authority revoke bob --as change-manager");
        revoke.Arguments.Add(revokeUser);
        revoke.Options.Add(revokeAs);
        revoke.Options.Add(HostOptions.Tenant);
        revoke.SetAction((parseResult, _) => RecordSession.RunAsync(parseResult, (output, _) =>
        {
            var (tenant, who) = (TenantOf(parseResult), Parsed.Value(UserId.Parse(parseResult.GetValue(revokeUser)?.Trim(), "user")));
            var removed = parseResult.GetValue(revokeAs) is { Length: > 0 } names ? Authorities(names) : [.. ChangeStandIns.AuthorityNames.Values];
            var path = ChangeStandIns.PathOf(parseResult, ChangeStandIns.AuthoritiesFile);
            var grants = ChangeStandIns.ReadAuthorities(path).Where(g => !(g.Tenant == tenant && g.User == who && removed.Contains(g.Authority))).ToList();
            ChangeStandIns.WriteAuthorities(path, grants);
            output.WriteLine($"{who} now holds {Held(grants, tenant, who)} in tenant '{tenant}' ({path})");
            return Task.FromResult(ExitCodes.Ok);
        }));
        authority.Subcommands.Add(revoke);

        var list = new Command("list", $"List who holds which change authority in the tenant.\n\nExample:\n  itsm change authority list --tenant acme");
        list.Options.Add(HostOptions.Tenant);
        list.SetAction((parseResult, _) => RecordSession.RunAsync(parseResult, (output, _) =>
        {
            var tenant = TenantOf(parseResult);
            var grants = ChangeStandIns.ReadAuthorities(ChangeStandIns.PathOf(parseResult, ChangeStandIns.AuthoritiesFile)).Where(g => g.Tenant == tenant).ToList();
            var table = new Table().AddColumns("user", "authority");
            foreach (var g in grants.GroupBy(g => g.User).OrderBy(g => g.Key))
            {
                table.AddRow(Markup.Escape(g.Key.Value), Held(grants, tenant, g.Key));
            }

            var console = TableConsole.Create(output);
            console.Write(table);
            console.WriteLine($"{grants.Select(g => g.User).Distinct().Count()} user(s) with change authority in tenant '{tenant}'");
            return Task.FromResult(ExitCodes.Ok);
        }));
        authority.Subcommands.Add(list);
        return authority;
    }

    /// <summary>Creates <c>itsm change blackout</c>.</summary>
    internal static Command CreateBlackout()
    {
        var blackout = new Command("blackout", "Blackout (change freeze) windows per service: a change whose window overlaps one on an affected or impacted service gets the blackout risk factor and at least high risk. "
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, StandInNote, "change calendar (IChangeWindowSource)", ChangeStandIns.BlackoutsFile));
        var service = new Option<string>("--service") { Description = "The frozen service (a CI of the tenant's CMDB).", Required = true };
        var start = new Option<string>("--start") { Description = "Start of the freeze, ISO-8601 with Z or an offset.", Required = true };
        var end = new Option<string>("--end") { Description = "End of the freeze (exclusive).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, such as \"year-end close\".", Required = true };
        var add = new Command(
            "add",
            $"Add a blackout window on a service of the tenant's CMDB, in {ChangeStandIns.BlackoutsFile}.\n\n"
            + "Example:\n  itsm change blackout add --service shop --start 2026-11-27T00:00:00Z --end 2026-11-30T00:00:00Z --reason \"Black Friday\"");
        foreach (var option in new Option[] { service, start, end, reason })
        {
            add.Options.Add(option);
        }

        RecordSession.AddOptions(add);
        add.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, _) =>
        {
            var item = Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(service)?.Trim(), "--service"));
            var from = InstantText.Parse(parseResult.GetValue(start)!, "--start");
            var until = InstantText.Parse(parseResult.GetValue(end)!, "--end");
            if (until <= from)
            {
                throw new InputException($"--end: '{parseResult.GetValue(end)}' is not after --start '{parseResult.GetValue(start)}'.");
            }

            var why = parseResult.GetValue(reason)!.Trim();
            if (why.Length == 0)
            {
                throw new InputException("--reason: say why the service is frozen.");
            }

            await ChangeCommands.RequireKnownItemsAsync(session, [item], "--service", cancellationToken).ConfigureAwait(false);
            var path = ChangeStandIns.PathOf(parseResult, ChangeStandIns.BlackoutsFile);
            var blackouts = ChangeStandIns.ReadBlackouts(path).ToList();
            blackouts.Add(new TenantBlackout(session.Context.Tenant, new BlackoutWindow(item, new Interval(from, until), why)));
            ChangeStandIns.WriteBlackouts(path, blackouts);
            output.WriteLine($"blackout on {item} from {InstantText.Format(from)} to {InstantText.Format(until)} ({why}) in tenant '{session.Context.Tenant}' ({path})");
            return ExitCodes.Ok;
        }));
        blackout.Subcommands.Add(add);

        var list = new Command("list", "List the tenant's blackout windows, by start.\n\nExample:\n  itsm change blackout list");
        list.Options.Add(HostOptions.Tenant);
        list.SetAction((parseResult, _) => RecordSession.RunAsync(parseResult, (output, _) =>
        {
            var tenant = TenantOf(parseResult);
            var blackouts = ChangeStandIns.ReadBlackouts(ChangeStandIns.PathOf(parseResult, ChangeStandIns.BlackoutsFile)).Where(b => b.Tenant == tenant).OrderBy(b => b.Window.Window.Start).ToList();
            var table = new Table().AddColumns("service", "start (UTC)", "end (UTC)", "reason");
            foreach (var b in blackouts)
            {
                table.AddRow(Markup.Escape(b.Window.Service.Value), InstantText.Format(b.Window.Window.Start), InstantText.Format(b.Window.Window.End), Markup.Escape(b.Window.Reason));
            }

            var console = TableConsole.Create(output);
            console.Write(table);
            console.WriteLine($"{blackouts.Count} blackout window(s) in tenant '{tenant}'");
            return Task.FromResult(ExitCodes.Ok);
        }));
        blackout.Subcommands.Add(list);
        return blackout;
    }

    /// <summary>Creates <c>itsm change maintenance</c>.</summary>
    internal static Command CreateMaintenance()
    {
        var maintenance = new Command("maintenance", "Maintenance windows per service, as a business calendar stored with 'itsm calendar define' whose working time is when changes may be made: "
            + "a change whose window is not all inside it gets the outside-maintenance risk factor. A service without one accepts any window. "
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, StandInNote, "change calendar (IChangeWindowSource)", ChangeStandIns.MaintenanceFile));
        var service = new Option<string>("--service") { Description = "The service (a CI of the tenant's CMDB).", Required = true };
        var calendar = new Option<string>("--calendar") { Description = "The id of a calendar stored with 'itsm calendar define'.", Required = true };
        var set = new Command(
            "set",
            $"Set (or replace) a service's maintenance calendar, in {ChangeStandIns.MaintenanceFile}.\n\n"
            + "Example:\n  itsm change maintenance set --service shop --calendar saturday-nights");
        set.Options.Add(service);
        set.Options.Add(calendar);
        RecordSession.AddOptions(set);
        set.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var item = Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(service)?.Trim(), "--service"));
            var calendarId = Parsed.Value(CalendarId.Parse(parseResult.GetValue(calendar)?.Trim(), "--calendar"));
            await ChangeCommands.RequireKnownItemsAsync(session, [item], "--service", cancellationToken).ConfigureAwait(false);
            var stored = await session.Dispatcher.QueryAsync(new GetCalendar(session.Context, calendarId), cancellationToken).ConfigureAwait(false);
            if (!stored.IsSuccess)
            {
                return ResultReport.Write(stored, error);
            }

            var path = ChangeStandIns.PathOf(parseResult, ChangeStandIns.MaintenanceFile);
            var assignments = ChangeStandIns.ReadMaintenance(path).Where(m => !(m.Tenant == session.Context.Tenant && m.Service == item)).ToList();
            assignments.Add(new MaintenanceAssignment(session.Context.Tenant, item, calendarId));
            ChangeStandIns.WriteMaintenance(path, assignments);
            output.WriteLine($"maintenance window of {item}: the working time of calendar '{calendarId}' ({stored.Value.Record.Name}, {stored.Value.Record.Zone.Id}) in tenant '{session.Context.Tenant}' ({path})");
            return ExitCodes.Ok;
        }));
        maintenance.Subcommands.Add(set);

        var clearService = new Option<string>("--service") { Description = "The service.", Required = true };
        var clear = new Command("clear", $"Remove a service's maintenance calendar (it then accepts any window), in {ChangeStandIns.MaintenanceFile}.\n\nExample:\n  itsm change maintenance clear --service shop");
        clear.Options.Add(clearService);
        clear.Options.Add(HostOptions.Tenant);
        clear.SetAction((parseResult, _) => RecordSession.RunAsync(parseResult, (output, _) =>
        {
            var tenant = TenantOf(parseResult);
            var item = Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(clearService)?.Trim(), "--service"));
            var path = ChangeStandIns.PathOf(parseResult, ChangeStandIns.MaintenanceFile);
            ChangeStandIns.WriteMaintenance(path, ChangeStandIns.ReadMaintenance(path).Where(m => !(m.Tenant == tenant && m.Service == item)));
            output.WriteLine($"{item} has no maintenance calendar in tenant '{tenant}' ({path})");
            return Task.FromResult(ExitCodes.Ok);
        }));
        maintenance.Subcommands.Add(clear);

        var list = new Command("list", "List the tenant's maintenance calendars by service.\n\nExample:\n  itsm change maintenance list");
        list.Options.Add(HostOptions.Tenant);
        list.SetAction((parseResult, _) => RecordSession.RunAsync(parseResult, (output, _) =>
        {
            var tenant = TenantOf(parseResult);
            var assignments = ChangeStandIns.ReadMaintenance(ChangeStandIns.PathOf(parseResult, ChangeStandIns.MaintenanceFile)).Where(m => m.Tenant == tenant).OrderBy(m => m.Service).ToList();
            var table = new Table().AddColumns("service", "calendar");
            foreach (var m in assignments)
            {
                table.AddRow(Markup.Escape(m.Service.Value), Markup.Escape(m.Calendar.Value));
            }

            var console = TableConsole.Create(output);
            console.Write(table);
            console.WriteLine($"{assignments.Count} maintenance calendar(s) in tenant '{tenant}'");
            return Task.FromResult(ExitCodes.Ok);
        }));
        maintenance.Subcommands.Add(list);
        return maintenance;
    }

    /// <summary>Creates <c>itsm change template</c>.</summary>
    internal static Command CreateTemplate()
    {
        var template = new Command("template", "Pre-approved standard change templates (itsm change raise --type standard --template NAME); shared by every tenant. "
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, StandInNote, "standard change catalogue (ChangeManagementOptions.Catalogue)", ChangeStandIns.TemplatesFile));
        var name = new Option<string>("--name") { Description = "The template's name, such as restart-app-pool.", Required = true };
        var description = new Option<string>("--description") { Description = "What a change from it does.", Required = true };
        var plan = new Option<string>("--plan") { Description = "The implementation plan every change from it follows.", Required = true };
        var testPlan = new Option<string?>("--test-plan") { Description = "Its test plan or evidence." };
        var backoutPlan = new Option<string?>("--backout-plan") { Description = "Its backout plan." };
        var add = new Command(
            "add",
            $"Add (or replace) a standard change template, in {ChangeStandIns.TemplatesFile}.\n\n"
            + "Example:\n  itsm change template add --name restart-app-pool --description \"Recycle an IIS app pool\" --plan \"Recycle the pool\" --test-plan \"Runbook tested\" --backout-plan \"None needed\"");
        foreach (var option in new Option[] { name, description, plan, testPlan, backoutPlan })
        {
            add.Options.Add(option);
        }

        add.SetAction((parseResult, _) => RecordSession.RunAsync(parseResult, (output, _) =>
        {
            var templateName = Parsed.Value(CalendarId.Parse(parseResult.GetValue(name)?.Trim(), "--name")).Value;
            if (parseResult.GetValue(plan)!.Trim().Length == 0)
            {
                throw new InputException("--plan: a template needs an implementation plan.");
            }

            var added = new StandardChangeTemplate(templateName, parseResult.GetValue(description)!, new ChangePlans(parseResult.GetValue(plan)!, parseResult.GetValue(testPlan), parseResult.GetValue(backoutPlan)));
            var path = ChangeStandIns.PathOf(parseResult, ChangeStandIns.TemplatesFile);
            var templates = ChangeStandIns.ReadTemplates(path).Where(t => t.Name != templateName).Append(added).ToList();
            ChangeStandIns.WriteTemplates(path, templates);
            output.WriteLine($"standard change template '{templateName}' saved ({path})");
            return Task.FromResult(ExitCodes.Ok);
        }));
        template.Subcommands.Add(add);

        var list = new Command("list", "List the standard change templates.\n\nExample:\n  itsm change template list");
        list.SetAction((parseResult, _) => RecordSession.RunAsync(parseResult, (output, _) =>
        {
            var templates = ChangeStandIns.ReadTemplates(ChangeStandIns.PathOf(parseResult, ChangeStandIns.TemplatesFile));
            var table = new Table().AddColumns("name", "description", "test plan", "backout plan");
            foreach (var t in templates)
            {
                table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Description), t.Plans.HasTestEvidence ? "yes" : "no", t.Plans.HasBackoutPlan ? "yes" : "no");
            }

            var console = TableConsole.Create(output);
            console.Write(table);
            console.WriteLine($"{templates.Count} template(s)");
            return Task.FromResult(ExitCodes.Ok);
        }));
        template.Subcommands.Add(list);
        return template;
    }

    private static Option<string[]> AuthorityOption(bool required, string description)
    {
        var option = new Option<string[]>("--as") { Description = description, Required = required, AllowMultipleArgumentsPerToken = true };
        option.AcceptOnlyFromAmong([.. ChangeStandIns.AuthorityNames.Keys]);
        return option;
    }

    private static ChangeAuthority[] Authorities(string[] names) => [.. names.Select(n => ChangeStandIns.AuthorityNames[n]).Distinct()];

    private static TenantId TenantOf(ParseResult parseResult) => Parsed.Value(TenantId.Parse(parseResult.GetValue(HostOptions.Tenant), "--tenant"));

    private static string Held(IEnumerable<AuthorityGrant> grants, TenantId tenant, UserId user) =>
        grants.Where(g => g.Tenant == tenant && g.User == user).Select(g => ChangeStandIns.NameOf(g.Authority)).Distinct().Order(StringComparer.Ordinal).ToList() is { Count: > 0 } held
            ? string.Join(", ", held)
            : "no change authority";
}
