using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Incidents;

/// <summary>
/// An incident record: an unplanned interruption or reduction in quality of a service, with its
/// priority decision, its lifecycle and its SLA clocks.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lifecycle.</b> New -> Assigned -> InProgress &lt;-> OnHold -> Resolved -> Closed; reopen from
/// Resolved within <see cref="DefaultReopenWindow"/> (or the window given to <see cref="Reopen"/>); cancel from
/// any open state. The one table <see cref="IncidentLifecycle.Table"/> says which transition is allowed from which
/// state; the guards, <see cref="NextStates"/> and <see cref="Restore"/> read it.
/// </para>
/// <para>
/// <b>One convention for every transition.</b> Its own inputs come first, then the acting user, then the instant
/// (<c>Resolve(resolution, by, at)</c>). It checks the state first (<c>incident.illegal-transition</c>, naming the
/// current state, the states the action is allowed in and the next states), then the time (an instant before the
/// latest record is <c>incident.time-order</c>: history never runs backwards), then its input
/// (<see cref="ResultStatus.Invalid"/> with the field named). It either makes its transition and appends one event
/// to <see cref="History"/>, or returns a failed <see cref="Result"/> and changes nothing. The only second record a
/// transition may add is an <see cref="IncidentSlaNotApplied"/> note at the same instant, when the SLA has no
/// targets for the priority it sets.
/// </para>
/// <para>
/// <b>SLA clocks.</b> When an SLA applies, opening starts a response and a resolution clock with the
/// targets for the priority. The first assignment, start of work or response stops the response
/// clock; a hold pauses the resolution clock when the SLA lists the state; resuming resumes it;
/// resolving stops both; reopening continues the resolution clock with the resolved interval
/// excluded; a priority change re-targets the running clocks under the SLA's policy and records why.
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed partial class Incident
{
    private Incident(IncidentSnapshot s)
    {
        Id = s.Id;
        Title = s.Title;
        Caller = s.Caller;
        Service = s.Service;
        Customer = s.Customer;
        AffectedItem = s.AffectedItem;
        Facts = s.Facts;
        Decision = s.Decision;
        State = s.State;
        Assignee = s.Assignee;
        Hold = s.Hold;
        OpenedAt = s.OpenedAt;
        ResolvedAt = s.ResolvedAt;
        Resolution = s.Resolution;
        Problem = s.Problem;
        Sla = s.Sla;
        ResponseClock = s.ResponseClock;
        ResolutionClock = s.ResolutionClock;
        NextBreachAt = s.NextBreachAt;
        History = s.History;
    }

    /// <summary>How long after resolution an incident may be reopened by default: five days.</summary>
    public static Duration DefaultReopenWindow { get; } = Duration.FromDays(5);

    /// <summary>Error code of an action the current state does not allow.</summary>
    public const string IllegalTransitionCode = "incident.illegal-transition";

    /// <summary>Error code of an action at an instant before the incident's latest record.</summary>
    public const string TimeOrderCode = "incident.time-order";

    /// <summary>The incident's identifier.</summary>
    public IncidentId Id { get; }

    /// <summary>A one-line summary.</summary>
    public string Title { get; }

    /// <summary>Who reported it.</summary>
    public UserId Caller { get; }

    /// <summary>The affected business service.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The customer, when the SLA is customer-specific.</summary>
    public CustomerId? Customer { get; }

    /// <summary>The configuration item that failed, when known.</summary>
    public ConfigurationItemId? AffectedItem { get; }

    /// <summary>The facts the priority rules looked at (VIP caller, major incident, category).</summary>
    public IncidentFacts Facts { get; }

    /// <summary>How the current priority was decided.</summary>
    public PriorityDecision Decision { get; private set; }

    /// <summary>The current priority.</summary>
    public Priority Priority => Decision.Priority;

    /// <summary>Where the incident is in its lifecycle.</summary>
    public IncidentState State { get; private set; }

    /// <summary>Who works on it, once assigned.</summary>
    public UserId? Assignee { get; private set; }

    /// <summary>Why it is on hold, while <see cref="State"/> is <see cref="IncidentState.OnHold"/>.</summary>
    public HoldReason? Hold { get; private set; }

    /// <summary>When it was opened.</summary>
    public Instant OpenedAt { get; }

    /// <summary>When it was last resolved, if it is resolved or closed.</summary>
    public Instant? ResolvedAt { get; private set; }

    /// <summary>How it was resolved.</summary>
    public string? Resolution { get; private set; }

    /// <summary>The problem record it is linked to.</summary>
    public ProblemId? Problem { get; private set; }

    /// <summary>The SLA terms it was opened under, or null when no SLA applies.</summary>
    public IncidentSla? Sla { get; private set; }

    /// <summary>The time-to-first-response clock, when an SLA applies.</summary>
    public SlaClock? ResponseClock { get; private set; }

    /// <summary>The time-to-resolution clock, when an SLA applies.</summary>
    public SlaClock? ResolutionClock { get; private set; }

    /// <summary>
    /// The earliest instant a running clock breaches if nothing else happens, as of the last
    /// <see cref="ProjectSla"/>; null when no clock runs towards a breach. Indexed for breach forecasting.
    /// </summary>
    public Instant? NextBreachAt { get; private set; }

    /// <summary>Everything that happened, oldest first.</summary>
    public ImmutableList<IncidentEvent> History { get; private set; }

    /// <summary>True while the incident is open: in one of <see cref="IncidentLifecycle.OpenStates"/> (New, Assigned, InProgress or OnHold).</summary>
    public bool IsOpen => IncidentLifecycle.IsOpen(State);

    /// <summary>
    /// Opens an incident. When <paramref name="sla"/> is given and has targets for the decided
    /// priority, starts its response and resolution clocks at <paramref name="at"/>; otherwise records why no clock runs.
    /// When <paramref name="agreement"/> is given and a version of it is in force at <paramref name="at"/>, that version's
    /// targets replace the definition's (the definition still names the calendar, thresholds and pauses).
    /// </summary>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    public static Result<Incident> Open(
        IncidentId id,
        string title,
        UserId caller,
        ConfigurationItemId service,
        PriorityDecision decision,
        UserId openedBy,
        Instant at,
        SlaDefinition? sla = null,
        CustomerId? customer = null,
        ConfigurationItemId? affectedItem = null,
        IncidentFacts? facts = null,
        AgreementTargets? agreement = null)
    {
        Preconditions.CheckNotNull(title);
        Preconditions.CheckNotNull(decision);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(Failure.Field("Title", "An incident needs a title that says what is wrong.", "incident.title"));
        }

        if (id.Value == Guid.Empty || caller.Value is null || service.Value is null || openedBy.Value is null)
        {
            errors.Add(Failure.Field(string.Empty, "The incident id, caller, service and opening user must be assigned identifiers.", "incident.identifier"));
        }

        if (errors.Count > 0)
        {
            return Result<Incident>.Invalid(errors);
        }

        var history = ImmutableList.Create<IncidentEvent>(new IncidentOpened(at, openedBy, decision));
        IncidentSla? terms = null;
        SlaClock? response = null, resolution = null;
        if (sla is null)
        {
            history = history.Add(new IncidentSlaNotApplied(at, openedBy, $"no SLA definition applies to service {service}"));
        }
        else if (IncidentSla.From(sla, agreement) is var applied && applied.TargetsAt(at, at, decision.Priority.Rank) is not { } targets)
        {
            terms = applied;
            var source = applied.VersionAt(at, at) is null ? $"SLA '{sla.Name}'" : applied.SourceAt(at, at);
            history = history.Add(new IncidentSlaNotApplied(at, openedBy, $"{source} has no targets for {decision.Priority}"));
        }
        else
        {
            terms = applied;
            response = SlaClock.Start(SlaMetric.Response, at, targets.Response, sla.WarningThresholds).Value;
            resolution = SlaClock.Start(SlaMetric.Resolution, at, targets.Resolution, sla.WarningThresholds).Value;
        }

        return new Incident(new IncidentSnapshot(
            id, title.Trim(), caller, service, customer, affectedItem, facts ?? IncidentFacts.None, decision, IncidentState.New,
            null, null, at, null, null, null, terms, response, resolution, null, history));
    }

    /// <summary>Assigns (or reassigns) the incident; the first assignment stops the response clock. Allowed while open; New becomes Assigned.</summary>
    /// <param name="assignee">Who works on it.</param>
    /// <param name="by">Who assigns it.</param>
    /// <param name="at">When.</param>
    public Result Assign(UserId assignee, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.Assign, "assign", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (assignee.Value is null)
        {
            return Result.Invalid(Failure.Field("Assignee", "Say who the incident is assigned to.", "incident.assignee"));
        }

        Assignee = assignee;
        State = Target(IncidentTransition.Assign);
        StopResponseClock(at);
        return Append(new IncidentAssigned(at, by, assignee));
    }

    /// <summary>Starts work: Assigned -> InProgress. Stops the response clock if it still runs.</summary>
    /// <param name="by">Who starts work.</param>
    /// <param name="at">When.</param>
    public Result StartWork(UserId by, Instant at)
    {
        var check = Require(IncidentTransition.StartWork, "start work on", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        State = Target(IncidentTransition.StartWork);
        StopResponseClock(at);
        return Append(new IncidentWorkStarted(at, by));
    }

    /// <summary>Records the first response to the caller, stopping the response clock. Allowed once, while open.</summary>
    /// <param name="by">Who responded.</param>
    /// <param name="at">When.</param>
    public Result RecordFirstResponse(UserId by, Instant at)
    {
        var check = Require(IncidentTransition.RecordFirstResponse, "record a first response on", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (History.Any(e => e is IncidentFirstResponse))
        {
            return Failure.Conflict($"Incident {Id} already has a first response.", "incident.already-responded");
        }

        StopResponseClock(at);
        return Append(new IncidentFirstResponse(at, by));
    }

    /// <summary>Puts the incident on hold: InProgress -> OnHold. Pauses the resolution clock when the SLA lists the state or the reason.</summary>
    /// <param name="reason">Why it waits.</param>
    /// <param name="by">Who puts it on hold.</param>
    /// <param name="at">When.</param>
    public Result PutOnHold(HoldReason reason, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.PutOnHold, "put on hold", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (!Enum.IsDefined(reason))
        {
            return Result.Invalid(Failure.Field("Reason", $"'{reason}' is not a hold reason; use AwaitingCustomer or AwaitingSupplier.", "incident.hold-reason"));
        }

        if (Sla is { } sla && sla.PausesOn(reason) && ResolutionClock is { IsStopped: false } clock)
        {
            var paused = clock.Pause(at, reason.ToString(), Sequence());
            if (!paused.IsSuccess)
            {
                return paused.AsFailure();
            }

            ResolutionClock = paused.Value;
        }

        State = Target(IncidentTransition.PutOnHold);
        Hold = reason;
        return Append(new IncidentPutOnHold(at, by, reason));
    }

    /// <summary>Resumes work: OnHold -> InProgress, resuming the resolution clock if the hold paused it.</summary>
    /// <param name="by">Who resumes.</param>
    /// <param name="at">When.</param>
    public Result Resume(UserId by, Instant at)
    {
        var check = Require(IncidentTransition.Resume, "resume", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (ResolutionClock is { } clock && IsPaused(clock))
        {
            var resumed = clock.Resume(at, Sequence());
            if (!resumed.IsSuccess)
            {
                return resumed.AsFailure();
            }

            ResolutionClock = resumed.Value;
        }

        State = Target(IncidentTransition.Resume);
        Hold = null;
        return Append(new IncidentResumed(at, by));
    }

    /// <summary>The states this incident may move to next from its current state (itself included when a transition keeps it), from <see cref="IncidentLifecycle.Table"/>.</summary>
    public IReadOnlyList<IncidentState> NextStates() => IncidentLifecycle.Table.NextStates(State);

    /// <summary>The transitions allowed from the current state, from <see cref="IncidentLifecycle.Table"/>; each may still be refused for its input or its own rule (a second first response, a reopen past the window).</summary>
    public IReadOnlyList<IncidentTransition> AllowedTransitions() => IncidentLifecycle.Table.TransitionsFrom(State);

    /// <summary>State first, then time: the transition must be allowed from the current state by the table, and <paramref name="at"/> must not be before the latest record.</summary>
    private Result Require(IncidentTransition via, string action, Instant at) =>
        IncidentLifecycle.Table.Require(State, via, action, $"incident {Id}", History[^1].At, at, "incident.illegal-transition", TimeOrderCode);

    /// <summary>The state <paramref name="via"/> leads to from the current one; the incident table has one target per row.</summary>
    private IncidentState Target(IncidentTransition via) => IncidentLifecycle.Table.TargetsOf(State, via)[0];

    private Result Append(IncidentEvent e)
    {
        History = History.Add(e);
        return Result.Success();
    }
}
