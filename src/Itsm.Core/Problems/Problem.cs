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
public sealed class Problem
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

    /// <summary>
    /// Pushes the current workaround to the open linked incidents that have not yet received this revision: each
    /// gets one <see cref="IncidentWorkaroundApplied"/> note, and under <see cref="WorkaroundPushPolicy.ResolveWhereAllowed"/>
    /// is also resolved with the workaround where its lifecycle allows resolving. Closed, resolved and cancelled
    /// incidents, and those that already have this revision, are skipped. When nobody is left to reach, it succeeds,
    /// records nothing and changes nothing: pushing twice is pushing once.
    /// </summary>
    /// <param name="linked">The linked incidents, as loaded; each must be linked to this problem.</param>
    /// <param name="policy">Whether a note is all, or open incidents are also resolved.</param>
    /// <param name="by">Who pushes.</param>
    /// <param name="at">When.</param>
    /// <returns>What the push did; or a failure (no workaround, an incident not linked, an incident with a later record), and nothing changed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="linked"/> or an incident is null.</exception>
    public Result<WorkaroundPush> PushWorkaround(IEnumerable<Incident> linked, WorkaroundPushPolicy policy, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(linked);
        var given = linked.Select(i => Preconditions.CheckNotNull(i, nameof(linked))).DistinctBy(i => i.Id).OrderBy(i => i.Id).ToList();
        var check = Require(ProblemTransition.PushWorkaround, "push the workaround of", at);
        if (!check.IsSuccess)
        {
            return check.AsFailure<WorkaroundPush>();
        }

        if (Workaround is not { } workaround)
        {
            return Failure.Conflict<WorkaroundPush>($"Problem {Id} has no workaround to push; record one first.", "problem.no-workaround");
        }

        if (!Enum.IsDefined(policy))
        {
            return Result<WorkaroundPush>.Invalid(Failure.Field("Policy", $"'{policy}' is not a workaround push policy.", "problem.push-policy"));
        }

        if (given.FirstOrDefault(i => !incidents.Contains(i.Id)) is { } stranger)
        {
            return Result<WorkaroundPush>.Invalid(Failure.Field("Incidents", $"Incident {stranger.Id} is not linked to problem {Id}.", "problem.incident-not-linked"));
        }

        var targets = given.Where(i => i.IsOpen && !HasReached(i.Id, WorkaroundRevision)).ToList();
        if (targets.FirstOrDefault(i => i.History[^1].At > at) is { } later)
        {
            return Failure.Conflict<WorkaroundPush>(
                $"Cannot push the workaround of problem {Id} at {at}: incident {later.Id} last changed at {later.History[^1].At}, and history does not run backwards.",
                TimeOrderCode);
        }

        var resolved = new List<IncidentId>();
        foreach (var incident in targets)
        {
            var noted = incident.ApplyWorkaround(Id, WorkaroundRevision, workaround.Text, by, at);
            Preconditions.CheckState(noted.IsSuccess, "An open incident accepts a workaround note.");
            if (policy == WorkaroundPushPolicy.ResolveWhereAllowed && incident.AllowedTransitions().Contains(IncidentTransition.Resolve))
            {
                var done = incident.Resolve($"Workaround from problem {Id} (revision {WorkaroundRevision.ToString(CultureInfo.InvariantCulture)}): {workaround.Text}", by, at);
                Preconditions.CheckState(done.IsSuccess, "An incident whose lifecycle allows resolving accepts a resolution.");
                resolved.Add(incident.Id);
            }
        }

        var reachedNow = targets.Select(i => i.Id).ToImmutableArray();
        if (!reachedNow.IsEmpty)
        {
            Append(new ProblemWorkaroundPushed(at, by, WorkaroundRevision, reachedNow));
        }

        var skipped = given.Select(i => i.Id).Except(reachedNow).ToImmutableArray();
        return new WorkaroundPush(Id, WorkaroundRevision, reachedNow, [.. resolved], skipped);
    }

    /// <summary>True when the push of workaround revision <paramref name="revision"/> already reached <paramref name="incident"/>.</summary>
    public bool HasReached(IncidentId incident, int revision) => reached.TryGetValue(incident, out var r) && r >= revision;

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

    /// <summary>The problem's stored form.</summary>
    public ProblemSnapshot ToSnapshot() => new(Id, Title, Service, Items, Category, LoggedAt, State, History);

    /// <summary>
    /// Restores a problem from its stored form by replaying its history through <see cref="ProblemLifecycle.Table"/>.
    /// </summary>
    /// <remarks>
    /// The history must start with the logging at <see cref="ProblemSnapshot.LoggedAt"/>, never run backwards, make only
    /// transitions the table allows from the state reached, keep the problem's own rules (an incident linked once, a
    /// push of the current workaround revision to linked incidents it had not reached, a known error published with the
    /// root cause known, a resolution by change naming the change), and end in the stored state. Linear in its length.
    /// </remarks>
    /// <returns>The problem; or Invalid with code <c>problem.history</c> naming the problem and the first record that does not fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<Problem> Restore(ProblemSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var name = $"Stored problem {snapshot.Id}";
        var problem = Replay(snapshot, name, out var restored);
        return problem is null
            ? restored!
            : Result<Problem>.Invalid(Failure.Field(nameof(ProblemSnapshot.History), problem, ProblemLifecycle.HistoryCode));
    }

    private static string? Replay(ProblemSnapshot s, string name, out Problem? restored)
    {
        restored = null;
        if (!Enum.IsDefined(s.State))
        {
            return $"{name} has the unknown state {s.State}.";
        }

        if (s.History is null || s.History.IsEmpty)
        {
            return $"{name} has no history; every stored problem starts with its logging.";
        }

        if (s.History[0] is not ProblemLogged logged || logged.At != s.LoggedAt || logged.Decision is null)
        {
            return $"{name}: history record 0 ({Describe(s.History[0])}) must be its logging at {s.LoggedAt}.";
        }

        if (string.IsNullOrWhiteSpace(s.Title) || s.Title != s.Title.Trim() || s.Service.Value is null || s.Items.IsDefault || s.Items.Any(i => i.Value is null) || !s.Items.SequenceEqual(s.Items.Distinct().Order()))
        {
            return $"{name} has a blank title, no service, or affected items that are not distinct and ordered.";
        }

        var problem = new Problem(s.Id, s.Title, s.Service, s.Items, s.Category, logged);
        for (var i = 1; i < s.History.Count; i++)
        {
            var e = s.History[i];
            var wrong = e is null ? "is missing"
                : e.At < s.History[i - 1].At ? $"is earlier than record {i - 1} at {s.History[i - 1].At}; history does not run backwards"
                : ProblemLifecycle.TransitionOf(e) is not { } via || ProblemLifecycle.Table.TargetsOf(problem.State, via).IsEmpty ? $"is not allowed while the problem is {problem.State}"
                : problem.Violation(e);
            if (wrong is not null)
            {
                return $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} ({Describe(e)}) {wrong}.";
            }

            problem.Apply(e!);
        }

        if (problem.State != s.State)
        {
            return $"{name} is {s.State}, but its history (last record {(s.History.Count - 1).ToString(CultureInfo.InvariantCulture)}: {Describe(s.History[^1])}) leaves it {problem.State}.";
        }

        problem.History = s.History;
        restored = problem;
        return null;
    }

    /// <summary>What a stored record breaks of the problem's own rules beside the table, or null.</summary>
    private string? Violation(ProblemEvent e) => e switch
    {
        ProblemAssigned { Assignee.Value: null } => "assigns nobody",
        ProblemIncidentLinked l when l.Incident.Value == Guid.Empty || incidents.Contains(l.Incident) => "links an incident that is unassigned or already linked",
        ProblemPriorityChanged p when p.Decision is null || string.IsNullOrWhiteSpace(p.Reason) => "changes the priority without a decision or a reason",
        ProblemRootCauseRecorded r when string.IsNullOrWhiteSpace(r.RootCause) => "records a blank root cause",
        ProblemWorkaroundRecorded w when string.IsNullOrWhiteSpace(w.Workaround) => "records a blank workaround",
        ProblemKnownErrorPublished k when k.KnownError.Value == Guid.Empty || RootCause is null => "publishes a known error without its identifier or without a root cause",
        ProblemWorkaroundPushed p when p.Revision != WorkaroundRevision || WorkaroundRevision == 0 || p.Incidents.IsDefaultOrEmpty
            || p.Incidents.Any(x => !incidents.Contains(x) || HasReached(x, p.Revision)) || p.Incidents.Distinct().Count() != p.Incidents.Length
            => $"pushes workaround revision {p.Revision} (the current one is {WorkaroundRevision}) to incidents it does not link or already reached",
        ProblemResolved r when !Enum.IsDefined(r.Code) || string.IsNullOrWhiteSpace(r.Notes) || (r.Change is not null && r.Code != ProblemResolutionCode.Fixed)
            => "resolves with an unknown code, without notes, or by a change with another code than Fixed",
        ProblemCancelled c when string.IsNullOrWhiteSpace(c.Reason) => "cancels without a reason",
        _ => null,
    };

    /// <summary>Makes the transition <paramref name="e"/> records; its checks were made before.</summary>
    private void Apply(ProblemEvent e)
    {
        var via = ProblemLifecycle.TransitionOf(e)!.Value;
        State = ProblemLifecycle.Table.TargetsOf(State, via)[0];
        switch (e)
        {
            case ProblemAssigned a:
                Assignee = a.Assignee;
                break;
            case ProblemIncidentLinked l:
                incidents.Add(l.Incident);
                break;
            case ProblemPriorityChanged p:
                Decision = p.Decision;
                break;
            case ProblemRootCauseRecorded r:
                RootCause = new RecordedFinding(r.RootCause, r.By, r.At);
                break;
            case ProblemWorkaroundRecorded w:
                Workaround = new RecordedFinding(w.Workaround, w.By, w.At);
                WorkaroundRevision++;
                break;
            case ProblemKnownErrorPublished k:
                KnownError = k.KnownError;
                break;
            case ProblemWorkaroundPushed p:
                foreach (var incident in p.Incidents)
                {
                    reached[incident] = p.Revision;
                }

                break;
            case ProblemResolved r:
                Resolution = r.Code;
                ResolutionNotes = r.Notes;
                ResolvedByChange = r.Change;
                ResolvedAt = r.At;
                break;
        }

        History = History.Add(e);
    }

    /// <summary>State first, then time: the transition must be allowed from the current state, and <paramref name="at"/> not before the latest record.</summary>
    private Result Require(ProblemTransition via, string action, Instant at)
    {
        var table = ProblemLifecycle.Table;
        if (!table.Allows(State, via))
        {
            var next = table.NextStates(State);
            return Failure.Conflict(
                $"Cannot {action} problem {Id} while it is {State}; that is allowed only when it is {string.Join(" or ", table.StatesAllowing(via))}. "
                + $"From {State} it may move to: {(next.IsEmpty ? "nothing (final)" : string.Join(", ", next))}.",
                IllegalTransitionCode);
        }

        var last = History[^1].At;
        return at < last
            ? Failure.Conflict($"Cannot {action} problem {Id} at {at}: its last change was at {last}, and history does not run backwards.", TimeOrderCode)
            : Result.Success();
    }

    private Result Append(ProblemEvent e)
    {
        Apply(e);
        return Result.Success();
    }

    private static string Describe(ProblemEvent? e) => e is null ? "null" : $"{e.GetType().Name} by {e.By} at {e.At}";
}

/// <summary>Whether pushing a workaround only notes it on the open incidents, or also resolves them.</summary>
/// <remarks><c>default</c> is <see cref="NoteOnly"/>.</remarks>
public enum WorkaroundPushPolicy
{
    /// <summary>Each open linked incident gets a workaround note; its state does not change.</summary>
    NoteOnly = 0,

    /// <summary>Each open linked incident gets the note, and is resolved with the workaround where its lifecycle allows resolving (not while New).</summary>
    ResolveWhereAllowed = 1,
}

/// <summary>What one push of a workaround did.</summary>
/// <param name="Problem">The problem.</param>
/// <param name="Revision">The workaround revision pushed.</param>
/// <param name="Reached">The incidents that received it now, ordered: each got one note.</param>
/// <param name="Resolved">Of those, the ones also resolved with it.</param>
/// <param name="Skipped">The linked incidents given that it did not touch: not open, or already reached by this revision.</param>
public sealed record WorkaroundPush(ProblemId Problem, int Revision, ImmutableArray<IncidentId> Reached, ImmutableArray<IncidentId> Resolved, ImmutableArray<IncidentId> Skipped)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>A problem's stored form: its identity, its state and its history; every other member is its history replayed.</summary>
/// <param name="Id">The problem's identifier.</param>
/// <param name="Title">A one-line summary.</param>
/// <param name="Service">The affected business service.</param>
/// <param name="Items">The affected configuration items, distinct and ordered.</param>
/// <param name="Category">The category, or null.</param>
/// <param name="LoggedAt">When it was logged.</param>
/// <param name="State">Where it is in its lifecycle.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record ProblemSnapshot(
    ProblemId Id,
    string Title,
    ConfigurationItemId Service,
    ImmutableArray<ConfigurationItemId> Items,
    string? Category,
    Instant LoggedAt,
    ProblemState State,
    ImmutableList<ProblemEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
