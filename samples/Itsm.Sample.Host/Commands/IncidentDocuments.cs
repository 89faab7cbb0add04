using Itsm.Core.Application.Incidents;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>An incident as JSON (see <see cref="IncidentView"/> for the conventions).</summary>
/// <param name="Id">The incident's id.</param>
/// <param name="Tenant">The tenant it belongs to.</param>
/// <param name="Version">The stored version, for <c>--expected-version</c>.</param>
/// <param name="Title">The one-line summary.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="Hold">Why it is on hold, while on hold.</param>
/// <param name="Service">The affected service.</param>
/// <param name="Customer">The customer.</param>
/// <param name="AffectedItem">The configuration item that failed.</param>
/// <param name="Category">The category.</param>
/// <param name="Caller">Who reported it.</param>
/// <param name="Assignee">Who works on it.</param>
/// <param name="IsVipCaller">The caller is a VIP.</param>
/// <param name="IsMajorIncident">It is a major incident.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="Resolution">How it was resolved.</param>
/// <param name="Problem">The linked problem.</param>
/// <param name="Priority">The priority decision.</param>
/// <param name="Sla">The SLA clocks, evaluated at the command's instant; null without an SLA.</param>
/// <param name="SlaNotApplied">Why no SLA clock runs, when none does.</param>
/// <param name="NextBreachAt">The earliest projected breach of a running clock.</param>
/// <param name="History">What happened, oldest first.</param>
/// <remarks>
/// <see cref="ImpactSource"/> is set by <c>itsm incident open</c> only, which knows whether the impact was
/// given or suggested by the CMDB; the library does not record it, so <c>show</c> and the lifecycle answers leave it null.
/// </remarks>
internal sealed record IncidentDocument(
    string Id,
    string Tenant,
    long Version,
    string Title,
    string State,
    string? Hold,
    string Service,
    string? Customer,
    string? AffectedItem,
    string? Category,
    string Caller,
    string? Assignee,
    bool IsVipCaller,
    bool IsMajorIncident,
    string OpenedAt,
    string? ResolvedAt,
    string? Resolution,
    string? Problem,
    PriorityDocument Priority,
    SlaDocument? Sla,
    string? SlaNotApplied,
    string? NextBreachAt,
    IReadOnlyList<EventDocument> History)
{
    /// <summary>Where the opening impact came from (<c>incident open</c> only; null elsewhere).</summary>
    public ImpactSourceDocument? ImpactSource { get; init; }
}

/// <summary>Where an incident's impact came from, as JSON.</summary>
/// <param name="Source"><c>given</c> (the <c>--impact</c> option) or <c>cmdb</c> (suggested from the failed item's impact on business services).</param>
/// <param name="Impact">The impact level the priority decision used.</param>
/// <param name="Item">For <c>cmdb</c>: the configuration item whose failure the CMDB analysed (<c>--ci</c>).</param>
internal sealed record ImpactSourceDocument(string Source, int Impact, string? Item)
{
    /// <summary>The document for <paramref name="decision"/>, whose impact came from the CMDB for <paramref name="fromCmdb"/> when that is set.</summary>
    public static ImpactSourceDocument Of(PriorityDecision decision, Itsm.Core.Common.ConfigurationItemId? fromCmdb) =>
        new(fromCmdb is null ? "given" : "cmdb", decision.Impact.Level, fromCmdb?.Value);
}

/// <summary>A priority decision as JSON.</summary>
/// <param name="Priority">The priority that applies, such as <c>P2</c>.</param>
/// <param name="Rank">Its rank (1 highest).</param>
/// <param name="Matrix">The matrix's name.</param>
/// <param name="Impact">The impact level given.</param>
/// <param name="Urgency">The urgency level given.</param>
/// <param name="EffectiveUrgency">The urgency level after urgency rules, used for the lookup.</param>
/// <param name="MatrixPriority">The matrix cell's priority.</param>
/// <param name="Computed">The priority after the rules, before any override.</param>
/// <param name="Rules">Each rule that fired.</param>
/// <param name="Override">A person's override.</param>
/// <param name="Explanation">The library's explanation, one line per step.</param>
internal sealed record PriorityDocument(
    string Priority,
    int Rank,
    string Matrix,
    int Impact,
    int Urgency,
    int EffectiveUrgency,
    string MatrixPriority,
    string Computed,
    IReadOnlyList<RuleDocument> Rules,
    OverrideDocument? Override,
    IReadOnlyList<string> Explanation)
{
    /// <summary>The document for <paramref name="decision"/>.</summary>
    public static PriorityDocument From(PriorityDecision decision) => new(
        decision.Priority.ToString(), decision.Priority.Rank, decision.Matrix, decision.Impact.Level, decision.Urgency.Level, decision.EffectiveUrgency.Level,
        decision.MatrixPriority.ToString(), decision.Computed.ToString(),
        [.. decision.Rules.Select(r => new RuleDocument(r.Rule, r.Change, r.Applied))],
        decision.Override is { } o ? new OverrideDocument(o.Priority.ToString(), o.Reason, o.By.Value, InstantText.Format(o.At)) : null,
        decision.Explain());
}

/// <summary>A rule that fired, as JSON.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Change">What it changed.</param>
/// <param name="Applied">False when the change was refused.</param>
internal sealed record RuleDocument(string Rule, string Change, bool Applied);

/// <summary>A priority override, as JSON.</summary>
/// <param name="Priority">The priority set.</param>
/// <param name="Reason">Why.</param>
/// <param name="By">Who.</param>
/// <param name="At">When.</param>
internal sealed record OverrideDocument(string Priority, string Reason, string By, string At);

/// <summary>The SLA terms and clocks of an incident, as JSON.</summary>
/// <param name="Definition">The SLA definition's id.</param>
/// <param name="Calendar">The calendar's id.</param>
/// <param name="TimeZone">The calendar's IANA time zone.</param>
/// <param name="EvaluatedAt">The instant the clocks were evaluated at (the command's clock).</param>
/// <param name="Response">The response clock.</param>
/// <param name="Resolution">The resolution clock.</param>
internal sealed record SlaDocument(string Definition, string Calendar, string? TimeZone, string? EvaluatedAt, ClockDocument? Response, ClockDocument? Resolution)
{
    /// <summary>The document for <paramref name="incident"/>'s SLA with its clocks evaluated in <paramref name="status"/>.</summary>
    public static SlaDocument From(Incident incident, IncidentSla sla, IncidentSlaStatus status)
    {
        var zone = status.Zone ?? DateTimeZone.Utc;
        var at = (status.Response ?? status.Resolution)?.At;
        return new SlaDocument(
            sla.Definition.Value, sla.Calendar.Value, status.Zone?.Id, at is { } a ? InstantText.Format(a) : null,
            ClockDocument.From(status.Response, incident.ResponseClock, zone), ClockDocument.From(status.Resolution, incident.ResolutionClock, zone));
    }
}

/// <summary>One SLA clock's status, as JSON.</summary>
/// <param name="State">NotStarted, Running, Paused, Met or Breached.</param>
/// <param name="TargetSeconds">The target in business seconds.</param>
/// <param name="ElapsedSeconds">Business seconds elapsed.</param>
/// <param name="RemainingSeconds">Business seconds left (zero once reached).</param>
/// <param name="Percentage">Elapsed as a percentage of the target, two decimals.</param>
/// <param name="Due">While running: when the target is reached (UTC).</param>
/// <param name="DueLocal">The same in the calendar's local time, with offset.</param>
/// <param name="BreachedAt">When it breached (UTC).</param>
/// <param name="ProjectedBreach">While running and not breached: when it breaches if nothing happens (UTC).</param>
/// <param name="ProjectedBreachLocal">The same in the calendar's local time, with offset.</param>
/// <param name="StoppedAt">When the clock stopped (first response, resolution, cancellation), in UTC.</param>
/// <param name="ThresholdsCrossed">Warning thresholds reached, in percent.</param>
internal sealed record ClockDocument(
    string State,
    double TargetSeconds,
    double ElapsedSeconds,
    double RemainingSeconds,
    double Percentage,
    string? Due,
    string? DueLocal,
    string? BreachedAt,
    string? ProjectedBreach,
    string? ProjectedBreachLocal,
    string? StoppedAt,
    IReadOnlyList<int> ThresholdsCrossed)
{
    /// <summary>The document for the status <paramref name="clock"/> of <paramref name="source"/>, or null without one.</summary>
    public static ClockDocument? From(SlaClockStatus? clock, SlaClock? source, DateTimeZone zone) => clock is null ? null : new(
        clock.State.ToString(),
        InstantText.Seconds(clock.Target),
        InstantText.Seconds(clock.Elapsed),
        InstantText.Seconds(clock.Remaining),
        Math.Round(clock.Percentage, 2),
        clock.Due is { } due ? InstantText.Format(due) : null,
        clock.Due is { } d ? InstantText.FormatLocal(d, zone) : null,
        clock.BreachedAt is { } breached ? InstantText.Format(breached) : null,
        clock.ProjectedBreach is { } projected ? InstantText.Format(projected) : null,
        clock.ProjectedBreach is { } p ? InstantText.FormatLocal(p, zone) : null,
        IncidentView.StoppedAt(source, clock.At) is { } stopped ? InstantText.Format(stopped) : null,
        [.. clock.ThresholdsCrossed]);
}

/// <summary>One history entry, as JSON.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="By">Who.</param>
/// <param name="Event">What, such as <c>put on hold</c>.</param>
/// <param name="Detail">The event's detail (reason, assignee, resolution).</param>
internal sealed record EventDocument(string At, string By, string Event, string Detail);

/// <summary>An incident's row in <c>itsm incident list --json</c>.</summary>
/// <param name="Id">The incident's id.</param>
/// <param name="Version">The stored version.</param>
/// <param name="Title">The one-line summary.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="Priority">The priority, such as <c>P2</c>.</param>
/// <param name="Rank">The priority's rank.</param>
/// <param name="Service">The affected service.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Assignee">Who works on it.</param>
/// <param name="OpenedAt">When it was opened (UTC).</param>
/// <param name="NextBreachAt">The earliest projected breach of a running clock (UTC).</param>
internal sealed record IncidentSummaryDocument(
    string Id,
    long Version,
    string Title,
    string State,
    string Priority,
    int Rank,
    string Service,
    string? Customer,
    string? Assignee,
    string OpenedAt,
    string? NextBreachAt);

/// <summary>The document of <c>itsm incident list --json</c>.</summary>
/// <param name="Tenant">The tenant listed.</param>
/// <param name="Count">How many incidents follow.</param>
/// <param name="Incidents">The incidents, in the store's order.</param>
internal sealed record IncidentListDocument(string Tenant, int Count, IReadOnlyList<IncidentSummaryDocument> Incidents);
