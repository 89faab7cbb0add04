using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm sla define|show</c>: SLA definitions in the tenant's records. A definition binds a service
/// (and optionally a customer) to response and resolution targets per priority, in business time of
/// a calendar stored with <c>itsm calendar define</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Target syntax.</b> <c>--targets</c> is a comma-separated list of
/// <c>P&lt;rank&gt;=&lt;response&gt;/&lt;resolution&gt;</c>, each duration in business hours and
/// minutes: <c>4h</c>, <c>30m</c>, <c>1h30m</c>. Days are deliberately not accepted: a business day's
/// length depends on the calendar (and changes on short days), so "2d" would be ambiguous; write
/// <c>15h</c> for two 7.5-hour days.
/// </para>
/// <para>
/// <b>Pausing.</b> By default a hold (either reason) pauses the resolution clock, as most agreements
/// say; <c>--pause-on</c> narrows it to one reason or turns it off with <c>none</c>.
/// </para>
/// </remarks>
internal static partial class SlaCommands
{
    private const long MaxMinutes = 100L * 366 * 24 * 60;

    private static readonly Dictionary<string, SlaPause> PauseNames = new(StringComparer.Ordinal)
    {
        ["on-hold"] = SlaPause.OnHold,
        ["awaiting-customer"] = SlaPause.AwaitingCustomer,
        ["awaiting-supplier"] = SlaPause.AwaitingSupplier,
    };

    /// <summary>Creates the <c>sla</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var sla = new Command("sla", "Service level agreements: response and resolution targets per priority, in business time of a stored calendar.");
        sla.Subcommands.Add(CreateDefine());
        sla.Subcommands.Add(CreateShow());
        return sla;
    }

    /// <summary>
    /// Parses the <c>--targets</c> syntax (see the type's remarks) into targets by priority rank.
    /// </summary>
    /// <exception cref="InputException">An entry is malformed, a rank repeats, or a duration is zero or too long.</exception>
    internal static IReadOnlyDictionary<int, SlaTargets> ParseTargets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var targets = new SortedDictionary<int, SlaTargets>();
        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var match = TargetEntry().Match(entry);
            if (!match.Success)
            {
                throw new InputException($"--targets: entry {i + 1} '{entry}' is not P<rank>=<response>/<resolution> with hours and minutes, such as P2=1h/8h or P1=15m/4h30m.");
            }

            var rank = int.Parse(match.Groups["rank"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            if (!targets.TryAdd(rank, new SlaTargets(Duration(match.Groups["response"].Value, entry), Duration(match.Groups["resolution"].Value, entry))))
            {
                throw new InputException($"--targets: P{rank} is given twice.");
            }
        }

        return targets;
    }

    private static Command CreateDefine()
    {
        var id = TypedOptions.Text<SlaDefinitionId>("--id", "The SLA definition's id, such as payroll-gold.", required: true);
        var name = new Option<string?>("--name") { Description = "A person's name for it; the id when omitted." };
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "The business service (CI id) it covers.", required: true);
        var customer = TypedOptions.Text<CustomerId>("--customer", "The customer it is specific to; every customer of the service when omitted.");
        var calendar = TypedOptions.Text<CalendarId>("--calendar", "The id of a calendar stored with 'itsm calendar define'.", required: true);
        var targets = TypedOptions.Syntax(
            "--targets",
            "Targets per priority: P<rank>=<response>/<resolution>, comma-separated, in business hours (h) and minutes (m), such as \"P1=30m/4h,P2=1h/8h\". No days: a business day's length depends on the calendar.",
            ParseTargets);
        var warn = TypedOptions.Syntax("--warn", "Warning thresholds in percent of the target, comma-separated, or 'none'.", ParseThresholds, "50,75,90");
        var pauseOn = new Option<string[]>("--pause-on")
        {
            Description = "Holds that pause the resolution clock: on-hold (any reason), awaiting-customer, awaiting-supplier, or none (repeatable).",
            DefaultValueFactory = _ => ["on-hold"],
            AllowMultipleArgumentsPerToken = true,
        };
        pauseOn.AcceptOnlyFromAmong([.. PauseNames.Keys, "none"]);
        var retarget = TypedOptions.Choice(
            "--retarget",
            "What a priority change does to running clocks: keep-elapsed, restart or retroactive.",
            SlaRetargetPolicy.All.ToDictionary(p => p.Name, p => p, StringComparer.Ordinal),
            SlaRetargetPolicy.KeepElapsed.Name);
        var command = new Command(
            "define",
            "Define an SLA for a service (and optionally a customer): response/resolution targets per priority in business time of a stored calendar. New incidents on the service get its clocks.\n\n"
            + "Example:\n  itsm sla define --id payroll-gold --service svc-payroll --calendar uk-office-hours \\\n    --targets \"P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h\" --warn 50,75,90");
        foreach (var option in new Option[] { id, name, service, customer, calendar, targets, warn, pauseOn, retarget, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) =>
            RecordSession.RunAsync(parseResult, async (output, error) =>
            {
                var parsedTargets = parseResult.GetValue(targets)!;
                var thresholds = parseResult.GetValue(warn)!;
                var pausing = ParsePausing(parseResult.GetValue(pauseOn) ?? []);
                var slaId = parseResult.GetValue(id)!.Value;
                var definition = SlaDefinition.Create(
                    slaId,
                    parseResult.GetValue(name) ?? slaId.Value,
                    new SlaScope(parseResult.GetValue(service)!.Value, parseResult.GetValue(customer)),
                    parseResult.GetValue(calendar)!.Value,
                    parsedTargets,
                    new SlaClockRules { WarningThresholds = [.. thresholds], PausedBy = [.. pausing], RetargetPolicy = parseResult.GetValue(retarget)! });
                var fields = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Name"] = "--name",
                    ["Targets"] = "--targets",
                    ["WarningThresholds"] = "--warn",
                    ["PausingStates"] = "--pause-on",
                };
                foreach (var rank in parsedTargets.Keys)
                {
                    fields[$"Targets.P{rank}"] = $"--targets P{rank}";
                }

                if (!definition.IsSuccess)
                {
                    return ResultReport.Write(definition, error, fields);
                }

                await using var session = RecordSession.Open(parseResult);
                var defined = await session.Dispatcher.SendAsync(new DefineSla(session.Context, definition.Value), cancellationToken).ConfigureAwait(false);
                if (!defined.IsSuccess)
                {
                    return ResultReport.Write(defined, error, fields);
                }

                return JsonOutput.Answer(parseResult, output, () => SlaDefinitionDocument.From(definition.Value, version: 1, session.Context.Tenant.Value), () =>
                {
                    output.WriteLine(SafeText.Escape($"defined SLA '{definition.Value.Id}' for service {definition.Value.Service} on calendar '{definition.Value.Calendar}' for tenant '{session.Context.Tenant}'"));
                    Write(TableConsole.Create(output), definition.Value);
                });
            }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = TypedOptions.TextArgument<SlaDefinitionId>("id", "The SLA definition's id.");
        var command = new Command("show", "Show an SLA definition: service, customer, calendar, targets per priority, thresholds, pausing holds.\n\nExample:\n  itsm sla show payroll-gold");
        command.Arguments.Add(id);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) =>
            RecordSession.RunAsync(parseResult, async (output, error) =>
            {
                var slaId = parseResult.GetValue(id);
                await using var session = RecordSession.Open(parseResult);
                var found = await session.Dispatcher.QueryAsync(new GetSlaDefinition(session.Context, slaId), cancellationToken).ConfigureAwait(false);
                if (!found.IsSuccess)
                {
                    return ResultReport.Write(found, error);
                }

                var definition = found.Value.Record;
                return JsonOutput.Answer(parseResult, output, () => SlaDefinitionDocument.From(definition, found.Value.Version, session.Context.Tenant.Value), () =>
                {
                    output.WriteLine(SafeText.Escape($"SLA '{definition.Id}' ({definition.Name}) for service {definition.Service}{(definition.Customer is { } c ? $", customer {c}" : ", every customer")}, calendar '{definition.Calendar}', version {found.Value.Version}"));
                    Write(TableConsole.Create(output), definition);
                });
            }));
        return command;
    }

    private static void Write(IAnsiConsole console, SlaDefinition definition)
    {
        var table = TableConsole.Table(["priority", "response", "resolution"]);
        foreach (var (rank, target) in definition.Targets)
        {
            table.Row($"P{rank}", InstantText.FormatDuration(target.Response), InstantText.FormatDuration(target.Resolution));
        }

        console.Write(table);
        console.WriteLine($"warnings at: {(definition.WarningThresholds.IsEmpty ? "none" : string.Join(", ", definition.WarningThresholds.Select(t => $"{t}%")))}");
        console.WriteLine($"paused by: {(definition.PausingStates.IsEmpty ? "nothing" : string.Join(", ", definition.PausingStates))}");
        console.WriteLine($"on priority change: {definition.RetargetPolicy.Name} ({definition.RetargetPolicy.Description})");
    }

    private static Duration Duration(string text, string entry)
    {
        var match = DurationText().Match(text);
        if (!match.Success)
        {
            throw new InputException($"--targets: '{entry}': '{text}' is not business hours and minutes such as 8h, 30m or 1h30m.");
        }

        var hours = match.Groups["h"].Success ? long.Parse(match.Groups["h"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        var minutes = match.Groups["m"].Success ? long.Parse(match.Groups["m"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        var total = hours > MaxMinutes ? MaxMinutes + 1 : (hours * 60) + minutes;
        if (total == 0)
        {
            throw new InputException($"--targets: '{entry}': '{text}' is no time at all; targets must be positive.");
        }

        if (total > MaxMinutes)
        {
            throw new InputException($"--targets: '{entry}': '{text}' is more than a hundred years of business time.");
        }

        return NodaTime.Duration.FromMinutes(total);
    }

    private static int[] ParseThresholds(string text)
    {
        if (text.Trim() is "none" or "")
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var thresholds = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out thresholds[i]))
            {
                throw new InputException($"--warn: '{parts[i]}' is not a whole percentage; write thresholds like 50,75,90 (or 'none').");
            }
        }

        return thresholds;
    }

    private static SlaPause[] ParsePausing(string[] values)
    {
        if (values.Contains("none"))
        {
            return values.Length == 1 ? [] : throw new InputException("--pause-on: 'none' cannot be combined with other holds.");
        }

        return [.. values.Select(v => PauseNames[v]).Distinct()];
    }

    [GeneratedRegex(@"^[Pp]?(?<rank>[0-9]{1,3})\s*=\s*(?<response>[^/=,]+?)\s*/\s*(?<resolution>[^/=,]+?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TargetEntry();

    [GeneratedRegex(@"^(?:(?<h>[0-9]{1,9})h)?(?:(?<m>[0-9]{1,9})m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationText();
}

/// <summary>An SLA definition as JSON (<c>itsm sla define|show --json</c>); targets in business seconds.</summary>
/// <param name="Id">The definition's id.</param>
/// <param name="Tenant">The tenant.</param>
/// <param name="Version">The stored version.</param>
/// <param name="Name">Its name.</param>
/// <param name="Service">The service it covers.</param>
/// <param name="Customer">The customer it is for; null for every customer.</param>
/// <param name="Calendar">The calendar business time is measured on.</param>
/// <param name="Targets">Response and resolution targets per priority.</param>
/// <param name="WarningThresholds">Warning thresholds in percent.</param>
/// <param name="PausingStates">The holds that pause the resolution clock.</param>
/// <param name="Retarget">What a priority change does to running clocks.</param>
internal sealed record SlaDefinitionDocument(
    string Id, string Tenant, long Version, string Name, string Service, string? Customer, string Calendar,
    IReadOnlyList<SlaTargetDocument> Targets, IReadOnlyList<int> WarningThresholds, IReadOnlyList<string> PausingStates, string Retarget)
{
    /// <summary>The document for <paramref name="definition"/> at <paramref name="version"/>.</summary>
    public static SlaDefinitionDocument From(SlaDefinition definition, long version, string tenant) => new(
        definition.Id.Value, tenant, version, definition.Name, definition.Service.Value, definition.Customer?.Value, definition.Calendar.Value,
        [.. definition.Targets.Select(t => new SlaTargetDocument($"P{t.Key}", InstantText.Seconds(t.Value.Response), InstantText.Seconds(t.Value.Resolution)))],
        [.. definition.WarningThresholds], [.. definition.PausingStates.Select(p => p.ToString())], definition.RetargetPolicy.Name);
}

/// <summary>One priority's targets, as JSON.</summary>
/// <param name="Priority">The priority, such as <c>P2</c>.</param>
/// <param name="ResponseSeconds">The response target in business seconds.</param>
/// <param name="ResolutionSeconds">The resolution target in business seconds.</param>
internal sealed record SlaTargetDocument(string Priority, double ResponseSeconds, double ResolutionSeconds);
