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
        var effective = TypedOptions.OptionalInstant("--effective", "When the target takes effect (ISO-8601), if not now: earlier for a target agreed back to the start of a month, later for one agreed ahead.");
        target.Subcommands.Add(OneRequest.Create(
            "set",
            "Set the availability target of a service or of one of its offerings, in force from now or from --effective until its next revision takes effect.\n\nExample:\n  itsm availability target set --service shop --target 99.5 --effective 2026-03-01T00:00:00Z",
            [service, value, offering, effective, expected],
            (session, p, ct) => session.Dispatcher.SendAsync(new SetAvailabilityTarget(session.Context, p.GetValue(service)!.Value, p.GetValue(value)) { Offering = p.GetValue(offering), EffectiveFrom = p.GetValue(effective), ExpectedVersion = p.GetValue(expected) }, ct),
            Document,
            (targets, _, output) => Write(output, targets),
            Fields));
        target.Subcommands.Add(OneRequest.Create(
            "show",
            "Show the availability targets of a service, with their history: each revision, who recorded it when, and from when it is in force.\n\nExample:\n  itsm availability target show --service shop --json",
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

    /// <summary>A fraction as a percentage, such as <c>99.5%</c>.</summary>
    internal static string Percent(double fraction) => (fraction * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    private static void Write(TextWriter output, Versioned<ServiceAvailabilityTargets> stored)
    {
        var t = stored.Record;
        output.WriteLine(SafeText.Escape($"availability targets of {t.Service} (version {stored.Version}): service {(t.ServiceTarget is { } s ? Percent(s) : "-")}{string.Concat(t.Offerings.Select(o => $", {o.Key} {Percent(o.Value)}"))}"));
        foreach (var set in t.History.OfType<AvailabilityTargetSet>())
        {
            output.WriteLine(SafeText.Escape($"  {InstantText.Format(set.At)} {set.By}: {set.Offering ?? "service"} {Percent(set.Target)} in force from {InstantText.Format(set.Effective)}"));
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
        if (report.Attainment is not { } t)
        {
            output.WriteLine("  no target in force during the period ('itsm availability target set')");
            return;
        }

        output.WriteLine($"  target {Percent(t.Target)}{(t.Parts.Length > 1 ? " (weighted by agreed time)" : string.Empty)}: {(t.Met ? "met" : "MISSED")}; allowed downtime {InstantText.FormatDuration(t.AllowedDowntime)}, to spare {InstantText.FormatDuration(t.ToSpare)}");
        if (t.Parts.Length > 1)
        {
            foreach (var part in t.Parts)
            {
                output.WriteLine($"    [{InstantText.Format(part.Period.Start)}, {InstantText.Format(part.Period.End)}) {AvailabilityDocuments.PartText(part)}");
            }
        }
    }

    private static string Optional(Duration? duration) => duration is { } d ? InstantText.FormatDuration(d) : "-";

    private static AvailabilityTargetsDocument Document(Versioned<ServiceAvailabilityTargets> stored, RecordSession session) => new(
        session.Context.Tenant.Value,
        stored.Record.Service.Value,
        stored.Record.ServiceTarget,
        stored.Record.Offerings,
        stored.Version,
        stored.Record.History.Count,
        [.. stored.Record.History.OfType<AvailabilityTargetSet>().Select(r => new AvailabilityTargetRevisionDocument(InstantText.Format(r.At), r.By.Value, r.Offering, r.Target, InstantText.Format(r.Effective)))]);
}
