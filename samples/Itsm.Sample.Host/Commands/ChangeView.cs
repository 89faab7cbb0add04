using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// How <c>itsm change</c> shows changes: Spectre.Console tables for people, and JSON documents with
/// stable camelCase names for scripts, with the conventions of <see cref="IncidentView"/> (instants
/// ISO-8601 UTC with <c>Z</c>, enum values as the library names them, absent values <c>null</c>).
/// </summary>
internal static class ChangeView
{
    /// <summary>
    /// Writes the risk explanation: one row per factor (axis, points, detail, including those that added
    /// nothing), the matrix cell, the class and the approval it requires.
    /// </summary>
    public static void WriteAssessment(IAnsiConsole console, RiskAssessment assessment, ApprovalRequirement? requirement, string? reclassification)
    {
        var table = TableConsole.Table(["factor", "axis", "points", "detail"]);
        table.Columns[2].RightAligned();
        foreach (var contribution in assessment.Contributions)
        {
            table.Row(contribution.Factor, contribution.Axis.ToString(), contribution.Points.ToString(CultureInfo.InvariantCulture), contribution.Detail);
        }

        console.Write(table);
        console.WriteLine($"impact {assessment.Impact} ({assessment.ImpactPoints} points) x likelihood {assessment.Likelihood} ({assessment.LikelihoodPoints} points) = {assessment.MatrixClass}"
            + (assessment.Class != assessment.MatrixClass ? $", raised to {assessment.Class} by the blackout floor" : string.Empty));
        console.WriteLine($"risk class: {assessment.Class} (model '{assessment.Model}')");
        console.WriteLine($"required approval: {requirement?.Description ?? "-"}");
        if (reclassification is not null)
        {
            console.WriteLine(SafeText.Escape($"reclassified: {reclassification}"));
        }
    }

    /// <summary>Writes the whole change: details, plans, the latest assessment, the approval decisions, the outcome and the history (who did what, when).</summary>
    public static void WriteDetails(IAnsiConsole console, Versioned<ChangeRequestSnapshot> stored)
    {
        var change = stored.Record;
        console.WriteLine($"change {change.Id} (version {stored.Version})");
        var grid = TableConsole.Grid();
        void Row(string name, string? value) => grid.Field(name, value);
        Row("title", change.Title);
        Row("type", change.Type.ToString() + (change.Template is { } t ? $" (template {t})" : string.Empty));
        Row("status", change.Status.ToString());
        Row("requester", change.Requester.Value);
        Row("items", string.Join(", ", change.AffectedItems));
        Row("window (UTC)", Window(change.PlannedWindow));
        Row("raised", InstantText.Format(change.RaisedAt));
        Row("plan", change.Plans.Implementation);
        Row("test plan", change.Plans.Test);
        Row("backout plan", change.Plans.Backout);
        Row("risk", change.Assessment?.Class.ToString());
        Row("required approval", change.Requirement is { } r ? $"{r.Description}{Progress(change)}" : null);
        Row("implementation started", change.ImplementationStartedAt is { } started ? InstantText.Format(started) : null);
        Row("implementation ended", change.ImplementationEndedAt is { } ended ? InstantText.Format(ended) : null);
        Row("remediation", change.Remediation?.ToString());
        Row("outcome notes", change.OutcomeNotes);
        Row("review", change.Review is { } review ? $"{review.Findings} ({review.Reviewer}, {InstantText.Format(review.At)})" : null);
        console.Write(grid);
        if (change.Assessment is { } assessment)
        {
            console.WriteLine();
            WriteAssessment(console, assessment, change.Requirement, change.ReclassificationReason);
        }

        if (!change.Decisions.IsDefaultOrEmpty)
        {
            console.WriteLine();
            var decisions = TableConsole.Table(["at (UTC)", "by", "authority", "decision", "reason"], "at (UTC)");
            foreach (var d in change.Decisions)
            {
                decisions.Row(InstantText.Format(d.At), d.Approver.Value, d.Authority.ToString(), d.Approved ? "approved" : "rejected", d.Reason);
            }

            console.Write(decisions);
        }

        console.WriteLine();
        var history = TableConsole.Table(["at (UTC)", "by", "what"], "at (UTC)");
        foreach (var e in change.History)
        {
            history.Row(InstantText.Format(e.At), e.Actor.Value, e.What);
        }

        console.Write(history);
    }

    /// <summary>The short name of a change event in <c>--json</c> output, such as <c>approval recorded</c>.</summary>
    public static string EventName(ChangeEvent e) => e switch
    {
        ChangeRaised => "raised",
        ChangeSubmitted => "submitted",
        ChangeRiskAssessed => "risk assessed",
        ChangeApprovalRecorded => "approval recorded",
        ChangeRejected => "rejected",
        ChangeScheduled => "scheduled",
        ChangeImplementationStarted => "implementation started",
        ChangeImplemented => "implemented",
        ChangeFailed => "failed",
        ChangeReviewed => "reviewed",
        ChangeClosed => "closed",
        _ => e.GetType().Name,
    };

    /// <summary>One line after a lifecycle command: the status, the approvals so far while waiting for them, the version.</summary>
    public static string StatusLine(string done, Versioned<ChangeRequestSnapshot> stored) =>
        $"{done} change {stored.Record.Id}: status {stored.Record.Status}{Progress(stored.Record)}, version {stored.Version}";

    /// <summary>
    /// Writes a list of changes, one row each: the id (never cut, to copy), then type, status and risk,
    /// the window, the items and the title, wrapped to fit 80 columns.
    /// </summary>
    public static void WriteList(IAnsiConsole console, IReadOnlyList<ChangeRequestSnapshot> changes, string tenant)
    {
        var table = TableConsole.Table(["change", "summary"], "change");
        foreach (var c in changes)
        {
            table.AddRow(
                TableConsole.Text(c.Id.ToString()),
                TableConsole.Lines(
                    $"{c.Type} {c.Status}, risk {c.Assessment?.Class.ToString() ?? "not assessed"}",
                    $"from {InstantText.Format(c.PlannedWindow.Start)}",
                    $"to {InstantText.Format(c.PlannedWindow.End)}",
                    $"items {string.Join(", ", c.AffectedItems)}",
                    c.Title));
        }

        console.Write(table);
        console.WriteLine($"{changes.Count} change(s) in tenant '{SafeText.Escape(tenant)}'");
    }

    /// <summary>Writes schedule conflicts, one row each (the two changes, why, the items, the overlap), then the title and status of each change involved.</summary>
    public static void WriteConflicts(IAnsiConsole console, IReadOnlyList<ScheduleConflict> conflicts, IReadOnlyDictionary<ChangeId, ChangeRequestSnapshot> changes)
    {
        var table = TableConsole.Table(["changes", "conflict"], "changes");
        foreach (var c in conflicts)
        {
            table.AddRow(
                TableConsole.Lines(c.First.ToString(), c.Second.ToString()),
                TableConsole.Lines(
                    $"{c.Reason}: {c.FirstItem}/{c.SecondItem}",
                    $"from {InstantText.Format(c.Overlap.Start)}",
                    $"to {InstantText.Format(c.Overlap.End)}"));
        }

        console.Write(table);
        foreach (var change in changes.Values.OrderBy(c => c.Id))
        {
            console.WriteLine(SafeText.Escape($"  {change.Id}  {change.Status}  {change.Title}"));
        }

        console.WriteLine($"{conflicts.Count} conflict(s)");
    }

    private static string Window(NodaTime.Interval window) => $"{InstantText.Format(window.Start)} to {InstantText.Format(window.End)}";

    /// <summary>While assessed: how many of the required approvals are recorded.</summary>
    private static string Progress(ChangeRequestSnapshot change) =>
        change.Status == ChangeStatus.Assessed && change.Requirement is { IsPreApproved: false } r
            ? $" ({change.Decisions.Count(d => d.Approved)} of {r.Quorum} approval(s): {r.Description})"
            : string.Empty;
}

