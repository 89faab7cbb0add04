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
/// <para>Immutable and thread-safe; created only through <see cref="Create"/> or <see cref="FromSnapshot"/>.</para>
/// </remarks>
public sealed class SlaDefinition
{
    private SlaDefinition(SlaDefinitionSnapshot snapshot)
    {
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

        return new SlaDefinition(new SlaDefinitionSnapshot(
            id, name, service, customer, calendar, targets.ToImmutableSortedDictionary(), thresholds, states, rules.RetargetPolicy ?? SlaRetargetPolicy.KeepElapsed));
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

    /// <summary>Returns the snapshot to store.</summary>
    public SlaDefinitionSnapshot ToSnapshot() =>
        new(Id, Name, Service, Customer, Calendar, Targets, WarningThresholds, PausingStates, RetargetPolicy);

    /// <summary>Restores a stored definition, re-validating it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot does not hold a valid definition.</exception>
    public static SlaDefinition FromSnapshot(SlaDefinitionSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var rules = new SlaClockRules
        {
            WarningThresholds = snapshot.WarningThresholds,
            PausedBy = [.. (snapshot.PausingStates ?? []).Select(n => string.IsNullOrWhiteSpace(n) ? default : SlaPause.Named(n))],
            RetargetPolicy = snapshot.RetargetPolicy,
        };
        var result = Create(snapshot.Id, snapshot.Name, new SlaScope(snapshot.Service, snapshot.Customer), snapshot.Calendar, snapshot.Targets, rules);
        Preconditions.CheckArgument(result.IsSuccess, nameof(snapshot), $"The snapshot holds an invalid SLA definition: {result.Message}");
        return result.Value;
    }
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
public sealed record SlaDefinitionSnapshot(
    SlaDefinitionId Id,
    string Name,
    ConfigurationItemId Service,
    CustomerId? Customer,
    CalendarId Calendar,
    ImmutableSortedDictionary<int, SlaTargets> Targets,
    ImmutableArray<int> WarningThresholds,
    ImmutableSortedSet<string> PausingStates,
    SlaRetargetPolicy RetargetPolicy)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
