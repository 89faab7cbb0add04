using System.CommandLine;
using Itsm.Core.Application.Changes;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm change authority grant|revoke|list</c>, <c>itsm change blackout add|lift|list</c>,
/// <c>itsm change maintenance set|clear|list</c> and <c>itsm change template add|retire|list</c>: the tenant's change
/// management reference data, changed through the library's audited commands and kept in the store like every record.
/// Only a change manager of the tenant may change it; while the tenant has none, anyone may grant the first one.
/// </summary>
internal static class ChangeStandInCommands
{
    /// <summary>The authority names of the command line, with the library's flags.</summary>
    public static readonly IReadOnlyDictionary<string, ChangeAuthority> AuthorityNames = new Dictionary<string, ChangeAuthority>(StringComparer.Ordinal)
    {
        ["change-manager"] = ChangeAuthority.ChangeManager,
        ["cab"] = ChangeAuthority.ChangeAdvisoryBoard,
        ["emergency"] = ChangeAuthority.EmergencyAuthority,
    };

    private const string Who = "Only a change manager of the tenant may change it (--actor); while the tenant has none, anyone may grant the first one.";

    /// <summary>Creates <c>itsm change authority</c>.</summary>
    internal static Command CreateAuthority()
    {
        var authority = new Command("authority", "Who holds which change authority: change-manager (low and medium risk), cab (a quorum of members for high and critical risk), emergency (emergency changes). " + Who);
        var user = new Argument<string>("user") { Description = "The user, as they will pass --actor." };
        var grantAs = AuthorityOption(required: true, "The authority to grant: change-manager, cab or emergency (repeatable).");
        var grant = new Command(
            "grant",
            "Grant change authority to a user in the tenant (added to what they hold).\n\n"
            + "Example:\n  itsm change authority grant bob --as change-manager\n  itsm change authority grant carol --as cab --as emergency --tenant acme");
        grant.Arguments.Add(user);
        grant.Options.Add(grantAs);
        RecordSession.AddOptions(grant);
        grant.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var who = Parsed.Value(UserId.Parse(parseResult.GetValue(user)?.Trim(), "user"));
            var granted = await session.Dispatcher.SendAsync(new GrantChangeAuthority(session.Context, who, Authorities(parseResult.GetValue(grantAs)!)), cancellationToken).ConfigureAwait(false);
            if (!granted.IsSuccess)
            {
                return ResultReport.Write(granted, error);
            }

            output.WriteLine($"{who} now holds {Held(granted.Value.Authorities)} in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        authority.Subcommands.Add(grant);

        var revokeUser = new Argument<string>("user") { Description = "The user." };
        var revokeAs = AuthorityOption(required: false, "The authority to revoke (repeatable); all of the user's when omitted.");
        var revoke = new Command("revoke", "Revoke change authority from a user in the tenant.\n\nExample:\n  itsm change authority revoke bob --as change-manager");
        revoke.Arguments.Add(revokeUser);
        revoke.Options.Add(revokeAs);
        RecordSession.AddOptions(revoke);
        revoke.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var who = Parsed.Value(UserId.Parse(parseResult.GetValue(revokeUser)?.Trim(), "user"));
            var removed = parseResult.GetValue(revokeAs) is { Length: > 0 } names ? Authorities(names) : ChangeAuthorityGrant.All;
            var revoked = await session.Dispatcher.SendAsync(new RevokeChangeAuthority(session.Context, who, removed), cancellationToken).ConfigureAwait(false);
            if (!revoked.IsSuccess)
            {
                return ResultReport.Write(revoked, error);
            }

            output.WriteLine($"{who} now holds {Held(revoked.Value)} in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        authority.Subcommands.Add(revoke);

        var list = new Command("list", "List who holds which change authority in the tenant.\n\nExample:\n  itsm change authority list --tenant acme");
        RecordSession.AddOptions(list);
        list.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var grants = await session.Dispatcher.QueryAsync(new ListChangeAuthorities(session.Context), cancellationToken).ConfigureAwait(false);
            if (!grants.IsSuccess)
            {
                return ResultReport.Write(grants, error);
            }

            var table = new Table().AddColumns("user", "authority");
            foreach (var g in grants.Value)
            {
                table.AddRow(Markup.Escape(g.User.Value), Held(g.Authorities));
            }

            var console = TableConsole.Create(output);
            console.Write(table);
            console.WriteLine($"{grants.Value.Count} user(s) with change authority in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        authority.Subcommands.Add(list);
        return authority;
    }

    /// <summary>Creates <c>itsm change blackout</c>.</summary>
    internal static Command CreateBlackout()
    {
        var blackout = new Command("blackout", "Blackout (change freeze) windows per service: a change whose window overlaps one on an affected or impacted service gets the blackout risk factor and at least high risk. " + Who);
        var service = new Option<string>("--service") { Description = "The frozen service (a CI of the tenant's CMDB).", Required = true };
        var start = new Option<string>("--start") { Description = "Start of the freeze, ISO-8601 with Z or an offset.", Required = true };
        var end = new Option<string>("--end") { Description = "End of the freeze (exclusive).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, such as \"year-end close\".", Required = true };
        var add = new Command(
            "add",
            "Declare a blackout window on a service of the tenant's CMDB; prints its id.\n\n"
            + "Example:\n  itsm change blackout add --service shop --start 2026-11-27T00:00:00Z --end 2026-11-30T00:00:00Z --reason \"Black Friday\"");
        foreach (var option in new Option[] { service, start, end, reason })
        {
            add.Options.Add(option);
        }

        RecordSession.AddOptions(add);
        add.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var item = Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(service)?.Trim(), "--service"));
            var from = InstantText.Parse(parseResult.GetValue(start)!, "--start");
            var until = InstantText.Parse(parseResult.GetValue(end)!, "--end");
            if (until <= from)
            {
                throw new InputException($"--end: '{parseResult.GetValue(end)}' is not after --start '{parseResult.GetValue(start)}'.");
            }

            var declared = await session.Dispatcher.SendAsync(new DeclareBlackout(session.Context, item, new Interval(from, until), parseResult.GetValue(reason)!), cancellationToken).ConfigureAwait(false);
            if (!declared.IsSuccess)
            {
                return ResultReport.Write(declared, error);
            }

            output.WriteLine($"blackout {declared.Value.Id} on {item} from {InstantText.Format(from)} to {InstantText.Format(until)} ({declared.Value.Reason}) in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        blackout.Subcommands.Add(add);

        var id = new Argument<string>("id") { Description = "The blackout's id, as 'add' or 'list' printed it." };
        var lift = new Command("lift", "Lift (remove) a blackout window.\n\nExample:\n  itsm change blackout lift 0192f0c4-7d1e-7c3a-9b7e-2f1d3c4b5a69");
        lift.Arguments.Add(id);
        RecordSession.AddOptions(lift);
        lift.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var blackoutId = Parsed.Value(BlackoutId.Parse(parseResult.GetValue(id)?.Trim(), "id"));
            var lifted = await session.Dispatcher.SendAsync(new LiftBlackout(session.Context, blackoutId), cancellationToken).ConfigureAwait(false);
            if (!lifted.IsSuccess)
            {
                return ResultReport.Write(lifted, error);
            }

            output.WriteLine($"blackout {blackoutId} lifted in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        blackout.Subcommands.Add(lift);

        var list = new Command("list", "List the tenant's blackout windows, by start.\n\nExample:\n  itsm change blackout list");
        RecordSession.AddOptions(list);
        list.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var blackouts = await session.Dispatcher.QueryAsync(new ListBlackouts(session.Context), cancellationToken).ConfigureAwait(false);
            if (!blackouts.IsSuccess)
            {
                return ResultReport.Write(blackouts, error);
            }

            var table = new Table().AddColumns("id", "service", "start (UTC)", "end (UTC)", "reason");
            foreach (var b in blackouts.Value)
            {
                table.AddRow(b.Id.ToString(), Markup.Escape(b.Service.Value), InstantText.Format(b.Window.Start), InstantText.Format(b.Window.End), Markup.Escape(b.Reason));
            }

            var console = TableConsole.Create(output);
            console.Write(table);
            console.WriteLine($"{blackouts.Value.Count} blackout window(s) in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        blackout.Subcommands.Add(list);
        return blackout;
    }

    /// <summary>Creates <c>itsm change maintenance</c>.</summary>
    internal static Command CreateMaintenance()
    {
        var maintenance = new Command("maintenance", "Maintenance windows per service, as a business calendar stored with 'itsm calendar define' whose working time is when changes may be made: "
            + "a change whose window is not all inside it gets the outside-maintenance risk factor. A service without one accepts any window. " + Who);
        var service = new Option<string>("--service") { Description = "The service (a CI of the tenant's CMDB).", Required = true };
        var calendar = new Option<string>("--calendar") { Description = "The id of a calendar stored with 'itsm calendar define'.", Required = true };
        var set = new Command("set", "Set (or replace) a service's maintenance calendar.\n\nExample:\n  itsm change maintenance set --service shop --calendar saturday-nights");
        set.Options.Add(service);
        set.Options.Add(calendar);
        RecordSession.AddOptions(set);
        set.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var item = Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(service)?.Trim(), "--service"));
            var calendarId = Parsed.Value(CalendarId.Parse(parseResult.GetValue(calendar)?.Trim(), "--calendar"));
            var defined = await session.Dispatcher.SendAsync(new DefineMaintenanceWindow(session.Context, item, calendarId), cancellationToken).ConfigureAwait(false);
            if (!defined.IsSuccess)
            {
                return ResultReport.Write(defined, error);
            }

            output.WriteLine($"{defined.Value} in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        maintenance.Subcommands.Add(set);

        var clearService = new Option<string>("--service") { Description = "The service.", Required = true };
        var clear = new Command("clear", "Remove a service's maintenance calendar (it then accepts any window).\n\nExample:\n  itsm change maintenance clear --service shop");
        clear.Options.Add(clearService);
        RecordSession.AddOptions(clear);
        clear.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var item = Parsed.Value(ConfigurationItemId.Parse(parseResult.GetValue(clearService)?.Trim(), "--service"));
            var removed = await session.Dispatcher.SendAsync(new RemoveMaintenanceWindow(session.Context, item), cancellationToken).ConfigureAwait(false);
            if (!removed.IsSuccess)
            {
                return ResultReport.Write(removed, error);
            }

            output.WriteLine($"{item} has no maintenance calendar in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        maintenance.Subcommands.Add(clear);

        var list = new Command("list", "List the tenant's maintenance calendars by service.\n\nExample:\n  itsm change maintenance list");
        RecordSession.AddOptions(list);
        list.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var windows = await session.Dispatcher.QueryAsync(new ListMaintenanceWindows(session.Context), cancellationToken).ConfigureAwait(false);
            if (!windows.IsSuccess)
            {
                return ResultReport.Write(windows, error);
            }

            var table = new Table().AddColumns("service", "calendar");
            foreach (var m in windows.Value)
            {
                table.AddRow(Markup.Escape(m.Service.Value), Markup.Escape(m.Calendar.Value));
            }

            var console = TableConsole.Create(output);
            console.Write(table);
            console.WriteLine($"{windows.Value.Count} maintenance calendar(s) in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        maintenance.Subcommands.Add(list);
        return maintenance;
    }

    /// <summary>Creates <c>itsm change template</c>.</summary>
    internal static Command CreateTemplate()
    {
        var template = new Command("template", "The tenant's pre-approved standard change templates (itsm change raise --type standard --template NAME). Names are never reused: retire a template and define its successor under a new name. " + Who);
        var name = new Option<string>("--name") { Description = "The template's name, such as restart-app-pool.", Required = true };
        var description = new Option<string>("--description") { Description = "What a change from it does.", Required = true };
        var plan = new Option<string>("--plan") { Description = "The implementation plan every change from it follows.", Required = true };
        var testPlan = new Option<string?>("--test-plan") { Description = "Its test plan or evidence." };
        var backoutPlan = new Option<string?>("--backout-plan") { Description = "Its backout plan." };
        var add = new Command(
            "add",
            "Define a standard change template in the tenant's catalogue.\n\n"
            + "Example:\n  itsm change template add --name restart-app-pool --description \"Recycle an IIS app pool\" --plan \"Recycle the pool\" --test-plan \"Runbook tested\" --backout-plan \"None needed\"");
        foreach (var option in new Option[] { name, description, plan, testPlan, backoutPlan })
        {
            add.Options.Add(option);
        }

        RecordSession.AddOptions(add);
        add.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var id = Parsed.Value(StandardChangeTemplateId.Parse(parseResult.GetValue(name)?.Trim(), "--name"));
            var plans = Parsed.Value(ChangePlans.Create(parseResult.GetValue(plan), parseResult.GetValue(testPlan), parseResult.GetValue(backoutPlan)));
            var defined = await session.Dispatcher.SendAsync(new DefineStandardChangeTemplate(session.Context, id, parseResult.GetValue(description)!, plans), cancellationToken).ConfigureAwait(false);
            if (!defined.IsSuccess)
            {
                return ResultReport.Write(defined, error);
            }

            output.WriteLine($"standard change template '{id}' defined in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        template.Subcommands.Add(add);

        var retireName = new Argument<string>("name") { Description = "The template's name." };
        var retire = new Command("retire", "Retire a standard change template: no new standard change may be raised from it.\n\nExample:\n  itsm change template retire restart-app-pool");
        retire.Arguments.Add(retireName);
        RecordSession.AddOptions(retire);
        retire.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var id = Parsed.Value(StandardChangeTemplateId.Parse(parseResult.GetValue(retireName)?.Trim(), "name"));
            var retired = await session.Dispatcher.SendAsync(new RetireStandardChangeTemplate(session.Context, id), cancellationToken).ConfigureAwait(false);
            if (!retired.IsSuccess)
            {
                return ResultReport.Write(retired, error);
            }

            output.WriteLine($"standard change template '{id}' retired in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        template.Subcommands.Add(retire);

        var list = new Command("list", "List the tenant's standard change templates, retired ones included.\n\nExample:\n  itsm change template list");
        RecordSession.AddOptions(list);
        list.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var templates = await session.Dispatcher.QueryAsync(new ListStandardChangeTemplates(session.Context), cancellationToken).ConfigureAwait(false);
            if (!templates.IsSuccess)
            {
                return ResultReport.Write(templates, error);
            }

            var table = new Table().AddColumns("name", "description", "test plan", "backout plan", "retired");
            foreach (var t in templates.Value)
            {
                table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Description), t.Plans.HasTestEvidence ? "yes" : "no", t.Plans.HasBackoutPlan ? "yes" : "no", t.RetiredAt is { } at ? InstantText.Format(at) : "no");
            }

            var console = TableConsole.Create(output);
            console.Write(table);
            console.WriteLine($"{templates.Value.Count} template(s) in tenant '{session.Context.Tenant}'");
            return ExitCodes.Ok;
        }));
        template.Subcommands.Add(list);
        return template;
    }

    private static Option<string[]> AuthorityOption(bool required, string description)
    {
        var option = new Option<string[]>("--as") { Description = description, Required = required, AllowMultipleArgumentsPerToken = true };
        option.AcceptOnlyFromAmong([.. AuthorityNames.Keys]);
        return option;
    }

    private static ChangeAuthority Authorities(string[] names) => names.Aggregate(ChangeAuthority.None, (held, n) => held | AuthorityNames[n]);

    private static string Held(ChangeAuthority held) =>
        ChangeAuthorityGrant.Split(held).Select(a => AuthorityNames.Single(n => n.Value == a).Key).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } names
            ? string.Join(", ", names)
            : "no change authority";
}
