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
/// <b>A rule the members cannot satisfy is a legal state.</b> A cluster is built up member by
/// member: registered with <c>AtLeast(3)</c> before its nodes exist, or left with fewer members
/// when one is unrelated or retired. Nothing refuses that; the group is simply
/// <see cref="ImpactState.Down"/> until it has enough members, with no failure at all, and says
/// why: <see cref="CmdbSnapshot.Shortfalls"/> lists every such group as a
/// <see cref="RedundancyShortfall"/>, and an impact query that reaches the group reports it down
/// (<see cref="ImpactResult.Shortfalls"/>), so what depends on it hard is down too. The CMDB
/// of the tenant always compiles; no query fails because of one group.
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
    /// members than exist (the item is down until enough members exist: a <see cref="RedundancyShortfall"/>).
    /// </summary>
    public int Tolerance(int memberCount) => HasRedundancy ? memberCount - MinimumUp : 0;

    /// <summary>Returns <c>all</c> or <c>at least k</c>.</summary>
    public override string ToString() => HasRedundancy ? $"at least {MinimumUp}" : "all";
}

/// <summary>
/// A group whose <see cref="RedundancyRule"/> asks for more members than it has: it is down with
/// no failure at all, until enough members are related to it.
/// </summary>
/// <param name="Group">The group (a cluster, a pool).</param>
/// <param name="MinimumUp">The members its rule needs up.</param>
/// <param name="Members">The members it has (items related to it by <c>member of</c> or another membership type).</param>
/// <remarks>Immutable and thread-safe. <c>default</c> names no group.</remarks>
public readonly record struct RedundancyShortfall(ConfigurationItemId Group, int MinimumUp, int Members)
{
    /// <summary>Returns, for example, <c>'cluster-a' needs at least 3 of its members up, but has only 1</c>.</summary>
    public override string ToString() =>
        $"'{Group}' needs at least {MinimumUp} of its members up, but has only {Members} (items related to it by member of or another membership type)";
}
