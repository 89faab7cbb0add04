using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Changes;

/// <summary>One business service a change takes down or degrades, with its criticality.</summary>
/// <param name="Service">The business service configuration item.</param>
/// <param name="Criticality">Its business criticality.</param>
/// <param name="Effect">Whether the change takes it down or only degrades it.</param>
/// <remarks>Immutable data; thread-safe.</remarks>
public sealed record ImpactedService(ConfigurationItemId Service, ServiceCriticality Criticality, ServiceEffect Effect);

/// <summary>
/// What the affected configuration items of a change take down or degrade: the impact half of a
/// risk assessment. A small value of the change process's own, so that the risk model does not
/// depend on CMDB types; an adapter fills it from the CMDB's impact analysis.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. A service listed twice keeps its worst effect. <see cref="None"/>
/// is the summary of a change that affects nothing anyone depends on.
/// </remarks>
public sealed class ImpactSummary : IEquatable<ImpactSummary>
{
    /// <summary>A change that takes down or degrades no service and touches no other item.</summary>
    public static readonly ImpactSummary None = new([], 0);

    /// <summary>Creates a summary.</summary>
    /// <param name="services">The impacted services; a service listed more than once keeps its worst effect and criticality.</param>
    /// <param name="affectedItemCount">How many configuration items (services or not) are impacted, not counting the changed items themselves.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="affectedItemCount"/> is negative.</exception>
    public ImpactSummary(IEnumerable<ImpactedService> services, int affectedItemCount)
    {
        Preconditions.CheckNotNull(services);
        Preconditions.CheckNonNegative(affectedItemCount);
        Services = services
            .Select(s => Preconditions.CheckNotNull(s, nameof(services)))
            .GroupBy(s => s.Service)
            .Select(g => new ImpactedService(g.Key, g.Max(s => s.Criticality), g.Max(s => s.Effect)))
            .OrderBy(s => s.Service)
            .ToImmutableArray();
        AffectedItemCount = affectedItemCount;
    }

    /// <summary>The impacted services, one entry per service, ordered by identifier.</summary>
    public ImmutableArray<ImpactedService> Services { get; }

    /// <summary>How many configuration items are impacted, not counting the changed items themselves.</summary>
    public int AffectedItemCount { get; }

    /// <summary>How many services go down.</summary>
    public int ServicesDown => Services.Count(s => s.Effect == ServiceEffect.Down);

    /// <summary>How many services are degraded but stay up.</summary>
    public int ServicesDegraded => Services.Count(s => s.Effect == ServiceEffect.Degraded);

    /// <inheritdoc/>
    public bool Equals(ImpactSummary? other) =>
        other is not null && AffectedItemCount == other.AffectedItemCount && Services.SequenceEqual(other.Services);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ImpactSummary);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AffectedItemCount, Services.Length);

    /// <summary>Returns a one-line description, for diagnostics.</summary>
    public override string ToString() => $"{ServicesDown} down, {ServicesDegraded} degraded, {AffectedItemCount} items";
}

/// <summary>
/// The record of past changes on a set of configuration items: how many were implemented and how
/// many failed. Feeds the failure-rate likelihood factor.
/// </summary>
/// <remarks>Immutable and thread-safe; <see cref="None"/> means no history.</remarks>
public sealed record ChangeHistory
{
    /// <summary>No past changes.</summary>
    public static readonly ChangeHistory None = new(0, 0);

    /// <summary>Creates a history.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public ChangeHistory(int implemented, int failed)
    {
        Preconditions.CheckNonNegative(implemented);
        Preconditions.CheckNonNegative(failed);
        Implemented = implemented;
        Failed = failed;
    }

    /// <summary>Past changes on these items that were implemented successfully.</summary>
    public int Implemented { get; }

    /// <summary>Past changes on these items that failed.</summary>
    public int Failed { get; }

    /// <summary>Failed divided by all finished changes, in [0, 1]; 0 without history.</summary>
    public double FailureRate => Implemented + Failed == 0 ? 0 : (double)Failed / (Implemented + Failed);
}

/// <summary>
/// Everything a <see cref="RiskModel"/> weighs: the impact of the change and its likelihood
/// factors.
/// </summary>
/// <remarks>Immutable and thread-safe. Construction validates; there is no way to build an invalid input.</remarks>
public sealed record RiskInput
{
    /// <summary>Creates the input of a risk assessment.</summary>
    /// <param name="impact">What the affected items take down or degrade.</param>
    /// <param name="hasTestEvidence">Whether the change has a test plan or test evidence.</param>
    /// <param name="hasBackoutPlan">Whether the change has a backout plan.</param>
    /// <param name="history">Past changes on the affected items.</param>
    /// <param name="outsideMaintenanceWindow">Whether the planned window falls outside an impacted service's maintenance window.</param>
    /// <param name="insideBlackoutWindow">Whether the planned window overlaps a blackout (freeze) window of an impacted service.</param>
    /// <param name="conflictCount">How many other scheduled changes conflict with this one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="impact"/> or <paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="conflictCount"/> is negative.</exception>
    public RiskInput(
        ImpactSummary impact,
        bool hasTestEvidence = true,
        bool hasBackoutPlan = true,
        ChangeHistory? history = null,
        bool outsideMaintenanceWindow = false,
        bool insideBlackoutWindow = false,
        int conflictCount = 0)
    {
        Impact = Preconditions.CheckNotNull(impact);
        Preconditions.CheckNonNegative(conflictCount);
        HasTestEvidence = hasTestEvidence;
        HasBackoutPlan = hasBackoutPlan;
        History = history ?? ChangeHistory.None;
        OutsideMaintenanceWindow = outsideMaintenanceWindow;
        InsideBlackoutWindow = insideBlackoutWindow;
        ConflictCount = conflictCount;
    }

    /// <summary>What the affected items take down or degrade.</summary>
    public ImpactSummary Impact { get; }

    /// <summary>Whether the change has a test plan or test evidence.</summary>
    public bool HasTestEvidence { get; }

    /// <summary>Whether the change has a backout plan.</summary>
    public bool HasBackoutPlan { get; }

    /// <summary>Past changes on the affected items.</summary>
    public ChangeHistory History { get; }

    /// <summary>Whether the planned window falls outside an impacted service's maintenance window.</summary>
    public bool OutsideMaintenanceWindow { get; }

    /// <summary>Whether the planned window overlaps a blackout (freeze) window of an impacted service.</summary>
    public bool InsideBlackoutWindow { get; }

    /// <summary>How many other scheduled changes conflict with this one.</summary>
    public int ConflictCount { get; }
}
