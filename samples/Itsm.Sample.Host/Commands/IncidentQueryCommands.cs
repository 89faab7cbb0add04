using System.CommandLine;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary><c>itsm incident list</c>: the tenant's incidents, filtered, as a table or JSON.</summary>
internal static class IncidentQueryCommands
{
    /// <summary>The state names of <c>--state</c>: each state in kebab case, and <c>open</c> for the four open states.</summary>
    private static readonly Dictionary<string, IncidentState[]> StateNames = new(TypedOptions.KebabNames<IncidentState>(), StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = [.. IncidentLifecycle.OpenStates],
    };

    /// <summary>Creates <c>itsm incident list</c>.</summary>
    internal static Command CreateList()
    {
        var states = TypedOptions.ChoiceList("--state", "Only these states: new, assigned, in-progress, on-hold, resolved, closed, cancelled, or open (all four open states); repeatable or comma-separated.", StateNames, "a state");
        var priority = TypedOptions.Priority("--priority", "Only this priority, such as P2.");
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "Only incidents on this service.");
        var assignee = TypedOptions.Text<UserId>("--assignee", "Only incidents assigned to this user.");
        var breaching = TypedOptions.OptionalInstant("--breaching-before", "Only incidents with a running clock that breaches before this instant, soonest first.");
        var skip = new Option<int>("--skip") { Description = "How many to skip." };
        var take = new Option<int>("--take") { Description = "How many to list at most (1 to 1000).", DefaultValueFactory = _ => 100 };
        var command = new Command(
            "list",
            "List the tenant's incidents, optionally filtered by state, priority, service, assignee or breach horizon.\n\n"
            + "Example:\n  itsm incident list --state open --priority P2 --breaching-before 2026-06-15T17:00:00+01:00");
        foreach (var option in new Option[] { states, priority, service, assignee, breaching, skip, take, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var query = new ListIncidents(session.Context)
            {
                States = parseResult.GetValue(states) is { Length: > 0 } only ? only : null,
                Priority = parseResult.GetValue(priority),
                Service = parseResult.GetValue(service),
                Assignee = parseResult.GetValue(assignee),
                BreachingBefore = parseResult.GetValue(breaching),
                Skip = parseResult.GetValue(skip),
                Take = parseResult.GetValue(take),
            };
            var listed = await session.Dispatcher.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return ResultReport.Write(listed, error, IncidentCommands.CommonFields);
            }

            var tenant = session.Context.Tenant.Value;
            return JsonOutput.Answer(parseResult, output, () => new IncidentListDocument(tenant, listed.Value.Count, [.. listed.Value.Select(IncidentView.Summary)]), () => IncidentView.WriteList(TableConsole.Create(output), listed.Value, tenant));
        }));
        return command;
    }
}
