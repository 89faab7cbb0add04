using Itsm.Core.Common;

namespace Itsm.Core.Incidents;

/// <summary>
/// A named rule that adjusts the matrix's answer: before the lookup it may raise urgency (a VIP
/// caller), after it may change the priority (a major incident forces P1). Named, documented and
/// composable, like NodaTime's resolvers; <see cref="VipCaller"/> and <see cref="MajorIncident"/>
/// are the defaults, and <see cref="Create"/> makes a vendor's own.
/// </summary>
/// <remarks>
/// A rule may lower priority (or urgency) only when it says so with <see cref="MayLower"/>;
/// <see cref="PriorityPolicy"/> refuses, and explains, any lowering by a rule that does not.
/// Immutable and thread-safe as long as the vendor's functions are.
/// </remarks>
public sealed class PriorityRule
{
    private readonly Func<IncidentFacts, Urgency, Urgency?>? adjustUrgency;
    private readonly Func<IncidentFacts, Priority, Priority?>? adjustPriority;

    private PriorityRule(string name, string description, bool mayLower, Func<IncidentFacts, Urgency, Urgency?>? adjustUrgency, Func<IncidentFacts, Priority, Priority?>? adjustPriority)
    {
        Name = name;
        Description = description;
        MayLower = mayLower;
        this.adjustUrgency = adjustUrgency;
        this.adjustPriority = adjustPriority;
    }

    /// <summary>A VIP caller raises urgency one step (never beyond the most urgent level).</summary>
    public static PriorityRule VipCaller { get; } = new(
        "vip-caller", "a VIP caller raises urgency one step", mayLower: false, (facts, urgency) => facts.IsVipCaller ? urgency.Raised() : null, null);

    /// <summary>A major incident is always P1.</summary>
    public static PriorityRule MajorIncident { get; } = new(
        "major-incident", "a major incident is always P1", mayLower: false, null, (facts, _) => facts.IsMajorIncident ? Priority.FromRank(1) : null);

    /// <summary>The rule's name, shown in explanations.</summary>
    public string Name { get; }

    /// <summary>What the rule does, in one sentence.</summary>
    public string Description { get; }

    /// <summary>True when the rule is allowed to lower urgency or priority (for example a "test system" rule).</summary>
    public bool MayLower { get; }

    /// <summary>
    /// Creates a vendor rule. <paramref name="adjustUrgency"/> runs before the matrix lookup and
    /// <paramref name="adjustPriority"/> after it; each returns the new value, or null when the rule
    /// does not fire.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="description"/> is null.</exception>
    /// <exception cref="ArgumentException">Both functions are null, or the name is empty.</exception>
    public static PriorityRule Create(
        string name,
        string description,
        Func<IncidentFacts, Urgency, Urgency?>? adjustUrgency = null,
        Func<IncidentFacts, Priority, Priority?>? adjustPriority = null,
        bool mayLower = false)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckNotNull(description);
        Preconditions.CheckArgument(name.Trim().Length > 0, nameof(name), "A rule needs a name.");
        Preconditions.CheckArgument(adjustUrgency is not null || adjustPriority is not null, nameof(adjustUrgency), "A rule must adjust urgency, priority or both.");
        return new PriorityRule(name, description, mayLower, adjustUrgency, adjustPriority);
    }

    internal Urgency? AdjustUrgency(IncidentFacts facts, Urgency urgency) => adjustUrgency?.Invoke(facts, urgency);

    internal Priority? AdjustPriority(IncidentFacts facts, Priority priority) => adjustPriority?.Invoke(facts, priority);

    /// <summary>Returns the rule's name.</summary>
    public override string ToString() => Name;
}
