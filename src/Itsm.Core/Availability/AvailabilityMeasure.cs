using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>
/// Availability of services measured exactly from the outages of configuration items, the CMDB's
/// impact semantics (with redundancy) and the agreed service hours.
/// </summary>
/// <remarks>
/// <para>
/// <b>Semantics.</b> At each instant, the set of items out is the set of items with an outage covering
/// it. A service's state at that instant is its state in <see cref="ImpactAnalysis"/> with those items
/// failed (<see cref="MaintenancePolicy.Propagate"/>: the outage records, not the items' current
/// maintenance flag, say what was out): down, degraded or up, with k-of-n redundancy, a degraded
/// member counting as up for its group's rule, and cycles harmless. Over a period and the service-hours
/// calendar H:
/// </para>
/// <list type="bullet">
/// <item><description>planned time <c>P</c>: instants of H in which the service is down counting planned outages alone;</description></item>
/// <item><description>agreed time <c>A</c> = H minus P;</description></item>
/// <item><description>downtime <c>D</c>: instants of A in which the service is down counting every outage;
/// degraded time: instants of A in which it is degraded (and not down) counting every outage;</description></item>
/// <item><description>availability <c>(|A| - |D|) / |A|</c>; outages: the maximal wall-clock intervals in which the
/// service is down (counting every outage, cut to the period) that share a positive duration with A;
/// MTRS = <c>|D|</c> / outages, MTBF = (<c>|A| - |D|</c>) / outages, MTBSI = <c>|A|</c> / outages.</description></item>
/// </list>
/// <para>
/// Consequences, each property-tested: overlapping outages never count twice (an instant is either out
/// or not); outside service hours nothing counts toward P, A, D or degraded time; P, A, D and degraded
/// time of disjoint periods add up (the outage count of two adjacent periods exceeds the whole period's
/// by one when a down interval straddles the boundary and shares agreed time with both sides); adding a
/// member to a k-of-n group never shrinks the agreed up time <c>|A| - |D|</c> nor grows <c>P + D</c>.
/// Availability itself can fall when a member is added while planned work is under way: instants that
/// were planned-down move into A, and an unplanned failure during them now counts as downtime. A down
/// interval that runs overnight outside service hours is one outage, not two, so outages outside service
/// hours can merge two counted outages into one; they never add one.
/// </para>
/// <para>
/// <b>Algorithm.</b> A sweep over the breakpoints, never sampling. The outage edges, cut to the period, are
/// sorted (O(N log N) for N outages); between two consecutive edges the set of items out is constant, so
/// the service states are too. The state of an item depends only on the failed items that reach it, so at
/// an edge only the region of the item that went out or came back (the items its failure reaches) can
/// change; its new states come from the down propagation of <see cref="ImpactAnalysis"/> run from the
/// items out whose regions meet it (once for every outage, once more for planned ones alone when a
/// planned edge is among them). Each item out keeps its region, so the meeting test is
/// O(min(region, changed region)) per item out, and the propagation costs O(I + E_I) for the impacted
/// region of the relevant items only. A service's state holds over a run of wall-clock time; when the run
/// ends its business time is one difference of the calendar's cumulative working time (the calendar edges
/// are folded into the compiled timeline, O(log n) per run), added to P, D or degraded time. Memory is
/// O(N + services + the regions of the items out at once) besides the snapshot's pooled scratch.
/// Thread-safe: a measurement shares nothing mutable with another.
/// </para>
/// </remarks>
public static class AvailabilityMeasure
{
    /// <summary>
    /// The availability of every business service of <paramref name="snapshot"/> (class
    /// <see cref="ConfigurationItemClass.BusinessService"/>), by id, over <paramref name="period"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Result<IReadOnlyList<ServiceAvailability>> Measure(CmdbSnapshot snapshot, BusinessCalendar serviceHours, Interval period, IEnumerable<Outage> outages)
    {
        Preconditions.CheckNotNull(snapshot);
        var services = new List<ConfigurationItemId>();
        for (var v = 0; v < snapshot.Count; v++)
        {
            if (snapshot.ClassTable[snapshot.Classes[v]].IsBusinessService)
            {
                services.Add(snapshot.Ids[v]);
            }
        }

        services.Sort();
        return Measure(snapshot, serviceHours, period, outages, services);
    }

    /// <summary>
    /// The availability of each of <paramref name="services"/> (any configuration items; duplicates
    /// once, in the order given) over <paramref name="period"/>, from <paramref name="outages"/>.
    /// An outage or service naming an item not in the snapshot gives <see cref="ResultStatus.NotFound"/>
    /// (<c>cmdb.item.unknown</c>); a period without both ends or outside the calendars' supported range
    /// gives <see cref="ResultStatus.Invalid"/> (<c>availability.period.invalid</c>); a <c>default</c>
    /// outage gives <c>availability.outage.invalid</c>. Outages reaching outside the period are cut to it;
    /// an ongoing one lasts to the end of the period.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Result<IReadOnlyList<ServiceAvailability>> Measure(
        CmdbSnapshot snapshot, BusinessCalendar serviceHours, Interval period, IEnumerable<Outage> outages, IEnumerable<ConfigurationItemId> services)
    {
        Preconditions.CheckNotNull(snapshot);
        Preconditions.CheckNotNull(serviceHours);
        Preconditions.CheckNotNull(outages);
        Preconditions.CheckNotNull(services);
        if (!period.HasStart || !period.HasEnd || period.Start < BusinessCalendar.MinSupportedInstant || period.End > BusinessCalendar.MaxSupportedInstant)
        {
            return Result<IReadOnlyList<ServiceAvailability>>.Invalid(Failure.Field(
                "period",
                $"The period {period} must have a start and an end within {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant}.",
                "availability.period.invalid"));
        }

        var serviceIndex = new List<int>();
        var position = new int[snapshot.Count];
        Array.Fill(position, -1);
        foreach (var service in services)
        {
            if (service.Value is null || !snapshot.Index.TryGetValue(service, out var v))
            {
                return Failure.NotFound<IReadOnlyList<ServiceAvailability>>($"Configuration item '{service}' is not in the CMDB.", "cmdb.item.unknown");
            }

            if (position[v] < 0)
            {
                position[v] = serviceIndex.Count;
                serviceIndex.Add(v);
            }
        }

        var edges = new List<Edge>();
        foreach (var outage in outages)
        {
            if (outage.Item.Value is null)
            {
                return Result<IReadOnlyList<ServiceAvailability>>.Invalid(Failure.Field("outages", "An outage is default(Outage); create it with Outage.Create.", "availability.outage.invalid"));
            }

            if (!snapshot.Index.TryGetValue(outage.Item, out var v))
            {
                return Failure.NotFound<IReadOnlyList<ServiceAvailability>>($"Configuration item '{outage.Item}' of outage {outage} is not in the CMDB.", "cmdb.item.unknown");
            }

            var start = outage.Start < period.Start ? period.Start : outage.Start;
            var end = outage.End is { } e && e < period.End ? e : period.End;
            if (start < end)
            {
                edges.Add(new Edge(start, v, +1, outage.IsPlanned));
                edges.Add(new Edge(end, v, -1, outage.IsPlanned));
            }
        }

        var sweep = new Sweep(snapshot, serviceHours, period, serviceIndex, position);
        return Result<IReadOnlyList<ServiceAvailability>>.Success(sweep.Run(edges));
    }

    private readonly record struct Edge(Instant At, int Item, int Delta, bool Planned);

    /// <summary>The state of a service over a run of time: up, degraded, down, or down counting planned outages alone.</summary>
    private enum Status : byte
    {
        Up = 0,
        Degraded = 1,
        Down = 2,
        PlannedDown = 3,
    }

    /// <summary>
    /// The items out (in one of the two views: every outage, or planned ones alone) and, for each, the
    /// region its failure reaches; after a batch of edges it re-evaluates the items those edges can affect.
    /// </summary>
    /// <remarks>
    /// The state of an item depends only on the failed items that reach it. So after the edges at one
    /// instant, only the union U of the regions of the items that went out or came back can change, and
    /// their new states follow from propagating the failures whose regions meet U (the relevant roots):
    /// every failure that reaches a member of U is one of them. Each root keeps its region (a list, and a
    /// bitset when large, pooled), so the meeting test costs min(|region|, |U|) per root.
    /// </remarks>
    private sealed class Tracker
    {
        private const int BitsetThreshold = 256;
        private readonly CmdbSnapshot snapshot;
        private readonly int[] multiplicity;
        private readonly int[] slot;
        private readonly List<int> roots = [];
        private readonly Region?[] regions;
        private readonly Stack<ulong[]> bitsetPool = new();
        private readonly List<int> toggled = [];
        private readonly int[] toggledMark;
        private readonly int[] visit;
        private readonly List<int> relevant = [];
        private int toggledEpoch = 1;
        private int visitEpoch;

        public Tracker(CmdbSnapshot snapshot)
        {
            this.snapshot = snapshot;
            var n = snapshot.Count;
            multiplicity = new int[n];
            slot = new int[n];
            regions = new Region?[n];
            toggledMark = new int[n];
            visit = new int[n];
            AffectedMark = new int[n];
        }

        /// <summary>The items the last <see cref="Evaluate"/> may have changed.</summary>
        public List<int> Affected { get; } = [];

        /// <summary>Marks of <see cref="Affected"/>: equal to <see cref="AffectedEpoch"/> for its members.</summary>
        public int[] AffectedMark { get; }

        /// <summary>The epoch of <see cref="AffectedMark"/>.</summary>
        public int AffectedEpoch { get; private set; }

        /// <summary>True when an edge since the last evaluation put an item out or brought one back.</summary>
        public bool HasChanges => toggled.Count > 0;

        public void Apply(int v, int delta)
        {
            var before = multiplicity[v];
            multiplicity[v] = before + delta;
            if (before == 0 || multiplicity[v] == 0)
            {
                if (toggledMark[v] != toggledEpoch)
                {
                    toggledMark[v] = toggledEpoch;
                    toggled.Add(v);
                }
            }
        }

        /// <summary>
        /// Brings the roots and regions up to date with the edges applied, propagates the relevant roots,
        /// and fills <see cref="Affected"/>; the states of affected items are read from <paramref name="scratch"/>
        /// (reached: degraded or down; not reached: up). Returns false when nothing was propagated (all affected items are up).
        /// </summary>
        public bool Evaluate(ImpactScratch scratch)
        {
            AffectedEpoch++;
            Affected.Clear();
            foreach (var v in toggled)
            {
                var isOut = multiplicity[v] > 0;
                if (isOut && regions[v] is null)
                {
                    var region = Reach(v);
                    regions[v] = region;
                    slot[v] = roots.Count;
                    roots.Add(v);
                    MarkAffected(region);
                }
                else if (!isOut && regions[v] is { } region)
                {
                    MarkAffected(region);
                    Release(v, region);
                }
            }

            toggled.Clear();
            toggledEpoch++;
            relevant.Clear();
            foreach (var y in roots)
            {
                if (Meets(regions[y]!))
                {
                    relevant.Add(y);
                }
            }

            if (relevant.Count == 0)
            {
                return false;
            }

            ImpactAnalysis.Propagate(snapshot, scratch, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(relevant), excludeMaintenance: false, out _);
            return true;
        }

        private void MarkAffected(Region region)
        {
            foreach (var u in region.Nodes)
            {
                if (AffectedMark[u] != AffectedEpoch)
                {
                    AffectedMark[u] = AffectedEpoch;
                    Affected.Add(u);
                }
            }
        }

        private bool Meets(Region region)
        {
            if (region.Bits is null || region.Nodes.Length <= Affected.Count)
            {
                foreach (var u in region.Nodes)
                {
                    if (AffectedMark[u] == AffectedEpoch)
                    {
                        return true;
                    }
                }

                return false;
            }

            foreach (var u in Affected)
            {
                if ((region.Bits[u >> 6] & (1UL << u)) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The items a failure of <paramref name="root"/> reaches, itself included: a breadth-first search along the dependents.</summary>
        private Region Reach(int root)
        {
            if (++visitEpoch == int.MaxValue)
            {
                Array.Clear(visit);
                visitEpoch = 1;
            }

            var offsets = snapshot.ForwardOffsets;
            var forward = snapshot.Forward;
            var nodes = new List<int> { root };
            visit[root] = visitEpoch;
            for (var head = 0; head < nodes.Count; head++)
            {
                var u = nodes[head];
                for (int e = offsets[u], end = offsets[u + 1]; e < end; e++)
                {
                    var w = forward[e];
                    if (visit[w] != visitEpoch)
                    {
                        visit[w] = visitEpoch;
                        nodes.Add(w);
                    }
                }
            }

            ulong[]? bits = null;
            if (nodes.Count > BitsetThreshold)
            {
                bits = bitsetPool.Count > 0 ? bitsetPool.Pop() : new ulong[(snapshot.Count + 63) >> 6];
                foreach (var u in nodes)
                {
                    bits[u >> 6] |= 1UL << u;
                }
            }

            return new Region([.. nodes], bits);
        }

        private void Release(int v, Region region)
        {
            regions[v] = null;
            var last = roots[^1];
            roots[slot[v]] = last;
            slot[last] = slot[v];
            roots.RemoveAt(roots.Count - 1);
            if (region.Bits is { } bits)
            {
                foreach (var u in region.Nodes)
                {
                    bits[u >> 6] = 0;
                }

                bitsetPool.Push(bits);
            }
        }

        private sealed record Region(int[] Nodes, ulong[]? Bits);
    }

    private sealed class Sweep
    {
        private readonly CmdbSnapshot snapshot;
        private readonly BusinessCalendar calendar;
        private readonly Interval period;
        private readonly List<int> services;
        private readonly int[] position;
        private readonly Tracker all;
        private readonly Tracker planned;
        private readonly ImpactState[] allState;
        private readonly bool[] plannedDown;
        private readonly List<int> candidates = [];
        private readonly int[] candidateMark;
        private readonly Status[] status;
        private readonly Instant[] since;
        private readonly long[] runDown;
        private readonly long[] plannedNanos;
        private readonly long[] downNanos;
        private readonly long[] degradedNanos;
        private readonly int[] outageCount;
        private int epoch;

        public Sweep(CmdbSnapshot snapshot, BusinessCalendar calendar, Interval period, List<int> services, int[] position)
        {
            this.snapshot = snapshot;
            this.calendar = calendar;
            this.period = period;
            this.services = services;
            this.position = position;
            all = new Tracker(snapshot);
            planned = new Tracker(snapshot);
            var s = services.Count;
            allState = new ImpactState[s];
            plannedDown = new bool[s];
            candidateMark = new int[s];
            status = new Status[s];
            since = new Instant[s];
            Array.Fill(since, period.Start);
            runDown = new long[s];
            plannedNanos = new long[s];
            downNanos = new long[s];
            degradedNanos = new long[s];
            outageCount = new int[s];
        }

        public IReadOnlyList<ServiceAvailability> Run(List<Edge> edges)
        {
            var end = period.End;
            if (period.Start < end)
            {
                calendar.Precompile(period.Start, end);
            }

            edges.Sort((a, b) => a.At.CompareTo(b.At));
            var scratch = snapshot.RentScratch();
            try
            {
                for (var i = 0; i < edges.Count;)
                {
                    var at = edges[i].At;
                    for (; i < edges.Count && edges[i].At == at; i++)
                    {
                        var edge = edges[i];
                        all.Apply(edge.Item, edge.Delta);
                        if (edge.Planned)
                        {
                            planned.Apply(edge.Item, edge.Delta);
                        }
                    }

                    Step(scratch, at);
                }
            }
            finally
            {
                snapshot.ReturnScratch(scratch);
            }

            for (var p = 0; p < services.Count; p++)
            {
                Close(p, end, Status.Up);
            }

            var hours = calendar.BusinessTimeBetween(period.Start, end);
            var result = new ServiceAvailability[services.Count];
            for (var p = 0; p < services.Count; p++)
            {
                result[p] = new ServiceAvailability(
                    snapshot.Ids[services[p]],
                    period,
                    hours,
                    Duration.FromNanoseconds(plannedNanos[p]),
                    Duration.FromNanoseconds(downNanos[p]),
                    Duration.FromNanoseconds(degradedNanos[p]),
                    outageCount[p]);
            }

            return result;
        }

        /// <summary>Re-evaluates the services the edges at <paramref name="at"/> can affect and closes the runs that end there.</summary>
        private void Step(ImpactScratch scratch, Instant at)
        {
            epoch++;
            if (all.HasChanges)
            {
                var propagated = all.Evaluate(scratch);
                foreach (var v in all.Affected)
                {
                    var p = position[v];
                    if (p >= 0)
                    {
                        allState[p] = !propagated || !scratch.IsReached(v) ? ImpactState.Up : scratch.IsDown(v) ? ImpactState.Down : ImpactState.Degraded;
                        Candidate(p);
                    }
                }
            }

            if (planned.HasChanges)
            {
                var propagated = planned.Evaluate(scratch);
                foreach (var v in planned.Affected)
                {
                    var p = position[v];
                    if (p >= 0)
                    {
                        plannedDown[p] = propagated && scratch.IsReached(v) && scratch.IsDown(v);
                        Candidate(p);
                    }
                }
            }

            foreach (var p in candidates)
            {
                var next = plannedDown[p] ? Status.PlannedDown : (Status)allState[p];
                if (next != status[p])
                {
                    Close(p, at, next);
                }
            }

            candidates.Clear();
        }

        private void Candidate(int p)
        {
            if (candidateMark[p] != epoch)
            {
                candidateMark[p] = epoch;
                candidates.Add(p);
            }
        }

        /// <summary>Ends the run of service <paramref name="p"/> at <paramref name="at"/>, adds its business time where it belongs, and starts a run of <paramref name="next"/>.</summary>
        private void Close(int p, Instant at, Status next)
        {
            var current = status[p];
            if (current != Status.Up)
            {
                var business = calendar.BusinessTimeBetween(since[p], at).ToInt64Nanoseconds();
                switch (current)
                {
                    case Status.PlannedDown:
                        plannedNanos[p] += business;
                        break;
                    case Status.Down:
                        downNanos[p] += business;
                        runDown[p] += business;
                        break;
                    default:
                        degradedNanos[p] += business;
                        break;
                }
            }

            // Planned-down instants are down instants too (more failures never raise a state less), so a down
            // interval runs on through planned work; it is an outage when some of it was agreed time.
            var wasDown = current >= Status.Down;
            var isDown = next >= Status.Down;
            if (wasDown && !isDown)
            {
                if (runDown[p] > 0)
                {
                    outageCount[p]++;
                }

                runDown[p] = 0;
            }

            status[p] = next;
            since[p] = at;
        }
    }
}
