using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm supplier activate|notice|renew|expire|terminate|show|list|in-notice</c>: a contract's lifecycle and the
/// queries over contracts, one library command or query per invocation.
/// </summary>
/// <remarks>
/// The lifecycle subcommands (built by <see cref="Lifecycle"/>) take <c>--expected-version</c> and answer with the
/// contract's new state; the contract's date rules (notice deadline, renewal, expiry) are the library's. Exit codes as
/// for incidents: 2 a bad value, 4 an unknown contract or supplier, 5 an illegal transition, a date rule or a stale version.
/// </remarks>
internal static class ContractCommands
{
    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Refuse (conflict) unless the contract is still at this version, the one you looked at." };

    private static readonly Dictionary<string, ContractState[]> StateNames = new(TypedOptions.KebabNames<ContractState>(), StringComparer.OrdinalIgnoreCase)
    {
        ["in-force"] = [.. ContractLifecycle.InForceStates],
    };

    /// <summary>How the lifecycle subcommands read, load and show a contract.</summary>
    private static readonly LifecycleKind<ContractId, Versioned<Contract>> Kind = new(
        IdArgument,
        (session, id, cancellationToken) => session.Dispatcher.QueryAsync(new GetContract(session.Context, id), cancellationToken),
        (stored, session) => SupplierView.Document(stored, session.Context.Tenant.Value),
        SupplierView.Confirm,
        (result, session, error) => Refused(result, error, session),
        ExpectedVersion);

    /// <summary>Adds the contract subcommands to the <c>supplier</c> command.</summary>
    internal static void AddTo(Command supplier)
    {
        supplier.Subcommands.Add(Transition("activate", "Put a drafted contract in force (Draft -> Active).", "itsm supplier activate uc-storage-2027", [], (c, id, _) => new ActivateContract(c, id), "activated"));
        var reason = new Option<string>("--reason") { Description = "Why.", Required = true };
        supplier.Subcommands.Add(Transition("notice", "Give notice: the contract ends with its current term. At the latest on the term's notice deadline.", "itsm supplier notice uc-storage-2027 --reason \"Moving to a new vendor\"", [reason], (c, id, p) => new GiveNotice(c, id, p.GetValue(reason)!), "gave notice on"));
        supplier.Subcommands.Add(Transition("renew", "Renew the contract: its next term begins (only a contract with a renewal rule, before its term ends).", "itsm supplier renew uc-storage-2027", [], (c, id, _) => new RenewContract(c, id), "renewed"));
        supplier.Subcommands.Add(Transition("expire", "Record that the contract's term ended without renewal (from the end of the term on).", "itsm supplier expire uc-storage-2027", [], (c, id, _) => new ExpireContract(c, id), "expired"));
        var why = new Option<string>("--reason") { Description = "Why it ends early.", Required = true };
        supplier.Subcommands.Add(Transition("terminate", "End the contract early, or withdraw a draft.", "itsm supplier terminate uc-storage-2027 --reason \"Vendor insolvent\"", [why], (c, id, p) => new TerminateContract(c, id, p.GetValue(why)!), "terminated"));
        supplier.Subcommands.Add(CreateShow());
        supplier.Subcommands.Add(CreateList());
        supplier.Subcommands.Add(CreateInNotice());
    }

    /// <summary>The contract <c>id</c> argument, checked when the command line is parsed.</summary>
    internal static Argument<ContractId> IdArgument() => TypedOptions.TextArgument<ContractId>("id", "The contract's key, as given to 'itsm supplier contract'.");

    /// <summary>Reports a refusal in one line; an unknown contract or supplier says which tenant was asked.</summary>
    internal static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(result, error, SupplierRecordCommands.Fields, $"contracts and suppliers belong to one tenant and this ran for tenant '{session.Context.Tenant}' ('itsm supplier list --tenant {session.Context.Tenant}' lists the contracts).");

    private static Command CreateShow()
    {
        var id = new Argument<string>("id") { Description = "The contract's key, or the supplier's with --supplier." };
        var supplier = new Option<bool>("--supplier") { Description = "Show the supplier (or internal group) with this key instead of a contract." };
        var command = new Command("show", "Show a contract: its dates, notice deadline, billing, credits, targets, links and history; or a supplier's profile and history with --supplier.\n\nExample:\n  itsm supplier show uc-storage-2027 --json\n  itsm supplier show storage-vendor --supplier");
        command.Arguments.Add(id);
        command.Options.Add(supplier);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var text = parseResult.GetValue(id)!.Trim();
            var tenant = session.Context.Tenant.Value;
            if (parseResult.GetValue(supplier))
            {
                var supplierId = SupplierId.Parse(text, "id");
                var found = supplierId.IsSuccess ? await session.Dispatcher.QueryAsync(new GetSupplier(session.Context, supplierId.Value), cancellationToken).ConfigureAwait(false) : supplierId.AsFailure<Versioned<Supplier>>();
                return found.IsSuccess
                    ? JsonOutput.Answer(parseResult, output, () => SupplierView.Document(found.Value, tenant), () => SupplierView.WriteSupplier(output, found.Value))
                    : Refused(found, error, session);
            }

            var contractId = ContractId.Parse(text, "id");
            var contract = contractId.IsSuccess ? await Kind.Load(session, contractId.Value, cancellationToken).ConfigureAwait(false) : contractId.AsFailure<Versioned<Contract>>();
            return contract.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => SupplierView.Document(contract.Value, tenant), () => SupplierView.WriteContract(output, contract.Value))
                : Refused(contract, error, session);
        }));
        return command;
    }

    private static Command CreateList()
    {
        var supplier = TypedOptions.Text<SupplierId>("--supplier", "Only contracts with this supplier or internal group.");
        var states = TypedOptions.ChoiceList("--state", "Only these states: draft, active, in-notice, renewed, expired, terminated, or in-force; repeatable or comma-separated.", StateNames, "a state");
        return OneRequest.Create(
            "list",
            "List the tenant's contracts by id.\n\nExample:\n  itsm supplier list --supplier storage-vendor --state in-force --json",
            [supplier, states],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(
                new ListContracts(session.Context) { Supplier = p.GetValue(supplier), States = p.GetValue(states) is { Length: > 0 } only ? only : null, Take = 1000 },
                cancellationToken),
            (listed, session) => listed.Select(c => SupplierView.Document(c, session.Context.Tenant.Value)).ToArray(),
            (listed, session, output) =>
            {
                output.WriteLine(SafeText.Escape($"{listed.Count} contract(s) for tenant '{session.Context.Tenant}'"));
                var table = TableConsole.Table(["contract", "supplier", "state", "term ends", "title"], "contract", "term ends");
                foreach (var c in listed)
                {
                    table.Row(c.Record.Id.Value, c.Record.Supplier.Value, c.Record.State.ToString(), c.Record.CurrentTermEnd is { } end ? SupplierView.Date(end) : "open-ended", c.Record.Details.Title);
                }

                TableConsole.Create(output).Write(table);
            },
            SupplierRecordCommands.Fields);
    }

    private static Command CreateInNotice()
    {
        var days = new Option<int>("--days") { Description = "How many days ahead (0 is today, in each contract's zone); 90 when omitted.", DefaultValueFactory = _ => 90 };
        return OneRequest.Create(
            "in-notice",
            "The contracts in force, without notice given, whose notice deadline falls within the next N days, soonest first: the ones to decide on now.\n\nExample:\n  itsm supplier in-notice --days 120",
            [days],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new ListContractsInNotice(session.Context, p.GetValue(days)), cancellationToken),
            (due, session) => due.Select(d => new NoticeDueDocument(d.Contract.Id.Value, d.Contract.Supplier.Value, d.Version, SupplierView.Date(d.Deadline), d.Contract.State.ToString(), d.Contract.Details.Title)).ToArray(),
            (due, session, output) =>
            {
                output.WriteLine(SafeText.Escape($"{due.Count} contract(s) of tenant '{session.Context.Tenant}' to decide on, soonest notice deadline first"));
                var table = TableConsole.Table(["notice by", "contract", "supplier", "title"], "notice by", "contract");
                foreach (var d in due)
                {
                    table.Row(SupplierView.Date(d.Deadline), d.Contract.Id.Value, d.Contract.Supplier.Value, d.Contract.Details.Title);
                }

                TableConsole.Create(output).Write(table);
            },
            SupplierRecordCommands.Fields);
    }

    /// <summary>One lifecycle subcommand: the contract command <paramref name="build"/> makes, sent with <c>--expected-version</c>.</summary>
    private static Command Transition(string name, string description, string example, Option[] options, Func<RequestContext, ContractId, ParseResult, ContractCommand> build, string done) =>
        Lifecycle.Create(Kind, name, description, example, options, (c, id, p) => build(c, id, p) with { ExpectedVersion = p.GetValue(ExpectedVersion) }, done);
}

/// <summary>A contract whose notice deadline is near, in JSON.</summary>
/// <param name="Contract">Its key.</param>
/// <param name="Supplier">The supplier or internal group.</param>
/// <param name="Version">Its stored version.</param>
/// <param name="Deadline">The last day notice may be given for the current term (ISO date).</param>
/// <param name="State">Its state.</param>
/// <param name="Title">Its title.</param>
internal sealed record NoticeDueDocument(string Contract, string Supplier, long Version, string Deadline, string State, string Title);
