using System.CommandLine;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Problems;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>A known error that matched, in JSON.</summary>
/// <param name="KnownError">Its id.</param>
/// <param name="Symptom">What users see.</param>
/// <param name="Workaround">Its workaround, if any.</param>
/// <param name="Score">The match's score.</param>
/// <param name="Reasons">Why it matched, one line per reason.</param>
internal sealed record KnownErrorMatchDocument(string KnownError, string Symptom, string? Workaround, int Score, string[] Reasons);

/// <summary>An open problem with its age, in JSON (<c>itsm problem list --by-age</c>).</summary>
/// <param name="AgeMinutes">Whole minutes since it was logged.</param>
/// <param name="Problem">The problem.</param>
internal sealed record ProblemAgeDocument(long AgeMinutes, ProblemDocument Problem);

/// <summary>
/// <c>itsm problem log|list [--by-age]|match|measures</c>: the problem subcommands that are not lifecycle transitions.
/// </summary>
internal static class ProblemQueryCommands
{
    private static readonly Dictionary<string, ProblemState[]> StateNames = new(TypedOptions.KebabNames<ProblemState>(), StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = [.. ProblemLifecycle.OpenStates],
    };

    /// <summary>Creates <c>itsm problem log</c>.</summary>
    internal static Command CreateLog()
    {
        var title = new Option<string>("--title") { Description = "What keeps going wrong, in one line.", Required = true };
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "The affected business service (CI id).", required: true);
        var impact = new Option<int>("--impact") { Description = "Impact level, 1 (widest) to 3 in the ITIL 3x3 matrix.", Required = true };
        var urgency = new Option<int>("--urgency") { Description = "Urgency level, 1 (most urgent) to 3.", Required = true };
        var items = TypedOptions.TextList<ConfigurationItemId>("--ci", "The affected configuration items, when known; repeatable or comma-separated.");
        var category = new Option<string?>("--category") { Description = "A category, which matching compares with incidents'." };
        var command = new Command("log", "Log a problem: prints its id, state and priority (the incidents' priority matrix).\n\nExample:\n  itsm problem log --title \"Mail and payroll stall every morning\" --service svc-email --impact 2 --urgency 2 --ci san-01 --category storage");
        foreach (var option in new Option[] { title, service, impact, urgency, items, category, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var log = new LogProblem(session.Context, parseResult.GetValue(title)!, parseResult.GetValue(service)!.Value, parseResult.GetValue(impact), parseResult.GetValue(urgency))
            {
                Items = [.. parseResult.GetValue(items) ?? []],
                Category = parseResult.GetValue(category),
            };
            var logged = await session.Dispatcher.SendAsync(log, cancellationToken).ConfigureAwait(false);
            return logged.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => ProblemView.Document(logged.Value, session.Context.Tenant.Value), () => ProblemView.Confirm(output, "logged", logged.Value))
                : ResultReport.Write(logged, error, ProblemCommands.Fields);
        }));
        return command;
    }

    /// <summary>Creates <c>itsm problem list</c>, and with <c>--by-age</c> the open problems oldest first (<see cref="ListOpenProblemsByAge"/>).</summary>
    internal static Command CreateList()
    {
        var states = TypedOptions.ChoiceList("--state", "Only these states: logged, under-investigation, root-cause-known, known-error, resolved, closed, cancelled, or open; repeatable or comma-separated.", StateNames, "a state");
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "Only problems on this service.");
        var byAge = new Option<bool>("--by-age") { Description = "Only the open problems, oldest first, each with its age (elapsed time since it was logged)." };
        var olderThan = DurationOptions.Create("--older-than", "With --by-age: only problems at least this old, such as 7d, 36h or 90m.", "0m", "duration");
        var command = new Command("list", "List the tenant's problems, oldest logged first; with --by-age, the open ones with their ages.\n\nExample:\n  itsm problem list --state open --json\n  itsm problem list --by-age --older-than 7d");
        foreach (var option in new Option[] { states, service, byAge, olderThan, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var tenant = session.Context.Tenant.Value;
            var only = parseResult.GetValue(states) is { Length: > 0 } given ? given : null;
            if (parseResult.GetValue(byAge))
            {
                if (only is not null)
                {
                    throw new InputException("--by-age lists the open problems; leave out --state.");
                }

                var aged = await session.Dispatcher.QueryAsync(new ListOpenProblemsByAge(session.Context) { MinimumAge = parseResult.GetValue(olderThan), Service = parseResult.GetValue(service) }, cancellationToken).ConfigureAwait(false);
                return aged.IsSuccess
                    ? JsonOutput.Answer(parseResult, output, () => aged.Value.Select(a => new ProblemAgeDocument((long)a.Age.TotalMinutes, ProblemView.Document(a.Problem, tenant))).ToArray(), () =>
                    {
                        output.WriteLine($"{aged.Value.Count} open problem(s) for tenant '{tenant}', oldest first");
                        foreach (var (p, age) in aged.Value)
                        {
                            output.WriteLine($"{p.Record.Id}  {InstantText.FormatDuration(age),10}  {p.Record.State,-18} {p.Record.Priority}  {p.Record.Service}  {p.Record.Title}");
                        }
                    })
                    : ResultReport.Write(aged, error, ProblemCommands.Fields);
            }

            if (parseResult.GetResult(olderThan) is { Implicit: false })
            {
                throw new InputException("--older-than works with --by-age; add it.");
            }

            var query = new ListProblems(session.Context) { States = only, Service = parseResult.GetValue(service) };
            var listed = await session.Dispatcher.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return ResultReport.Write(listed, error, ProblemCommands.Fields);
            }

            return JsonOutput.Answer(parseResult, output, () => listed.Value.Select(p => ProblemView.Document(p, tenant)).ToArray(), () =>
            {
                output.WriteLine($"{listed.Value.Count} problem(s) for tenant '{tenant}'");
                foreach (var p in listed.Value)
                {
                    output.WriteLine($"{p.Record.Id}  {p.Record.State,-18} {p.Record.Priority}  {p.Record.Service}  {p.Record.Title}");
                }
            });
        }));
        return command;
    }

    /// <summary>Creates <c>itsm problem match --incident ID</c>.</summary>
    internal static Command CreateMatch()
    {
        var incident = TypedOptions.Guid<IncidentId>("--incident", "The incident to match against the known-error database.");
        var command = new Command("match", "The published known errors that apply to an incident, best first, each with why it matched.\n\nExample:\n  itsm problem match --incident 0197a3c2-0000-7000-8000-000000000001");
        command.Options.Add(incident);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var matched = await session.Dispatcher.QueryAsync(new MatchKnownErrors(session.Context, parseResult.GetValue(incident)), cancellationToken).ConfigureAwait(false);
            if (!matched.IsSuccess)
            {
                return ResultReport.Write(matched, error, ProblemCommands.Fields);
            }

            var documents = matched.Value.Select(m => new KnownErrorMatchDocument(m.KnownError.Id.ToString(), m.KnownError.Symptom, m.KnownError.Workaround, m.Score, [.. m.Explanation.Lines])).ToArray();
            return JsonOutput.Answer(parseResult, output, () => documents, () =>
            {
                output.WriteLine($"{documents.Length} known error(s) apply");
                foreach (var d in documents)
                {
                    output.WriteLine($"{d.Score,4}  {d.KnownError}  {d.Symptom}{(d.Workaround is { } w ? $" (workaround: {w})" : string.Empty)}");
                    foreach (var reason in d.Reasons)
                    {
                        output.WriteLine($"      {reason}");
                    }
                }
            });
        }));
        return command;
    }

    /// <summary>Creates <c>itsm problem measures ID</c>.</summary>
    internal static Command CreateMeasures()
    {
        var id = ProblemCommands.IdArgument();
        var command = new Command("measures", "A problem's measures: incidents, downtime in business time (overlaps once), age, time to root cause, workaround outcomes, incidents since its known error.\n\nExample:\n  itsm problem measures ID --json");
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var measured = await session.Dispatcher.QueryAsync(new GetProblemMeasures(session.Context, parseResult.GetValue(id)), cancellationToken).ConfigureAwait(false);
            if (!measured.IsSuccess)
            {
                return ProblemCommands.Refused(measured, error, session);
            }

            var m = measured.Value;
            var document = new
            {
                problem = m.Problem.ToString(),
                state = m.State.ToString(),
                incidents = m.Incidents,
                openIncidents = m.OpenIncidents,
                downtimeMinutes = (long)m.Downtime.TotalMinutes,
                incidentDowntimeMinutes = (long)m.IncidentDowntime.TotalMinutes,
                ageMinutes = (long)m.Age.TotalMinutes,
                timeToRootCauseMinutes = m.TimeToRootCause is { } t ? (long?)t.TotalMinutes : null,
                resolvedWithWorkaround = m.ResolvedWithWorkaround,
                reopenedAfterWorkaround = m.ReopenedAfterWorkaround,
                incidentsSinceKnownError = m.IncidentsSinceKnownError,
                slaBreachSinceKnownErrorMinutes = (long)m.SlaBreachSinceKnownError.TotalMinutes,
            };
            return JsonOutput.Answer(parseResult, output, () => document, () =>
            {
                output.WriteLine($"problem {m.Problem}: {m.State}, {m.Incidents} incident(s), {m.OpenIncidents} open");
                output.WriteLine($"  downtime {document.downtimeMinutes} min (incidents' total {document.incidentDowntimeMinutes} min), age {document.ageMinutes} min, time to root cause {(document.timeToRootCauseMinutes is { } r ? $"{r} min" : "(unknown)")}");
                output.WriteLine($"  resolved with the workaround {m.ResolvedWithWorkaround}, reopened after it {m.ReopenedAfterWorkaround}, incidents since the known error {m.IncidentsSinceKnownError} (SLA breach {document.slaBreachSinceKnownErrorMinutes} min)");
            });
        }));
        return command;
    }
}
