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
/// the service states are too. The state of a service depends only on those of its ancestors (what it
/// depends on, directly or not) that some failure reaches. So at an edge only the services in the region of
/// the item that went out or came back can change: a breadth-first walk of that region finds them and keeps,
/// per item, the number of items out that reach it. Their new states come from the down propagation of
/// <see cref="ImpactAnalysis"/> restricted to their ancestors with a positive count (found by walking back
/// from the services through such items only), from the items out among them; this is done for every
/// outage, and for planned ones alone when a planned edge is in the batch. A service's state holds over a
/// run of wall-clock time; when the run ends its business time is one difference of the calendar's
/// cumulative working time (the calendar edges are folded into the compiled timeline, O(log n) per run),
/// added to P, D or degraded time. Each edge costs the region of its item plus the reached ancestors of
/// the services it touches, usually a handful of items even while a core device is out. Memory is
/// O(N + items) besides the snapshot's pooled scratch. Thread-safe: a measurement shares nothing mutable
/// with another.
/// </para>
/// </remarks>
public static partial class AvailabilityMeasure
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
    /// The items out in one of the two views (every outage, or planned ones alone), how many of them reach
    /// each item, and after a batch of edges the states of the services those edges can affect.
    /// </summary>
    /// <remarks>
    /// The state of a service depends only on its ancestors (what it depends on, directly or not) that some
    /// failure reaches. So after the edges at one instant only the services in the regions of the items that
    /// went out or came back can change (a breadth-first walk from each, which also keeps the count of failures
    /// reaching each item), and their states follow from the propagation restricted to their ancestors with a
    /// positive count: the walk back from them passes only through items some failure reaches, which is
    /// usually a handful even when a core device is out.
    /// </remarks>
    private sealed class Tracker
    {
        private readonly CmdbSnapshot snapshot;
        private readonly int[] position;
        private readonly int[] multiplicity;
        private readonly int[] reachedBy;
        private readonly bool[] counted;
        private readonly List<int> toggled = [];
        private readonly int[] toggledMark;
        private readonly int[] visit;
        private readonly int[] queue;
        private readonly int[] serviceMark;
        private readonly List<int> roots = [];
        private int toggledEpoch = 1;
        private int visitEpoch;
        private int serviceEpoch;

        public Tracker(CmdbSnapshot snapshot, int[] position)
        {
            this.snapshot = snapshot;
            this.position = position;
            var n = snapshot.Count;
            multiplicity = new int[n];
            reachedBy = new int[n];
            counted = new bool[n];
            toggledMark = new int[n];
            visit = new int[n];
            queue = new int[n];
            serviceMark = new int[n];
            Within = new int[n];
        }

        /// <summary>The services (item indices) the last <see cref="Evaluate"/> may have changed.</summary>
        public List<int> Affected { get; } = [];

        /// <summary>The items the last propagation was restricted to: those whose mark is <see cref="WithinMark"/>.</summary>
        public int[] Within { get; }

        /// <summary>The mark of <see cref="Within"/> for the last evaluation.</summary>
        public int WithinMark { get; private set; }

        /// <summary>True when an edge since the last evaluation put an item out or brought one back.</summary>
        public bool HasChanges => toggled.Count > 0;

        public void Apply(int v, int delta)
        {
            var before = multiplicity[v];
            multiplicity[v] = before + delta;
            if ((before == 0 || multiplicity[v] == 0) && toggledMark[v] != toggledEpoch)
            {
                toggledMark[v] = toggledEpoch;
                toggled.Add(v);
            }
        }

        /// <summary>
        /// Updates the counts for the items that went out or came back, collects the services they reach in
        /// <see cref="Affected"/>, and propagates within their reached ancestors; the states are read from
        /// <paramref name="scratch"/> for items in <see cref="Within"/> (reached: degraded or down), up otherwise.
        /// </summary>
        public void Evaluate(ImpactScratch scratch)
        {
            Affected.Clear();
            serviceEpoch++;
            foreach (var v in toggled)
            {
                // An item whose outage ends where another begins went out and came back in one batch: no change.
                var isOut = multiplicity[v] > 0;
                if (isOut != counted[v])
                {
                    counted[v] = isOut;
                    Walk(v, isOut ? +1 : -1);
                }
            }

            toggled.Clear();
            toggledEpoch++;

            // Back from the affected services through items some failure reaches: the ancestors that matter.
            WithinMark = NextVisit();
            var tail = 0;
            foreach (var s in Affected)
            {
                if (reachedBy[s] > 0 && Within[s] != WithinMark)
                {
                    Within[s] = WithinMark;
                    queue[tail++] = s;
                }
            }

            roots.Clear();
            var offsets = snapshot.ReverseOffsets;
            var reverse = snapshot.Reverse;
            for (var head = 0; head < tail; head++)
            {
                var u = queue[head];
                if (multiplicity[u] > 0)
                {
                    roots.Add(u);
                }

                for (int e = offsets[u], end = offsets[u + 1]; e < end; e++)
                {
                    var p = reverse[e];
                    if (reachedBy[p] > 0 && Within[p] != WithinMark)
                    {
                        Within[p] = WithinMark;
                        queue[tail++] = p;
                    }
                }
            }

            if (roots.Count > 0)
            {
                ImpactAnalysis.Propagate(snapshot, scratch, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(roots), excludeMaintenance: false, out _, Within, WithinMark);
            }
            else
            {
                WithinMark = NextVisit(); // nothing propagated: no affected item counts as reached
            }
        }

        /// <summary>Walks the region of <paramref name="root"/> (the items its failure reaches), adding <paramref name="delta"/> to their counts and collecting its services.</summary>
        private void Walk(int root, int delta)
        {
            var mark = NextVisit();
            var offsets = snapshot.ForwardOffsets;
            var forward = snapshot.Forward;
            visit[root] = mark;
            queue[0] = root;
            var tail = 1;
            for (var head = 0; head < tail; head++)
            {
                var u = queue[head];
                reachedBy[u] += delta;
                if (position[u] >= 0 && serviceMark[u] != serviceEpoch)
                {
                    serviceMark[u] = serviceEpoch;
                    Affected.Add(u);
                }

                for (int e = offsets[u], end = offsets[u + 1]; e < end; e++)
                {
                    var w = forward[e];
                    if (visit[w] != mark)
                    {
                        visit[w] = mark;
                        queue[tail++] = w;
                    }
                }
            }
        }

        private int NextVisit()
        {
            if (visitEpoch == int.MaxValue)
            {
                Array.Clear(visit);
                Array.Clear(Within);
                visitEpoch = 0;
            }

            return ++visitEpoch;
        }
    }
}
