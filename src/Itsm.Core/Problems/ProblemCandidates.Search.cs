using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Problems;

public static partial class ProblemCandidates
{
    /// <summary>One query's working state: closures, coverage lists, run sets and the maximality check.</summary>
    private sealed class Search(CmdbSnapshot snapshot, IncidentOccurrence[] placed, Duration window, int minimum)
    {
        /// <summary>The closure (items covering it, itself first) of each distinct incident item, by <see cref="slotOf"/>.</summary>
        private readonly List<int[]> covering = [];
        private readonly List<int[]> depths = [];
        private readonly int[] slotOf = new int[snapshot.Count];

        /// <summary>Marks of the maximality check (<see cref="IsMaximal"/>): distinct items, then the shrinking common cover.</summary>
        private readonly int[] marks = new int[snapshot.Count];
        private readonly List<int> maximalItems = [];
        private int mark;

        public IEnumerable<ProblemCandidate> Run()
        {
            // The snapshot index of each incident's item, and each distinct item's closure once.
            Array.Fill(slotOf, -1);
            var items = new int[placed.Length];
            var counts = new int[snapshot.Count + 1];
            for (var i = 0; i < placed.Length; i++)
            {
                var item = items[i] = snapshot.Index[placed[i].Item];
                foreach (var v in Closure(item))
                {
                    counts[v + 1]++;
                }
            }

            // Every item's coverage list as one stretch of a flat array: the incidents it covers, in opening order.
            for (var v = 0; v < snapshot.Count; v++)
            {
                counts[v + 1] += counts[v];
            }

            var offsets = (int[])counts.Clone();
            var covered = new int[counts[snapshot.Count]];
            var distances = new int[covered.Length];
            for (var i = 0; i < placed.Length; i++)
            {
                var slot = slotOf[items[i]];
                var closure = covering[slot];
                var depth = depths[slot];
                for (var k = 0; k < closure.Length; k++)
                {
                    var at = counts[closure[k]]++;
                    covered[at] = i;
                    distances[at] = depth[k];
                }
            }

            // The length of the run each entry of a coverage list belongs to.
            var runLength = new int[covered.Length];
            for (var v = 0; v < snapshot.Count; v++)
            {
                var start = offsets[v];
                for (var end = start + 1; end <= offsets[v + 1]; end++)
                {
                    if (end == offsets[v + 1] || placed[covered[end]].OpenedAt - placed[covered[end - 1]].OpenedAt > window)
                    {
                        Array.Fill(runLength, end - start, start, end - start);
                        start = end;
                    }
                }
            }

            // Candidate sets, grouped by content, each with the items whose run it is and their total distance. A run that an
            // item it depends on directly extends is left out at once: that item covers all of it, so it is not maximal.
            var groups = new Dictionary<MemberSet, List<(int Item, long Distance)>>();
            for (var v = 0; v < snapshot.Count; v++)
            {
                for (var start = offsets[v]; start < offsets[v + 1]; start += runLength[start])
                {
                    var end = start + runLength[start];
                    if (end - start < minimum || IsExtendedByAProvider(v, covered[start], end - start, covered, offsets, runLength))
                    {
                        continue;
                    }

                    var set = new MemberSet(covered, start, end - start);
                    long distance = 0;
                    for (var k = start; k < end; k++)
                    {
                        distance += distances[k];
                    }

                    if (!groups.TryGetValue(set, out var group))
                    {
                        groups[set.Own()] = group = []; // the run is copied only when it is a new set
                    }

                    group.Add((v, distance));
                }
            }

            var found = new List<ProblemCandidate>();
            foreach (var (set, group) in groups)
            {
                if (!IsMaximal(set, items, group.Count))
                {
                    continue; // another candidate set strictly contains this one
                }

                var nearest = group[0];
                foreach (var g in group)
                {
                    if (g.Distance < nearest.Distance || (g.Distance == nearest.Distance && string.CompareOrdinal(snapshot.Ids[g.Item].Value, snapshot.Ids[nearest.Item].Value) < 0))
                    {
                        nearest = g;
                    }
                }

                found.Add(Describe(snapshot, placed, items, window, nearest.Item, set.Members));
            }

            found.Sort((a, b) =>
            {
                var c = a.From.CompareTo(b.From);
                c = c != 0 ? c : a.Incidents[0].CompareTo(b.Incidents[0]);
                return c != 0 ? c : string.CompareOrdinal(a.SharedItem.Value, b.SharedItem.Value);
            });
            return found;
        }

        /// <summary>
        /// Whether an item <paramref name="item"/> depends on directly has a longer run through <paramref name="first"/>, the
        /// first incident of a run of <paramref name="length"/>: that item covers everything <paramref name="item"/> covers, so
        /// its run holds this one, and a longer run makes this one not maximal. Leaving such runs out early keeps the group of
        /// every maximal set whole (no item of it has a longer run above it), so <see cref="IsMaximal"/> still decides the rest.
        /// </summary>
        private bool IsExtendedByAProvider(int item, int first, int length, int[] covered, int[] offsets, int[] runLength)
        {
            for (var e = snapshot.ReverseOffsets[item]; e < snapshot.ReverseOffsets[item + 1]; e++)
            {
                var provider = snapshot.Reverse[e];
                if (provider == item)
                {
                    continue;
                }

                var at = Array.BinarySearch(covered, offsets[provider], offsets[provider + 1] - offsets[provider], first);
                if (at >= 0 && runLength[at] > length)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether no other candidate set strictly contains <paramref name="set"/>: exactly when the items covering every
        /// incident of it are the <paramref name="groupSize"/> items whose run it is. The common cover is the intersection of
        /// the closures of the set's distinct items; it always holds the group, so it stops as soon as it has shrunk to the
        /// group's size (after a few items in practice, instead of one pass over every closure).
        /// </summary>
        private bool IsMaximal(MemberSet set, int[] items, int groupSize)
        {
            // The set's distinct items, the one with the smallest closure first; marks instead of hashing.
            maximalItems.Clear();
            var seenMark = NextMark();
            var smallest = 0;
            foreach (var m in set.Members)
            {
                var item = items[m];
                if (marks[item] != seenMark)
                {
                    marks[item] = seenMark;
                    maximalItems.Add(item);
                    if (covering[slotOf[item]].Length < covering[slotOf[maximalItems[smallest]]].Length)
                    {
                        smallest = maximalItems.Count - 1;
                    }
                }
            }

            (maximalItems[0], maximalItems[smallest]) = (maximalItems[smallest], maximalItems[0]);
            var common = NextMark();
            var first = covering[slotOf[maximalItems[0]]];
            foreach (var v in first)
            {
                marks[v] = common;
            }

            var count = first.Length;
            for (var k = 1; k < maximalItems.Count && count > groupSize; k++)
            {
                var next = NextMark();
                count = 0;
                foreach (var v in covering[slotOf[maximalItems[k]]])
                {
                    if (marks[v] == common)
                    {
                        marks[v] = next;
                        count++;
                    }
                }

                common = next;
            }

            return count == groupSize;
        }

        /// <summary>A fresh mark in <see cref="marks"/> (cleared when the marks run out).</summary>
        private int NextMark()
        {
            if (++mark == int.MaxValue)
            {
                Array.Clear(marks);
                mark = 1;
            }

            return mark;
        }

        /// <summary>The items covering <paramref name="start"/> (itself first), with their distances in <see cref="depths"/>: impact analysis's breadth-first walk of the dependency arrays (<see cref="ImpactAnalysis.Dependencies"/>).</summary>
        private int[] Closure(int start)
        {
            if (slotOf[start] >= 0)
            {
                return covering[slotOf[start]];
            }

            var w = snapshot.RentScratch();
            try
            {
                var count = ImpactAnalysis.Dependencies(snapshot, w, start);
                slotOf[start] = covering.Count;
                covering.Add(w.Order.AsSpan(0, count).ToArray());
                depths.Add(w.Depth.AsSpan(0, count).ToArray());
                return covering[^1];
            }
            finally
            {
                snapshot.ReturnScratch(w);
            }
        }
    }
}
