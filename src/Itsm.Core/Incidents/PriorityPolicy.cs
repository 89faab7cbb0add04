using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Incidents;

/// <summary>
/// How incidents are prioritised: a <see cref="PriorityMatrix"/> and the <see cref="PriorityRule"/>s
/// applied around it, in order. <see cref="Default"/> is the ITIL 3x3 with the VIP-caller and
/// major-incident rules; vendors compose their own.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Decide"/> looks up impact and the urgency raised by urgency rules, then applies the
/// priority rules in order. A rule that is not declared <see cref="PriorityRule.MayLower"/> can only
/// keep or raise urgency and priority; an attempt to lower is refused and shown in the explanation.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class PriorityPolicy
{
    /// <summary>Creates a policy from a matrix and rules, applied in the order given.</summary>
    /// <exception cref="ArgumentNullException">An argument or a rule is null.</exception>
    public PriorityPolicy(PriorityMatrix matrix, IEnumerable<PriorityRule> rules)
    {
        Matrix = Preconditions.CheckNotNull(matrix);
        Rules = Preconditions.CheckNotNull(rules).ToImmutableArray();
        foreach (var rule in Rules)
        {
            Preconditions.CheckNotNull(rule, nameof(rules));
        }
    }

    /// <summary>The ITIL 3x3 matrix with <see cref="PriorityRule.VipCaller"/> then <see cref="PriorityRule.MajorIncident"/>.</summary>
    public static PriorityPolicy Default { get; } = new(PriorityMatrix.Itil3x3, [PriorityRule.VipCaller, PriorityRule.MajorIncident]);

    /// <summary>The matrix.</summary>
    public PriorityMatrix Matrix { get; }

    /// <summary>The rules, in the order they are applied.</summary>
    public ImmutableArray<PriorityRule> Rules { get; }

    /// <summary>
    /// Decides the priority for <paramref name="impact"/> and <paramref name="urgency"/> given
    /// <paramref name="facts"/>. Returns <see cref="ResultStatus.Invalid"/> naming the field when a level
    /// is outside the matrix.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public Result<PriorityDecision> Decide(Impact impact, Urgency urgency, IncidentFacts facts)
    {
        Preconditions.CheckNotNull(facts);
        var errors = new List<ValidationError>();
        if (impact.Level < 1 || impact.Level > Matrix.ImpactLevels)
        {
            errors.Add(Failure.Field("Impact", $"Impact must be a level from 1 to {Matrix.ImpactLevels} of {Matrix.Name}, but was {impact.Level}.", "priority.impact.range"));
        }

        if (urgency.Level < 1 || urgency.Level > Matrix.UrgencyLevels)
        {
            errors.Add(Failure.Field("Urgency", $"Urgency must be a level from 1 to {Matrix.UrgencyLevels} of {Matrix.Name}, but was {urgency.Level}.", "priority.urgency.range"));
        }

        if (errors.Count > 0)
        {
            return Result<PriorityDecision>.Invalid(errors);
        }

        var applications = ImmutableArray.CreateBuilder<RuleApplication>();
        var effectiveUrgency = urgency;
        foreach (var rule in Rules)
        {
            if (rule.AdjustUrgency(facts, effectiveUrgency) is not { } adjusted || adjusted == effectiveUrgency)
            {
                continue;
            }

            var allowed = adjusted.Level >= 1 && adjusted.Level <= Matrix.UrgencyLevels && (rule.MayLower || adjusted.Level < effectiveUrgency.Level);
            applications.Add(new RuleApplication(rule.Name, $"urgency {effectiveUrgency} -> {adjusted}", allowed));
            if (allowed)
            {
                effectiveUrgency = adjusted;
            }
        }

        var matrixPriority = Matrix.PriorityFor(impact, effectiveUrgency);
        var priority = matrixPriority;
        foreach (var rule in Rules)
        {
            if (rule.AdjustPriority(facts, priority) is not { } adjusted || adjusted == priority)
            {
                continue;
            }

            var allowed = adjusted.Rank >= 1 && adjusted.Rank <= Matrix.PriorityLevels && (rule.MayLower || adjusted.IsHigherThan(priority));
            applications.Add(new RuleApplication(rule.Name, $"priority {priority} -> {adjusted}", allowed));
            if (allowed)
            {
                priority = adjusted;
            }
        }

        return new PriorityDecision(Matrix.Name, impact, urgency, effectiveUrgency, matrixPriority, applications.ToImmutable(), priority, null);
    }
}
