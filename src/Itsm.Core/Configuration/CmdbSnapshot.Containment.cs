using System.Text;
using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <content>Containment-like relationships: the cycles they must not form.</content>
public sealed partial class CmdbSnapshot
{
    /// <summary>
    /// If adding <paramref name="relationship"/> would close a cycle of containment-like
    /// relationships, the existing path from its target back to its source (as text, ending with
    /// the new relationship); otherwise null. Non-containment relationships never close one.
    /// </summary>
    /// <remarks>A breadth-first search over containment edges from the target: O(items + relationships) at worst.</remarks>
    public string? FindContainmentCycleClosedBy(Relationship relationship)
    {
        Preconditions.CheckNotNull(relationship.Type);
        if (!relationship.Type.IsContainment
            || !Index.TryGetValue(relationship.Source, out var source)
            || !Index.TryGetValue(relationship.Target, out var target))
        {
            return null;
        }

        // Breadth-first search in the written direction (source -> target) of containment edges.
        var parent = new Dictionary<int, (int From, ushort Type)> { [target] = (-1, 0) };
        var queue = new Queue<int>();
        queue.Enqueue(target);
        while (queue.Count > 0)
        {
            var x = queue.Dequeue();
            if (x == source)
            {
                var path = new List<string>();
                for (var y = source; parent[y].From >= 0; y = parent[y].From)
                {
                    path.Add($" -[{Types[parent[y].Type]}]-> {Ids[y]}");
                }

                path.Reverse();
                return $"{Ids[target]}{string.Concat(path)} -[{relationship.Type}]-> {Ids[target]}";
            }

            foreach (var (y, type) in ContainmentSuccessors(x))
            {
                if (parent.TryAdd(y, (x, type)))
                {
                    queue.Enqueue(y);
                }
            }
        }

        return null;
    }

    /// <summary>A cycle of containment edges as text, or null; used when building.</summary>
    internal string? FindContainmentCycle()
    {
        // Peel off items without outgoing containment edges (Kahn's algorithm on sinks); whatever
        // remains has a containment successor that also remains, so walking forward from any
        // remaining item must revisit one: that is a cycle.
        var n = Count;
        int[]? outDegree = null;
        for (var x = 0; x < n; x++)
        {
            foreach (var _ in ContainmentSuccessors(x))
            {
                outDegree ??= new int[n];
                outDegree[x]++;
            }
        }

        if (outDegree is null)
        {
            return null;
        }

        var stack = new Stack<int>();
        for (var x = 0; x < n; x++)
        {
            if (outDegree[x] == 0)
            {
                stack.Push(x);
            }
        }

        while (stack.Count > 0)
        {
            var y = stack.Pop();
            foreach (var x in ContainmentPredecessors(y))
            {
                if (--outDegree[x] == 0)
                {
                    stack.Push(x);
                }
            }
        }

        var start = Array.FindIndex(outDegree, d => d > 0);
        if (start < 0)
        {
            return null;
        }

        var seenAt = new Dictionary<int, int>();
        var walk = new List<(int Node, ushort Type)>();
        var current = start;
        ushort via = 0;
        while (!seenAt.ContainsKey(current))
        {
            seenAt[current] = walk.Count;
            walk.Add((current, via));
            foreach (var (y, type) in ContainmentSuccessors(current))
            {
                if (outDegree[y] > 0)
                {
                    current = y;
                    via = type;
                    break;
                }
            }
        }

        var text = new StringBuilder(Ids[current].Value);
        for (var i = seenAt[current] + 1; i < walk.Count; i++)
        {
            text.Append(" -[").Append(Types[walk[i].Type].Name).Append("]-> ").Append(Ids[walk[i].Node].Value);
        }

        text.Append(" -[").Append(Types[via].Name).Append("]-> ").Append(Ids[current].Value);
        return text.ToString();
    }

    // Containment edges in the direction they were written (source -> target), whatever their impact direction.
    private IEnumerable<(int Node, ushort Type)> ContainmentSuccessors(int x)
    {
        for (var e = ReverseOffsets[x]; e < ReverseOffsets[x + 1]; e++)
        {
            var type = Types[ReverseTypes[e]];
            if (type.IsContainment && type.Direction == ImpactDirection.SourceDependsOnTarget)
            {
                yield return (Reverse[e], ReverseTypes[e]);
            }
        }

        for (var e = ForwardOffsets[x]; e < ForwardOffsets[x + 1]; e++)
        {
            var type = Types[ForwardTypes[e]];
            if (type.IsContainment && type.Direction == ImpactDirection.TargetDependsOnSource)
            {
                yield return (Forward[e], ForwardTypes[e]);
            }
        }
    }

    private IEnumerable<int> ContainmentPredecessors(int y)
    {
        for (var e = ForwardOffsets[y]; e < ForwardOffsets[y + 1]; e++)
        {
            var type = Types[ForwardTypes[e]];
            if (type.IsContainment && type.Direction == ImpactDirection.SourceDependsOnTarget)
            {
                yield return Forward[e];
            }
        }

        for (var e = ReverseOffsets[y]; e < ReverseOffsets[y + 1]; e++)
        {
            var type = Types[ReverseTypes[e]];
            if (type.IsContainment && type.Direction == ImpactDirection.TargetDependsOnSource)
            {
                yield return Reverse[e];
            }
        }
    }
}
