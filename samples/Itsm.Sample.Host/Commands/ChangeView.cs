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
        var table = new Table().AddColumns(new TableColumn("factor"), new TableColumn("axis"), new TableColumn("points").RightAligned(), new TableColumn("detail"));
        foreach (var contribution in assessment.Contributions)
        {
            table.AddRow(Markup.Escape(contribution.Factor), contribution.Axis.ToString(), contribution.Points.ToString(CultureInfo.InvariantCulture), Markup.Escape(contribution.Detail));
        }

        console.Write(table);
        console.WriteLine($"impact {assessment.Impact} ({assessment.ImpactPoints} points) x likelihood {assessment.Likelihood} ({assessment.LikelihoodPoints} points) = {assessment.MatrixClass}"
            + (assessment.Class != assessment.MatrixClass ? $", raised to {assessment.Class} by the blackout floor" : string.Empty));
        console.WriteLine($"risk class: {assessment.Class} (model '{assessment.Model}')");
        console.WriteLine($"required approval: {requirement?.Description ?? "-"}");
        if (reclassification is not null)
        {
            console.WriteLine($"reclassified: {reclassification}");
        }
    }

    /// <summary>Writes the whole change: details, plans, the latest assessment, the approval decisions, the outcome and the history (who did what, when).</summary>
    public static void WriteDetails(IAnsiConsole console, Versioned<ChangeRequestSnapshot> stored)
    {
        var change = stored.Record;
        console.WriteLine($"change {change.Id} (version {stored.Version})");
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value) => grid.AddRow(name, Markup.Escape(value ?? "-"));
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
            var decisions = new Table().AddColumns("at (UTC)", "by", "authority", "decision", "reason");
            foreach (var d in change.Decisions)
            {
                decisions.AddRow(InstantText.Format(d.At), Markup.Escape(d.Approver.Value), d.Authority.ToString(), d.Approved ? "approved" : "rejected", Markup.Escape(d.Reason));
            }

            console.Write(decisions);
        }

        console.WriteLine();
        var history = new Table().AddColumns("at (UTC)", "by", "what");
        foreach (var e in change.History)
        {
            history.AddRow(InstantText.Format(e.At), Markup.Escape(e.Actor.Value), Markup.Escape(e.What));
        }

        console.Write(history);
    }

    /// <summary>The short name of a change event in <c>--json</c> output, such as <c>approval recorded</c>.</summary>
    public static string EventName(ChangeEvent e) => e switch
    {
        ChangeRaised => "raised",
        ChangeSubmitted => "submitted",
        ChangeRiskAssessed => "risk assessed",
        ChangeReclassified => "reclassified",
        ChangeApprovalRecorded => "approval recorded",
        ChangeApproved => "approved",
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

    /// <summary>Writes a list of changes as a table.</summary>
    public static void WriteList(IAnsiConsole console, IReadOnlyList<ChangeRequestSnapshot> changes, string tenant)
    {
        var table = new Table().AddColumns("id", "type", "status", "risk", "window start (UTC)", "window end (UTC)", "items", "title");
        foreach (var c in changes)
        {
            table.AddRow(
                c.Id.ToString(), c.Type.ToString(), c.Status.ToString(), c.Assessment?.Class.ToString() ?? "-",
                InstantText.Format(c.PlannedWindow.Start), InstantText.Format(c.PlannedWindow.End), Markup.Escape(string.Join(", ", c.AffectedItems)), Markup.Escape(c.Title));
        }

        console.Write(table);
        console.WriteLine($"{changes.Count} change(s) in tenant '{tenant}'");
    }

    /// <summary>Writes schedule conflicts as a table, then the title and status of each change involved.</summary>
    public static void WriteConflicts(IAnsiConsole console, IReadOnlyList<ScheduleConflict> conflicts, IReadOnlyDictionary<ChangeId, ChangeRequestSnapshot> changes)
    {
        var table = new Table().AddColumns("first", "second", "reason", "items", "overlap start (UTC)", "overlap end (UTC)");
        foreach (var c in conflicts)
        {
            table.AddRow(
                c.First.ToString(), c.Second.ToString(), c.Reason.ToString(), Markup.Escape($"{c.FirstItem}/{c.SecondItem}"),
                InstantText.Format(c.Overlap.Start), InstantText.Format(c.Overlap.End));
        }

        console.Write(table);
        foreach (var change in changes.Values.OrderBy(c => c.Id))
        {
            console.WriteLine($"  {change.Id}  {change.Status}  {change.Title}");
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

/// <summary>A change as JSON (<c>itsm change show --json</c>).</summary>
/// <param name="Id">The change's id.</param>
/// <param name="Tenant">The tenant it belongs to.</param>
/// <param name="Version">The stored version.</param>
/// <param name="Type">Standard, Normal or Emergency.</param>
/// <param name="Template">The standard change template it was raised from.</param>
/// <param name="Title">The one-line summary.</param>
/// <param name="Status">The lifecycle status, such as <c>Scheduled</c>.</param>
/// <param name="Requester">Who raised it.</param>
/// <param name="AffectedItems">The configuration items it touches.</param>
/// <param name="WindowStart">The planned window's start (UTC).</param>
/// <param name="WindowEnd">The planned window's end, exclusive (UTC).</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="Plan">The implementation plan.</param>
/// <param name="TestPlan">The test plan or evidence.</param>
/// <param name="BackoutPlan">The backout plan.</param>
/// <param name="Assessment">The latest risk assessment.</param>
/// <param name="Requirement">The approval the assessment requires.</param>
/// <param name="ReclassificationReason">Why a standard change became normal.</param>
/// <param name="Decisions">Approvals and rejections since the latest assessment.</param>
/// <param name="ImplementationStartedAt">When implementation started.</param>
/// <param name="ImplementationEndedAt">When implementation ended.</param>
/// <param name="Remediation">BackedOut or FixedForward for a failed change.</param>
/// <param name="OutcomeNotes">Notes on the outcome.</param>
/// <param name="Review">The post-implementation review.</param>
/// <param name="History">Everything that happened to the change, oldest first.</param>
internal sealed record ChangeDocument(
    string Id,
    string Tenant,
    long Version,
    string Type,
    string? Template,
    string Title,
    string Status,
    string Requester,
    IReadOnlyList<string> AffectedItems,
    string WindowStart,
    string WindowEnd,
    string RaisedAt,
    string Plan,
    string? TestPlan,
    string? BackoutPlan,
    AssessmentDocument? Assessment,
    RequirementDocument? Requirement,
    string? ReclassificationReason,
    IReadOnlyList<DecisionDocument> Decisions,
    string? ImplementationStartedAt,
    string? ImplementationEndedAt,
    string? Remediation,
    string? OutcomeNotes,
    ReviewDocument? Review,
    IReadOnlyList<ChangeEventDocument> History)
{
    /// <summary>The document for <paramref name="stored"/>.</summary>
    public static ChangeDocument From(Versioned<ChangeRequestSnapshot> stored, string tenant)
    {
        var c = stored.Record;
        return new ChangeDocument(
            c.Id.ToString(), tenant, stored.Version, c.Type.ToString(), c.Template, c.Title, c.Status.ToString(), c.Requester.Value,
            [.. c.AffectedItems.Select(i => i.Value)], InstantText.Format(c.PlannedWindow.Start), InstantText.Format(c.PlannedWindow.End), InstantText.Format(c.RaisedAt),
            c.Plans.Implementation, c.Plans.Test, c.Plans.Backout,
            c.Assessment is { } a ? AssessmentDocument.From(a) : null,
            RequirementDocument.From(c.Requirement),
            c.ReclassificationReason,
            c.Decisions.IsDefault ? [] : [.. c.Decisions.Select(d => new DecisionDocument(d.Approver.Value, d.Authority.ToString(), InstantText.Format(d.At), d.Approved, d.Reason))],
            c.ImplementationStartedAt is { } s ? InstantText.Format(s) : null,
            c.ImplementationEndedAt is { } e ? InstantText.Format(e) : null,
            c.Remediation?.ToString(),
            c.OutcomeNotes,
            c.Review is { } r ? new ReviewDocument(r.Reviewer.Value, InstantText.Format(r.At), r.Findings) : null,
            [.. c.History.Select(h => new ChangeEventDocument(InstantText.Format(h.At), h.Actor.Value, ChangeView.EventName(h), h.What))]);
    }
}

/// <summary>A risk assessment as JSON (<c>itsm change assess --json</c>, and inside a change document).</summary>
/// <param name="Model">The risk model's name.</param>
/// <param name="Class">The risk class: Low, Medium, High or Critical.</param>
/// <param name="MatrixClass">The matrix cell's class, before the blackout floor.</param>
/// <param name="Impact">The impact grade.</param>
/// <param name="ImpactPoints">The impact points.</param>
/// <param name="Likelihood">The likelihood grade.</param>
/// <param name="LikelihoodPoints">The likelihood points.</param>
/// <param name="Factors">Every factor, including those that added nothing, in the model's order.</param>
internal sealed record AssessmentDocument(
    string Model,
    string Class,
    string MatrixClass,
    string Impact,
    int ImpactPoints,
    string Likelihood,
    int LikelihoodPoints,
    IReadOnlyList<FactorDocument> Factors)
{
    /// <summary>The document for <paramref name="assessment"/>.</summary>
    public static AssessmentDocument From(RiskAssessment assessment) => new(
        assessment.Model, assessment.Class.ToString(), assessment.MatrixClass.ToString(), assessment.Impact.ToString(), assessment.ImpactPoints,
        assessment.Likelihood.ToString(), assessment.LikelihoodPoints,
        [.. assessment.Contributions.Select(c => new FactorDocument(c.Factor, c.Axis.ToString(), c.Points, c.Detail))]);
}

/// <summary>One risk factor's contribution, as JSON.</summary>
/// <param name="Factor">The factor's stable name, such as <c>inside blackout window</c>.</param>
/// <param name="Axis">Impact or Likelihood.</param>
/// <param name="Points">Its points; 0 when it did not apply.</param>
/// <param name="Detail">Why, in words a person can check.</param>
internal sealed record FactorDocument(string Factor, string Axis, int Points, string Detail);

/// <summary>The approval a change requires, as JSON.</summary>
/// <param name="Authority">ChangeManager, ChangeAdvisoryBoard, EmergencyAuthority, or None when pre-approved.</param>
/// <param name="Quorum">How many distinct approvers.</param>
/// <param name="Description">How a person names it.</param>
internal sealed record RequirementDocument(string Authority, int Quorum, string Description)
{
    /// <summary>The document for <paramref name="requirement"/>, or null.</summary>
    public static RequirementDocument? From(ApprovalRequirement? requirement) =>
        requirement is null ? null : new(requirement.Authority.ToString(), requirement.Quorum, requirement.Description);
}

/// <summary>An approval or rejection, as JSON.</summary>
/// <param name="Approver">Who decided.</param>
/// <param name="Authority">With which authority.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Approved">True for an approval.</param>
/// <param name="Reason">Why.</param>
internal sealed record DecisionDocument(string Approver, string Authority, string At, bool Approved, string Reason);

/// <summary>One entry of a change's history, as JSON.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="By">Who did it.</param>
/// <param name="Event">What, such as <c>approval recorded</c>.</param>
/// <param name="What">What happened with its details (risk class, authority, reason, ...), as the table shows it.</param>
internal sealed record ChangeEventDocument(string At, string By, string Event, string What);

/// <summary>A post-implementation review, as JSON.</summary>
/// <param name="Reviewer">Who reviewed.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Findings">What the review found.</param>
internal sealed record ReviewDocument(string Reviewer, string At, string Findings);

/// <summary>The document of <c>itsm change assess --json</c>.</summary>
/// <param name="Change">The change's id.</param>
/// <param name="Tenant">The tenant.</param>
/// <param name="Status">The status after the assessment (Assessed, or Approved for a pre-approved standard change).</param>
/// <param name="Assessment">The explained assessment.</param>
/// <param name="Requirement">The approval it requires.</param>
/// <param name="ReclassificationReason">Why a standard change became normal.</param>
internal sealed record AssessDocument(string Change, string Tenant, string Status, AssessmentDocument Assessment, RequirementDocument? Requirement, string? ReclassificationReason);

/// <summary>A change's row in <c>itsm change list --json</c>.</summary>
/// <param name="Id">The change's id.</param>
/// <param name="Type">Its type.</param>
/// <param name="Status">Its status.</param>
/// <param name="Risk">Its assessed risk class, or null before assessment.</param>
/// <param name="Title">The one-line summary.</param>
/// <param name="Requester">Who raised it.</param>
/// <param name="AffectedItems">The items it touches.</param>
/// <param name="WindowStart">The planned window's start (UTC).</param>
/// <param name="WindowEnd">The planned window's end (UTC).</param>
internal sealed record ChangeSummaryDocument(string Id, string Type, string Status, string? Risk, string Title, string Requester, IReadOnlyList<string> AffectedItems, string WindowStart, string WindowEnd)
{
    /// <summary>The row for <paramref name="change"/>.</summary>
    public static ChangeSummaryDocument From(ChangeRequestSnapshot change) => new(
        change.Id.ToString(), change.Type.ToString(), change.Status.ToString(), change.Assessment?.Class.ToString(), change.Title, change.Requester.Value,
        [.. change.AffectedItems.Select(i => i.Value)], InstantText.Format(change.PlannedWindow.Start), InstantText.Format(change.PlannedWindow.End));
}

/// <summary>The document of <c>itsm change list --json</c>.</summary>
/// <param name="Tenant">The tenant listed.</param>
/// <param name="Count">How many changes follow.</param>
/// <param name="Changes">The changes, by window start.</param>
internal sealed record ChangeListDocument(string Tenant, int Count, IReadOnlyList<ChangeSummaryDocument> Changes);

/// <summary>One schedule conflict, as JSON.</summary>
/// <param name="First">The change with the smaller id.</param>
/// <param name="FirstTitle">Its title.</param>
/// <param name="Second">The other change.</param>
/// <param name="SecondTitle">Its title.</param>
/// <param name="Reason">SameItem or DependentItems.</param>
/// <param name="FirstItem">The item of the first change involved.</param>
/// <param name="SecondItem">The item of the second change involved.</param>
/// <param name="OverlapStart">Where the windows start to overlap (UTC).</param>
/// <param name="OverlapEnd">Where they stop (UTC).</param>
internal sealed record ConflictDocument(string First, string? FirstTitle, string Second, string? SecondTitle, string Reason, string FirstItem, string SecondItem, string OverlapStart, string OverlapEnd);

/// <summary>The document of <c>itsm change conflicts --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="From">The period's start (UTC).</param>
/// <param name="To">The period's end, exclusive (UTC).</param>
/// <param name="Count">How many conflicts follow.</param>
/// <param name="Conflicts">The conflicts.</param>
internal sealed record ConflictListDocument(string Tenant, string From, string To, int Count, IReadOnlyList<ConflictDocument> Conflicts);
