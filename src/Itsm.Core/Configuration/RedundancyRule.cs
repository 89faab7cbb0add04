using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// How many members of a group (a cluster, a pool, a redundant pair) must be up for the group to be
/// up: a cluster of n nodes that needs at least k of them carries <c>RedundancyRule.AtLeast(k)</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>What the rule counts.</b> The members of an item are the items related to it through a
/// membership type: <see cref="RelationshipType.MemberOf"/> (<c>node-1 member of cluster-a</c>), or
/// a vendor type defined with <c>isMembership: true</c>. A member related by several relationships
/// counts once. With n members and a rule of k: losing some members but at most n - k leaves the
/// group <see cref="ImpactState.Degraded"/>; losing more takes it <see cref="ImpactState.Down"/>.
/// </para>
/// <para>
/// <b>What it does not count.</b> Every other provider of the group (anything it depends on, runs
/// on, is hosted on or connects to) is a hard dependency: its failure takes the group down whatever
/// the rule. A 2-of-3 cluster that also connects to one switch has three members, not four: losing
/// one node degrades it, losing two takes it down, and losing the switch takes it down. A member
/// that is also related to the group through another type is both a member and a hard dependency.
/// A degraded provider makes the group degraded, never down.
/// </para>
/// <para>
/// <see cref="AllRequired"/> (the <c>default</c>) means every member is required: losing any
/// takes the item down, as losing any hard dependency does. Immutable and thread-safe.
/// </para>
/// </remarks>
public readonly record struct RedundancyRule
{
    private RedundancyRule(int minimumUp) => MinimumUp = minimumUp;

    /// <summary>Every member is required (the default).</summary>
    public static RedundancyRule AllRequired => default;

    /// <summary>The number of members that must be up, or 0 for <see cref="AllRequired"/>.</summary>
    public int MinimumUp { get; }

    /// <summary>True when this rule tolerates losing some members.</summary>
    public bool HasRedundancy => MinimumUp > 0;

    /// <summary>At least <paramref name="minimumUp"/> members must be up.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumUp"/> is less than 1.</exception>
    public static RedundancyRule AtLeast(int minimumUp)
    {
        Preconditions.CheckArgumentRange(minimumUp, 1, int.MaxValue);
        return new RedundancyRule(minimumUp);
    }

    /// <summary>
    /// How many of <paramref name="memberCount"/> members may be lost before the item is
    /// down: 0 for <see cref="AllRequired"/>, otherwise n - k; negative when the rule asks for more
    /// members than exist (the item can never be up, which snapshots reject).
    /// </summary>
    public int Tolerance(int memberCount) => HasRedundancy ? memberCount - MinimumUp : 0;

    /// <summary>Returns <c>all</c> or <c>at least k</c>.</summary>
    public override string ToString() => HasRedundancy ? $"at least {MinimumUp}" : "all";
}
