using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// How <c>itsm incident</c> shows incidents: Spectre.Console tables for people (colour on a terminal,
/// plain text when redirected), and a JSON document with stable camelCase names for scripts.
/// </summary>
/// <remarks>
/// JSON conventions: instants are ISO-8601 UTC with <c>Z</c>; local times carry their offset and sit
/// next to the calendar's time zone id; business durations are seconds (<c>...Seconds</c>); enum values
/// are the library's names (<c>InProgress</c>, <c>AwaitingCustomer</c>, <c>Running</c>); absent values
/// are <c>null</c>, never omitted, so every document has the same fields.
/// </remarks>
internal static class IncidentView
{
    /// <summary>The machine-readable form of an incident, its priority decision and its SLA status.</summary>
    public static IncidentDocument Document(Versioned<Incident> stored, IncidentSlaStatus? status, string tenant)
    {
        var incident = stored.Record;
        return new IncidentDocument(
            incident.Id.ToString(),
            tenant,
            stored.Version,
            incident.Title,
            incident.State.ToString(),
            incident.Hold?.ToString(),
            incident.Service.Value,
            incident.Customer?.Value,
            incident.AffectedItem?.Value,
            incident.Facts.Category,
            incident.Caller.Value,
            incident.Assignee?.Value,
            incident.Facts.IsVipCaller,
            incident.Facts.IsMajorIncident,
            InstantText.Format(incident.OpenedAt),
            incident.ResolvedAt is { } resolved ? InstantText.Format(resolved) : null,
            incident.Resolution,
            incident.Problem?.ToString(),
            PriorityDocument.From(incident.Decision),
            incident.Sla is { } sla && status is not null ? SlaDocument.From(incident, sla, status) : null,
            incident.Sla is null || incident.ResponseClock is null ? SlaNote(incident) : null,
            incident.NextBreachAt is { } next ? InstantText.Format(next) : null,
            [.. incident.History.Select(e => new EventDocument(InstantText.Format(e.At), e.By.Value, EventName(e), EventDetail(e)))]);
    }

    /// <summary>The machine-readable row of an incident in a list.</summary>
    public static IncidentSummaryDocument Summary(Versioned<Incident> stored)
    {
        var incident = stored.Record;
        return new IncidentSummaryDocument(
            incident.Id.ToString(), stored.Version, incident.Title, incident.State.ToString(), incident.Priority.ToString(), incident.Priority.Rank,
            incident.Service.Value, incident.Customer?.Value, incident.Assignee?.Value, InstantText.Format(incident.OpenedAt),
            incident.NextBreachAt is { } next ? InstantText.Format(next) : null);
    }

    /// <summary>Writes the whole incident: details, priority explanation, SLA status and history.</summary>
    public static void WriteDetails(IAnsiConsole console, Versioned<Incident> stored, IncidentSlaStatus? status)
    {
        var incident = stored.Record;
        var zone = status?.Zone;
        console.WriteLine($"incident {incident.Id} (version {stored.Version})");
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value) => grid.AddRow(name, Markup.Escape(value ?? "-"));
        Row("title", incident.Title);
        Row("state", incident.Hold is { } hold ? $"{incident.State} ({hold})" : incident.State.ToString());
        Row("priority", incident.Priority.ToString());
        Row("service", incident.Service.Value);
        Row("customer", incident.Customer?.Value);
        Row("affected CI", incident.AffectedItem?.Value);
        Row("category", incident.Facts.Category);
        Row("caller", incident.Caller.Value + (incident.Facts.IsVipCaller ? " (VIP)" : string.Empty));
        Row("major incident", incident.Facts.IsMajorIncident ? "yes" : "no");
        Row("assignee", incident.Assignee?.Value);
        Row("opened", When(incident.OpenedAt, zone));
        Row("resolved", incident.ResolvedAt is { } resolved ? When(resolved, zone) : null);
        Row("resolution", incident.Resolution);
        Row("problem", incident.Problem?.ToString());
        console.Write(grid);
        console.WriteLine();
        WriteDecision(console, incident.Decision);
        console.WriteLine();
        WriteSla(console, incident, status);
        console.WriteLine();
        var history = new Table().AddColumns("at (UTC)", "by", "event", "detail");
        foreach (var e in incident.History)
        {
            history.AddRow(InstantText.Format(e.At), Markup.Escape(e.By.Value), EventName(e), Markup.Escape(EventDetail(e)));
        }

        console.Write(history);
    }

    /// <summary>Writes how the priority was decided: the matrix cell, each rule that fired and what it changed, the override.</summary>
    public static void WriteDecision(IAnsiConsole console, PriorityDecision decision)
    {
        console.WriteLine($"priority {decision.Priority}, decided as follows:");
        var table = new Table().AddColumns("step", "what it did");
        var given = decision.EffectiveUrgency == decision.Urgency ? string.Empty : $" (urgency given {decision.Urgency}, raised by a rule below)";
        table.AddRow(Markup.Escape($"matrix {decision.Matrix}"), Markup.Escape($"cell impact {decision.Impact} x urgency {decision.EffectiveUrgency} -> {decision.MatrixPriority}{given}"));
        foreach (var rule in decision.Rules)
        {
            table.AddRow(Markup.Escape($"rule {rule.Rule}"), Markup.Escape(rule.Applied ? rule.Change : $"{rule.Change} refused: the rule may not lower it"));
        }

        if (decision.Override is { } o)
        {
            table.AddRow("override", Markup.Escape($"{decision.Computed} -> {o.Priority} by {o.By} at {InstantText.Format(o.At)}: {o.Reason}"));
        }

        table.AddRow("priority", PriorityMarkup(decision.Priority));
        console.Write(table);
    }

    /// <summary>Writes the SLA clocks as a table with one column per clock, or says why no clock runs.</summary>
    public static void WriteSla(IAnsiConsole console, Incident incident, IncidentSlaStatus? status)
    {
        if (incident.Sla is not { } sla || status is null || (status.Response is null && status.Resolution is null))
        {
            console.WriteLine($"SLA: none ({SlaNote(incident) ?? "no clocks"})");
            return;
        }

        var zone = status.Zone ?? DateTimeZone.Utc;
        var at = (status.Response ?? status.Resolution)!.At;
        console.WriteLine($"SLA '{sla.Definition}' on calendar '{sla.Calendar}' ({zone.Id}), as of {InstantText.FormatReadable(at, zone)} ({InstantText.Format(at)})");
        var clocks = new[] { (Status: status.Response, Clock: incident.ResponseClock), (Status: status.Resolution, Clock: incident.ResolutionClock) };
        var table = new Table().AddColumns("clock", "response", "resolution");
        void Styled(string name, Func<SlaClockStatus, string> markup) =>
            table.AddRow([name, .. clocks.Select(c => c.Status is null ? "-" : markup(c.Status))]);
        void Row(string name, Func<SlaClockStatus, string> value) => Styled(name, c => Markup.Escape(value(c)));
        Styled("state", c => StateMarkup(c.State));
        Row("target", c => InstantText.FormatDuration(c.Target));
        Row("elapsed", c => InstantText.FormatDuration(c.Elapsed));
        Row("remaining", c => InstantText.FormatDuration(c.Remaining));
        Row("used", c => Percent(c.Percentage));
        Styled("thresholds crossed", c => c.ThresholdsCrossed.IsEmpty ? "none" : $"[yellow]{string.Join(", ", c.ThresholdsCrossed.Select(t => $"{t}%"))}[/]");
        Row($"due ({zone.Id})", c => c.Due is { } due ? InstantText.FormatReadable(due, zone) : DueNote(c));
        Row("due (UTC)", c => c.Due is { } due ? InstantText.Format(due) : DueNote(c));
        Row($"breach ({zone.Id})", c => Breach(c, i => InstantText.FormatReadable(i, zone)));
        Row("breach (UTC)", c => Breach(c, InstantText.Format));
        table.AddRow(["stopped (UTC)", .. clocks.Select(c => StoppedAt(c.Clock, c.Status?.At) is { } stopped ? InstantText.Format(stopped) : "-")]);
        console.Write(table);
    }

    /// <summary>One line per clock, for the confirmation after a lifecycle command.</summary>
    public static string SlaLine(IncidentSlaStatus? status)
    {
        if (status is null || (status.Response is null && status.Resolution is null))
        {
            return "SLA: none";
        }

        static string Clock(string name, SlaClockStatus? c) => c is null ? string.Empty
            : $"{name} {c.State} {InstantText.FormatDuration(c.Elapsed)} of {InstantText.FormatDuration(c.Target)}{(c.Due is { } due ? $", due {InstantText.Format(due)}" : string.Empty)}";
        return "SLA: " + string.Join("; ", new[] { Clock("response", status.Response), Clock("resolution", status.Resolution) }.Where(s => s.Length > 0));
    }

    /// <summary>Writes a list of incidents as a table.</summary>
    public static void WriteList(IAnsiConsole console, IReadOnlyList<Versioned<Incident>> incidents, string tenant)
    {
        var table = new Table().AddColumns("id", "priority", "state", "service", "assignee", "opened (UTC)", "next breach (UTC)", "title");
        foreach (var stored in incidents)
        {
            var i = stored.Record;
            table.AddRow(
                i.Id.ToString(), PriorityMarkup(i.Priority), i.State.ToString(), Markup.Escape(i.Service.Value), Markup.Escape(i.Assignee?.Value ?? "-"),
                InstantText.Format(i.OpenedAt), i.NextBreachAt is { } next ? InstantText.Format(next) : "-", Markup.Escape(i.Title));
        }

        console.Write(table);
        console.WriteLine($"{incidents.Count} incident(s) in tenant '{tenant}'");
    }

    private static string When(Instant instant, DateTimeZone? zone) =>
        zone is null ? InstantText.Format(instant) : $"{InstantText.Format(instant)} ({InstantText.FormatReadable(instant, zone)})";

    /// <summary>When <paramref name="clock"/> stopped (met or breached), if it had stopped by <paramref name="at"/>.</summary>
    internal static Instant? StoppedAt(SlaClock? clock, Instant? at) =>
        clock is { IsStopped: true } && clock.Events[^1].At <= at ? clock.Events[^1].At : null;

    /// <summary>The clock state, coloured on a terminal: breached red, paused yellow, met green.</summary>
    private static string StateMarkup(SlaClockState state) => state switch
    {
        SlaClockState.Breached => "[red bold]Breached[/]",
        SlaClockState.Paused => "[yellow]Paused[/]",
        SlaClockState.Met => "[green]Met[/]",
        _ => state.ToString(),
    };

    /// <summary>The priority, P1 in bold red on a terminal.</summary>
    private static string PriorityMarkup(Priority priority) => priority.Rank == 1 ? "[red bold]P1[/]" : priority.ToString();

    private static string Percent(double percentage) => percentage.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string DueNote(SlaClockStatus clock) => clock.State switch
    {
        SlaClockState.Paused => "paused",
        SlaClockState.Met => "stopped (met)",
        SlaClockState.Breached => "stopped",
        SlaClockState.NotStarted => "not started",
        _ => "-",
    };

    private static string Breach(SlaClockStatus clock, Func<Instant, string> format) =>
        clock.BreachedAt is { } breached ? $"breached at {format(breached)}"
        : clock.ProjectedBreach is { } projected ? $"projected {format(projected)}"
        : "-";

    private static string? SlaNote(Incident incident) =>
        incident.History.OfType<IncidentSlaNotApplied>().LastOrDefault()?.Why;

    private static string EventName(IncidentEvent e) => e switch
    {
        IncidentOpened => "opened",
        IncidentAssigned => "assigned",
        IncidentWorkStarted => "work started",
        IncidentFirstResponse => "first response",
        IncidentPutOnHold => "put on hold",
        IncidentResumed => "resumed",
        IncidentResolved => "resolved",
        IncidentClosed => "closed",
        IncidentReopened => "reopened",
        IncidentCancelled => "cancelled",
        IncidentPriorityChanged => "priority changed",
        IncidentLinkedToProblem => "linked to problem",
        IncidentSlaNotApplied => "no SLA clock",
        _ => e.GetType().Name,
    };

    private static string EventDetail(IncidentEvent e) => e switch
    {
        IncidentOpened o => $"priority {o.Decision.Priority}",
        IncidentAssigned a => $"to {a.Assignee}",
        IncidentPutOnHold h => h.Reason.ToString(),
        IncidentResolved r => r.Resolution,
        IncidentReopened r => r.Reason,
        IncidentCancelled c => c.Reason,
        IncidentPriorityChanged p => $"{p.From} -> {p.Decision.Priority}: {p.Reason}",
        IncidentLinkedToProblem l => l.Problem.ToString(),
        IncidentSlaNotApplied n => n.Why,
        _ => string.Empty,
    };
}

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
    IReadOnlyList<EventDocument> History);

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
