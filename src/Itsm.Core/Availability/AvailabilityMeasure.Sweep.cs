using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>The sweep over outage edges that measures every business service's availability in one pass.</summary>
public static partial class AvailabilityMeasure
{
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
            all = new Tracker(snapshot, position);
            planned = new Tracker(snapshot, position);
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
                all.Evaluate(scratch);
                foreach (var v in all.Affected)
                {
                    var p = position[v];
                    allState[p] = all.Within[v] != all.WithinMark || !scratch.IsReached(v) ? ImpactState.Up : scratch.IsDown(v) ? ImpactState.Down : ImpactState.Degraded;
                    Candidate(p);
                }
            }

            if (planned.HasChanges)
            {
                planned.Evaluate(scratch);
                foreach (var v in planned.Affected)
                {
                    var p = position[v];
                    plannedDown[p] = planned.Within[v] == planned.WithinMark && scratch.IsReached(v) && scratch.IsDown(v);
                    Candidate(p);
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
