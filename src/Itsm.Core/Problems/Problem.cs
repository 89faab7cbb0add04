using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>
/// A problem record: the unknown (then known) cause of one or more incidents, with its linked incidents,
/// its priority, its root cause and workaround as recorded values, its known error and its resolution.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lifecycle.</b> Logged -> UnderInvestigation -> RootCauseKnown -> KnownError -> Resolved -> Closed, resolved
/// with a <see cref="ProblemResolutionCode"/> or by an implemented change, cancel from any open state; the one
/// table <see cref="ProblemLifecycle.Table"/> says which transition is allowed where.
/// </para>
/// <para>
/// <b>One convention for every transition</b>, as for incidents and changes: its own inputs first, then the acting
/// user, then the instant. It checks the state first (<c>problem.illegal-transition</c>), then the time
/// (<c>problem.time-order</c>: history never runs backwards), then its input; it either appends exactly one
/// <see cref="ProblemEvent"/> to <see cref="History"/> or returns a failed <see cref="Result"/> and changes nothing.
/// Every member but the identity is derived from the history, so a restored problem is its history replayed.
/// </para>
/// <para>
/// <b>Pushing a workaround</b> (<see cref="PushWorkaround"/>) reaches each open linked incident that has not yet
/// received the current workaround revision, once; a second push of the same revision reaches nobody and records
/// nothing (idempotent). Closed, resolved and cancelled incidents are never touched, so nothing moves backwards.
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed partial class Problem
{
    /// <summary>Error code of an action the current state does not allow.</summary>
    public const string IllegalTransitionCode = "problem.illegal-transition";

    /// <summary>Error code of an action at an instant before the problem's latest record.</summary>
    public const string TimeOrderCode = "problem.time-order";

    private readonly List<IncidentId> incidents = [];
    private readonly Dictionary<IncidentId, int> reached = [];

    private Problem(ProblemId id, string title, ConfigurationItemId service, ImmutableArray<ConfigurationItemId> items, string? category, ProblemLogged logged)
    {
        Id = id;
        Title = title;
        Service = service;
        Items = items;
        Category = category;
        LoggedAt = logged.At;
        Decision = logged.Decision;
        History = [logged];
    }

    /// <summary>The problem's identifier.</summary>
    public ProblemId Id { get; }

    /// <summary>A one-line summary.</summary>
    public string Title { get; }

    /// <summary>The affected business service.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The affected configuration items, distinct and ordered (possibly empty while the cause is unknown).</summary>
    public ImmutableArray<ConfigurationItemId> Items { get; }

    /// <summary>The category, or null.</summary>
    public string? Category { get; }

    /// <summary>When it was logged.</summary>
    public Instant LoggedAt { get; }

    /// <summary>How the current priority was decided (the incidents' matrix machinery).</summary>
    public PriorityDecision Decision { get; private set; }

    /// <summary>The current priority.</summary>
    public Priority Priority => Decision.Priority;

    /// <summary>Where the problem is in its lifecycle.</summary>
    public ProblemState State { get; private set; }

    /// <summary>Who works on it, once assigned.</summary>
    public UserId? Assignee { get; private set; }

    /// <summary>The linked incidents, in the order they were linked.</summary>
    public IReadOnlyList<IncidentId> Incidents => incidents;

    /// <summary>The root cause with who recorded it and when, or null while unknown.</summary>
    public RecordedFinding? RootCause { get; private set; }

    /// <summary>The current workaround with who recorded it and when, or null.</summary>
    public RecordedFinding? Workaround { get; private set; }

    /// <summary>How many times a workaround was recorded: the revision of <see cref="Workaround"/> (0 when there is none).</summary>
    public int WorkaroundRevision { get; private set; }

    /// <summary>The known error published for this problem, or null.</summary>
    public KnownErrorId? KnownError { get; private set; }

    /// <summary>How it was resolved, or null while unresolved.</summary>
    public ProblemResolutionCode? Resolution { get; private set; }

    /// <summary>The resolution notes, or null.</summary>
    public string? ResolutionNotes { get; private set; }

    /// <summary>The change that removed the cause, when it was resolved by one.</summary>
    public ChangeId? ResolvedByChange { get; private set; }

    /// <summary>When it was resolved, or null.</summary>
    public Instant? ResolvedAt { get; private set; }

    /// <summary>Everything that happened, oldest first, from <see cref="ProblemLogged"/> on.</summary>
    public ImmutableList<ProblemEvent> History { get; private set; }

    /// <summary>True while the problem is open (<see cref="ProblemLifecycle.OpenStates"/>).</summary>
    public bool IsOpen => ProblemLifecycle.IsOpen(State);

    /// <summary>
    /// Logs a problem in <see cref="ProblemState.Logged"/>.
    /// </summary>
    /// <param name="id">Its identifier.</param>
    /// <param name="title">A one-line summary.</param>
    /// <param name="service">The affected business service.</param>
    /// <param name="items">The affected configuration items (may be empty).</param>
    /// <param name="category">The category, or null.</param>
    /// <param name="decision">The priority decision (<see cref="PriorityPolicy.Decide"/>).</param>
    /// <param name="by">Who logs it.</param>
    /// <param name="at">When.</param>
    /// <returns>The problem, or Invalid naming each bad field.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="decision"/> is null.</exception>
    public static Result<Problem> Log(ProblemId id, string? title, ConfigurationItemId service, IEnumerable<ConfigurationItemId> items, string? category, PriorityDecision decision, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(items);
        Preconditions.CheckNotNull(decision);
        var list = items.ToList();
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(Failure.Field("Title", "A problem needs a title that says what keeps going wrong.", "problem.title"));
        }

        if (id.Value == Guid.Empty || service.Value is null || by.Value is null || list.Any(i => i.Value is null))
        {
            errors.Add(Failure.Field(string.Empty, "The problem id, service, affected items and logging user must be assigned identifiers.", "problem.identifier"));
        }

        if (category is not null && string.IsNullOrWhiteSpace(category))
        {
            errors.Add(Failure.Field("Category", "A category, when given, must not be blank.", "problem.category"));
        }

        return errors.Count > 0
            ? Result<Problem>.Invalid(errors)
            : new Problem(id, title!.Trim(), service, [.. list.Distinct().Order()], category?.Trim(), new ProblemLogged(at, by, decision));
    }

    /// <summary>Starts the investigation: Logged -> UnderInvestigation.</summary>
    /// <param name="by">Who starts it.</param>
    /// <param name="at">When.</param>
    public Result Investigate(UserId by, Instant at) =>
        Require(ProblemTransition.Investigate, "start investigating", at) is { IsSuccess: false } refused
            ? refused
            : Append(new ProblemInvestigationStarted(at, by));

    /// <summary>Assigns (or reassigns) the problem; allowed while open.</summary>
    /// <param name="assignee">Who works on it.</param>
    /// <param name="by">Who assigns it.</param>
    /// <param name="at">When.</param>
    public Result Assign(UserId assignee, UserId by, Instant at)
    {
        var check = Require(ProblemTransition.Assign, "assign", at);
        return !check.IsSuccess
            ? check
            : assignee.Value is null
                ? Failure.Invalid("Assignee", "Say who the problem is assigned to.", "problem.assignee")
                : Append(new ProblemAssigned(at, by, assignee));
    }

    /// <summary>
    /// Links <paramref name="incident"/> to this problem, on both sides: the problem lists it and the incident records
    /// the link (<see cref="Incident.LinkToProblem"/>). Allowed while the problem is open; the incident may be in any
    /// state but cancelled. Linking an incident twice is a Conflict (<c>problem.incident-linked</c>).
    /// </summary>
    /// <param name="incident">The incident.</param>
    /// <param name="by">Who links it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public Result LinkIncident(Incident incident, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(incident);
        var check = Require(ProblemTransition.LinkIncident, "link an incident to", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (incidents.Contains(incident.Id))
        {
            return Failure.Conflict($"Incident {incident.Id} is already linked to problem {Id}.", "problem.incident-linked");
        }

        var linked = incident.LinkToProblem(Id, by, at);
        return linked.IsSuccess ? Append(new ProblemIncidentLinked(at, by, incident.Id)) : linked;
    }

    /// <summary>Changes the priority, with a mandatory reason; allowed while open.</summary>
    /// <param name="decision">The new priority decision (<see cref="PriorityPolicy.Decide"/>).</param>
    /// <param name="reason">Why.</param>
    /// <param name="by">Who changes it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decision"/> is null.</exception>
    public Result ChangePriority(PriorityDecision decision, string? reason, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(decision);
        var check = Require(ProblemTransition.ChangePriority, "change the priority of", at);
        return !check.IsSuccess
            ? check
            : string.IsNullOrWhiteSpace(reason)
                ? Failure.Invalid("Reason", "Say why the priority changes.", "problem.priority-reason")
                : Append(new ProblemPriorityChanged(at, by, decision, reason.Trim()));
    }

    /// <summary>Records (or revises) the root cause: UnderInvestigation -> RootCauseKnown; a revision keeps RootCauseKnown or KnownError.</summary>
    /// <param name="rootCause">What causes the incidents.</param>
    /// <param name="by">Who found it.</param>
    /// <param name="at">When.</param>
    public Result RecordRootCause(string? rootCause, UserId by, Instant at)
    {
        var check = Require(ProblemTransition.RecordRootCause, "record a root cause on", at);
        return !check.IsSuccess
            ? check
            : string.IsNullOrWhiteSpace(rootCause)
                ? Failure.Invalid("RootCause", "Say what causes the incidents.", "problem.root-cause")
                : Append(new ProblemRootCauseRecorded(at, by, rootCause.Trim()));
    }

    /// <summary>Records (or revises) the workaround, a new revision each time; allowed under investigation, with the root cause known, and as a known error.</summary>
    /// <param name="workaround">How users get service back while the cause stays.</param>
    /// <param name="by">Who found it.</param>
    /// <param name="at">When.</param>
    public Result RecordWorkaround(string? workaround, UserId by, Instant at)
    {
        var check = Require(ProblemTransition.RecordWorkaround, "record a workaround on", at);
        return !check.IsSuccess
            ? check
            : string.IsNullOrWhiteSpace(workaround)
                ? Failure.Invalid("Workaround", "Say how users get service back while the cause stays.", "problem.workaround")
                : Append(new ProblemWorkaroundRecorded(at, by, workaround.Trim()));
    }

    /// <summary>
    /// Publishes the problem's known error: RootCauseKnown -> KnownError, and a new <see cref="Problems.KnownError"/> record
    /// in <see cref="KnownErrorStatus.Published"/> from <paramref name="at"/>, carrying the problem's root cause, workaround,
    /// items, service and category.
    /// </summary>
    /// <param name="id">The known error's identifier.</param>
    /// <param name="symptom">What users see (the text matching reads beside the title).</param>
    /// <param name="errorCode">A vendor or system error code users see (such as <c>ORA-01555</c>), or null.</param>
    /// <param name="validUntil">When the record stops applying, or null for open-ended; after <paramref name="at"/>.</param>
    /// <param name="by">Who publishes it.</param>
    /// <param name="at">When.</param>
    /// <returns>The published known error; or a failure, and nothing changed.</returns>
    public Result<KnownError> PublishKnownError(KnownErrorId id, string? symptom, string? errorCode, Instant? validUntil, UserId by, Instant at)
    {
        var check = Require(ProblemTransition.PublishKnownError, "publish the known error of", at);
        if (!check.IsSuccess)
        {
            return check.AsFailure<KnownError>();
        }

        var recorded = Problems.KnownError.Record(id, symptom, RootCause!.Text, Workaround?.Text, Items, [Service], Category, errorCode, Id, by, at);
        if (!recorded.IsSuccess)
        {
            return recorded;
        }

        var published = recorded.Value.Publish(validUntil, by, at);
        if (!published.IsSuccess)
        {
            return published.AsFailure<KnownError>();
        }

        Append(new ProblemKnownErrorPublished(at, by, id));
        return recorded.Value;
    }

    /// <summary>Resolves the problem with a resolution code and notes; allowed from every open state.</summary>
    /// <param name="code">How it was resolved.</param>
    /// <param name="notes">What was done or decided.</param>
    /// <param name="by">Who resolves it.</param>
    /// <param name="at">When.</param>
    public Result Resolve(ProblemResolutionCode code, string? notes, UserId by, Instant at)
    {
        var check = Require(ProblemTransition.Resolve, "resolve", at);
        return !check.IsSuccess
            ? check
            : !Enum.IsDefined(code)
                ? Failure.Invalid("Code", $"'{code}' is not a resolution code; use Fixed, RiskAccepted, Duplicate or CannotReproduce.", "problem.resolution-code")
                : string.IsNullOrWhiteSpace(notes)
                    ? Failure.Invalid("Notes", "Say how the problem was resolved.", "problem.resolution-notes")
                    : Append(new ProblemResolved(at, by, code, notes.Trim(), null));
    }

    /// <summary>
    /// Resolves the problem by the change that removed its cause (code <see cref="ProblemResolutionCode.Fixed"/>), linking
    /// the change; needs the root cause known (RootCauseKnown or KnownError) and the change implemented under
    /// authorisation (Conflict <c>problem.change-not-implemented</c> otherwise).
    /// </summary>
    /// <param name="change">The change, as loaded (<see cref="ResolvingChange.Of"/>).</param>
    /// <param name="notes">What the change did, or null for a note naming the change.</param>
    /// <param name="by">Who resolves it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null.</exception>
    public Result ResolveByChange(ResolvingChange change, string? notes, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(change);
        var check = Require(ProblemTransition.ResolveByChange, "resolve by a change", at);
        return !check.IsSuccess
            ? check
            : !change.IsAuthorisedAndImplemented
                ? Failure.Conflict($"Change {change.Id} is {change.Status} and has not been implemented under authorisation, so it cannot have removed the cause of problem {Id}.", "problem.change-not-implemented")
                : Append(new ProblemResolved(at, by, ProblemResolutionCode.Fixed, string.IsNullOrWhiteSpace(notes) ? $"Fixed by change {change.Id}." : notes.Trim(), change.Id));
    }

    /// <summary>Closes a resolved problem.</summary>
    /// <param name="by">Who closes it.</param>
    /// <param name="at">When.</param>
    public Result Close(UserId by, Instant at) =>
        Require(ProblemTransition.Close, "close", at) is { IsSuccess: false } refused ? refused : Append(new ProblemClosed(at, by));

    /// <summary>Cancels an open problem, with a reason.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="by">Who cancels it.</param>
    /// <param name="at">When.</param>
    public Result Cancel(string? reason, UserId by, Instant at)
    {
        var check = Require(ProblemTransition.Cancel, "cancel", at);
        return !check.IsSuccess
            ? check
            : string.IsNullOrWhiteSpace(reason)
                ? Failure.Invalid("Reason", "Say why the problem is cancelled.", "problem.cancel-reason")
                : Append(new ProblemCancelled(at, by, reason.Trim()));
    }

    /// <summary>The states this problem may move to next (itself included when a transition keeps it), from <see cref="ProblemLifecycle.Table"/>.</summary>
    public IReadOnlyList<ProblemState> NextStates() => ProblemLifecycle.Table.NextStates(State);

    /// <summary>The transitions allowed from the current state, from <see cref="ProblemLifecycle.Table"/>; each may still be refused for its input.</summary>
    public IReadOnlyList<ProblemTransition> AllowedTransitions() => ProblemLifecycle.Table.TransitionsFrom(State);
}
