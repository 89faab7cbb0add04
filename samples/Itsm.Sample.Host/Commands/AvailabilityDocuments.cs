using System.Globalization;
using Itsm.Core.Application.Availability;
using Itsm.Core.Availability;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>The text of availability attainments shared by <c>itsm availability</c> and <c>itsm report service</c>.</summary>
internal static class AvailabilityDocuments
{
    /// <summary>One part of a period against its target, such as <c>target 99.5%: met, 0h43m allowed, 0h18m down</c>.</summary>
    internal static string PartText(AvailabilityAttainmentPart part) =>
        part.Target is { } target
            ? $"target {AvailabilityStoreCommands.Percent(target)}: {(part.Met == true ? "met" : "MISSED")}, {InstantText.FormatDuration(part.AllowedDowntime!.Value)} allowed, {InstantText.FormatDuration(part.Figures.Down)} down"
            : $"no target in force, {InstantText.FormatDuration(part.Figures.Down)} down (not assessed)";

    /// <summary>The whole attainment in one line, each part's target named when the target changed inside the period.</summary>
    internal static string Summary(AvailabilityAttainment attainment) =>
        $"{(attainment.Target * 100).ToString("0.###", CultureInfo.InvariantCulture)} % {(attainment.Met ? "met" : "MISSED")}, {InstantText.FormatDuration(attainment.ToSpare)} to spare"
        + (attainment.Parts.Length > 1
            ? $" (weighted; {string.Join("; ", attainment.Parts.Select(p => $"from {InstantText.Format(p.Period.Start)} {(p.Target is { } t ? AvailabilityStoreCommands.Percent(t) + (p.Met == true ? " met" : " MISSED") : "none")}"))})"
            : string.Empty);
}

/// <summary>A service's availability targets as JSON (<c>itsm availability target set|show --json</c>).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Service">The service.</param>
/// <param name="ServiceTarget">The service's own target as a fraction, or null.</param>
/// <param name="Offerings">The offerings' targets as fractions.</param>
/// <param name="Version">The stored version.</param>
/// <param name="HistoryRecords">How many history records they have.</param>
/// <param name="History">Every revision, oldest first.</param>
internal sealed record AvailabilityTargetsDocument(string Tenant, string Service, double? ServiceTarget, IReadOnlyDictionary<string, double> Offerings, long Version, int HistoryRecords, IReadOnlyList<AvailabilityTargetRevisionDocument> History);

/// <summary>One revision of an availability target.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="Offering">The offering, or null for the service as a whole.</param>
/// <param name="Target">The target as a fraction.</param>
/// <param name="Effective">From when it is in force.</param>
internal sealed record AvailabilityTargetRevisionDocument(string At, string By, string? Offering, double Target, string Effective);

/// <summary>One part of a measured period and the target in force during it; durations in seconds.</summary>
/// <param name="From">The part's start.</param>
/// <param name="To">The part's end (exclusive).</param>
/// <param name="Target">The target in force, or null when none was.</param>
/// <param name="AgreedSeconds">The part's agreed time.</param>
/// <param name="DownSeconds">The part's downtime.</param>
/// <param name="AllowedSeconds">The downtime its target allows, or null.</param>
/// <param name="Met">Whether the part met its target, or null.</param>
internal sealed record AvailabilityPartDocument(string From, string To, double? Target, double AgreedSeconds, double DownSeconds, double? AllowedSeconds, bool? Met);

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
/// <param name="Target">The target assessed against (weighted by agreed time when it changed inside the period), or null when none was in force.</param>
/// <param name="Met">Whether it was met, or null without a target.</param>
/// <param name="ToSpareSeconds">Downtime still allowed (negative when missed), or null.</param>
/// <param name="Targets">The parts of the period with the target in force during each; empty when none was.</param>
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
    IReadOnlyList<AvailabilityPartDocument> Targets,
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
            report.Attainment is { } a
                ? [.. a.Parts.Select(p => new AvailabilityPartDocument(InstantText.Format(p.Period.Start), InstantText.Format(p.Period.End), p.Target, InstantText.Seconds(p.Figures.Agreed), InstantText.Seconds(p.Figures.Down), p.AllowedDowntime is { } allowed ? InstantText.Seconds(allowed) : null, p.Met))]
                : [],
            report.WhatIfMember?.Value);
    }
}
