using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
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
        console.Write(TableConsole.Grid()
            .Field("title", incident.Title)
            .Field("state", incident.Hold is { } hold ? $"{incident.State} ({hold})" : incident.State.ToString())
            .Field("priority", incident.Priority.ToString())
            .Field("service", incident.Service.Value)
            .Field("customer", incident.Customer?.Value)
            .Field("affected CI", incident.AffectedItem?.Value)
            .Field("category", incident.Facts.Category)
            .Field("caller", incident.Caller.Value + (incident.Facts.IsVipCaller ? " (VIP)" : string.Empty))
            .Field("major incident", incident.Facts.IsMajorIncident ? "yes" : "no")
            .Field("assignee", incident.Assignee?.Value)
            .Field("opened", When(incident.OpenedAt, zone))
            .Field("resolved", incident.ResolvedAt is { } resolved ? When(resolved, zone) : null)
            .Field("resolution", incident.Resolution)
            .Field("problem", incident.Problem?.ToString()));
        console.WriteLine();
        WriteDecision(console, incident.Decision, impactFromCmdb: null);
        console.WriteLine();
        WriteSla(console, incident, status);
        console.WriteLine();
        var history = TableConsole.Table(["at (UTC)", "by", "event", "detail"], "at (UTC)");
        foreach (var e in incident.History)
        {
            history.Row(InstantText.Format(e.At), e.By.Value, EventName(e), EventDetail(e));
        }

        console.Write(history);
    }

    /// <summary>
    /// Writes how the priority was decided: where the impact came from when the CMDB suggested it
    /// (<paramref name="impactFromCmdb"/>, the failed item), the matrix cell, each rule that fired and what it changed, the override.
    /// </summary>
    public static void WriteDecision(IAnsiConsole console, PriorityDecision decision, ConfigurationItemId? impactFromCmdb)
    {
        console.WriteLine($"priority {decision.Priority}, decided as follows:");
        var table = TableConsole.Table(["step", "what it did"]);
        if (impactFromCmdb is { } item)
        {
            table.Row("impact from the CMDB", $"impact {decision.Impact}: no --impact was given, so the CMDB suggested it from the business services a failure of {item} takes down or degrades");
        }

        var given = decision.EffectiveUrgency == decision.Urgency ? string.Empty : $" (urgency given {decision.Urgency}, raised by a rule below)";
        table.Row($"matrix {decision.Matrix}", $"cell impact {decision.Impact} x urgency {decision.EffectiveUrgency} -> {decision.MatrixPriority}{given}");
        foreach (var rule in decision.Rules)
        {
            table.Row($"rule {rule.Rule}", rule.Applied ? rule.Change : $"{rule.Change} refused: the rule may not lower it");
        }

        if (decision.Override is { } o)
        {
            table.Row("override", $"{decision.Computed} -> {o.Priority} by {o.By} at {InstantText.Format(o.At)}: {o.Reason}");
        }

        table.AddRow(TableConsole.Text("priority"), TableConsole.Styled(PriorityMarkup(decision.Priority)));
        console.Write(table);
    }

    /// <summary>Writes the SLA clocks as a table with one column per clock, or says why no clock runs.</summary>
    public static void WriteSla(IAnsiConsole console, Incident incident, IncidentSlaStatus? status)
    {
        if (incident.Sla is not { } sla || status is null || (status.Response is null && status.Resolution is null))
        {
            console.WriteLine(SafeText.Escape($"SLA: none ({SlaNote(incident) ?? "no clocks"})"));
            return;
        }

        var zone = status.Zone ?? DateTimeZone.Utc;
        var at = (status.Response ?? status.Resolution)!.At;
        console.WriteLine(SafeText.Escape($"SLA '{sla.Definition}' on calendar '{sla.Calendar}' ({zone.Id}), as of {InstantText.FormatReadable(at, zone)} ({InstantText.Format(at)})"));
        if (incident.AgreementVersionAt(at) is not null)
        {
            console.WriteLine(SafeText.Escape($"targets: {sla.SourceAt(incident.OpenedAt, at)}"));
        }

        var clocks = new[] { (Status: status.Response, Clock: incident.ResponseClock), (Status: status.Resolution, Clock: incident.ResolutionClock) };
        var table = TableConsole.Table(["clock", "response", "resolution"]);
        void Styled(string name, Func<SlaClockStatus, string> markup) =>
            table.AddRow([TableConsole.Text(name), .. clocks.Select(c => c.Status is null ? TableConsole.Text("-") : TableConsole.Styled(markup(c.Status)))]);
        void Row(string name, Func<SlaClockStatus, string> value) => table.Row([name, .. clocks.Select(c => c.Status is null ? "-" : value(c.Status))]);
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
        table.Row(["stopped (UTC)", .. clocks.Select(c => StoppedAt(c.Clock, c.Status?.At) is { } stopped ? InstantText.Format(stopped) : "-")]);
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

    /// <summary>
    /// Writes a list of incidents, one row each: the id (never cut, to copy), then priority, state,
    /// service and assignee, the opening and the next breach, and the title, wrapped to fit 80 columns.
    /// </summary>
    public static void WriteList(IAnsiConsole console, IReadOnlyList<Versioned<Incident>> incidents, string tenant)
    {
        var table = TableConsole.Table(["incident", "summary"], "incident");
        foreach (var stored in incidents)
        {
            var i = stored.Record;
            table.AddRow(
                TableConsole.Text(i.Id.ToString()),
                TableConsole.Lines(
                    $"{i.Priority} {i.State}, {i.Service.Value}, {i.Assignee?.Value ?? "unassigned"}",
                    $"opened {InstantText.Format(i.OpenedAt)}",
                    i.NextBreachAt is { } next ? $"next breach {InstantText.Format(next)}" : null,
                    i.Title));
        }

        console.Write(table);
        console.WriteLine($"{incidents.Count} incident(s) in tenant '{SafeText.Escape(tenant)}'");
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

