using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Tests.Configuration;

/// <summary>
/// A random CMDB: items c0..c(n-1), relationships of several types (plain ones in any direction, so
/// cycles are common; containment ones from lower to higher index unless asked otherwise), raw
/// redundancy wishes, maintenance and retirement flags, and a failed set of live items.
/// </summary>
/// <remarks>
/// Retired items are left out of the snapshot with every relationship that touches them, as the
/// application compiles a tenant's CMDB; to the reference they do not exist (state up, no edges).
/// The reference members are deliberately naive (a fixpoint of the state equations, a breadth-first
/// search per question) over adjacency lists computed once per case.
/// </remarks>
public sealed record CmdbCase(int Count, (int Source, int Target, int Type)[] Edges, int[] MinimumUp, bool[] Maintenance, bool[] Retired, int[] Failed)
{
    public static readonly RelationshipType[] Types =
        [RelationshipType.DependsOn, RelationshipType.ConnectsTo, RelationshipType.RunsOn, RelationshipType.MemberOf, RelationshipType.HostedOn, RelationshipType.RelatesTo];

    private (int Provider, int Dependent)[]? impactEdges;
    private int[][]? providersOf;
    private int[][]? membersOf;
    private int[][]? hardProvidersOf;
    private int[][]? dependentsOf;
    private HashSet<(int, int)>? impactEdgeSet;

    public static ConfigurationItemId Id(int v) => ConfigurationItemId.From($"c{v}");

    public static int Index(ConfigurationItemId id) => int.Parse(id.Value[1..], CultureInfo.InvariantCulture);

    /// <summary>The items that are not retired.</summary>
    public IEnumerable<int> Live => Enumerable.Range(0, Count).Where(v => !Retired[v]);

    /// <summary>The relationships between live items, as written.</summary>
    public IEnumerable<(int Source, int Target, int Type)> LiveEdges => Edges.Where(e => !Retired[e.Source] && !Retired[e.Target]);

    /// <summary>(provider, dependent) for each impact edge between live items.</summary>
    public IReadOnlyList<(int Provider, int Dependent)> ImpactEdges => impactEdges ??= [.. LiveEdges
        .Where(e => Types[e.Type].Direction != ImpactDirection.None)
        .Select(e => Types[e.Type].Direction == ImpactDirection.SourceDependsOnTarget ? (e.Target, e.Source) : (e.Source, e.Target))];

    /// <summary>The distinct items v depends on (parallel relationships count once).</summary>
    public int[] ProvidersOf(int v) => (providersOf ??= Group(ImpactEdges.Select(e => (e.Dependent, e.Provider))))[v];

    /// <summary>The distinct members of v: items related to it through a live membership relationship (member of).</summary>
    public int[] MembersOf(int v) => (membersOf ??= Group(ImpactEdgesWhere(type => type.IsMembership)))[v];

    /// <summary>The distinct hard dependencies of v: items it depends on through a live relationship of any other impact type.</summary>
    public int[] HardProvidersOf(int v) => (hardProvidersOf ??= Group(ImpactEdgesWhere(type => !type.IsMembership)))[v];

    /// <summary>The distinct items that depend on v.</summary>
    public int[] DependentsOf(int v) => (dependentsOf ??= Group(ImpactEdges.Select(e => (e.Provider, e.Dependent))))[v];

    /// <summary>The redundancy rule of v: the raw wish capped at its number of members (0 = all required).</summary>
    public RedundancyRule Rule(int v) => MinimumUp[v] == 0 || MembersOf(v).Length == 0
        ? RedundancyRule.AllRequired
        : RedundancyRule.AtLeast(Math.Min(MinimumUp[v], MembersOf(v).Length));

    public CmdbCase WithoutRedundancy() => this with { MinimumUp = new int[Count] };

    public bool HasImpactEdge(int provider, int dependent) => (impactEdgeSet ??= [.. ImpactEdges]).Contains((provider, dependent));

    public Result<CmdbSnapshot> Build()
    {
        var b = new CmdbSnapshotBuilder();
        foreach (var v in Live)
        {
            Assert.True(b.AddItem(Id(v), v == 0 ? ConfigurationItemClass.BusinessService : ConfigurationItemClass.Server, BusinessCriticality.High, Rule(v), Maintenance[v]).IsSuccess);
        }

        foreach (var (s, t, type) in LiveEdges)
        {
            Assert.True(b.AddRelationship(Id(s), Id(t), Types[type]).IsSuccess);
        }

        return b.Build();
    }

    /// <summary>The definition, evaluated naively: iterate the state equations from all-up until nothing changes.</summary>
    public ImpactState[] Reference(IEnumerable<int> failed, bool excludeMaintenance)
    {
        var failedSet = new bool[Count];
        foreach (var f in failed)
        {
            failedSet[f] = true;
        }

        var state = new ImpactState[Count];
        bool changed;
        do
        {
            changed = false;
            for (var v = 0; v < Count; v++)
            {
                ImpactState next;
                if (Retired[v] || (excludeMaintenance && Maintenance[v]))
                {
                    next = ImpactState.Up;
                }
                else if (failedSet[v])
                {
                    next = ImpactState.Down;
                }
                else
                {
                    // Down: any hard dependency down, or more members down than the rule tolerates.
                    var members = MembersOf(v);
                    var membersDown = members.Count(p => state[p] == ImpactState.Down);
                    var rule = Rule(v);
                    var tolerance = rule.HasRedundancy ? members.Length - rule.MinimumUp : 0;
                    next = HardProvidersOf(v).Any(p => state[p] == ImpactState.Down) || membersDown > tolerance ? ImpactState.Down
                        : ProvidersOf(v).Any(p => state[p] != ImpactState.Up) ? ImpactState.Degraded
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

        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            foreach (var v in DependentsOf(u))
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

    /// <summary>True when live containment edges (in written direction) form a cycle: repeated removal of sinks leaves something.</summary>
    public bool HasContainmentCycle()
    {
        var targets = Group(LiveEdges.Where(e => Types[e.Type].IsContainment).Select(e => (e.Source, e.Target)));
        var alive = Live.ToHashSet();
        bool removed;
        do
        {
            removed = false;
            foreach (var v in alive.ToList())
            {
                if (!targets[v].Any(alive.Contains))
                {
                    alive.Remove(v);
                    removed = true;
                }
            }
        }
        while (removed);
        return alive.Count > 0;
    }

    public override string ToString() =>
        $"{Count} items; relationships [{string.Join(", ", Edges.Select(e => $"c{e.Source} {Types[e.Type].Name} c{e.Target}"))}]; " +
        $"at least [{string.Join(", ", Enumerable.Range(0, Count).Where(v => MinimumUp[v] > 0).Select(v => $"c{v}:{MinimumUp[v]}"))}]; " +
        $"maintenance [{string.Join(", ", Enumerable.Range(0, Count).Where(v => Maintenance[v]).Select(v => $"c{v}"))}]; " +
        $"retired [{string.Join(", ", Enumerable.Range(0, Count).Where(v => Retired[v]).Select(v => $"c{v}"))}]; " +
        $"failed [{string.Join(", ", Failed.Select(v => $"c{v}"))}]";

    /// <summary>(dependent, provider) for each live impact relationship whose type satisfies <paramref name="keep"/>.</summary>
    private IEnumerable<(int Dependent, int Provider)> ImpactEdgesWhere(Func<RelationshipType, bool> keep) => LiveEdges
        .Where(e => Types[e.Type].Direction != ImpactDirection.None && keep(Types[e.Type]))
        .Select(e => Types[e.Type].Direction == ImpactDirection.SourceDependsOnTarget ? (e.Source, e.Target) : (e.Target, e.Source));

    private int[][] Group(IEnumerable<(int From, int To)> pairs)
    {
        var lists = Enumerable.Range(0, Count).Select(_ => new List<int>()).ToArray();
        foreach (var (from, to) in pairs.Distinct())
        {
            lists[from].Add(to);
        }

        return [.. lists.Select(l => l.ToArray())];
    }
}

/// <summary>A CMDB whose containment relationships may point either way, so some form cycles.</summary>
public sealed record CmdbWithAnyContainment(CmdbCase Case);

/// <summary>A CMDB and more live items to fail besides its failed set.</summary>
public sealed record CmdbWithMoreFailures(CmdbCase Case, int[] Extra);
