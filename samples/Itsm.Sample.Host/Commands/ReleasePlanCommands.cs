using System.Collections.Immutable;
using System.CommandLine;
using Itsm.Core.Application.Releases;
using Itsm.Core.Common;
using Itsm.Core.Releases;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary><c>itsm release plan|list|calendar</c>: the release subcommands that are not transitions of one release.</summary>
internal static class ReleasePlanCommands
{
    private static readonly Dictionary<string, ReleaseType> Types = Enum.GetValues<ReleaseType>().ToDictionary(t => ReleaseView.Name(t), t => t, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, ReleasePolicy> Policies = new(StringComparer.OrdinalIgnoreCase)
    {
        [ReleasePolicy.Standard.Name] = ReleasePolicy.Standard,
        [ReleasePolicy.Strict.Name] = ReleasePolicy.Strict,
    };

    private static readonly Dictionary<string, ReleaseState[]> StateNames = new(TypedOptions.KebabNames<ReleaseState>(), StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = [.. ReleaseLifecycle.OpenStates],
    };

    /// <summary>Creates <c>itsm release plan</c>.</summary>
    internal static Command CreatePlan()
    {
        var title = new Option<string>("--title") { Description = "A one-line name, such as \"Payroll 4.2\".", Required = true };
        var unit = TypedOptions.Text<ReleaseUnitId>("--unit", "The release unit it versions, such as payroll-app.", required: true);
        var version = TypedOptions.Syntax("--version", "Its version, major.minor.patch; greater than every earlier version of the unit.", Version);
        var type = TypedOptions.Choice("--type", "major, minor or emergency; minor when omitted.", Types, "minor");
        var policy = TypedOptions.Choice("--policy", "The release policy: standard (emergency releases may skip staging) or strict; standard when omitted.", Policies, ReleasePolicy.Standard.Name);
        var rollback = new Option<string?>("--rollback-plan") { Description = "How a deployment is rolled back; a build may record it instead." };
        var knownErrors = TypedOptions.GuidList<KnownErrorId>("--known-error", "A known error the release ships (its id, a GUID, as 'itsm problem show' prints it); repeatable or comma-separated. Acceptance needs each acknowledged.");
        var environments = Enum.GetValues<DeploymentEnvironment>().Select(e => (Environment: e, Option: EnvironmentOption(e))).ToArray();
        var command = new Command(
            "plan",
            "Plan a release of a release unit: its version, type, and per environment its target items and deployment window (ITEM[,ITEM]@START/END).\n\nExample:\n"
            + "  itsm release plan --title \"Payroll 4.2\" --unit payroll-app --version 4.2.0 --staging node2@2026-12-05T20:00:00Z/2026-12-05T22:00:00Z --production node1@2026-12-05T22:00:00Z/2026-12-06T01:00:00Z\n"
            + "  itsm release plan --title \"Payroll 4.2.1\" --unit payroll-app --version 4.2.1 --known-error 0197a3c2-0000-7000-8000-000000000009 --production node1@2026-12-12T22:00:00Z/2026-12-13T01:00:00Z");
        foreach (var option in new Option[] { title, unit, version, type, policy, rollback, knownErrors }.Concat(environments.Select(e => e.Option)).Append(HostOptions.Json))
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            ImmutableArray<EnvironmentPlan> plans = [.. environments.Select(e => parseResult.GetValue(e.Option)).OfType<EnvironmentPlan>()];
            var plan = new PlanRelease(session.Context, parseResult.GetValue(title)!, parseResult.GetValue(unit)!.Value, parseResult.GetValue(version), parseResult.GetValue(type), plans)
            {
                Policy = parseResult.GetValue(policy)!,
                RollbackPlan = parseResult.GetValue(rollback),
                KnownErrors = [.. parseResult.GetValue(knownErrors) ?? []],
            };
            var planned = await session.Dispatcher.SendAsync(plan, cancellationToken).ConfigureAwait(false);
            return planned.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => ReleaseView.Document(planned.Value, session.Context.Tenant.Value), () => ReleaseView.Confirm(output, "planned", planned.Value))
                : ResultReport.Write(planned, error, ReleaseCommands.Fields);
        }));
        return command;
    }

    /// <summary>Creates <c>itsm release list</c>.</summary>
    internal static Command CreateList()
    {
        var states = TypedOptions.ChoiceList("--state", "Only these states: planned, built, in-test, accepted, deploying, deployed, rolled-back, reviewed, closed, or open; repeatable or comma-separated.", StateNames, "a state");
        var unit = TypedOptions.Text<ReleaseUnitId>("--unit", "Only releases of this unit.");
        return OneRequest.Create(
            "list",
            "List the tenant's releases by unit and version.\n\nExample:\n  itsm release list --unit payroll-app --state open --json",
            [states, unit],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new ListReleases(session.Context) { Unit = p.GetValue(unit), States = p.GetValue(states) is { Length: > 0 } only ? only : null }, cancellationToken),
            (listed, session) => listed.Select(r => ReleaseView.Document(r, session.Context.Tenant.Value)).ToArray(),
            (listed, _, output) =>
            {
                foreach (var r in listed)
                {
                    output.WriteLine($"{r.Record.Id} {r.Record.Details.Unit} {r.Record.Details.Version} {r.Record.State}: {SafeText.Escape(r.Record.Details.Title)}");
                }

                output.WriteLine($"{listed.Count} release(s)");
            },
            ReleaseCommands.Fields);
    }

    /// <summary>Creates <c>itsm release calendar</c>.</summary>
    internal static Command CreateCalendar()
    {
        var from = TypedOptions.Instant("--from", "The period's start (ISO-8601).");
        var to = TypedOptions.Instant("--to", "The period's end (exclusive).");
        return OneRequest.Create(
            "calendar",
            "The release calendar of a period: the deployment windows of open releases, and the blackouts of their items and the services they impact.\n\nExample:\n  itsm release calendar --from 2026-12-01T00:00:00Z --to 2026-12-08T00:00:00Z --json",
            [from, to],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new GetReleaseCalendar(session.Context, p.GetValue(from), p.GetValue(to)), cancellationToken),
            (calendar, _) => new { Entries = calendar.Entries.Select(ReleaseView.Document).ToArray(), Blackouts = calendar.Blackouts.Select(b => b.ToString()).ToArray() },
            (calendar, _, output) =>
            {
                foreach (var e in calendar.Entries)
                {
                    output.WriteLine($"{InstantText.Format(e.Window.Start)}..{InstantText.Format(e.Window.End)} {ReleaseView.Name(e.Environment)} {e.Unit} {e.Version} ({e.State}{(e.Passed ? ", passed" : string.Empty)}): {string.Join(", ", e.Items)}");
                }

                foreach (var blackout in calendar.Blackouts)
                {
                    output.WriteLine($"blackout: {SafeText.Escape(blackout.ToString())}");
                }

                output.WriteLine($"{calendar.Entries.Count} deployment window(s), {calendar.Blackouts.Count} blackout(s)");
            },
            ReleaseCommands.Fields);
    }

    private static Option<EnvironmentPlan?> EnvironmentOption(DeploymentEnvironment environment)
    {
        var name = "--" + ReleaseView.Name(environment);
        return TypedOptions.Syntax<EnvironmentPlan?>(name, $"Deploy to {ReleaseView.Name(environment)}: ITEM[,ITEM]@START/END, the target items and the planned window.", text => Environment(environment, name, text), string.Empty);
    }

    private static EnvironmentPlan? Environment(DeploymentEnvironment environment, string option, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var parts = text.Split('@');
        if (parts.Length != 2 || parts[1].Split('/').Length != 2)
        {
            throw new InputException($"{option}: '{text}' is not ITEM[,ITEM]@START/END, such as node1@2026-12-05T22:00:00Z/2026-12-06T01:00:00Z.");
        }

        var items = new List<ConfigurationItemId>();
        foreach (var item in parts[0].Split(',', StringSplitOptions.TrimEntries))
        {
            var parsed = ConfigurationItemId.Parse(item, option);
            items.Add(parsed.IsSuccess ? parsed.Value : throw new InputException($"{option}: {parsed.ValidationErrors.First().ErrorMessage}", parsed.ValidationErrors.First().ErrorCode));
        }

        return new EnvironmentPlan(environment, [.. items], Window(option, parts[1]));
    }

    /// <summary>Parses a deployment window, START/END in ISO-8601, that starts before it ends.</summary>
    internal static Interval Window(string option, string text)
    {
        var window = text.Split('/');
        if (window.Length != 2)
        {
            throw new InputException($"{option}: '{text}' is not START/END, such as 2026-12-05T22:00:00Z/2026-12-06T01:00:00Z.");
        }

        var (start, end) = (InstantText.Parse(window[0], option), InstantText.Parse(window[1], option));
        return start < end ? new Interval(start, end) : throw new InputException($"{option}: the window {window[0]}/{window[1]} does not start before it ends.");
    }

    private static ReleaseVersion Version(string text)
    {
        var parsed = ReleaseVersion.Parse(text, "--version");
        return parsed.IsSuccess ? parsed.Value : throw new InputException($"--version: {parsed.ValidationErrors.First().ErrorMessage}", ReleaseVersion.FormatCode);
    }
}
