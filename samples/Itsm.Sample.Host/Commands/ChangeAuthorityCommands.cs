using System.CommandLine;
using Itsm.Core.Application.Changes;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm change authority grant|revoke|list</c> and <c>itsm change template add|retire|list</c>: who may approve
/// changes, and the tenant's standard change catalogue, changed through the library's audited commands.
/// Only a change manager of the tenant may change them; while the tenant has none, anyone may grant the first one.
/// </summary>
internal static class ChangeAuthorityCommands
{
    /// <summary>What every reference data command says about who may use it.</summary>
    internal const string Who = "Only a change manager of the tenant may change it (--actor); while the tenant has none, anyone may grant the first one.";

    /// <summary>The authority names of the command line, with the library's flags.</summary>
    public static readonly IReadOnlyDictionary<string, ChangeAuthority> AuthorityNames = new Dictionary<string, ChangeAuthority>(StringComparer.Ordinal)
    {
        ["change-manager"] = ChangeAuthority.ChangeManager,
        ["cab"] = ChangeAuthority.ChangeAdvisoryBoard,
        ["emergency"] = ChangeAuthority.EmergencyAuthority,
    };

    private static readonly Dictionary<string, ChangeAuthority[]> AuthorityChoices = AuthorityNames.ToDictionary(n => n.Key, n => new[] { n.Value }, StringComparer.Ordinal);

    /// <summary>Creates <c>itsm change authority</c>.</summary>
    internal static Command CreateAuthority()
    {
        var authority = new Command("authority", "Who holds which change authority: change-manager (low and medium risk), cab (a quorum of members for high and critical risk), emergency (emergency changes). " + Who);
        var user = TypedOptions.TextArgument<UserId>("user", "The user, as they will pass --actor.");
        var grantAs = TypedOptions.ChoiceList("--as", "The authority to grant: change-manager, cab or emergency (repeatable).", AuthorityChoices, "an authority");
        grantAs.Required = true;
        authority.Subcommands.Add(OneRequest.Create(
            "grant",
            "Grant change authority to a user in the tenant (added to what they hold).\n\n"
            + "Example:\n  itsm change authority grant bob --as change-manager\n  itsm change authority grant carol --as cab --as emergency --tenant acme",
            [user, grantAs],
            (session, p, ct) => session.Dispatcher.SendAsync(new GrantChangeAuthority(session.Context, p.GetValue(user), Combine(p.GetValue(grantAs)!)), ct),
            (grant, session) => Document(session, grant.User, grant.Authorities),
            (grant, session, output) => output.WriteLine(SafeText.Escape($"{grant.User} now holds {Held(grant.Authorities)} in tenant '{session.Context.Tenant}'"))));

        var revokeUser = TypedOptions.TextArgument<UserId>("user", "The user.");
        var revokeAs = TypedOptions.ChoiceList("--as", "The authority to revoke (repeatable); all of the user's when omitted.", AuthorityChoices, "an authority");
        authority.Subcommands.Add(OneRequest.Create(
            "revoke",
            "Revoke change authority from a user in the tenant.\n\nExample:\n  itsm change authority revoke bob --as change-manager",
            [revokeUser, revokeAs],
            async (session, p, ct) =>
            {
                var who = p.GetValue(revokeUser);
                var revoked = await session.Dispatcher.SendAsync(new RevokeChangeAuthority(session.Context, who, p.GetValue(revokeAs) is { Length: > 0 } some ? Combine(some) : ChangeAuthorityGrant.All), ct).ConfigureAwait(false);
                return revoked.Map(held => (User: who, Held: held));
            },
            (revoked, session) => Document(session, revoked.User, revoked.Held),
            (revoked, session, output) => output.WriteLine(SafeText.Escape($"{revoked.User} now holds {Held(revoked.Held)} in tenant '{session.Context.Tenant}'"))));

        authority.Subcommands.Add(OneRequest.Create(
            "list",
            "List who holds which change authority in the tenant.\n\nExample:\n  itsm change authority list --tenant acme",
            [],
            (session, _, ct) => session.Dispatcher.QueryAsync(new ListChangeAuthorities(session.Context), ct),
            (grants, session) => new AuthorityListDocument(session.Context.Tenant.Value, grants.Count, [.. grants.Select(g => Document(session, g.User, g.Authorities))]),
            (grants, session, output) =>
            {
                var table = TableConsole.Table(["user", "authority"]);
                foreach (var g in grants)
                {
                    table.Row(g.User.Value, Held(g.Authorities));
                }

                var console = TableConsole.Create(output);
                console.Write(table);
                console.WriteLine(SafeText.Escape($"{grants.Count} user(s) with change authority in tenant '{session.Context.Tenant}'"));
            }));
        return authority;
    }

    /// <summary>Creates <c>itsm change template</c>.</summary>
    internal static Command CreateTemplate()
    {
        var template = new Command("template", "The tenant's pre-approved standard change templates (itsm change raise --type standard --template NAME). Names are never reused: retire a template and define its successor under a new name. " + Who);
        var name = TypedOptions.Text<StandardChangeTemplateId>("--name", "The template's name, such as restart-app-pool.", required: true);
        var description = new Option<string>("--description") { Description = "What a change from it does.", Required = true };
        var plan = new Option<string>("--plan") { Description = "The implementation plan every change from it follows.", Required = true };
        var testPlan = new Option<string?>("--test-plan") { Description = "Its test plan or evidence." };
        var backoutPlan = new Option<string?>("--backout-plan") { Description = "Its backout plan." };
        template.Subcommands.Add(OneRequest.Create(
            "add",
            "Define a standard change template in the tenant's catalogue.\n\n"
            + "Example:\n  itsm change template add --name restart-app-pool --description \"Recycle an IIS app pool\" --plan \"Recycle the pool\" --test-plan \"Runbook tested\" --backout-plan \"None needed\"",
            [name, description, plan, testPlan, backoutPlan],
            (session, p, ct) => session.Dispatcher.SendAsync(
                new DefineStandardChangeTemplate(session.Context, p.GetValue(name)!.Value, p.GetValue(description)!, Parsed.Value(ChangePlans.Create(p.GetValue(plan), p.GetValue(testPlan), p.GetValue(backoutPlan)))), ct),
            Document,
            (t, session, output) => output.WriteLine(SafeText.Escape($"standard change template '{t.Name}' defined in tenant '{session.Context.Tenant}'"))));

        var retireName = TypedOptions.TextArgument<StandardChangeTemplateId>("name", "The template's name.");
        template.Subcommands.Add(OneRequest.Create(
            "retire",
            "Retire a standard change template: no new standard change may be raised from it.\n\nExample:\n  itsm change template retire restart-app-pool",
            [retireName],
            (session, p, ct) => session.Dispatcher.SendAsync(new RetireStandardChangeTemplate(session.Context, p.GetValue(retireName)), ct),
            Document,
            (t, session, output) => output.WriteLine(SafeText.Escape($"standard change template '{t.Name}' retired in tenant '{session.Context.Tenant}'"))));

        template.Subcommands.Add(OneRequest.Create(
            "list",
            "List the tenant's standard change templates, retired ones included.\n\nExample:\n  itsm change template list",
            [],
            (session, _, ct) => session.Dispatcher.QueryAsync(new ListStandardChangeTemplates(session.Context), ct),
            (templates, session) => new TemplateListDocument(session.Context.Tenant.Value, templates.Count, [.. templates.Select(t => Document(t, session))]),
            (templates, session, output) =>
            {
                var table = TableConsole.Table(["name", "description", "test plan", "backout plan", "retired"]);
                foreach (var t in templates)
                {
                    table.Row(t.Name, t.Description, t.Plans.HasTestEvidence ? "yes" : "no", t.Plans.HasBackoutPlan ? "yes" : "no", t.RetiredAt is { } at ? InstantText.Format(at) : "no");
                }

                var console = TableConsole.Create(output);
                console.Write(table);
                console.WriteLine(SafeText.Escape($"{templates.Count} template(s) in tenant '{session.Context.Tenant}'"));
            }));
        return template;
    }

    private static AuthorityDocument Document(RecordSession session, UserId user, ChangeAuthority held) =>
        new(session.Context.Tenant.Value, user.Value, Names(held));

    private static TemplateDocument Document(StandardChangeTemplate t, RecordSession session) =>
        new(session.Context.Tenant.Value, t.Name, t.Description, t.Plans.Implementation, t.Plans.Test, t.Plans.Backout, t.RetiredAt is { } at ? InstantText.Format(at) : null);

    private static ChangeAuthority Combine(ChangeAuthority[] authorities) => authorities.Aggregate(ChangeAuthority.None, (held, a) => held | a);

    private static List<string> Names(ChangeAuthority held) =>
        [.. ChangeAuthorityGrant.Split(held).Select(a => AuthorityNames.Single(n => n.Value == a).Key).Order(StringComparer.Ordinal)];

    private static string Held(ChangeAuthority held) => Names(held) is { Count: > 0 } names ? string.Join(", ", names) : "no change authority";
}
