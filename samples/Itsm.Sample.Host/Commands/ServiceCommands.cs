using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Common;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.Suppliers;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm service define|revise|offering|transition|golive|retire|show|list|check</c>: the service catalogue against the host's store,
/// one library command or query per invocation.
/// </summary>
/// <remarks>
/// Every subcommand takes <c>--tenant</c>, <c>--actor</c>, <c>--at</c> and <c>--json</c>; the lifecycle subcommands take
/// <c>--expected-version</c> and answer with the service's new state. <c>golive</c> passes the transition gate over the CMDB, the
/// calendars and the agreements as stored; a refusal lists every unmet criterion (<c>check</c> shows them without changing anything).
/// Exit codes: 2 a bad value, 4 an unknown service, 5 a refusal (the gate, an illegal transition, a stale version).
/// </remarks>
internal static class ServiceCommands
{
    /// <summary>The library's field names with the options that set them, for refusals.</summary>
    internal static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Service"] = "id",
        ["ExpectedVersion"] = "--expected-version",
        ["Name"] = "--name",
        ["Description"] = "--description",
        ["Offering"] = "--name, --targets, --price",
        ["Targets"] = "--targets",
        ["Reason"] = "--reason",
        ["Policy"] = "--criteria",
        ["Attested"] = "--attest",
    };

    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Refuse (conflict) unless the service is still at this version, the one you looked at." };

    private static readonly LifecycleKind<ConfigurationItemId, Versioned<CatalogueService>> Kind = new(
        IdArgument,
        (session, id, cancellationToken) => session.Dispatcher.QueryAsync(new GetService(session.Context, id), cancellationToken),
        (stored, session) => CatalogueView.Document(stored, session.Context.Tenant.Value),
        CatalogueView.Confirm,
        (result, session, error) => Refused(result, error, session),
        ExpectedVersion);

    /// <summary>Creates the <c>service</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var service = new Command("service", "The service catalogue: define a business service and its offerings, move it into transition, take it live through the transition gate, retire it.");
        service.Subcommands.Add(CreateDefine());
        var name = new Option<string>("--name") { Description = "The offering's name, such as gold.", Required = true };
        var targets = TypedOptions.Syntax("--targets", "Targets per priority: P<rank>=<response>/<resolution>, comma-separated, such as \"P1=30m/4h,P2=1h/8h\".", SlaCommands.ParseTargets);
        var price = SupplierSyntax.Money("--price", "The offering's price per period; unpriced when omitted.");
        price.Required = false;
        service.Subcommands.Add(Transition(
            "offering", "Add an offering (a named variant with its SLA targets and an optional price).", "itsm service offering payroll --name gold --targets \"P1=30m/4h,P2=1h/8h\" --price \"1200 EUR\"", [name, targets, price],
            (c, id, p) => new AddOffering(c, id, p.GetValue(name)!, p.GetValue(targets)!) { Price = p.GetResult(price) is null ? null : p.GetValue(price) },
            "added an offering to"));
        var reviseName = new Option<string?>("--name") { Description = "The new name; kept when omitted." };
        var reviseDescription = new Option<string?>("--description") { Description = "The new description; kept when omitted." };
        var owner = TypedOptions.Text<UserId>("--owner", "The new service owner; kept when omitted.");
        var customers = TypedOptions.TextList<CustomerId>("--customer", "The new customers (all of them); repeatable or comma-separated; kept when omitted.");
        var serviceHours = TypedOptions.Text<CalendarId>("--service-hours", "The new service hours calendar; kept when omitted.");
        var supportHours = TypedOptions.Text<CalendarId>("--support-hours", "The new support hours calendar; kept when omitted.");
        service.Subcommands.Add(Transition(
            "revise", "Revise the service's profile: name, description, owner, customers, calendars; what is omitted is kept.", "itsm service revise payroll --owner olivia --support-hours office", [reviseName, reviseDescription, owner, customers, serviceHours, supportHours],
            (c, id, p) => new ReviseService(c, id)
            {
                Name = p.GetValue(reviseName),
                Description = p.GetValue(reviseDescription),
                Owner = p.GetValue(owner),
                Customers = p.GetResult(customers) is null ? null : [.. p.GetValue(customers) ?? []],
                ServiceHours = p.GetValue(serviceHours),
                SupportHours = p.GetValue(supportHours),
            },
            "revised"));
        service.Subcommands.Add(Transition("transition", "Move the service from the pipeline into transition.", "itsm service transition payroll", [], (c, id, _) => new MoveServiceToTransition(c, id), "moved into transition"));
        var attest = new Option<string[]>("--attest") { Description = "The vendor criteria of the service's acceptance policy you attest; repeatable or comma-separated.", AllowMultipleArgumentsPerToken = true };
        service.Subcommands.Add(Transition(
            "golive", "Take the service live through the transition gate: owner, calendars defined, the CI recorded and related in the CMDB, a signed agreement in force, the policy's criteria attested; a refusal lists every unmet criterion.",
            "itsm service golive payroll --attest runbook", [attest], (c, id, p) => new GoLive(c, id) { Attested = Split(p.GetValue(attest)) }, "took live"));
        var reason = new Option<string>("--reason") { Description = "Why the service is retired.", Required = true };
        service.Subcommands.Add(Transition("retire", "Retire the service: a live one starts retiring, a retiring one (or one never live) is retired.", "itsm service retire payroll --reason \"Replaced by payroll 2\"", [reason], (c, id, p) => new RetireService(c, id, p.GetValue(reason)!), "retired"));
        service.Subcommands.Add(Lifecycle.Show(Kind, "Show a service: its profile, offerings, status, next states and history.\n\nExample:\n  itsm service show payroll --json", CatalogueView.WriteDetails));
        service.Subcommands.Add(CreateList());
        service.Subcommands.Add(CreateCheck());
        return service;
    }

    /// <summary>The service <c>id</c> argument: its business-service CI id.</summary>
    internal static Argument<ConfigurationItemId> IdArgument() => TypedOptions.TextArgument<ConfigurationItemId>("id", "The service's business-service CI id, such as payroll.");

    /// <summary>Reports a refusal in one line; an unknown service says which tenant was asked.</summary>
    internal static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(result, error, Fields, $"services belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm service list --tenant {session.Context.Tenant}' lists them).");

    private static Command CreateDefine()
    {
        var id = IdArgument();
        var name = new Option<string>("--name") { Description = "A person's name for the service, such as Payroll.", Required = true };
        var description = new Option<string?>("--description") { Description = "What it delivers." };
        var owner = TypedOptions.Text<UserId>("--owner", "The service owner; the gate requires one.");
        var customers = TypedOptions.TextList<CustomerId>("--customer", "The customers it is delivered to; repeatable or comma-separated.");
        var serviceHours = TypedOptions.Text<CalendarId>("--service-hours", "The calendar of its service hours (stored with 'itsm calendar define').");
        var supportHours = TypedOptions.Text<CalendarId>("--support-hours", "The calendar of its support hours.");
        var criteria = new Option<string[]>("--criteria") { Description = "Vendor acceptance criteria that must be attested at go-live (policy 'vendor'); the standard policy when omitted.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("define", "Define a service in the pipeline, identified by its business-service CI.\n\nExample:\n  itsm service define payroll --name Payroll --owner olivia --customer acme-hr --service-hours office --support-hours office");
        command.Arguments.Add(id);
        foreach (var option in new Option[] { name, description, owner, customers, serviceHours, supportHours, criteria, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var named = Split(parseResult.GetValue(criteria));
            var policy = named.IsEmpty ? Result<ServiceAcceptancePolicy>.Success(ServiceAcceptancePolicy.Standard) : ServiceAcceptancePolicy.Create("vendor", named);
            if (!policy.IsSuccess)
            {
                return ResultReport.Write(policy, error, Fields);
            }

            var define = new DefineService(session.Context, parseResult.GetValue(id), parseResult.GetValue(name)!)
            {
                Description = parseResult.GetValue(description) ?? string.Empty,
                Owner = parseResult.GetValue(owner),
                Customers = [.. parseResult.GetValue(customers) ?? []],
                ServiceHours = parseResult.GetValue(serviceHours),
                SupportHours = parseResult.GetValue(supportHours),
                Policy = policy.Value,
            };
            var defined = await session.Dispatcher.SendAsync(define, cancellationToken).ConfigureAwait(false);
            return defined.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => CatalogueView.Document(defined.Value, session.Context.Tenant.Value), () => CatalogueView.Confirm(output, "defined", defined.Value))
                : ResultReport.Write(defined, error, Fields);
        }));
        return command;
    }

    private static Command CreateList()
    {
        var statuses = TypedOptions.ChoiceList("--status", "Only these statuses: pipeline, in-transition, live, retiring, retired; repeatable or comma-separated.", TypedOptions.KebabNames<ServiceStatus>(), "a status");
        return OneRequest.Create(
            "list",
            "List the tenant's services by id.\n\nExample:\n  itsm service list --status live --json",
            [statuses],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new ListServices(session.Context) { Statuses = p.GetValue(statuses) is { Length: > 0 } only ? only : null }, cancellationToken),
            (listed, session) => listed.Select(s => CatalogueView.Document(s, session.Context.Tenant.Value)).ToArray(),
            (listed, _, output) =>
            {
                foreach (var s in listed)
                {
                    CatalogueView.Confirm(output, "service", s);
                }
            },
            Fields);
    }

    private static Command CreateCheck()
    {
        var id = IdArgument();
        var attest = new Option<string[]>("--attest") { Description = "The vendor criteria you would attest; repeatable or comma-separated.", AllowMultipleArgumentsPerToken = true };
        return OneRequest.Create(
            "check",
            "Check the transition gate now without changing anything: every unmet criterion, explained.\n\nExample:\n  itsm service check payroll --json",
            [id, attest],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new CheckAcceptance(session.Context, p.GetValue(id)) { Attested = Split(p.GetValue(attest)) }, cancellationToken),
            (verdict, _) => new { service = verdict.Service.Value, met = verdict.IsMet, agreement = verdict.Agreement?.ToString(), unmet = verdict.Unmet.Select(u => new { criterion = TypedOptions.Kebab(u.Criterion.ToString()), name = u.Name, explanation = u.Explanation }).ToArray() },
            (verdict, _, output) => CatalogueView.WriteVerdict(output, verdict),
            Fields);
    }

    private static System.Collections.Immutable.ImmutableArray<string> Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    private static Command Transition(string name, string description, string example, Option[] options, Func<RequestContext, ConfigurationItemId, ParseResult, ServiceCommand> build, string done) =>
        Lifecycle.Create(Kind, name, description, example, options, (c, id, p) => build(c, id, p) with { ExpectedVersion = p.GetValue(ExpectedVersion) }, done);
}
