using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>
/// A request for change: the aggregate that carries a change from Draft through assessment,
/// approval, scheduling and implementation to review and closure.
/// </summary>
/// <remarks>
/// <para>
/// Lifecycle: Draft -> Submitted -> Assessed -> Approved | Rejected; Approved -> Scheduled ->
/// Implementing -> Implemented | Failed -> Reviewed -> Closed; Rejected -> Closed. A successful
/// standard or normal change may close straight from Implemented; an emergency change and every
/// failed change must be reviewed first (mandatory post-implementation review). A standard change
/// assessed low is approved at once (pre-approved); assessed above low it is reclassified normal,
/// with the reason recorded. Re-assessing an assessed change discards the approvals so far.
/// </para>
/// <para>
/// <b>One convention for every transition.</b> Its own inputs come first, then the acting user, then the instant
/// (<c>Complete(notes, actor, at)</c>). It checks the state first against <see cref="ChangeLifecycle.Table"/>, then
/// the time, then its input and its rules (authority, segregation of duties, schedule conflicts), and appends its
/// event, and only one: an assessment that reclassifies a standard change says so in its <see cref="ChangeRiskAssessed"/>,
/// and the assessment or approval that approves the change says so in its own record.
/// </para>
/// <para>
/// Every method returns a <see cref="Result"/> and leaves the change unchanged on failure. An
/// illegal transition is a <see cref="ResultStatus.Conflict"/> with error code
/// <c>change.illegal-transition</c> whose message names the current state and the states the
/// action is allowed from. Segregation of duties: the requester can never approve or reject their
/// own change (<see cref="ResultStatus.Forbidden"/>, <c>change.self-approval</c>).
/// Every transition appends a <see cref="ChangeEvent"/> to <see cref="History"/>, which is stored
/// with the change and restored with it, and to <see cref="Events"/> (only those since it was
/// raised or restored, for dispatch). Time never runs backwards: an action at an instant before
/// the latest event is a <see cref="ResultStatus.Conflict"/>, <c>change.time-order</c>.
/// </para>
/// <para>Not thread-safe: one request works on one instance at a time.</para>
/// </remarks>
public sealed partial class ChangeRequest
{
    /// <summary>Error code of an illegal lifecycle transition.</summary>
    public const string IllegalTransitionCode = "change.illegal-transition";

    /// <summary>Error code of an attempt by the requester to approve or reject their own change.</summary>
    public const string SelfApprovalCode = "change.self-approval";

    /// <summary>Error code of an approval by someone without the required authority.</summary>
    public const string InsufficientAuthorityCode = "change.insufficient-authority";

    /// <summary>Error code of an action at an instant before the change's latest event.</summary>
    public const string TimeOrderCode = "change.time-order";

    /// <summary>Error code of scheduling a change that conflicts with another on the change calendar.</summary>
    public const string ScheduleConflictCode = "change.schedule-conflict";

    /// <summary>Error code of affected items the CMDB does not know (<see cref="Raise"/>).</summary>
    public const string UnknownItemsCode = "change.unknown-items";

    /// <summary>Error code of a stored history that does not fit the change (restoring through <see cref="Restore"/>).</summary>
    public const string HistoryCode = "change.history";

    private readonly List<ChangeEvent> events = [];
    private ImmutableArray<ApprovalDecision> decisions = [];
    private ImmutableList<ChangeEvent> history = [];

    private ChangeRequest(ChangeId id, ChangeType type, string title, UserId requester, ImmutableArray<ConfigurationItemId> affectedItems, Interval plannedWindow, ChangePlans plans, string? template, Instant raisedAt)
    {
        Id = id;
        Type = type;
        Title = title;
        Requester = requester;
        AffectedItems = affectedItems;
        PlannedWindow = plannedWindow;
        Plans = plans;
        Template = template;
        RaisedAt = raisedAt;
    }

    /// <summary>The change's identifier.</summary>
    public ChangeId Id { get; }

    /// <summary>Its type; a standard change assessed above low becomes <see cref="ChangeType.Normal"/>.</summary>
    public ChangeType Type { get; private set; }

    /// <summary>A one-line summary.</summary>
    public string Title { get; }

    /// <summary>Who raised it; never an approver of it.</summary>
    public UserId Requester { get; }

    /// <summary>The configuration items the change touches, distinct and ordered.</summary>
    public ImmutableArray<ConfigurationItemId> AffectedItems { get; }

    /// <summary>The planned implementation window, half-open [start, end).</summary>
    public Interval PlannedWindow { get; }

    /// <summary>The implementation, test and backout plans.</summary>
    public ChangePlans Plans { get; }

    /// <summary>The standard change template it was raised from, or null.</summary>
    public string? Template { get; }

    /// <summary>When it was raised.</summary>
    public Instant RaisedAt { get; }

    /// <summary>Where it is in its lifecycle.</summary>
    public ChangeStatus Status { get; private set; }

    /// <summary>The latest risk assessment, or null before assessment.</summary>
    public RiskAssessment? Assessment { get; private set; }

    /// <summary>The approval the latest assessment requires, or null before assessment.</summary>
    public ApprovalRequirement? Requirement { get; private set; }

    /// <summary>Why a standard change was reclassified normal, or null.</summary>
    public string? ReclassificationReason { get; private set; }

    /// <summary>Approvals and rejections since the latest assessment, in order.</summary>
    public ImmutableArray<ApprovalDecision> Decisions => decisions;

    /// <summary>When implementation started, or null.</summary>
    public Instant? ImplementationStartedAt { get; private set; }

    /// <summary>When implementation ended (implemented or failed), or null.</summary>
    public Instant? ImplementationEndedAt { get; private set; }

    /// <summary>Notes on the implementation outcome, or null.</summary>
    public string? OutcomeNotes { get; private set; }

    /// <summary>The remediation of a failed change, or null when it did not fail.</summary>
    public FailureRemediation? Remediation { get; private set; }

    /// <summary>The post-implementation review, or null.</summary>
    public PostImplementationReview? Review { get; private set; }

    /// <summary>Domain events raised on this instance since it was created or restored, in order.</summary>
    public IReadOnlyList<ChangeEvent> Events => events;

    /// <summary>
    /// Everything that happened to the change, oldest first, from <see cref="ChangeRaised"/> on: who
    /// did what, when, with which assessment, authority and reason. Stored with the change and
    /// restored with it; <see cref="ClearEvents"/> does not touch it.
    /// </summary>
    public ImmutableList<ChangeEvent> History => history;

    /// <summary>True while the change is open: in one of <see cref="ChangeLifecycle.OpenStatuses"/> (anything but Closed).</summary>
    public bool IsOpen => ChangeLifecycle.IsOpen(Status);

    /// <summary>True when a post-implementation review is needed before closure: emergency changes and failed changes.</summary>
    public bool RequiresReview => Type == ChangeType.Emergency || Remediation is not null;

    /// <summary>
    /// True when the change altered the configuration under authorisation: implemented, or failed
    /// and fixed forward (a backed-out change leaves the configuration as it was). These are the
    /// changes a configuration audit matches CMDB differences to.
    /// </summary>
    public bool IsAuthorisedAndImplemented =>
        ImplementationEndedAt is not null && Remediation is null or FailureRemediation.FixedForward;

    /// <summary>Raises a change request in <see cref="ChangeStatus.Draft"/>.</summary>
    /// <param name="id">Its identifier.</param>
    /// <param name="type">Standard (needs <paramref name="template"/>), normal or emergency.</param>
    /// <param name="title">A one-line summary.</param>
    /// <param name="requester">Who raises it.</param>
    /// <param name="affectedItems">The configuration items it touches; at least one.</param>
    /// <param name="knownItems">
    /// The configuration items the CMDB holds (not retired), as the caller found them; at least those of
    /// <paramref name="affectedItems"/> it knows. An affected item not among them is refused (Invalid,
    /// <c>change.unknown-items</c>, listing every unknown id): an item the CMDB does not know would count as
    /// impacting nothing and understate the risk.
    /// </param>
    /// <param name="plannedWindow">The planned window; must have a start and an end, start before end.</param>
    /// <param name="plans">The plans; for a standard change null takes the template's plans.</param>
    /// <param name="at">When.</param>
    /// <param name="template">The pre-approved template of a standard change; null otherwise.</param>
    /// <returns>The change, or Invalid with field-level errors.</returns>
    public static Result<ChangeRequest> Raise(
        ChangeId id,
        ChangeType type,
        string title,
        UserId requester,
        IEnumerable<ConfigurationItemId> affectedItems,
        IEnumerable<ConfigurationItemId> knownItems,
        Interval plannedWindow,
        ChangePlans? plans,
        Instant at,
        StandardChangeTemplate? template = null)
    {
        Preconditions.CheckNotNull(affectedItems);
        Preconditions.CheckNotNull(knownItems);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(Failure.Field("Title", "A change needs a title.", "change.title"));
        }

        var items = affectedItems.Distinct().Order().ToImmutableArray();
        if (items.IsEmpty)
        {
            errors.Add(Failure.Field("AffectedItems", "A change must name at least one affected configuration item.", "change.affected-items"));
        }
        else
        {
            var known = knownItems.ToHashSet();
            var unknown = items.Where(i => !known.Contains(i)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(Failure.Field(
                    "AffectedItems",
                    $"The CMDB does not know {(unknown.Count == 1 ? "the configuration item" : $"{unknown.Count} configuration items:")} {string.Join(", ", unknown.Select(i => $"'{i}'"))} (not in it, or retired); correct the id or add the item to the CMDB.",
                    UnknownItemsCode));
            }
        }

        if (!Windows.IsBoundedAndNonEmpty(plannedWindow))
        {
            errors.Add(Failure.Field("PlannedWindow", $"The planned window needs a start before its end, but was {plannedWindow}.", "change.window"));
        }

        if (!Enum.IsDefined(type))
        {
            errors.Add(Failure.Field("Type", $"Unknown change type {type}.", "change.type"));
        }
        else if (type == ChangeType.Standard && template is null)
        {
            errors.Add(Failure.Field("Template", "A standard change must be raised from a pre-approved template.", "change.template"));
        }
        else if (type != ChangeType.Standard && template is not null)
        {
            errors.Add(Failure.Field("Template", $"Only standard changes come from templates; this is a {type} change.", "change.template"));
        }

        var effectivePlans = plans ?? template?.Plans;
        if (effectivePlans is null)
        {
            errors.Add(Failure.Field("Plans", "A change needs an implementation plan.", "change.plans"));
        }

        if (errors.Count > 0)
        {
            return Result<ChangeRequest>.Invalid(errors);
        }

        var change = new ChangeRequest(id, type, title.Trim(), requester, items, plannedWindow, effectivePlans!, template?.Name, at);
        change.Record(new ChangeRaised(id, requester, at, type));
        return change;
    }

    /// <summary>Draft -> Submitted.</summary>
    public Result Submit(UserId actor, Instant at)
    {
        if (Guard(ChangeTransition.Submit, "submit", at) is { } refused)
        {
            return refused;
        }

        Status = ChangeStatus.Submitted;
        Record(new ChangeSubmitted(Id, actor, at));
        return Result.Success();
    }

    /// <summary>
    /// Submitted or Assessed -> Assessed: records <paramref name="assessment"/> and the approval
    /// <paramref name="policy"/> requires. A standard change assessed above low is reclassified normal;
    /// one assessed low is approved at once. Re-assessment discards earlier approvals.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="assessment"/> or <paramref name="policy"/> is null.</exception>
    public Result AssessRisk(RiskAssessment assessment, ApprovalPolicy policy, UserId actor, Instant at)
    {
        Preconditions.CheckNotNull(assessment);
        Preconditions.CheckNotNull(policy);
        if (Guard(ChangeTransition.AssessRisk, "assess", at) is { } refused)
        {
            return refused;
        }

        ChangeReclassification? reclassification = null;
        if (Type == ChangeType.Standard && assessment.Class > RiskClass.Low)
        {
            ReclassificationReason = $"Standard change assessed {assessment.Class} risk by '{assessment.Model}'; a standard change must be low risk, so it is handled as a normal change.";
            Type = ChangeType.Normal;
            reclassification = new ChangeReclassification(ChangeType.Standard, ChangeType.Normal, ReclassificationReason);
        }

        Assessment = assessment;
        Requirement = policy.RequirementFor(Type, assessment.Class);
        decisions = [];
        Status = Requirement.IsPreApproved ? ChangeStatus.Approved : ChangeStatus.Assessed;
        Record(new ChangeRiskAssessed(Id, actor, at, assessment, Requirement, reclassification));
        return Result.Success();
    }

    /// <summary>
    /// Records an approval by <paramref name="approver"/>, who holds <paramref name="held"/>;
    /// Assessed -> Approved once the required quorum of distinct approvers is reached.
    /// </summary>
    /// <returns>Forbidden when the approver is the requester or lacks the required authority;
    /// Conflict when they already approved or the change is not Assessed; Invalid without a reason.</returns>
    public Result Approve(ChangeAuthority held, string reason, UserId approver, Instant at)
    {
        var check = CheckDecision(ChangeTransition.Approve, "approve", approver, held, reason, at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (decisions.Any(d => d.Approved && d.Approver == approver))
        {
            return Failure.Conflict($"{approver} has already approved change {Id}; a quorum needs distinct approvers.", "change.duplicate-approval");
        }

        var decision = new ApprovalDecision(approver, Requirement!.Authority, at, true, reason.Trim());
        decisions = decisions.Add(decision);
        var approves = decisions.Count(d => d.Approved) >= Requirement.Quorum;
        Status = approves ? ChangeStatus.Approved : Status;
        Record(new ChangeApprovalRecorded(Id, approver, at, decision, approves));
        return Result.Success();
    }

    /// <summary>Assessed -> Rejected by an approver holding the required authority, with a reason.</summary>
    /// <returns>Forbidden when the approver is the requester or lacks authority; Conflict when not Assessed; Invalid without a reason.</returns>
    public Result Reject(ChangeAuthority held, string reason, UserId approver, Instant at)
    {
        var check = CheckDecision(ChangeTransition.Reject, "reject", approver, held, reason, at);
        if (!check.IsSuccess)
        {
            return check;
        }

        var decision = new ApprovalDecision(approver, Requirement!.Authority, at, false, reason.Trim());
        decisions = decisions.Add(decision);
        Status = ChangeStatus.Rejected;
        Record(new ChangeRejected(Id, approver, at, decision));
        return Result.Success();
    }

    /// <summary>
    /// Approved -> Scheduled into <see cref="PlannedWindow"/>, unless <paramref name="conflicts"/> (the caller's
    /// findings on the change calendar, see <see cref="ScheduleConflictDetector.FindConflictsWith"/>) holds a
    /// conflict of this change: then Conflict, <c>change.schedule-conflict</c>, listing each conflicting change,
    /// the items and the overlap. Conflicts between other changes are ignored.
    /// </summary>
    /// <param name="conflicts">The schedule conflicts found for this change; empty when there are none.</param>
    /// <param name="actor">Who schedules it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conflicts"/> is null.</exception>
    public Result Schedule(IEnumerable<ScheduleConflict> conflicts, UserId actor, Instant at)
    {
        Preconditions.CheckNotNull(conflicts);
        if (Guard(ChangeTransition.Schedule, "schedule", at) is { } refused)
        {
            return refused;
        }

        var mine = conflicts.Where(c => c is not null && c.Involves(Id)).ToList();
        if (mine.Count > 0)
        {
            var list = string.Join("; ", mine.Select(c => $"{c.Other(Id)} ({c.Reason} {c.FirstItem}/{c.SecondItem}, overlap {c.Overlap})"));
            return Failure.Conflict($"Change {Id} conflicts with {mine.Count} change(s) on the calendar: {list}. Move one window and re-assess.", ScheduleConflictCode);
        }

        Status = ChangeStatus.Scheduled;
        Record(new ChangeScheduled(Id, actor, at, PlannedWindow));
        return Result.Success();
    }

    /// <summary>
    /// The states this change may move to next from its current state, from <see cref="ChangeLifecycle.Table"/>
    /// (itself included when a transition may keep it), without Closed for an implemented change that must be
    /// reviewed first.
    /// </summary>
    public IReadOnlyList<ChangeStatus> NextStates() =>
        [.. AllowedTransitions().SelectMany(via => ChangeLifecycle.Table.TargetsOf(Status, via)).Distinct().Order()];

    /// <summary>The transitions allowed from the current state: the rows of <see cref="ChangeLifecycle.Table"/>, less closing an implemented change that must be reviewed first. Each may still be refused for its input or its own rule.</summary>
    public IReadOnlyList<ChangeTransition> AllowedTransitions() =>
        [.. ChangeLifecycle.Table.TransitionsFrom(Status).Where(via => !ReviewPending(via))];

    /// <summary>True when the approvals since the latest assessment satisfy its requirement (always true for pre-approval).</summary>
    public bool HasRequiredApprovals() =>
        Requirement is not null
        && decisions.Where(d => d.Approved && d.Approver != Requester && d.Authority == Requirement.Authority).Select(d => d.Approver).Distinct().Count() >= Requirement.Quorum;

    /// <summary>Forgets the events raised so far (after they were dispatched).</summary>
    public void ClearEvents() => events.Clear();

    /// <summary>Returns the identifier, type, status and title, for diagnostics.</summary>
    public override string ToString() => $"{Id} {Type} {Status}: {Title}";
}
