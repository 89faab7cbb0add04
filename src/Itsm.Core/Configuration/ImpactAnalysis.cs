using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// Impact analysis over a <see cref="CmdbSnapshot"/>: what a set of failed (or planned-down)
/// configuration items takes down or degrades, why, which business services that hits, what an
/// item depends on, and which items are single points of failure for a service.
/// </summary>
/// <remarks>
/// <para>
/// <b>Semantics.</b> The providers of an item <c>v</c> (the distinct items it depends on: parallel
/// relationships between the same pair count once) are its members, related to it through a
/// membership type (<see cref="RelationshipType.IsMembership"/>: <c>member of</c>), and its hard
/// dependencies, related through any other impact type; a provider related both ways is both.
/// With m members and redundancy tolerance t = m - k (<see cref="RedundancyRule"/>; t = 0 when every
/// member is required), <c>v</c> is <see cref="ImpactState.Down"/> when it failed, when any hard
/// dependency is down, or when more than t of its members are down; otherwise
/// <see cref="ImpactState.Degraded"/> when any provider is down or degraded; otherwise up. The answer
/// is the least fixpoint of these equations, so cycles are harmless: a cycle with
/// no failure feeding it stays up. With <see cref="MaintenancePolicy.ExcludeInMaintenance"/>, items
/// in maintenance are treated as up: they are never impacted and do not pass impact on, even when
/// listed as failed (planned work is not an outage).
/// </para>
/// <para>
/// <b>Algorithm.</b> Two linear passes over the impacted part of the graph only. (1) Breadth-first
/// search from the failed items along the dependents arrays: an item is impacted exactly when it is
/// reachable from a failure, so the BFS order gives every impacted item once, its distance (the
/// shortest number of relationships from a failure) and a parent pointer that spells one shortest
/// explanation path. (2) A worklist of down items: a down item takes down each dependent it is a
/// hard dependency of, and increments a counter on each group it is a member of; a group whose
/// counter exceeds its tolerance becomes down; either way the item joins the worklist.
/// States only rise, and each item enters the worklist at most once, so this computes the least
/// fixpoint. Every impacted item is expanded at most once per pass: no per-path re-expansion, no
/// depth cap. Time is O(I + E_I) for I impacted items and E_I relationships leaving them; nothing
/// outside the impacted region is touched. Failing several items at once is not the union of the
/// single answers: two lost cluster members can take down a cluster that each alone only degrades.
/// </para>
/// <para>
/// <b>Memory.</b> The visited set is an epoch-stamped array borrowed, with the other working arrays,
/// from a pool inside the snapshot, so a query clears nothing and allocates only its result (sized to
/// the number of impacted items). All methods are thread-safe for concurrent queries on one snapshot.
/// </para>
/// </remarks>
public static class ImpactAnalysis
{
    /// <summary>
    /// The impact of the failure of the items <paramref name="failed"/> together. An unknown id gives
    /// <see cref="ResultStatus.NotFound"/> naming it; duplicates are ignored.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Result<ImpactResult> Analyse(CmdbSnapshot snapshot, IEnumerable<ConfigurationItemId> failed) => Analyse(snapshot, failed, MaintenancePolicy.Propagate);

    /// <summary>
    /// The impact of the failure of the items <paramref name="failed"/> together, with items in
    /// maintenance treated as <paramref name="policy"/> says. An unknown id gives
    /// <see cref="ResultStatus.NotFound"/> naming it; duplicates are ignored.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Result<ImpactResult> Analyse(CmdbSnapshot snapshot, IEnumerable<ConfigurationItemId> failed, MaintenancePolicy policy)
    {
        Preconditions.CheckNotNull(snapshot);
        Preconditions.CheckNotNull(failed);
        var roots = new List<int>();
        foreach (var id in failed)
        {
            if (!snapshot.Index.TryGetValue(id, out var v))
            {
                return Failure.NotFound<ImpactResult>($"Configuration item '{id}' is not in the CMDB.", "cmdb.item.unknown");
            }

            roots.Add(v);
        }

        return Run(snapshot, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(roots), policy);
    }

    /// <summary>The impact of the failure of the single item <paramref name="failed"/>; an unknown id gives <see cref="ResultStatus.NotFound"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<ImpactResult> Analyse(CmdbSnapshot snapshot, ConfigurationItemId failed) => Analyse(snapshot, failed, MaintenancePolicy.Propagate);

    /// <summary>
    /// The impact of the failure of the single item <paramref name="failed"/>, with items in
    /// maintenance treated as <paramref name="policy"/> says; an unknown id gives <see cref="ResultStatus.NotFound"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<ImpactResult> Analyse(CmdbSnapshot snapshot, ConfigurationItemId failed, MaintenancePolicy policy)
    {
        Preconditions.CheckNotNull(snapshot);
        if (!snapshot.Index.TryGetValue(failed, out var v))
        {
            return Failure.NotFound<ImpactResult>($"Configuration item '{failed}' is not in the CMDB.", "cmdb.item.unknown");
        }

        return Run(snapshot, [v], policy);
    }

    /// <summary>
    /// Everything <paramref name="item"/> depends on, directly or indirectly, with the distance from
    /// it: the reverse question of <see cref="Analyse(CmdbSnapshot, ConfigurationItemId, MaintenancePolicy)"/>.
    /// A breadth-first search over the dependency arrays, O(D + E_D); terminates on cycles.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<DependencyClosure> DependenciesOf(CmdbSnapshot snapshot, ConfigurationItemId item)
    {
        Preconditions.CheckNotNull(snapshot);
        if (!snapshot.Index.TryGetValue(item, out var start))
        {
            return Failure.NotFound<DependencyClosure>($"Configuration item '{item}' is not in the CMDB.", "cmdb.item.unknown");
        }

        var scratch = snapshot.RentScratch();
        try
        {
            var count = Dependencies(snapshot, scratch, start);
            var nodes = scratch.Order.AsSpan(1, count - 1).ToArray();
            var depths = scratch.Depth.AsSpan(1, count - 1).ToArray();
            return new DependencyClosure(snapshot, item, nodes, depths);
        }
        finally
        {
            snapshot.ReturnScratch(scratch);
        }
    }

    /// <summary>
    /// The single points of failure of <paramref name="service"/>: every item whose failure alone
    /// takes it <see cref="ImpactState.Down"/>, given the redundancy rules, nearest first.
    /// </summary>
    /// <remarks>
    /// Runs the down propagation once from each item in the service's dependency closure C, so it
    /// costs O(|C| x (I + E_I)) where I is the impact region of one candidate; the closure of a
    /// service is small next to the whole CMDB. The service itself is not listed.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<IReadOnlyList<ConfigurationItemId>> SinglePointsOfFailure(CmdbSnapshot snapshot, ConfigurationItemId service, MaintenancePolicy policy = MaintenancePolicy.Propagate)
    {
        Preconditions.CheckNotNull(snapshot);
        if (!snapshot.Index.TryGetValue(service, out var target))
        {
            return Failure.NotFound<IReadOnlyList<ConfigurationItemId>>($"Configuration item '{service}' is not in the CMDB.", "cmdb.item.unknown");
        }

        var scratch = snapshot.RentScratch();
        try
        {
            var count = Dependencies(snapshot, scratch, target);
            var candidates = scratch.Order.AsSpan(1, count - 1).ToArray();
            var result = new List<ConfigurationItemId>();
            Span<int> root = stackalloc int[1];
            foreach (var candidate in candidates)
            {
                root[0] = candidate;
                Propagate(snapshot, scratch, root, policy == MaintenancePolicy.ExcludeInMaintenance, out _);
                if (scratch.IsReached(target) && scratch.IsDown(target))
                {
                    result.Add(snapshot.Ids[candidate]);
                }
            }

            return result;
        }
        finally
        {
            snapshot.ReturnScratch(scratch);
        }
    }

    private static ImpactResult Run(CmdbSnapshot snapshot, ReadOnlySpan<int> roots, MaintenancePolicy policy)
    {
        var scratch = snapshot.RentScratch();
        try
        {
            var count = Propagate(snapshot, scratch, roots, policy == MaintenancePolicy.ExcludeInMaintenance, out var failedCount);
            return new ImpactResult(
                snapshot,
                failedCount,
                Copy(scratch.Order, count),
                Copy(scratch.State, count),
                Copy(scratch.Depth, count),
                Copy(scratch.Parent, count));
        }
        finally
        {
            snapshot.ReturnScratch(scratch);
        }
    }

    /// <summary>The first <paramref name="count"/> entries of a scratch array, in an array that is not zeroed first (it is overwritten whole).</summary>
    private static T[] Copy<T>(T[] source, int count)
        where T : unmanaged
    {
        var copy = GC.AllocateUninitializedArray<T>(count);
        source.AsSpan(0, count).CopyTo(copy);
        return copy;
    }

    /// <summary>
    /// The two passes described on the type; returns how many items are impacted, roots included. With
    /// <paramref name="within"/>, the walk stays among the items whose mark equals <paramref name="withinMark"/>
    /// (a set closed under "depends on" for the items a caller asks about, such as the availability sweep's).
    /// </summary>
    internal static int Propagate(CmdbSnapshot snapshot, ImpactScratch w, ReadOnlySpan<int> roots, bool excludeMaintenance, out int failedCount, int[]? within = null, int withinMark = 0)
    {
        w.Begin();
        var order = w.Order;
        var depth = w.Depth;
        var parent = w.Parent;
        var state = w.State;
        var offsets = snapshot.ForwardOffsets;
        var forward = snapshot.Forward;
        var maintenance = snapshot.InMaintenance;
        var count = 0;
        foreach (var r in roots)
        {
            if ((excludeMaintenance && maintenance[r]) || !w.TryReach(r))
            {
                continue;
            }

            w.SetDown(r);
            order[count] = r;
            depth[count] = 0;
            parent[count] = -1;
            count++;
        }

        failedCount = count;

        // Pass 1: breadth-first search for the impacted set, distances and explanation parents.
        for (var head = 0; head < count; head++)
        {
            var u = order[head];
            var d = depth[head] + 1;
            for (int e = offsets[u], end = offsets[u + 1]; e < end; e++)
            {
                var v = forward[e];
                if ((excludeMaintenance && maintenance[v]) || (within is not null && within[v] != withinMark) || !w.TryReach(v))
                {
                    continue;
                }

                order[count] = v;
                depth[count] = d;
                parent[count] = head;
                count++;
            }
        }

        w.End(count);

        // Pass 2: worklist of down items; a dependent goes down at once through a hard dependency, or
        // once more of its members than its tolerance are down.
        var stack = w.Stack;
        var down = w.Down;
        var downEpoch = w.DownEpoch;
        var tolerance = snapshot.Tolerance;
        var forwardTypes = snapshot.ForwardTypes;
        var membership = snapshot.MembershipTypes;
        var top = 0;
        for (var i = 0; i < failedCount; i++)
        {
            stack[top++] = order[i];
        }

        // A reached group short of members (negative tolerance) is down whatever else fails.
        for (var i = failedCount; i < count; i++)
        {
            if (tolerance[order[i]] < 0)
            {
                w.SetDown(order[i]);
                stack[top++] = order[i];
            }
        }

        while (top > 0)
        {
            var u = stack[--top];
            for (int e = offsets[u], end = offsets[u + 1]; e < end; e++)
            {
                var v = forward[e];
                if (!w.IsReached(v) || w.IsDown(v))
                {
                    continue; // excluded for maintenance, or down already
                }

                if (!membership[forwardTypes[e]])
                {
                    w.SetDown(v); // a hard dependency: its failure takes the dependent down whatever its redundancy
                    stack[top++] = v;
                    continue;
                }

                ref var slot = ref down[v];
                if (slot.Mark != downEpoch)
                {
                    slot = new DownSlot { Mark = downEpoch, Count = 0, LastCounted = -1 };
                }
                else if (slot.LastCounted == u)
                {
                    continue; // a second membership relationship from the same down member
                }

                slot.LastCounted = u;
                if (++slot.Count > tolerance[v])
                {
                    w.SetDown(v);
                    stack[top++] = v;
                }
            }
        }

        // The states, in breadth-first order, read from the down bits.
        for (var i = 0; i < count; i++)
        {
            state[i] = w.IsDown(order[i]) ? ImpactState.Down : ImpactState.Degraded;
        }

        return count;
    }

    /// <summary>
    /// The items <paramref name="start"/> depends on, itself first, breadth-first over the dependency arrays: their indexes
    /// in <c>w.Order[0..count)</c> and their distances in <c>w.Depth</c>. Returns the count.
    /// </summary>
    internal static int Dependencies(CmdbSnapshot snapshot, ImpactScratch w, int start)
    {
        w.Begin();
        var offsets = snapshot.ReverseOffsets;
        var reverse = snapshot.Reverse;
        w.TryReach(start);
        w.Order[0] = start;
        w.Depth[0] = 0;
        var count = 1;
        for (var head = 0; head < count; head++)
        {
            var u = w.Order[head];
            for (int e = offsets[u], end = offsets[u + 1]; e < end; e++)
            {
                var v = reverse[e];
                if (w.TryReach(v))
                {
                    w.Order[count] = v;
                    w.Depth[count] = w.Depth[head] + 1;
                    count++;
                }
            }
        }

        w.End(count);
        return count;
    }
}

/// <summary>Whether items in planned maintenance take part in an impact query.</summary>
/// <remarks><c>default</c> is <see cref="Propagate"/>.</remarks>
public enum MaintenancePolicy
{
    /// <summary>Items in maintenance are treated like any other item.</summary>
    Propagate = 0,

    /// <summary>Items in maintenance are treated as up: never impacted, and they pass no impact on.</summary>
    ExcludeInMaintenance = 1,
}
