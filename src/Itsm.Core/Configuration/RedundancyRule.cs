using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// How many of the CIs a configuration item depends on must be up for it to be up: a cluster of
/// n nodes that needs at least k of them carries <c>RedundancyRule.AtLeast(k)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The rule applies to all the CIs the item depends on (its impact predecessors, whatever the
/// relationship type; a CI related to it by several relationships counts once). With n of them
/// and a rule of k: losing some but at most n - k leaves the item <see cref="ImpactState.Degraded"/>;
/// losing more takes it <see cref="ImpactState.Down"/>.
/// A degraded dependency makes the item degraded, never down. Model a cluster's members as its
/// only dependencies; shared infrastructure the whole cluster needs belongs below the members.
/// </para>
/// <para>
/// <see cref="AllRequired"/> (the <c>default</c>) means every dependency is required: losing any
/// takes the item down. Immutable and thread-safe.
/// </para>
/// </remarks>
public readonly record struct RedundancyRule
{
    private RedundancyRule(int minimumUp) => MinimumUp = minimumUp;

    /// <summary>Every dependency is required (the default).</summary>
    public static RedundancyRule AllRequired => default;

    /// <summary>The number of dependencies that must be up, or 0 for <see cref="AllRequired"/>.</summary>
    public int MinimumUp { get; }

    /// <summary>True when this rule tolerates losing some dependencies.</summary>
    public bool HasRedundancy => MinimumUp > 0;

    /// <summary>At least <paramref name="minimumUp"/> dependencies must be up.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumUp"/> is less than 1.</exception>
    public static RedundancyRule AtLeast(int minimumUp)
    {
        Preconditions.CheckArgumentRange(minimumUp, 1, int.MaxValue);
        return new RedundancyRule(minimumUp);
    }

    /// <summary>
    /// How many of <paramref name="dependencyCount"/> dependencies may be lost before the item is
    /// down: 0 for <see cref="AllRequired"/>, otherwise n - k; negative when the rule asks for more
    /// dependencies than exist (the item can never be up, which snapshots reject).
    /// </summary>
    public int Tolerance(int dependencyCount) => HasRedundancy ? dependencyCount - MinimumUp : 0;

    /// <summary>Returns <c>all</c> or <c>at least k</c>.</summary>
    public override string ToString() => HasRedundancy ? $"at least {MinimumUp}" : "all";
}
