using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// A service level agreement's measurable part: for one service (and optionally one customer), the
/// response and resolution targets per priority in business time of a named calendar, the warning
/// thresholds, the record states that pause its clocks and the re-target policy.
/// </summary>
/// <remarks>
/// <para>
/// Priorities are the ranks of the vendor's priority scale, 1 being the highest (P1); the
/// definition needs no knowledge of how priority was decided. Pausing states are typed
/// <see cref="SlaPause"/> values (<see cref="SlaPause.OnHold"/>, a hold reason, or a named state of another
/// record), stored by their names as before, compared ordinally.
/// </para>
/// <para>
/// <b>History.</b> <see cref="Create"/> validates terms and gives a definition not yet recorded (an empty
/// <see cref="History"/>); <see cref="Define"/> records it (<see cref="SlaDefined"/>) and <see cref="Revise"/> records
/// new terms (<see cref="SlaRevised"/>), each taking its inputs, then the acting user, then the instant, refusing an
/// instant before the latest record (<c>sla.time-order</c>) and appending exactly one event. Each returns a new
/// definition: this type is immutable. <see cref="Restore"/> replays a stored history through them; a document stored
/// before definitions kept history restores with one synthesized <see cref="SlaDefined"/> (see <see cref="UnrecordedHistory"/>).
/// </para>
/// <para>Immutable and thread-safe; created only through <see cref="Create"/>, <see cref="Restore"/> or <see cref="FromSnapshot"/>.</para>
/// </remarks>
public sealed class SlaDefinition
{
    /// <summary>Error code of a change at an instant before the definition's latest record.</summary>
    public const string TimeOrderCode = "sla.time-order";

    /// <summary>Error code of a stored definition whose history does not replay to its terms.</summary>
    public const string HistoryCode = "sla.history";

    private SlaDefinition(SlaDefinitionSnapshot snapshot, ImmutableList<SlaDefinitionEvent> history)
    {
        History = history;
        Id = snapshot.Id;
        Name = snapshot.Name;
        Service = snapshot.Service;
        Customer = snapshot.Customer;
        Calendar = snapshot.Calendar;
        Targets = snapshot.Targets;
        WarningThresholds = snapshot.WarningThresholds;
        PausingStates = snapshot.PausingStates;
        RetargetPolicy = snapshot.RetargetPolicy;
    }

    /// <summary>The definition's identifier.</summary>
    public SlaDefinitionId Id { get; }

    /// <summary>A person's name, such as <c>Payroll gold</c>.</summary>
    public string Name { get; }

    /// <summary>The service (a business-service configuration item) it covers.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The customer it is specific to, or null for every customer of the service.</summary>
    public CustomerId? Customer { get; }

    /// <summary>The business calendar whose working time the targets are measured in.</summary>
    public CalendarId Calendar { get; }

    /// <summary>Targets by priority rank (1 = highest).</summary>
    public ImmutableSortedDictionary<int, SlaTargets> Targets { get; }

    /// <summary>Warning thresholds as percentages of the target (1 to 100), ascending.</summary>
    public ImmutableArray<int> WarningThresholds { get; }

    /// <summary>The names of the record states that pause the clocks, such as <c>OnHold</c>: the stored form of <see cref="PausedBy"/>.</summary>
    public ImmutableSortedSet<string> PausingStates { get; }

    /// <summary>The conditions that pause the clocks, in ordinal order of their names.</summary>
    public IReadOnlyList<SlaPause> PausedBy => [.. PausingStates.Select(SlaPause.Named)];

    /// <summary>What a priority change does to running clocks.</summary>
    public SlaRetargetPolicy RetargetPolicy { get; }

    /// <summary>Everything recorded about the definition, oldest first; empty for one <see cref="Create"/> gave and nobody has defined yet.</summary>
    public ImmutableList<SlaDefinitionEvent> History { get; }

    /// <summary>The terms as stored in the events: the snapshot without history.</summary>
    private SlaDefinitionSnapshot Terms => new(Id, Name, Service, Customer, Calendar, Targets, WarningThresholds, PausingStates, RetargetPolicy);

    /// <summary>
    /// Validates and creates a definition: a valid name, at least one priority, positive targets with
    /// response not after resolution, thresholds from 1 to 100, non-empty pause names.
    /// </summary>
    /// <param name="id">The definition's identifier.</param>
    /// <param name="name">A person's name for it, such as <c>Payroll gold</c>.</param>
    /// <param name="scope">The service it covers, for every customer or one.</param>
    /// <param name="calendar">The business calendar whose working time the targets are measured in.</param>
    /// <param name="targets">The response and resolution targets by priority rank (1 = highest).</param>
    /// <param name="rules">How its clocks warn, pause and re-target; <see cref="SlaClockRules.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="targets"/> is null.</exception>
    public static Result<SlaDefinition> Create(
        SlaDefinitionId id,
        string name,
        SlaScope scope,
        CalendarId calendar,
        IReadOnlyDictionary<int, SlaTargets> targets,
        SlaClockRules? rules = null)
    {
        rules ??= SlaClockRules.Default;
        var (service, customer) = (scope.Service, scope.Customer);
        Preconditions.CheckNotNull(name);
        Preconditions.CheckNotNull(targets);
        var errors = new List<ValidationError>();
        if (id.Value is null || service.Value is null || calendar.Value is null || customer is { Value: null })
        {
            errors.Add(Failure.Field(string.Empty, "The definition id, service, calendar and customer (when given) must be assigned identifiers.", "sla.identifier.unassigned"));
        }

        if (Identifier.CheckText(name) is { } problem)
        {
            errors.Add(Failure.Field("Name", $"Name {problem}", "sla.name.invalid"));
        }

        if (targets.Count == 0)
        {
            errors.Add(Failure.Field("Targets", "An SLA definition needs targets for at least one priority.", "sla.targets.empty"));
        }

        foreach (var (priority, target) in targets)
        {
            var field = $"Targets.P{priority}";
            if (priority < 1)
            {
                errors.Add(Failure.Field(field, $"Priority ranks start at 1 (the highest), but was {priority}.", "sla.priority.range"));
            }

            if (target.Response <= Duration.Zero || target.Resolution <= Duration.Zero)
            {
                errors.Add(Failure.Field(field, "Response and resolution targets must be positive.", "sla.target.range"));
            }
            else if (target.Response > target.Resolution)
            {
                errors.Add(Failure.Field(field, $"The response target {target.Response} is longer than the resolution target {target.Resolution}.", "sla.target.order"));
            }
        }

        var thresholds = SlaClock.NormaliseThresholds(rules.WarningThresholds.IsDefault ? [] : rules.WarningThresholds, out var thresholdError);
        if (thresholdError is not null)
        {
            errors.Add(thresholdError);
        }

        var states = (rules.PausedBy.IsDefault ? [] : rules.PausedBy).Select(p => p.Name).ToImmutableSortedSet(StringComparer.Ordinal);
        if (states.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(Failure.Field("PausingStates", "Pausing state names must not be empty.", "sla.pausing-state.empty"));
        }

        if (errors.Count > 0)
        {
            return Result<SlaDefinition>.Invalid(errors);
        }

        return new SlaDefinition(
            new SlaDefinitionSnapshot(id, name, service, customer, calendar, targets.ToImmutableSortedDictionary(), thresholds, states, rules.RetargetPolicy ?? SlaRetargetPolicy.KeepElapsed),
            []);
    }

    /// <summary>
    /// Records this definition, as <see cref="Create"/> gave it, as defined by <paramref name="by"/> at <paramref name="at"/>
    /// (<see cref="SlaDefined"/>); Conflict <c>sla.already-defined</c> when it has a history already.
    /// </summary>
    public Result<SlaDefinition> Define(UserId by, Instant at)
    {
        Preconditions.CheckArgument(by.Value is not null, nameof(by), "The actor must be assigned.");
        return History.IsEmpty
            ? new SlaDefinition(Terms, [new SlaDefined(at, by, Terms)])
            : Failure.Conflict<SlaDefinition>($"SLA definition {Id} was defined already (by {History[0].By} at {History[0].At}); revise it instead.", "sla.already-defined");
    }

    /// <summary>
    /// Replaces the terms with those of <paramref name="revised"/> (its own history is not looked at), recording
    /// <see cref="SlaRevised"/> by <paramref name="by"/> at <paramref name="at"/>.
    /// </summary>
    /// <returns>
    /// The revised definition; Conflict <c>sla.not-defined</c> when this one was never defined, <c>sla.time-order</c>
    /// when <paramref name="at"/> is before the latest record; Invalid <c>sla.revision.other</c> when
    /// <paramref name="revised"/> has another id.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="revised"/> is null.</exception>
    public Result<SlaDefinition> Revise(SlaDefinition revised, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(revised);
        Preconditions.CheckArgument(by.Value is not null, nameof(by), "The actor must be assigned.");
        if (History.IsEmpty)
        {
            return Failure.Conflict<SlaDefinition>($"SLA definition {Id} is not defined yet; define it before revising it.", "sla.not-defined");
        }

        var last = History[^1].At;
        if (at < last)
        {
            return Failure.Conflict<SlaDefinition>($"Cannot revise SLA definition {Id} at {at}: its last change was at {last}, and history does not run backwards.", TimeOrderCode);
        }

        return revised.Id != Id
            ? Result<SlaDefinition>.Invalid(Failure.Field(nameof(revised), $"The revision is of SLA definition {revised.Id}, not {Id}.", "sla.revision.other"))
            : new SlaDefinition(revised.Terms, History.Add(new SlaRevised(at, by, revised.Terms)));
    }

    /// <summary>The targets at <paramref name="priority"/>, or NotFound naming the priorities that have targets.</summary>
    public Result<SlaTargets> TargetsFor(int priority) =>
        Targets.TryGetValue(priority, out var targets)
            ? targets
            : Failure.NotFound<SlaTargets>($"The SLA '{Name}' has no targets for priority P{priority}; it covers {string.Join(", ", Targets.Keys.Select(p => $"P{p}"))}.", "sla.priority.not-covered");

    /// <summary>True when a record in <paramref name="state"/> pauses this definition's clocks.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    public bool Pauses(string state) => PausingStates.Contains(Preconditions.CheckNotNull(state));

    /// <summary>True when <paramref name="pause"/> is one of <see cref="PausedBy"/>.</summary>
    public bool Pauses(SlaPause pause) => pause.Name is { } name && PausingStates.Contains(name);

    /// <summary>
    /// True when the definition covers <paramref name="service"/> for <paramref name="customer"/>: the
    /// service matches and the definition is either for every customer or for this one.
    /// </summary>
    public bool AppliesTo(ConfigurationItemId service, CustomerId? customer) =>
        Service == service && (Customer is null || Customer == customer);

    /// <summary>Starts a clock for <paramref name="metric"/> at <paramref name="priority"/> with this definition's target and thresholds.</summary>
    public Result<SlaClock> StartClock(SlaMetric metric, int priority, Instant at, long sequence = 0)
    {
        var targets = TargetsFor(priority);
        return targets.IsSuccess ? SlaClock.Start(metric, at, targets.Value.For(metric), WarningThresholds, sequence) : targets.AsFailure<SlaClock>();
    }

    /// <summary>Returns the snapshot to store: the terms and, once recorded, the history.</summary>
    public SlaDefinitionSnapshot ToSnapshot() => Terms with { History = History.IsEmpty ? null : History };

    /// <summary>
    /// Restores a stored definition: its terms are validated as <see cref="Create"/> does, and its history replayed
    /// through <see cref="Define"/> and <see cref="Revise"/> must end in those terms. A snapshot without history (an
    /// older store) restores with one synthesized <see cref="SlaDefined"/> of its terms (see <see cref="UnrecordedHistory"/>).
    /// </summary>
    /// <returns>The definition; or Invalid (<c>sla.history</c>, <see cref="HistoryCode"/>, naming the definition and the record; or the terms' own codes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<SlaDefinition> Restore(SlaDefinitionSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var terms = FromTerms(snapshot);
        if (!terms.IsSuccess || snapshot.History is null || snapshot.History.IsEmpty)
        {
            return terms.IsSuccess ? terms.Value.Define(UnrecordedHistory.Actor, UnrecordedHistory.At) : terms;
        }

        var name = $"Stored SLA definition {snapshot.Id}";
        var replay = HistoryReplay.Apply<SlaDefinition, SlaDefinitionEvent>(snapshot.History, name, HistoryCode, e => $"{e?.GetType().Name ?? "null"} by {e?.By} at {e?.At}", (i, e, sofar) => e switch
        {
            SlaDefined d when i == 0 && d.Terms is not null && d.By.Value is not null => FromTerms(d.Terms).Bind(t => t.Id == snapshot.Id ? t.Define(d.By, d.At) : Other(t)),
            SlaRevised r when i > 0 && r.Terms is not null && r.By.Value is not null => FromTerms(r.Terms).Bind(t => sofar!.Revise(t, r.By, r.At)),
            _ => Result<SlaDefinition>.Invalid(Failure.Field("History", i == 0 ? "the first record must be the definition" : "only revisions follow the definition", HistoryCode)),
        });
        if (!replay.IsSuccess)
        {
            return replay;
        }

        var replayed = replay.Value;
        return SameTerms(replayed.Terms, terms.Value.Terms)
            ? replayed
            : Result<SlaDefinition>.Invalid(Failure.Field(nameof(SlaDefinitionSnapshot.History), $"{name}: its terms are not those its last history record ({snapshot.History.Count - 1}) sets.", HistoryCode));
    }

    /// <summary>Restores a stored definition as <see cref="Restore"/> does, for stores that hold only snapshots they wrote.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot does not hold a valid definition or history; the message says why.</exception>
    public static SlaDefinition FromSnapshot(SlaDefinitionSnapshot snapshot)
    {
        var result = Restore(snapshot);
        Preconditions.CheckArgument(result.IsSuccess, nameof(snapshot), $"The snapshot holds an invalid SLA definition: {result.Message}");
        return result.Value;
    }

    /// <summary>The terms of <paramref name="snapshot"/>, validated as <see cref="Create"/> does; not recorded.</summary>
    private static Result<SlaDefinition> FromTerms(SlaDefinitionSnapshot snapshot)
    {
        var rules = new SlaClockRules
        {
            WarningThresholds = snapshot.WarningThresholds,
            PausedBy = [.. (snapshot.PausingStates ?? []).Select(n => string.IsNullOrWhiteSpace(n) ? default : SlaPause.Named(n))],
            RetargetPolicy = snapshot.RetargetPolicy,
        };
        return Create(snapshot.Id, snapshot.Name, new SlaScope(snapshot.Service, snapshot.Customer), snapshot.Calendar, snapshot.Targets ?? ImmutableSortedDictionary<int, SlaTargets>.Empty, rules);
    }

    private static Result<SlaDefinition> Other(SlaDefinition terms) =>
        Result<SlaDefinition>.Invalid(Failure.Field("History", $"it holds the terms of SLA definition {terms.Id}", HistoryCode));

    private static bool SameTerms(SlaDefinitionSnapshot a, SlaDefinitionSnapshot b) =>
        a.Id == b.Id && a.Name == b.Name && a.Service == b.Service && a.Customer == b.Customer && a.Calendar == b.Calendar
        && a.Targets.SequenceEqual(b.Targets) && a.WarningThresholds.SequenceEqual(b.WarningThresholds)
        && a.PausingStates.SetEquals(b.PausingStates) && a.RetargetPolicy.Name == b.RetargetPolicy.Name;
}

/// <summary>The stored form of an <see cref="SlaDefinition"/>.</summary>
/// <param name="Id">The definition's identifier.</param>
/// <param name="Name">A person's name.</param>
/// <param name="Service">The service it covers.</param>
/// <param name="Customer">The customer it is specific to, or null.</param>
/// <param name="Calendar">The calendar of its business time.</param>
/// <param name="Targets">Targets by priority rank.</param>
/// <param name="WarningThresholds">Warning thresholds as percentages.</param>
/// <param name="PausingStates">States that pause its clocks.</param>
/// <param name="RetargetPolicy">What a priority change does to running clocks.</param>
/// <param name="History">Everything recorded about it, oldest first; null for terms alone (inside an event, for a definition not yet recorded, in a document stored before definitions kept history).</param>
public sealed record SlaDefinitionSnapshot(
    SlaDefinitionId Id,
    string Name,
    ConfigurationItemId Service,
    CustomerId? Customer,
    CalendarId Calendar,
    ImmutableSortedDictionary<int, SlaTargets> Targets,
    ImmutableArray<int> WarningThresholds,
    ImmutableSortedSet<string> PausingStates,
    SlaRetargetPolicy RetargetPolicy,
    ImmutableList<SlaDefinitionEvent>? History = null)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
