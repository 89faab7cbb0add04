using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Tests.Configuration;

/// <summary>
/// A random CMDB: items c0..c(n-1), relationships of several types (plain ones in any direction, so
/// cycles are common; containment ones from lower to higher index unless asked otherwise), raw
/// redundancy wishes, maintenance flags and a failed set.
/// </summary>
internal sealed record CmdbCase(int Count, (int Source, int Target, int Type)[] Edges, int[] MinimumUp, bool[] Maintenance, int[] Failed)
{
    public static readonly RelationshipType[] Types =
        [RelationshipType.DependsOn, RelationshipType.ConnectsTo, RelationshipType.RunsOn, RelationshipType.MemberOf, RelationshipType.HostedOn, RelationshipType.RelatesTo];

    public static ConfigurationItemId Id(int v) => ConfigurationItemId.From($"c{v}");

    public static int Index(ConfigurationItemId id) => int.Parse(id.Value[1..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>(provider, dependent) for each impact edge.</summary>
    public IEnumerable<(int Provider, int Dependent)> ImpactEdges => Edges
        .Where(e => Types[e.Type].Direction != ImpactDirection.None)
        .Select(e => Types[e.Type].Direction == ImpactDirection.SourceDependsOnTarget ? (e.Target, e.Source) : (e.Source, e.Target));

    /// <summary>How many distinct items v depends on (parallel relationships count once).</summary>
    public int Dependencies(int v) => ImpactEdges.Where(e => e.Dependent == v).Select(e => e.Provider).Distinct().Count();

    /// <summary>The redundancy rule of v: the raw wish capped at its number of dependencies (0 = all required).</summary>
    public RedundancyRule Rule(int v) => MinimumUp[v] == 0 || Dependencies(v) == 0
        ? RedundancyRule.AllRequired
        : RedundancyRule.AtLeast(Math.Min(MinimumUp[v], Dependencies(v)));

    public CmdbCase WithoutRedundancy() => this with { MinimumUp = new int[Count] };

    public bool HasImpactEdge(int provider, int dependent) => ImpactEdges.Contains((provider, dependent));

    public Result<CmdbSnapshot> Build()
    {
        var b = new CmdbSnapshotBuilder();
        for (var v = 0; v < Count; v++)
        {
            Assert.True(b.AddItem(Id(v), v == 0 ? ConfigurationItemClass.BusinessService : ConfigurationItemClass.Server, BusinessCriticality.High, Rule(v), Maintenance[v]).IsSuccess);
        }

        foreach (var (s, t, type) in Edges)
        {
            Assert.True(b.AddRelationship(Id(s), Id(t), Types[type]).IsSuccess);
        }

        return b.Build();
    }

    /// <summary>The definition, evaluated naively: iterate the state equations from all-up until nothing changes.</summary>
    public ImpactState[] Reference(IEnumerable<int> failed, bool excludeMaintenance)
    {
        var failedSet = failed.ToHashSet();
        var state = new ImpactState[Count];
        var edges = ImpactEdges.ToList();
        bool changed;
        do
        {
            changed = false;
            for (var v = 0; v < Count; v++)
            {
                ImpactState next;
                if (excludeMaintenance && Maintenance[v])
                {
                    next = ImpactState.Up;
                }
                else if (failedSet.Contains(v))
                {
                    next = ImpactState.Down;
                }
                else
                {
                    var deps = edges.Where(e => e.Dependent == v).Select(e => e.Provider).Distinct().Select(p => state[p]).ToList();
                    var down = deps.Count(s => s == ImpactState.Down);
                    var tolerance = Rule(v).HasRedundancy ? deps.Count - Rule(v).MinimumUp : 0;
                    next = down > tolerance ? ImpactState.Down
                        : deps.Any(s => s != ImpactState.Up) ? ImpactState.Degraded
                        : ImpactState.Up;
                }

                if (next != state[v])
                {
                    state[v] = next;
                    changed = true;
                }
            }
        }
        while (changed);
        return state;
    }

    /// <summary>Shortest distances from the failed set along impact edges (maintenance ignored), -1 when unreachable.</summary>
    public int[] ReferenceDistances(IEnumerable<int> failed)
    {
        var distance = Enumerable.Repeat(-1, Count).ToArray();
        var queue = new Queue<int>();
        foreach (var f in failed.Distinct())
        {
            distance[f] = 0;
            queue.Enqueue(f);
        }

        var edges = ImpactEdges.ToList();
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            foreach (var (_, v) in edges.Where(e => e.Provider == u))
            {
                if (distance[v] < 0)
                {
                    distance[v] = distance[u] + 1;
                    queue.Enqueue(v);
                }
            }
        }

        return distance;
    }

    /// <summary>True when containment edges (in written direction) form a cycle: repeated removal of sinks leaves something.</summary>
    public bool HasContainmentCycle()
    {
        var edges = Edges.Where(e => Types[e.Type].IsContainment).ToList();
        var alive = Enumerable.Range(0, Count).ToHashSet();
        bool removed;
        do
        {
            removed = false;
            foreach (var v in alive.ToList())
            {
                if (!edges.Any(e => e.Source == v && alive.Contains(e.Target)))
                {
                    alive.Remove(v);
                    removed = true;
                }
            }
        }
        while (removed);
        return alive.Count > 0;
    }
}

/// <summary>Generators for <see cref="CmdbCase"/>.</summary>
internal static class CmdbArbitraries
{
    public static Gen<CmdbCase> CaseGen => Generate(false);

    public static Arbitrary<CmdbCase> Cases(bool containmentAnyDirection = false) => Generate(containmentAnyDirection).ToArbitrary();

    private static Gen<CmdbCase> Generate(bool containmentAnyDirection) =>
        from n in Gen.Choose(2, 16)
        from edgeCount in Gen.Choose(0, n * 3)
        from edges in Edge(n, containmentAnyDirection).ArrayOf(edgeCount)
        from minimumUp in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3))).ArrayOf(n)
        from maintenance in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true))).ArrayOf(n)
        from failedCount in Gen.Choose(1, 3)
        from failed in Gen.Choose(0, n - 1).ArrayOf(failedCount)
        select new CmdbCase(n, edges, minimumUp, maintenance, failed);

    private static Gen<(int, int, int)> Edge(int n, bool containmentAnyDirection) =>
        from s in Gen.Choose(0, n - 1)
        from d in Gen.Choose(1, n - 1)
        from type in Gen.Frequency((5, Gen.Choose(0, 2)), (3, Gen.Choose(3, 4)), (1, Gen.Constant(5)))
        let t = (s + d) % n
        select CmdbCase.Types[type].IsContainment && !containmentAnyDirection && s > t ? (t, s, type) : (s, t, type);
}
