using System.Collections.Immutable;
using Itsm.Core.Calendars;
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
public sealed class Incident
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
    public IncidentSla? Sla { get; }

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
        IncidentFacts? facts = null)
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
        else if (!sla.Targets.TryGetValue(decision.Priority.Rank, out var targets))
        {
            terms = IncidentSla.From(sla);
            history = history.Add(new IncidentSlaNotApplied(at, openedBy, $"SLA '{sla.Name}' has no targets for {decision.Priority}"));
        }
        else
        {
            terms = IncidentSla.From(sla);
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

    /// <summary>Resolves the incident (from Assigned, InProgress or OnHold), stopping both clocks.</summary>
    /// <param name="resolution">How service was restored.</param>
    /// <param name="by">Who resolves it.</param>
    /// <param name="at">When.</param>
    public Result Resolve(string? resolution, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.Resolve, "resolve", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(resolution))
        {
            return Result.Invalid(Failure.Field("Resolution", "Say how service was restored.", "incident.resolution"));
        }

        StopResponseClock(at);
        if (ResolutionClock is { IsStopped: false } clock)
        {
            ResolutionClock = StopIfRunning(clock, at);
        }

        State = Target(IncidentTransition.Resolve);
        Hold = null;
        ResolvedAt = at;
        Resolution = resolution.Trim();
        return Append(new IncidentResolved(at, by, Resolution));
    }

    /// <summary>Closes a resolved incident.</summary>
    /// <param name="by">Who closes it.</param>
    /// <param name="at">When.</param>
    public Result Close(UserId by, Instant at)
    {
        var check = Require(IncidentTransition.Close, "close", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        State = Target(IncidentTransition.Close);
        return Append(new IncidentClosed(at, by));
    }

    /// <summary>
    /// Reopens a resolved incident within <paramref name="window"/> of its resolution (default
    /// <see cref="DefaultReopenWindow"/>): Resolved -> InProgress. The resolution clock continues
    /// with the resolved interval excluded.
    /// </summary>
    /// <param name="reason">Why it is reopened.</param>
    /// <param name="by">Who reopens it.</param>
    /// <param name="at">When.</param>
    /// <param name="window">How long after resolution it may be reopened; null for <see cref="DefaultReopenWindow"/>.</param>
    public Result Reopen(string? reason, UserId by, Instant at, Duration? window = null)
    {
        var check = Require(IncidentTransition.Reopen, "reopen", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Invalid(Failure.Field("Reason", "Say why the incident is reopened.", "incident.reopen-reason"));
        }

        var limit = window ?? DefaultReopenWindow;
        if (at - ResolvedAt!.Value > limit)
        {
            return Failure.Conflict(
                $"Incident {Id} was resolved at {ResolvedAt} and may be reopened only within {limit.TotalHours:0.#} hours; open a new incident instead.",
                "incident.reopen-window");
        }

        if (ResolutionClock is { IsStopped: true } clock)
        {
            var resolvedAt = clock.Events[^1].At;
            var events = clock.Events.RemoveAt(clock.Events.Length - 1)
                .Add(new SlaClockPaused(resolvedAt, clock.Events[^1].Sequence, "resolved"))
                .Add(new SlaClockResumed(at, Sequence()));
            var continued = SlaClock.Replay(clock.Metric, clock.WarningThresholds, events);
            if (!continued.IsSuccess)
            {
                return continued.AsFailure();
            }

            ResolutionClock = continued.Value;
        }

        State = Target(IncidentTransition.Reopen);
        ResolvedAt = null;
        Resolution = null;
        return Append(new IncidentReopened(at, by, reason.Trim()));
    }

    /// <summary>Cancels an open incident, stopping its clocks.</summary>
    /// <param name="reason">Why it is cancelled.</param>
    /// <param name="by">Who cancels it.</param>
    /// <param name="at">When.</param>
    public Result Cancel(string? reason, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.Cancel, "cancel", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Invalid(Failure.Field("Reason", "Say why the incident is cancelled.", "incident.cancel-reason"));
        }

        ResponseClock = StopIfRunning(ResponseClock, at);
        ResolutionClock = StopIfRunning(ResolutionClock, at);
        State = Target(IncidentTransition.Cancel);
        Hold = null;
        return Append(new IncidentCancelled(at, by, reason.Trim()));
    }

    /// <summary>
    /// Changes the priority to <paramref name="decision"/>'s, with a mandatory reason, and re-targets
    /// the clocks that have not stopped under the SLA's re-target policy. Allowed while open. When the SLA
    /// has no targets for the new priority, the clocks keep theirs and an <see cref="IncidentSlaNotApplied"/>
    /// note at the same instant says so.
    /// </summary>
    /// <param name="decision">The new priority decision.</param>
    /// <param name="reason">Why the priority changes.</param>
    /// <param name="by">Who changes it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decision"/> is null.</exception>
    public Result ChangePriority(PriorityDecision decision, string? reason, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(decision);
        var check = Require(IncidentTransition.ChangePriority, "change the priority of", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Invalid(Failure.Field("Reason", "Say why the priority changes.", "incident.priority-reason"));
        }

        var previous = Priority;
        var response = ResponseClock;
        var resolution = ResolutionClock;
        var note = (IncidentEvent?)null;
        if (Sla is { } sla && decision.Priority != previous)
        {
            if (sla.Targets.TryGetValue(decision.Priority.Rank, out var targets))
            {
                var why = $"priority {previous} -> {decision.Priority}: {reason.Trim()}";
                var retargeted = Retarget(response, targets.Response, why, sla.RetargetPolicy, at);
                if (!retargeted.IsSuccess)
                {
                    return retargeted.AsFailure();
                }

                response = retargeted.Value;
                retargeted = Retarget(resolution, targets.Resolution, why, sla.RetargetPolicy, at);
                if (!retargeted.IsSuccess)
                {
                    return retargeted.AsFailure();
                }

                resolution = retargeted.Value;
            }
            else
            {
                note = new IncidentSlaNotApplied(at, by, $"SLA has no targets for {decision.Priority}; the clocks keep their {previous} targets");
            }
        }

        Decision = decision;
        ResponseClock = response;
        ResolutionClock = resolution;
        Append(new IncidentPriorityChanged(at, by, previous, decision, reason.Trim()));
        if (note is not null)
        {
            History = History.Add(note);
        }

        return Result.Success();
    }

    /// <summary>Links the incident to a problem record (any state but cancelled). Like every transition, refuses an instant before the latest record.</summary>
    /// <param name="problem">The problem record.</param>
    /// <param name="by">Who links it.</param>
    /// <param name="at">When.</param>
    public Result LinkToProblem(ProblemId problem, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.LinkToProblem, "link to a problem", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (problem.Value == Guid.Empty)
        {
            return Result.Invalid(Failure.Field("Problem", "Say which problem to link to.", "incident.problem"));
        }

        Problem = problem;
        return Append(new IncidentLinkedToProblem(at, by, problem));
    }

    /// <summary>
    /// Notes the workaround of a problem on the incident (revision <paramref name="revision"/> of <paramref name="problem"/>'s
    /// workaround); allowed while open and keeps the state. Pushing a workaround (<c>Problem.PushWorkaround</c>) makes one
    /// such note per open linked incident.
    /// </summary>
    /// <param name="problem">The problem whose workaround it is.</param>
    /// <param name="revision">The workaround revision, 1 or more.</param>
    /// <param name="workaround">The workaround text.</param>
    /// <param name="by">Who applies it.</param>
    /// <param name="at">When.</param>
    public Result ApplyWorkaround(ProblemId problem, int revision, string? workaround, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.ApplyWorkaround, "note a workaround on", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (problem.Value == Guid.Empty || revision < 1 || string.IsNullOrWhiteSpace(workaround))
        {
            return Result.Invalid(Failure.Field("Workaround", "Say which problem's workaround (and revision, 1 or more) applies, and what it is.", "incident.workaround"));
        }

        return Append(new IncidentWorkaroundApplied(at, by, problem, revision, workaround.Trim()));
    }

    /// <summary>The states this incident may move to next from its current state (itself included when a transition keeps it), from <see cref="IncidentLifecycle.Table"/>.</summary>
    public IReadOnlyList<IncidentState> NextStates() => IncidentLifecycle.Table.NextStates(State);

    /// <summary>The transitions allowed from the current state, from <see cref="IncidentLifecycle.Table"/>; each may still be refused for its input or its own rule (a second first response, a reopen past the window).</summary>
    public IReadOnlyList<IncidentTransition> AllowedTransitions() => IncidentLifecycle.Table.TransitionsFrom(State);

    /// <summary>
    /// Recomputes <see cref="NextBreachAt"/> from the clocks over <paramref name="calendar"/> as of
    /// <paramref name="at"/>. Call it after each change, before saving, so breach forecasting can use an index.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public void ProjectSla(BusinessCalendar calendar, Instant at)
    {
        Preconditions.CheckNotNull(calendar);
        Instant? next = null;
        foreach (var clock in new[] { ResponseClock, ResolutionClock })
        {
            if (clock is not null && clock.Evaluate(at, calendar).ProjectedBreach is { } breach && (next is null || breach < next))
            {
                next = breach;
            }
        }

        NextBreachAt = next;
    }

    /// <summary>Evaluates both clocks at <paramref name="at"/> over <paramref name="calendar"/>; null where there is no clock.</summary>
    public (SlaClockStatus? Response, SlaClockStatus? Resolution) SlaStatus(BusinessCalendar calendar, Instant at)
    {
        Preconditions.CheckNotNull(calendar);
        return (ResponseClock?.Evaluate(at, calendar), ResolutionClock?.Evaluate(at, calendar));
    }

    /// <summary>The incident's state as an immutable record, for storage.</summary>
    public IncidentSnapshot ToSnapshot() => new(
        Id, Title, Caller, Service, Customer, AffectedItem, Facts, Decision, State, Assignee, Hold, OpenedAt, ResolvedAt,
        Resolution, Problem, Sla, ResponseClock, ResolutionClock, NextBreachAt, History);

    /// <summary>
    /// Restores an incident from a snapshot taken by <see cref="ToSnapshot"/>, checking it against
    /// <see cref="IncidentLifecycle.Table"/> first.
    /// </summary>
    /// <remarks>
    /// The history must start with the opening at <see cref="IncidentSnapshot.OpenedAt"/>, never run backwards,
    /// make only transitions the table allows, and end in the snapshot's state with its assignee, hold reason,
    /// resolution, problem and priority. A stored incident that does not is refused here, never faulted on later.
    /// </remarks>
    /// <returns>The incident; or Invalid with code <c>incident.history</c> (<see cref="IncidentLifecycle.HistoryCode"/>) naming the incident and the first record that does not fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<Incident> Restore(IncidentSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var problem = !Enum.IsDefined(snapshot.State)
            ? $"Stored incident {snapshot.Id} has the unknown state {snapshot.State}."
            : snapshot.Decision is null || snapshot.Title is null
                ? $"Stored incident {snapshot.Id} has no title or priority decision."
                : IncidentLifecycle.Check(snapshot);
        return problem is null
            ? new Incident(snapshot)
            : Result<Incident>.Invalid(Failure.Field(nameof(IncidentSnapshot.History), problem, IncidentLifecycle.HistoryCode));
    }

    /// <summary>Restores an incident as <see cref="Restore"/> does, for stores that hold only snapshots they wrote.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="Restore"/> refuses the snapshot; the message names the incident and the record.</exception>
    public static Incident FromSnapshot(IncidentSnapshot snapshot)
    {
        var restored = Restore(snapshot);
        return restored.IsSuccess
            ? restored.Value
            : throw new ArgumentException(restored.ValidationErrors.First().ErrorMessage, nameof(snapshot));
    }

    /// <summary>True when the clock's last pause, resume or stop (in event order) is a pause; a re-target in between does not resume it.</summary>
    private static bool IsPaused(SlaClock clock) =>
        clock.Events.Where(e => e is SlaClockPaused or SlaClockResumed or SlaClockStopped)
            .OrderBy(e => e.At).ThenBy(e => e.Sequence)
            .LastOrDefault() is SlaClockPaused;

    /// <summary>
    /// The sequence for the <paramref name="offset"/>-th clock event of the transition being made:
    /// events at one instant are ordered by sequence, so each transition gets its own block.
    /// </summary>
    private long Sequence(int offset = 0) => (History.Count * 4L) + offset;

    private SlaClock? StopIfRunning(SlaClock? clock, Instant at) =>
        clock is { IsStopped: false } ? (IsPaused(clock) ? clock.Resume(at, Sequence()).Value : clock).Stop(at, Sequence(1)).Value : clock;

    private Result<SlaClock?> Retarget(SlaClock? clock, Duration target, string reason, SlaRetargetPolicy policy, Instant at)
    {
        if (clock is null || clock.IsStopped)
        {
            return clock;
        }

        var retargeted = clock.Retarget(at, target, reason, policy, Sequence(2));
        return retargeted.IsSuccess ? retargeted.Value : retargeted.AsFailure<SlaClock?>();
    }

    private void StopResponseClock(Instant at) => ResponseClock = StopIfRunning(ResponseClock, at);

    /// <summary>State first, then time: the transition must be allowed from the current state by the table, and <paramref name="at"/> must not be before the latest record.</summary>
    private Result Require(IncidentTransition via, string action, Instant at)
    {
        var table = IncidentLifecycle.Table;
        if (!table.Allows(State, via))
        {
            var next = table.NextStates(State);
            return Failure.Conflict(
                $"Cannot {action} incident {Id} while it is {State}; that is allowed only when it is {string.Join(" or ", table.StatesAllowing(via))}. "
                + $"From {State} it may move to: {(next.IsEmpty ? "nothing (final)" : string.Join(", ", next))}.",
                "incident.illegal-transition");
        }

        var last = History[^1].At;
        return at < last
            ? Failure.Conflict($"Cannot {action} incident {Id} at {at}: its last change was at {last}, and history does not run backwards.", TimeOrderCode)
            : Result.Success();
    }

    /// <summary>The state <paramref name="via"/> leads to from the current one; the incident table has one target per row.</summary>
    private IncidentState Target(IncidentTransition via) => IncidentLifecycle.Table.TargetsOf(State, via)[0];

    private Result Append(IncidentEvent e)
    {
        History = History.Add(e);
        return Result.Success();
    }
}

/// <summary>An incident's state as an immutable record, for storage. See <see cref="Incident"/> for the meaning of each member.</summary>
/// <param name="Id">The incident's identifier.</param>
/// <param name="Title">A one-line summary.</param>
/// <param name="Caller">Who reported it.</param>
/// <param name="Service">The affected business service.</param>
/// <param name="Customer">The customer, when the SLA is customer-specific.</param>
/// <param name="AffectedItem">The configuration item that failed, when known.</param>
/// <param name="Facts">The facts the priority rules looked at.</param>
/// <param name="Decision">How the current priority was decided.</param>
/// <param name="State">Where the incident is in its lifecycle.</param>
/// <param name="Assignee">Who works on it.</param>
/// <param name="Hold">Why it is on hold.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="ResolvedAt">When it was last resolved.</param>
/// <param name="Resolution">How it was resolved.</param>
/// <param name="Problem">The linked problem record.</param>
/// <param name="Sla">The SLA terms it was opened under.</param>
/// <param name="ResponseClock">The time-to-first-response clock.</param>
/// <param name="ResolutionClock">The time-to-resolution clock.</param>
/// <param name="NextBreachAt">The earliest projected breach of a running clock.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record IncidentSnapshot(
    IncidentId Id,
    string Title,
    UserId Caller,
    ConfigurationItemId Service,
    CustomerId? Customer,
    ConfigurationItemId? AffectedItem,
    IncidentFacts Facts,
    PriorityDecision Decision,
    IncidentState State,
    UserId? Assignee,
    HoldReason? Hold,
    Instant OpenedAt,
    Instant? ResolvedAt,
    string? Resolution,
    ProblemId? Problem,
    IncidentSla? Sla,
    SlaClock? ResponseClock,
    SlaClock? ResolutionClock,
    Instant? NextBreachAt,
    ImmutableList<IncidentEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
