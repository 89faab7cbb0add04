using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Configuration;
using Itsm.Core.Tests.Configuration;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests;

/// <summary>
/// Random CMDBs for impact analysis, and random configuration states for baselines.
/// </summary>
/// <remarks>
/// A CMDB has 2 to 2 + 3 × size items (FsCheck's size grows to 100 over a run, so up to 302), so
/// that about half the cases need a second 64-bit word in the impact bitsets and some a third or
/// fourth. Over random relationships it lays k-of-n clusters (members <c>member of</c> a cluster
/// that needs k of them up, something that depends on the cluster, and often a hard dependency of the
/// cluster that the rule must not count), short dependency cycles,
/// and parallel relationships (the same pair again, with the same or another type); about one
/// item in twelve is retired and one in seven in maintenance.
/// </remarks>
internal static partial class Arbitraries
{
    private const int MemberOf = 3;

    public static Arbitrary<CmdbCase> CmdbCases() => CmdbGen(anyContainment: false).ToArbitrary();

    public static Arbitrary<CmdbWithAnyContainment> CmdbsWithAnyContainment() =>
        CmdbGen(anyContainment: true).Select(c => new CmdbWithAnyContainment(c)).ToArbitrary();

    public static Arbitrary<CmdbWithMoreFailures> CmdbsWithMoreFailures() =>
        (from c in CmdbGen(anyContainment: false)
         from extra in Gen.Elements(c.Live.ToArray()).ArrayOf()
         select new CmdbWithMoreFailures(c, extra)).ToArbitrary();

    /// <summary>Up to eight items c0..c7 (some absent), with names, a RAM attribute and dependencies among those present.</summary>
    public static Arbitrary<ConfigurationState> ConfigurationStates() =>
        (from n in Gen.Choose(0, 8)
         from names in Gen.Elements("x", "y").ArrayOf(n)
         from ram in Gen.Elements(0, 8, 16).ArrayOf(n)
         from present in Gen.Elements(true, true, false).ArrayOf(n)
         from edges in (from s in Gen.Choose(0, 7) from t in Gen.Choose(0, 7) select (s, t)).ArrayOf()
         select BuildState(n, names, ram, present, edges)).ToArbitrary();

    /// <summary>
    /// Containment relationships go from lower to higher index, so they never form a cycle, unless
    /// <paramref name="anyContainment"/>: then each is left in the direction drawn with a chance of
    /// 5% (a third of the cases) or 100%, so that large CMDBs are accepted as well as rejected.
    /// </summary>
    private static Gen<CmdbCase> CmdbGen(bool anyContainment) =>
        from n in Gen.Sized(size => Gen.Choose(2, 2 + (3 * size)))
        from anyWayPercent in anyContainment ? Gen.Elements(5, 100, 100) : Gen.Constant(0)
        from edgeCount in Gen.Choose(0, n * 3)
        from edges in CmdbEdge(n, anyWayPercent).ArrayOf(edgeCount)
        from cycleCount in Gen.Choose(0, 1 + (n / 32))
        from cycles in CmdbCycle(n).ArrayOf(cycleCount)
        from clusterCount in n < 3 ? Gen.Constant(0) : Gen.Choose(0, 1 + (n / 16))
        from clusters in CmdbCluster(n).ArrayOf(clusterCount)
        let laid = edges.Concat(cycles.SelectMany(c => c)).Concat(clusters.SelectMany(c => c.Edges)).ToArray()
        from parallelCount in Gen.Choose(0, laid.Length / 4)
        from parallel in laid.Length == 0 ? Gen.Constant(Array.Empty<(int, int, int)>()) : ParallelEdge(laid).ArrayOf(parallelCount)
        from minimumUp in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3))).ArrayOf(n)
        from maintenance in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true))).ArrayOf(n)
        from retired in Gen.Frequency((11, Gen.Constant(false)), (1, Gen.Constant(true))).ArrayOf(n)
        let live = Enumerable.Range(0, n).Where(v => v == 0 || !retired[v]).ToArray()
        from failedCount in Gen.Choose(1, 3)
        from failed in Gen.Elements(live).ArrayOf(failedCount)
        select new CmdbCase(
            n,
            [.. laid, .. parallel],
            WithClusterRules(minimumUp, clusters),
            maintenance,
            [.. retired.Select((r, v) => r && v != 0)],
            failed);

    /// <summary>A relationship between two distinct items; containment ones written upwards, except with <paramref name="anyWayPercent"/>% chance.</summary>
    private static Gen<(int, int, int)> CmdbEdge(int n, int anyWayPercent) =>
        from s in Gen.Choose(0, n - 1)
        from d in Gen.Choose(1, n - 1)
        from type in Gen.Frequency((5, Gen.Choose(0, 2)), (3, Gen.Choose(3, 4)), (1, Gen.Constant(5)))
        from anyWay in Gen.Choose(0, 99).Select(p => p < anyWayPercent)
        let t = (s + d) % n
        select CmdbCase.Types[type].IsContainment && !anyWay && s > t ? (t, s, type) : (s, t, type);

    /// <summary>A cycle of two to five dependency relationships (depends on, connects to, runs on).</summary>
    private static Gen<(int, int, int)[]> CmdbCycle(int n) =>
        from length in Gen.Choose(2, 5)
        from items in Gen.Choose(0, n - 1).ArrayOf(length)
        from types in Gen.Choose(0, 2).ArrayOf(length)
        select Enumerable.Range(0, length)
            .Select(i => (items[i], items[(i + 1) % length], types[i]))
            .Where(e => e.Item1 != e.Item2)
            .ToArray();

    /// <summary>
    /// A k-of-m cluster: m members (repeats make parallel relationships) below it, k of which must be up,
    /// an item depending on it (often the service c0), and in half the cases a hard dependency of the
    /// cluster itself (a switch it connects to: not a member; sometimes one of its members, then both).
    /// </summary>
    private static Gen<(int Cluster, int AtLeast, (int, int, int)[] Edges)> CmdbCluster(int n) =>
        from cluster in Gen.Choose(2, n - 1)
        from memberCount in Gen.Choose(2, Math.Min(6, cluster))
        from members in Gen.Choose(0, cluster - 1).ArrayOf(memberCount)
        from atLeast in Gen.Choose(1, memberCount)
        from consumer in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, n - 1)))
        from consumerType in Gen.Choose(0, 2)
        from hard in Gen.Frequency((1, Gen.Constant(-1)), (1, Gen.Choose(0, n - 1)))
        from hardType in Gen.Choose(0, 2)
        let uses = consumer == cluster ? Array.Empty<(int, int, int)>() : [(consumer, cluster, consumerType)]
        let needs = hard < 0 || hard == cluster ? Array.Empty<(int, int, int)>() : [(cluster, hard, hardType)]
        select (cluster, atLeast, members.Select(m => (m, cluster, MemberOf)).Concat(uses).Concat(needs).ToArray());

    /// <summary>One of <paramref name="laid"/> again, with its own type or another (containment only where it keeps the direction upwards).</summary>
    private static Gen<(int, int, int)> ParallelEdge((int Source, int Target, int Type)[] laid) =>
        from edge in Gen.Elements(laid)
        from same in Gen.Elements(true, false)
        from other in edge.Source < edge.Target ? Gen.Choose(0, 5) : Gen.Elements(0, 1, 2, 5)
        select (edge.Source, edge.Target, same ? edge.Type : other);

    private static int[] WithClusterRules(int[] minimumUp, (int Cluster, int AtLeast, (int, int, int)[] Edges)[] clusters)
    {
        var rules = minimumUp.ToArray();
        foreach (var (cluster, atLeast, _) in clusters)
        {
            rules[cluster] = atLeast;
        }

        return rules;
    }

    private static ConfigurationState BuildState(int n, string[] names, int[] ram, bool[] present, (int S, int T)[] edges)
    {
        var items = Enumerable.Range(0, n).Where(i => present[i])
            .Select(i => ram[i] == 0 ? Item($"c{i}", names[i]) : Item($"c{i}", names[i], ("ram_gb", AttributeValue.FromNumber(ram[i])))).ToList();
        var ids = items.Select(i => i.Id).ToHashSet();
        var relationships = edges.Where(e => e.S != e.T && ids.Contains(Id($"c{e.S}")) && ids.Contains(Id($"c{e.T}")))
            .Select(e => Rel($"c{e.S}", $"c{e.T}")).Distinct().ToList();
        return ConfigurationState.Create(items, relationships).Value;
    }
}
