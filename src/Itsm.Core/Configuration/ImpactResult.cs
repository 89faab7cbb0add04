using System.Collections;
using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>One configuration item impacted by a failure: its state and its distance from the nearest failure.</summary>
/// <param name="Id">The impacted item.</param>
/// <param name="Class">Its class.</param>
/// <param name="State">Down or degraded.</param>
/// <param name="Distance">The fewest relationships between a failed item and this one (at least 1).</param>
public readonly record struct ImpactedConfigurationItem(ConfigurationItemId Id, ConfigurationItemClass Class, ImpactState State, int Distance);

/// <summary>A business service hit by a failure, with its criticality.</summary>
/// <param name="Id">The service.</param>
/// <param name="Criticality">Its business criticality.</param>
/// <param name="State">Down or degraded.</param>
/// <param name="Distance">The fewest relationships from a failure (0 when the service itself failed).</param>
public readonly record struct ImpactedService(ConfigurationItemId Id, BusinessCriticality Criticality, ImpactState State, int Distance);

/// <summary>One step of an explanation path: an item, its state, and the relationship that led to it from the previous step (none for the failure it starts from).</summary>
/// <param name="Id">The item.</param>
/// <param name="State">Its state in the analysis.</param>
/// <param name="Via">The type of the relationship from the previous step, or null for the first step.</param>
/// <param name="From">The previous step's item (the one whose impact reached this one), or null for the first step.</param>
public readonly record struct ImpactStep(ConfigurationItemId Id, ImpactState State, RelationshipType? Via, ConfigurationItemId? From = null)
{
    /// <summary>
    /// The relationship that carried the impact, written as it is recorded (source, type, target), such as
    /// <c>db-01 hosted on san-01</c>; null for the first step.
    /// </summary>
    public string? Relationship => Via is null || From is not { } from
        ? null
        : Via.Direction == ImpactDirection.TargetDependsOnSource ? $"{from} {Via} {Id}" : $"{Id} {Via} {from}";
}

/// <summary>
/// The answer of <see cref="ImpactAnalysis.Analyse(CmdbSnapshot, IEnumerable{ConfigurationItemId}, MaintenancePolicy)"/>:
/// the impacted items (the failed items themselves are listed separately in <see cref="Failed"/>),
/// in order of distance from the failures.
/// </summary>
/// <remarks>Immutable and thread-safe; it keeps a reference to its snapshot.</remarks>
public sealed partial class ImpactResult : IReadOnlyList<ImpactedConfigurationItem>
{
    private readonly CmdbSnapshot snapshot;
    private readonly int failedCount;
    private readonly int[] nodes;
    private readonly ImpactState[] states;
    private readonly int[] depths;
    private readonly int[] parents;
    private Dictionary<ConfigurationItemId, int>? positions;
    private int[]? positionsByItem;

    internal ImpactResult(CmdbSnapshot snapshot, int failedCount, int[] nodes, ImpactState[] states, int[] depths, int[] parents)
    {
        this.snapshot = snapshot;
        this.failedCount = failedCount;
        this.nodes = nodes;
        this.states = states;
        this.depths = depths;
        this.parents = parents;
    }

    /// <summary>The failed items that took part (items excluded for maintenance and duplicates left out).</summary>
    public IReadOnlyList<ConfigurationItemId> Failed => [.. nodes.Take(failedCount).Select(v => snapshot.Ids[v])];

    /// <summary>The number of impacted items, failed items not counted.</summary>
    public int Count => nodes.Length - failedCount;

    /// <summary>The number of impacted items that are down, failed items not counted.</summary>
    public int DownCount => states.Skip(failedCount).Count(s => s == ImpactState.Down);

    /// <summary>The number of impacted items that are degraded.</summary>
    public int DegradedCount => Count - DownCount;

    /// <summary>The <paramref name="index"/>-th impacted item, nearest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ImpactedConfigurationItem this[int index]
    {
        get
        {
            Preconditions.CheckArgumentRange(index, 0, Count - 1);
            var p = failedCount + index;
            var v = nodes[p];
            return new ImpactedConfigurationItem(snapshot.Ids[v], snapshot.ClassTable[snapshot.Classes[v]], states[p], depths[p]);
        }
    }

    /// <summary>
    /// The business services hit, failed ones included: most critical first, then down before
    /// degraded, then nearest, then by id.
    /// </summary>
    public IReadOnlyList<ImpactedService> ImpactedServices
    {
        get
        {
            var list = new List<ImpactedService>();
            for (var p = 0; p < nodes.Length; p++)
            {
                var v = nodes[p];
                if (snapshot.ClassTable[snapshot.Classes[v]].IsBusinessService)
                {
                    list.Add(new ImpactedService(snapshot.Ids[v], snapshot.Criticality[v], states[p], depths[p]));
                }
            }

            list.Sort((a, b) =>
            {
                var c = b.Criticality.CompareTo(a.Criticality);
                c = c != 0 ? c : b.State.CompareTo(a.State);
                c = c != 0 ? c : a.Distance.CompareTo(b.Distance);
                return c != 0 ? c : a.Id.CompareTo(b.Id);
            });
            return list;
        }
    }

    /// <summary>
    /// The impacted groups that are down because their redundancy rule asks for more members than
    /// they have (see <see cref="RedundancyRule"/>), nearest first: the reason beside the path
    /// <see cref="Explain"/> gives.
    /// </summary>
    public IReadOnlyList<RedundancyShortfall> Shortfalls
    {
        get
        {
            if (snapshot.Shortfalls.Count == 0)
            {
                return [];
            }

            var byGroup = snapshot.Shortfalls.ToDictionary(s => s.Group);
            return [.. nodes.Select(v => snapshot.Ids[v]).Where(byGroup.ContainsKey).Select(id => byGroup[id])];
        }
    }

    /// <summary>The state of <paramref name="id"/>: <see cref="ImpactState.Down"/> for a failed item, <see cref="ImpactState.Up"/> when not impacted or unknown.</summary>
    public ImpactState StateOf(ConfigurationItemId id) =>
        Positions.TryGetValue(id, out var p) ? states[p] : ImpactState.Up;

    /// <summary>
    /// One shortest explanation path from a failed item to <paramref name="id"/>, read in the direction of
    /// impact: the factors are the steps (the failed item first, each later step with the relationship
    /// type that led to it), and each line says why that item is impacted, such as
    /// <c>db-01 down: db-01 hosted on san-01</c>. Empty when <paramref name="id"/> is not impacted.
    /// </summary>
    public Explanation<ImpactStep> Explain(ConfigurationItemId id) =>
        Positions.TryGetValue(id, out var p) ? ExplainAt(p) : new Explanation<ImpactStep>([], []);

    /// <summary>
    /// <see cref="Explain"/> for the snapshot item <paramref name="item"/> (an index into the snapshot's arrays), or null when
    /// it is not in this result; positions are found through an array over the snapshot instead of hashing ids, for callers
    /// that explain many items of one result.
    /// </summary>
    internal Explanation<ImpactStep>? ExplainItem(int item)
    {
        var byItem = LazyInitializer.EnsureInitialized(ref positionsByItem, () =>
        {
            var map = new int[snapshot.Count];
            Array.Fill(map, -1);
            for (var p = 0; p < nodes.Length; p++)
            {
                map[nodes[p]] = p;
            }

            return map;
        });
        return byItem[item] < 0 ? null : ExplainAt(byItem[item]);
    }

    /// <summary>The path to position <paramref name="position"/> by its parent pointers; the steps at once, the lines on first read.</summary>
    private Explanation<ImpactStep> ExplainAt(int position)
    {
        var length = 0;
        for (var p = position; p >= 0; p = parents[p])
        {
            length++;
        }

        var steps = new ImpactStep[length];
        for (var p = position; p >= 0; p = parents[p])
        {
            var q = parents[p];
            steps[--length] = q < 0
                ? new ImpactStep(snapshot.Ids[nodes[p]], states[p], null)
                : new ImpactStep(snapshot.Ids[nodes[p]], states[p], TypeBetween(nodes[q], nodes[p]), snapshot.Ids[nodes[q]]);
        }

        var factors = ImmutableArray.Create(steps);
        return new Explanation<ImpactStep>(() => factors, Lines);

        static ImmutableArray<string> Lines(ImmutableArray<ImpactStep> steps)
        {
            var lines = ImmutableArray.CreateBuilder<string>(steps.Length);
            lines.Add($"{steps[0].Id} failed");
            for (var i = 1; i < steps.Length; i++)
            {
                lines.Add($"{steps[i].Id} {StateText(steps[i].State)}: {steps[i].Relationship}");
            }

            return lines.MoveToImmutable();
        }
    }

    private static string StateText(ImpactState state) => state switch
    {
        ImpactState.Down => "down",
        ImpactState.Degraded => "degraded",
        _ => "up",
    };

    /// <inheritdoc />
    public IEnumerator<ImpactedConfigurationItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<ConfigurationItemId, int> Positions =>
        LazyInitializer.EnsureInitialized(ref positions, () =>
        {
            var map = new Dictionary<ConfigurationItemId, int>(nodes.Length);
            for (var p = 0; p < nodes.Length; p++)
            {
                map[snapshot.Ids[nodes[p]]] = p;
            }

            return map;
        });

    private RelationshipType TypeBetween(int provider, int dependent)
    {
        for (var e = snapshot.ReverseOffsets[dependent]; e < snapshot.ReverseOffsets[dependent + 1]; e++)
        {
            if (snapshot.Reverse[e] == provider)
            {
                return snapshot.Types[snapshot.ReverseTypes[e]];
            }
        }

        throw new InvalidOperationException("An explanation step has no relationship; the result does not match its snapshot.");
    }
}

/// <summary>One item a configuration item depends on, with its distance.</summary>
/// <param name="Id">The item depended on.</param>
/// <param name="Class">Its class.</param>
/// <param name="Distance">The fewest relationships from the asking item (at least 1).</param>
public readonly record struct DependencyItem(ConfigurationItemId Id, ConfigurationItemClass Class, int Distance);

/// <summary>Everything one configuration item depends on, directly or indirectly, nearest first.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DependencyClosure : IReadOnlyList<DependencyItem>
{
    private readonly CmdbSnapshot snapshot;
    private readonly int[] nodes;
    private readonly int[] depths;

    internal DependencyClosure(CmdbSnapshot snapshot, ConfigurationItemId item, int[] nodes, int[] depths)
    {
        this.snapshot = snapshot;
        Subject = item;
        this.nodes = nodes;
        this.depths = depths;
    }

    /// <summary>The item whose dependencies these are.</summary>
    public ConfigurationItemId Subject { get; }

    /// <summary>The number of items depended on.</summary>
    public int Count => nodes.Length;

    /// <summary>The <paramref name="index"/>-th item depended on, nearest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public DependencyItem this[int index]
    {
        get
        {
            Preconditions.CheckArgumentRange(index, 0, Count - 1);
            var v = nodes[index];
            return new DependencyItem(snapshot.Ids[v], snapshot.ClassTable[snapshot.Classes[v]], depths[index]);
        }
    }

    /// <inheritdoc />
    public IEnumerator<DependencyItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
