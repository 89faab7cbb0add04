using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Incidents;

/// <summary>What one rule did to a priority decision, for the explanation.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Change">What changed, such as <c>urgency U2 -> U1</c>.</param>
/// <param name="Applied">False when the rule tried to lower urgency or priority without being allowed to; the change was refused.</param>
public sealed record RuleApplication(string Rule, string Change, bool Applied);

/// <summary>A person's override of the computed priority, with the mandatory reason.</summary>
/// <param name="Priority">The priority the person set.</param>
/// <param name="Reason">Why.</param>
/// <param name="By">Who.</param>
/// <param name="At">When.</param>
public sealed record PriorityOverride(Priority Priority, string Reason, UserId By, Instant At);

/// <summary>
/// A priority together with how it was reached: the matrix and the cell used, each rule that
/// fired and what it changed, and the override with who made it. Explains itself.
/// </summary>
/// <remarks>Immutable and thread-safe. Created by <see cref="PriorityPolicy.Decide"/>.</remarks>
public sealed record PriorityDecision
{
    internal PriorityDecision(string matrix, Impact impact, Urgency urgency, Urgency effectiveUrgency, Priority matrixPriority, ImmutableArray<RuleApplication> rules, Priority computed, PriorityOverride? @override)
    {
        Matrix = matrix;
        Impact = impact;
        Urgency = urgency;
        EffectiveUrgency = effectiveUrgency;
        MatrixPriority = matrixPriority;
        Rules = rules;
        Computed = computed;
        Override = @override;
    }

    /// <summary>
    /// Restores a decision recorded earlier (for example, read back from storage) exactly as it was
    /// made, without re-running a policy: the matrix and rules that made it may since have changed,
    /// or be a vendor's own that this process does not know. To make a new decision use
    /// <see cref="PriorityPolicy.Decide"/>.
    /// </summary>
    /// <param name="matrix">The name of the matrix that was used.</param>
    /// <param name="impact">The impact given.</param>
    /// <param name="urgency">The urgency given.</param>
    /// <param name="effectiveUrgency">The urgency after urgency rules.</param>
    /// <param name="matrixPriority">The matrix cell's priority.</param>
    /// <param name="rules">Every rule that fired, in order.</param>
    /// <param name="computed">The priority after the rules.</param>
    /// <param name="override">A person's override, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/>, <paramref name="rules"/> or a rule is null.</exception>
    /// <exception cref="ArgumentException">The matrix name is blank, a level or rank is unassigned (<c>default</c>), or the override has no reason.</exception>
    public static PriorityDecision Restore(
        string matrix,
        Impact impact,
        Urgency urgency,
        Urgency effectiveUrgency,
        Priority matrixPriority,
        IEnumerable<RuleApplication> rules,
        Priority computed,
        PriorityOverride? @override = null)
    {
        Preconditions.CheckNotNull(matrix);
        Preconditions.CheckNotNull(rules);
        Preconditions.CheckArgument(matrix.Trim().Length > 0, nameof(matrix), "A priority decision names the matrix that made it.");
        Preconditions.CheckArgument(
            impact.Level >= 1 && urgency.Level >= 1 && effectiveUrgency.Level >= 1 && matrixPriority.Rank >= 1 && computed.Rank >= 1,
            nameof(impact),
            "A priority decision needs assigned impact, urgency and priorities (level or rank 1 or more).");
        Preconditions.CheckArgument(
            @override is null || (@override.Priority.Rank >= 1 && !string.IsNullOrWhiteSpace(@override.Reason)),
            nameof(@override),
            "A priority override needs a priority P1 or lower and a reason.");
        var applications = rules.Select(r => Preconditions.CheckNotNull(r, nameof(rules))).ToImmutableArray();
        return new PriorityDecision(matrix, impact, urgency, effectiveUrgency, matrixPriority, applications, computed, @override);
    }

    /// <summary>The name of the matrix used.</summary>
    public string Matrix { get; }

    /// <summary>The impact given.</summary>
    public Impact Impact { get; }

    /// <summary>The urgency given.</summary>
    public Urgency Urgency { get; }

    /// <summary>The urgency after urgency rules, used for the lookup.</summary>
    public Urgency EffectiveUrgency { get; }

    /// <summary>The matrix cell's priority for <see cref="Impact"/> and <see cref="EffectiveUrgency"/>.</summary>
    public Priority MatrixPriority { get; }

    /// <summary>Every rule that fired, in order.</summary>
    public ImmutableArray<RuleApplication> Rules { get; }

    /// <summary>The priority after the rules, before any override.</summary>
    public Priority Computed { get; }

    /// <summary>A person's override, if any.</summary>
    public PriorityOverride? Override { get; }

    /// <summary>The priority that applies: the override's, or else the computed one.</summary>
    public Priority Priority => Override?.Priority ?? Computed;

    /// <summary>
    /// The same decision overridden by a person. Returns <see cref="ResultStatus.Invalid"/> when the
    /// reason is empty: an override without a reason cannot be audited.
    /// </summary>
    public Result<PriorityDecision> WithOverride(Priority priority, string? reason, UserId by, Instant at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<PriorityDecision>.Invalid(Failure.Field("Reason", "Overriding a priority needs a reason.", "priority.override.reason"));
        }

        if (priority.Rank < 1)
        {
            return Result<PriorityDecision>.Invalid(Failure.Field("Priority", "The override must be a priority P1 or lower.", "priority.override.rank"));
        }

        return new PriorityDecision(Matrix, Impact, Urgency, EffectiveUrgency, MatrixPriority, Rules, Computed, new PriorityOverride(priority, reason.Trim(), by, at));
    }

    /// <summary>
    /// The explanation: one line per step as a person would read it (the matrix cell, each rule, the
    /// override, the priority that applies), with every rule that fired as its structured factors.
    /// </summary>
    public Explanation<RuleApplication> Explain()
    {
        var lines = new List<string>
        {
            $"{Matrix}: impact {Impact}, urgency {EffectiveUrgency}{(EffectiveUrgency == Urgency ? string.Empty : $" (given {Urgency})")} -> {MatrixPriority}",
        };
        lines.AddRange(Rules.Select(r => r.Applied ? $"rule {r.Rule}: {r.Change}" : $"rule {r.Rule}: {r.Change} refused (the rule may not lower it)"));
        if (Override is { } o)
        {
            lines.Add($"override by {o.By} at {o.At}: {Computed} -> {o.Priority} because {o.Reason}");
        }

        lines.Add($"priority {Priority}");
        return new Explanation<RuleApplication>(lines, Rules);
    }

    /// <summary>Returns the explanation on one line.</summary>
    public override string ToString() => string.Join("; ", Explain().Lines);
}
