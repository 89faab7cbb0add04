using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

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
