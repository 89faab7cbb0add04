using System.CommandLine;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary><c>itsm change raise|assess</c>: create a change and assess its risk, answering with the result.</summary>
internal static class ChangeRaiseCommands
{
    private static readonly Dictionary<string, ChangeType> Types = new(StringComparer.Ordinal)
    {
        ["normal"] = ChangeType.Normal,
        ["emergency"] = ChangeType.Emergency,
        ["standard"] = ChangeType.Standard,
    };

    /// <summary>Creates <c>itsm change raise</c>.</summary>
    internal static Command CreateRaise()
    {
        var title = new Option<string>("--title") { Description = "What the change does, in one line.", Required = true };
        var items = TypedOptions.TextList<ConfigurationItemId>("--item", "An affected configuration item of the CMDB (repeatable, or comma-separated).", required: true);
        var start = TypedOptions.Instant("--start", "Start of the planned window, ISO-8601 with Z or an offset.");
        var end = TypedOptions.Instant("--end", "End of the planned window (exclusive).");
        var type = TypedOptions.Choice("--type", "normal, emergency or standard (standard needs --template and takes its plans).", Types, defaultName: "normal");
        var template = new Option<string?>("--template") { Description = "The standard change template (itsm change template add)." };
        var plan = new Option<string?>("--plan") { Description = "How the change is carried out; required for normal and emergency changes." };
        var testPlan = new Option<string?>("--test-plan") { Description = "How it is tested, or the evidence; omitted, the risk rises." };
        var backoutPlan = new Option<string?>("--backout-plan") { Description = "How it is undone; omitted, the risk rises." };
        var command = new Command(
            "raise",
            "Raise a change in Draft as --actor (the requester) and print its id. Every --item must be in the tenant's CMDB (itsm cmdb import).\n\n"
            + "Example:\n  itsm change raise --title \"Firmware upgrade of node1\" --item node1 --start 2026-11-24T22:00:00Z --end 2026-11-25T01:00:00Z \\\n"
            + "    --plan \"Drain node1, flash 8.0.2, rejoin\" --test-plan \"Two weeks on staging\" --backout-plan \"Flash 7.0.3 back\" --actor alice");
        foreach (var option in new Option[] { title, items, start, end, type, template, plan, testPlan, backoutPlan, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var (windowStart, windowEnd) = (parseResult.GetValue(start), parseResult.GetValue(end));
            if (windowEnd <= windowStart)
            {
                throw new InputException($"--start/--end: The start ({InstantText.Format(windowStart)}) must be before the end ({InstantText.Format(windowEnd)}).", "change.period");
            }

            var planText = parseResult.GetValue(plan);
            var plans = string.IsNullOrWhiteSpace(planText) ? null : new ChangePlans(planText, parseResult.GetValue(testPlan), parseResult.GetValue(backoutPlan));
            var raise = new RaiseChange(
                session.Context, parseResult.GetValue(type), parseResult.GetValue(title)!, parseResult.GetValue(items)!, new Interval(windowStart, windowEnd), plans, parseResult.GetValue(template));
            var raised = await session.Dispatcher.SendAsync(raise, cancellationToken).ConfigureAwait(false);
            if (!raised.IsSuccess)
            {
                return ResultReport.Write(raised, error, ChangeCommands.CommonFields);
            }

            var id = IdOf(raised.Value);
            var stored = await ChangeCommands.LoadAsync(session, id, cancellationToken).ConfigureAwait(false);
            if (!stored.IsSuccess)
            {
                return ResultReport.Write(stored, error);
            }

            return JsonOutput.Answer(
                parseResult,
                output,
                () => ChangeDocument.From(stored.Value, session.Context.Tenant.Value),
                () => output.WriteLine($"raised change {id} ({stored.Value.Record.Type}, {stored.Value.Record.Status}) for tenant '{session.Context.Tenant}'; next: itsm change submit {id}"));
        }));
        return command;
    }

    /// <summary>Creates <c>itsm change assess</c>.</summary>
    internal static Command CreateAssess()
    {
        var id = ChangeCommands.IdArgument();
        var command = new Command(
            "assess",
            "Assess a submitted change's risk (Submitted or Assessed -> Assessed) and print the explanation: each factor with its axis, points and detail, the matrix cell, the class and the approval it requires. "
            + "Impact comes from the tenant's CMDB; blackout windows from itsm change blackout. Re-assessing discards the approvals so far.\n\n"
            + "Example:\n  itsm change assess 0197a3c2-5e1b-7c3d-9f00-1234567890ab --json");
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var change = parseResult.GetValue(id);
            var assessed = await session.Dispatcher.SendAsync(new AssessChangeRisk(session.Context, change), cancellationToken).ConfigureAwait(false);
            if (!assessed.IsSuccess)
            {
                return ChangeCommands.Refused(assessed, error, session);
            }

            var stored = await ChangeCommands.LoadAsync(session, change, cancellationToken).ConfigureAwait(false);
            if (!stored.IsSuccess)
            {
                return ResultReport.Write(stored, error);
            }

            var snapshot = stored.Value.Record;
            var assessment = snapshot.Assessment!;
            return JsonOutput.Answer(
                parseResult,
                output,
                () => new AssessDocument(change.ToString(), session.Context.Tenant.Value, snapshot.Status.ToString(), AssessmentDocument.From(assessment), RequirementDocument.From(snapshot.Requirement), snapshot.ReclassificationReason),
                () =>
                {
                    output.WriteLine(ChangeView.StatusLine("assessed", stored.Value));
                    ChangeView.WriteAssessment(TableConsole.Create(output), assessment, snapshot.Requirement, snapshot.ReclassificationReason);
                });
        }));
        return command;
    }

    /// <summary>The new change's id from what <see cref="RaiseChange"/> answers: its id.</summary>
    internal static ChangeId IdOf(ChangeId id) => id;

    /// <summary>The new change's id once commands answer with the record they created.</summary>
    internal static ChangeId IdOf(Versioned<ChangeRequestSnapshot> raised) => raised.Record.Id;
}
