using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm incident open</c>: opens an incident and answers with its id, the priority decision (saying
/// when the impact came from the CMDB) and the SLA clocks, or the same as JSON.
/// </summary>
internal static class IncidentOpenCommand
{
    /// <summary>Creates the subcommand.</summary>
    internal static Command Create()
    {
        var title = new Option<string>("--title") { Description = "What is wrong, in one line.", Required = true };
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "The affected business service (CI id); picks the SLA.", required: true);
        var impact = new Option<int?>("--impact") { Description = "Impact level, 1 (widest) to 3 in the ITIL 3x3 matrix; may be omitted with --ci to ask the CMDB." };
        var urgency = new Option<int>("--urgency") { Description = "Urgency level, 1 (most urgent) to 3 in the ITIL 3x3 matrix.", Required = true };
        var caller = TypedOptions.Text<UserId>("--caller", "Who reported it; --actor when omitted.");
        var vip = new Option<bool>("--vip") { Description = "The caller is a VIP (the vip-caller rule raises urgency one step)." };
        var major = new Option<bool>("--major") { Description = "A major incident (the major-incident rule makes it P1)." };
        var category = new Option<string?>("--category") { Description = "A category, for problem detection and vendor rules." };
        var item = TypedOptions.Text<ConfigurationItemId>("--ci", "The configuration item that failed; without --impact, the CMDB suggests the impact from it.");
        var customer = TypedOptions.Text<CustomerId>("--customer", "The customer, for a customer-specific SLA.");
        var command = new Command(
            "open",
            "Open an incident: prints its id, the priority decision (matrix cell, each rule that fired, whether the impact came from the CMDB) and the SLA clocks.\n\n"
            + "Example:\n  itsm incident open --title \"Payroll run fails\" --service svc-payroll --impact 2 --urgency 1 --caller alice --vip --at 2026-06-12T15:30:00Z");
        foreach (var option in new Option[] { title, service, impact, urgency, caller, vip, major, category, item, customer, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var affected = parseResult.GetValue(item);
            var open = new OpenIncident(
                session.Context,
                parseResult.GetValue(title)!,
                parseResult.GetValue(service)!.Value,
                parseResult.GetValue(impact),
                parseResult.GetValue(urgency),
                parseResult.GetValue(caller) ?? session.Context.Actor)
            {
                IsVipCaller = parseResult.GetValue(vip),
                IsMajorIncident = parseResult.GetValue(major),
                Category = parseResult.GetValue(category),
                AffectedItem = affected,
                Customer = parseResult.GetValue(customer),
            };
            var opened = await session.Dispatcher.SendAsync(open, cancellationToken).ConfigureAwait(false);
            if (!opened.IsSuccess)
            {
                return ResultReport.Write(opened, error, IncidentCommands.CommonFields);
            }

            var loaded = await IncidentCommands.LoadAsync(session, IdOf(opened.Value), cancellationToken).ConfigureAwait(false);
            if (!loaded.IsSuccess)
            {
                return ResultReport.Write(loaded, error);
            }

            // The library suggests the impact from the CMDB exactly when none is given (the validator requires --ci then).
            var fromCmdb = open.Impact is null ? affected : null;
            var (stored, status) = (loaded.Value.Stored, loaded.Value.Status);
            return JsonOutput.Answer(
                parseResult,
                output,
                () => IncidentView.Document(stored, status, session.Context.Tenant.Value) with { ImpactSource = ImpactSourceDocument.Of(stored.Record.Decision, fromCmdb) },
                () =>
                {
                    output.WriteLine($"opened incident {stored.Record.Id} for tenant '{session.Context.Tenant}'");
                    var console = TableConsole.Create(output);
                    IncidentView.WriteDecision(console, stored.Record.Decision, fromCmdb);
                    console.WriteLine();
                    IncidentView.WriteSla(console, stored.Record, status);
                });
        }));
        return command;
    }

    /// <summary>The new incident's id from what <see cref="OpenIncident"/> answers: its id.</summary>
    internal static IncidentId IdOf(IncidentId id) => id;

    /// <summary>The new incident's id once commands answer with the record they created.</summary>
    internal static IncidentId IdOf(Versioned<Incident> opened) => opened.Record.Id;
}
