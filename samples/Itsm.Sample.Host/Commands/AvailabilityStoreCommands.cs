using System.CommandLine;
using System.Globalization;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Common;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// The store forms of <c>itsm availability</c>: <c>itsm availability --service ID --calendar-id ID --from --to</c> measures one
/// service from the outages, CMDB and calendar in the store (<see cref="GetAvailability"/>, with the target's attainment when one is
/// set), and <c>itsm availability target set|show</c> keeps the targets (<see cref="SetAvailabilityTarget"/>,
/// <see cref="GetAvailabilityTargets"/>). Exit codes as for incidents: 2 a bad value, 4 an unknown service, calendar or target,
/// 5 a stale version.
/// </summary>
internal sealed class AvailabilityStoreCommands
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal) { ["Target"] = "--target", ["Offering"] = "--offering", ["Period"] = "--from/--to" };

    /// <summary>The store's service-hours calendar; giving it chooses the store form.</summary>
    public Option<CalendarId?> CalendarId { get; } = TypedOptions.Text<CalendarId>("--calendar-id", "Measure from the store: the id of a stored business calendar giving the service hours (as 'itsm calendar define' stored it).");

    /// <summary>The offering whose target to assess against.</summary>
    public Option<string?> Offering { get; } = new("--offering") { Description = "Store form: assess against this offering's target (such as gold) instead of the service's own." };

    /// <summary>The what-if group.</summary>
    public Option<ConfigurationItemId?> ExtraMemberOf { get; } = TypedOptions.Text<ConfigurationItemId>("--extra-member-of", "Store form, what-if: measure as if this group (a k-of-n cluster) had one more member that never fails.");

    /// <summary>Adds the store form's options (and the session options and <c>--json</c>) and the <c>target</c> subcommand to <paramref name="availability"/>.</summary>
    public void AddTo(Command availability)
    {
        availability.Options.Add(CalendarId);
        availability.Options.Add(Offering);
        availability.Options.Add(ExtraMemberOf);
        availability.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(availability);
        availability.Subcommands.Add(CreateTarget());
    }

    /// <summary>Whether the command line asks for the store form (<c>--calendar-id</c> given).</summary>
    public bool IsChosen(ParseResult parseResult) => parseResult.GetResult(CalendarId) is not null;

    /// <summary>Measures one service from the store; <paramref name="batchOnly"/> are the CSV form's options, refused here.</summary>
    public Task<int> RunAsync(ParseResult parseResult, Option<Instant> from, Option<Instant> to, Option<string?> service, Option[] batchOnly, CancellationToken cancellationToken) =>
        RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            if (batchOnly.FirstOrDefault(o => parseResult.GetResult(o) is not null) is { } mixed)
            {
                throw new InputException($"{mixed.Name}: the store form (--calendar-id) reads the CMDB and outages from the store; leave out {mixed.Name}, or --calendar-id for the CSV form.");
            }

            var text = parseResult.GetValue(service) ?? throw new InputException("--service: the store form measures one service; give its id, such as --service svc-payroll.");
            var id = ConfigurationItemId.Parse(text.Trim(), "--service");
            if (!id.IsSuccess)
            {
                throw new InputException($"--service: {id.ValidationErrors.First().ErrorMessage} (the store form measures one service)", id.ValidationErrors.First().ErrorCode);
            }

            var period = PeriodOptions.Read(parseResult, from, to, allowEmpty: true);
            var query = new GetAvailability(session.Context, id.Value, period, parseResult.GetValue(CalendarId)!.Value) { Offering = parseResult.GetValue(Offering), ExtraMemberOf = parseResult.GetValue(ExtraMemberOf) };
            var report = await session.Dispatcher.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            return report.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => AvailabilityDocument.Of(report.Value), () => Write(output, report.Value))
                : ResultReport.Write(report, error, Fields);
        });

    private static Command CreateTarget()
    {
        var target = new Command("target", "Availability targets per service and offering, kept with their history; 'itsm availability --calendar-id' assesses against them.");
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "The service (an item of the tenant's CMDB).", required: true);
        var value = TypedOptions.Syntax("--target", "The target as a percentage of agreed time, such as 99.5 or 99.5%.", ParsePercent);
        var offering = new Option<string?>("--offering") { Description = "The offering (such as gold); the service's own target when omitted." };
        var expected = new Option<long?>("--expected-version") { Description = "Refuse (conflict) unless the service's targets are still at this version." };
        target.Subcommands.Add(OneRequest.Create(
            "set",
            "Set the availability target of a service or of one of its offerings.\n\nExample:\n  itsm availability target set --service shop --target 99.5",
            [service, value, offering, expected],
            (session, p, ct) => session.Dispatcher.SendAsync(new SetAvailabilityTarget(session.Context, p.GetValue(service)!.Value, p.GetValue(value)) { Offering = p.GetValue(offering), ExpectedVersion = p.GetValue(expected) }, ct),
            Document,
            (targets, _, output) => Write(output, targets),
            Fields));
        target.Subcommands.Add(OneRequest.Create(
            "show",
            "Show the availability targets of a service, with their history.\n\nExample:\n  itsm availability target show --service shop --json",
            [service],
            (session, p, ct) => session.Dispatcher.QueryAsync(new GetAvailabilityTargets(session.Context, p.GetValue(service)!.Value), ct),
            Document,
            (targets, _, output) => Write(output, targets)));
        return target;
    }

    /// <summary>Reads <c>99.5</c> or <c>99.5%</c> as the fraction 0.995 (in decimal, so 99.9 is exactly the double nearest 0.999); the library checks the range.</summary>
    private static double ParsePercent(string text) =>
        decimal.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? (double)(percent / 100)
            : throw new InputException($"--target: '{SafeText.Escape(text)}' is not a percentage; write it as 99.5 or 99.5%.");

    private static string Percent(double fraction) => (fraction * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    private static void Write(TextWriter output, Versioned<ServiceAvailabilityTargets> stored)
    {
        var t = stored.Record;
        output.WriteLine(SafeText.Escape($"availability targets of {t.Service} (version {stored.Version}): service {(t.ServiceTarget is { } s ? Percent(s) : "-")}{string.Concat(t.Offerings.Select(o => $", {o.Key} {Percent(o.Value)}"))}"));
        foreach (var set in t.History.OfType<AvailabilityTargetSet>())
        {
            output.WriteLine(SafeText.Escape($"  {InstantText.Format(set.At)} {set.By}: {set.Offering ?? "service"} {Percent(set.Target)}"));
        }
    }

    private static void Write(TextWriter output, AvailabilityReport report)
    {
        var f = report.Figures;
        output.WriteLine(SafeText.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"availability of {f.Service} over [{InstantText.Format(f.Period.Start)}, {InstantText.Format(f.Period.End)}){(report.WhatIfMember is { } m ? $" with the what-if member {m}" : string.Empty)}: {(f.Availability is { } a ? a.ToString("0.000000", CultureInfo.InvariantCulture) : "no agreed time")}")));
        output.WriteLine($"  service hours {InstantText.FormatDuration(f.ServiceHours)}, planned {InstantText.FormatDuration(f.Planned)}, agreed {InstantText.FormatDuration(f.Agreed)}, down {InstantText.FormatDuration(f.Down)}, degraded {InstantText.FormatDuration(f.Degraded)}");
        output.WriteLine($"  outages {f.Outages}, MTRS {Optional(f.MeanTimeToRestore)}, MTBF {Optional(f.MeanTimeBetweenFailures)}");
        output.WriteLine(report.Attainment is { } t
            ? $"  target {Percent(t.Target)}: {(t.Met ? "met" : "MISSED")}; allowed downtime {InstantText.FormatDuration(t.AllowedDowntime)}, to spare {InstantText.FormatDuration(t.ToSpare)}"
            : "  no target set ('itsm availability target set')");
    }

    private static string Optional(Duration? duration) => duration is { } d ? InstantText.FormatDuration(d) : "-";

    private static AvailabilityTargetsDocument Document(Versioned<ServiceAvailabilityTargets> stored, RecordSession session) => new(
        session.Context.Tenant.Value,
        stored.Record.Service.Value,
        stored.Record.ServiceTarget,
        stored.Record.Offerings,
        stored.Version,
        stored.Record.History.Count);
}

/// <summary>A service's availability targets as JSON (<c>itsm availability target set|show --json</c>).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Service">The service.</param>
/// <param name="ServiceTarget">The service's own target as a fraction, or null.</param>
/// <param name="Offerings">The offerings' targets as fractions.</param>
/// <param name="Version">The stored version.</param>
/// <param name="HistoryRecords">How many history records they have.</param>
internal sealed record AvailabilityTargetsDocument(string Tenant, string Service, double? ServiceTarget, IReadOnlyDictionary<string, double> Offerings, long Version, int HistoryRecords);

/// <summary>One service's availability from the store as JSON (<c>itsm availability --calendar-id ... --json</c>); durations in seconds.</summary>
/// <param name="Service">The service.</param>
/// <param name="From">The period's start.</param>
/// <param name="To">The period's end (exclusive).</param>
/// <param name="ServiceHoursSeconds">Service hours in the period.</param>
/// <param name="PlannedSeconds">Planned time <c>P</c>.</param>
/// <param name="AgreedSeconds">Agreed time <c>A</c>.</param>
/// <param name="DownSeconds">Downtime <c>D</c>.</param>
/// <param name="DegradedSeconds">Degraded time.</param>
/// <param name="Availability">The availability, or null without agreed time.</param>
/// <param name="Outages">The outages.</param>
/// <param name="MtrsSeconds">The mean time to restore, or null.</param>
/// <param name="MtbfSeconds">The mean time between failures, or null.</param>
/// <param name="MtbsiSeconds">The mean time between service incidents, or null.</param>
/// <param name="Target">The target assessed against, or null.</param>
/// <param name="Met">Whether it was met, or null without a target.</param>
/// <param name="ToSpareSeconds">Downtime still allowed (negative when missed), or null.</param>
/// <param name="WhatIfMember">The hypothetical member of a what-if, or null.</param>
internal sealed record AvailabilityDocument(
    string Service,
    string From,
    string To,
    double ServiceHoursSeconds,
    double PlannedSeconds,
    double AgreedSeconds,
    double DownSeconds,
    double DegradedSeconds,
    double? Availability,
    int Outages,
    double? MtrsSeconds,
    double? MtbfSeconds,
    double? MtbsiSeconds,
    double? Target,
    bool? Met,
    double? ToSpareSeconds,
    string? WhatIfMember)
{
    /// <summary>The document of <paramref name="report"/>.</summary>
    internal static AvailabilityDocument Of(AvailabilityReport report)
    {
        var f = report.Figures;
        return new AvailabilityDocument(
            f.Service.Value,
            InstantText.Format(f.Period.Start),
            InstantText.Format(f.Period.End),
            InstantText.Seconds(f.ServiceHours),
            InstantText.Seconds(f.Planned),
            InstantText.Seconds(f.Agreed),
            InstantText.Seconds(f.Down),
            InstantText.Seconds(f.Degraded),
            f.Availability,
            f.Outages,
            f.MeanTimeToRestore is { } mtrs ? InstantText.Seconds(mtrs) : null,
            f.MeanTimeBetweenFailures is { } mtbf ? InstantText.Seconds(mtbf) : null,
            f.MeanTimeBetweenServiceIncidents is { } mtbsi ? InstantText.Seconds(mtbsi) : null,
            report.Attainment?.Target,
            report.Attainment?.Met,
            report.Attainment is { } t ? InstantText.Seconds(t.ToSpare) : null,
            report.WhatIfMember?.Value);
    }
}
