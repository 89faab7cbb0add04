using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>An incident as problem candidates see it: when it was opened and which configuration item it hit.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="Item">The configuration item it hit (its affected item, else its service).</param>
public readonly record struct IncidentOccurrence(IncidentId Incident, Instant OpenedAt, ConfigurationItemId Item)
{
    /// <summary>The occurrence of <paramref name="incident"/>: its affected item, or its service when no item is known.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public static IncidentOccurrence Of(Incident incident)
    {
        Preconditions.CheckNotNull(incident);
        return new(incident.Id, incident.OpenedAt, incident.AffectedItem ?? incident.Service);
    }
}

/// <summary>One incident of a problem candidate and why it belongs: the impact path from the shared item to the item it hit.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="Item">The item it hit.</param>
/// <param name="Path">One shortest impact path from the shared item to <paramref name="Item"/>, in the direction of impact (<see cref="ImpactResult.Explain"/>).</param>
public sealed record CandidateMember(IncidentId Incident, Instant OpenedAt, ConfigurationItemId Item, Explanation<ImpactStep> Path)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// A problem candidate: incidents opened close together whose items all depend, with the impact semantics of the
/// CMDB, on one shared item, the suggested cause.
/// </summary>
/// <param name="SharedItem">The nearest item all the incidents' items depend on (or are).</param>
/// <param name="Incidents">The incidents, in the order they were opened (then by id).</param>
/// <param name="From">When the first was opened.</param>
/// <param name="To">When the last was opened.</param>
/// <param name="Explanation">A line for the shared item and one per incident with its impact path; the factors are the members.</param>
public sealed record ProblemCandidate(ConfigurationItemId SharedItem, ImmutableArray<IncidentId> Incidents, Instant From, Instant To, Explanation<CandidateMember> Explanation)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The answer of <see cref="ProblemCandidates.Find"/>: the candidates, and the incidents it could not place.</summary>
/// <param name="Candidates">The candidates, ordered by their first incident (then by shared item).</param>
/// <param name="Unplaced">The incidents whose item the CMDB does not hold, ordered; they are in no candidate.</param>
public sealed record ProblemCandidateSearch(ImmutableArray<ProblemCandidate> Candidates, ImmutableArray<IncidentId> Unplaced)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Problem candidates from the CMDB's topology: "if ten people hit the same incident, find the pattern", where the
/// pattern is a shared upstream cause rather than shared words.
/// </summary>
/// <remarks>
/// <para>
/// <b>Definition.</b> An item S <i>covers</i> an incident when the incident's item is S or depends on S, directly or
/// indirectly, through impact relationships (exactly when S's failure impacts it in <see cref="ImpactAnalysis"/>). The
/// incidents S covers, in opening order, fall into <i>runs</i>: maximal stretches in which each is opened at most
/// <c>window</c> after the one before. A run of at least <c>minimum</c> incidents is a candidate set, and the answer is
/// every candidate set no other candidate set strictly contains, each with its nearest covering item: of the items whose
/// run is exactly that set, the one with the least total impact distance to the incidents' items (then the least id).
/// </para>
/// <para>
/// <b>Laws.</b> The answer depends only on the set of incidents, not their order. A larger window only merges: runs
/// grow, and each candidate of a window is contained in a candidate of any larger window. Every incident of a
/// candidate depends on its shared item. Candidates may overlap when incidents have two unrelated common causes.
/// </para>
/// <para>
/// <b>Algorithm.</b> One breadth-first search over the dependency arrays per distinct affected item gives its covering
/// items with their distances; each incident, in opening order, is appended to the list of each item covering it, so
/// each list is already sorted and its runs are one scan. Equal run sets are grouped by content. A run set R is
/// maximal exactly when every item covering all of R has R as its run (any such item's run contains R, and is itself a
/// candidate set), that is when the number of items covering all of R's distinct items equals the size of R's group:
/// the intersection of those items' covering lists, which stops once it has shrunk to the group. Time O(Σ|closure(item)| + Σ|run|) plus, for the explanations, one impact walk per
/// reported candidate kept inside its members' closures; no pairwise comparison of incidents or sets. Stateless and thread-safe.
/// </para>
/// </remarks>
public static class ProblemCandidates
{
    /// <summary>Error code of a window that is not positive.</summary>
    public const string WindowCode = "problem.candidate-window";

    /// <summary>Error code of a minimum below 2.</summary>
    public const string MinimumCode = "problem.candidate-minimum";

    /// <summary>Finds the problem candidates among <paramref name="incidents"/> over <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The CMDB.</param>
    /// <param name="incidents">The incidents; an id given twice counts once, with its earliest opening (then least item).</param>
    /// <param name="window">The largest gap between consecutive incidents of one run; positive.</param>
    /// <param name="minimum">How many incidents make a candidate; at least 2.</param>
    /// <returns>The candidates and the incidents on items the CMDB does not hold; Invalid for a bad window or minimum.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> or <paramref name="incidents"/> is null.</exception>
    public static Result<ProblemCandidateSearch> Find(CmdbSnapshot snapshot, IEnumerable<IncidentOccurrence> incidents, Duration window, int minimum)
    {
        Preconditions.CheckNotNull(snapshot);
        Preconditions.CheckNotNull(incidents);
        var errors = new List<ValidationError>();
        if (window <= Duration.Zero)
        {
            errors.Add(Failure.Field("Window", $"The window must be positive, not {window}.", WindowCode));
        }

        if (minimum < 2)
        {
            errors.Add(Failure.Field("Minimum", $"A candidate needs at least 2 incidents; {minimum.ToString(CultureInfo.InvariantCulture)} is too few.", MinimumCode));
        }

        if (errors.Count > 0)
        {
            return Result<ProblemCandidateSearch>.Invalid(errors);
        }

        var given = incidents.ToList();
        Preconditions.CheckArgument(given.TrueForAll(o => o.Incident.Value != Guid.Empty && o.Item.Value is not null), nameof(incidents), "Every occurrence needs an incident id and an item.");
        var distinct = given
            .GroupBy(o => o.Incident)
            .Select(g => g.OrderBy(o => o.OpenedAt).ThenBy(o => o.Item.Value, StringComparer.Ordinal).First())
            .ToList();
        var unplaced = distinct.Where(o => !snapshot.Contains(o.Item)).Select(o => o.Incident).Order().ToImmutableArray();
        var placed = distinct.Where(o => snapshot.Contains(o.Item)).OrderBy(o => o.OpenedAt).ThenBy(o => o.Incident).ToArray();
        return new ProblemCandidateSearch([.. new Search(snapshot, placed, window, minimum).Run()], unplaced);
    }

    /// <summary>One query's working state.</summary>
    private sealed class Search(CmdbSnapshot snapshot, IncidentOccurrence[] placed, Duration window, int minimum)
    {
        private readonly Dictionary<int, (int[] Covering, int[] Depths)> closures = [];
        private readonly Dictionary<int, Coverage> coverage = [];

        /// <summary>Marks of the members' closures for the restricted impact walk (<see cref="WalkFrom"/>); allocated on first use.</summary>
        private int[]? within;
        private int withinMark;

        /// <summary>Marks of the maximality check (<see cref="IsMaximal"/>): distinct items, then the shrinking common cover.</summary>
        private int[]? marks;
        private int mark;
        private readonly List<int> maximalItems = [];

        public IEnumerable<ProblemCandidate> Run()
        {
            var items = new int[placed.Length];
            for (var i = 0; i < placed.Length; i++)
            {
                items[i] = snapshot.Index[placed[i].Item];
                var (covering, depths) = Closure(items[i]);
                for (var k = 0; k < covering.Length; k++)
                {
                    if (!coverage.TryGetValue(covering[k], out var c))
                    {
                        coverage[covering[k]] = c = new Coverage();
                    }

                    c.Add(i, depths[k]);
                }
            }

            // Candidate sets, grouped by content, each with the items whose run it is and their total distance.
            var groups = new Dictionary<MemberSet, List<(int Item, long Distance)>>();
            foreach (var (item, c) in coverage)
            {
                var start = 0;
                for (var end = 1; end <= c.Count; end++)
                {
                    if (end < c.Count && placed[c.Incidents[end]].OpenedAt - placed[c.Incidents[end - 1]].OpenedAt <= window)
                    {
                        continue;
                    }

                    if (end - start >= minimum)
                    {
                        var set = new MemberSet(c.Incidents, start, end - start);
                        long distance = 0;
                        for (var k = start; k < end; k++)
                        {
                            distance += c.Depths[k];
                        }

                        if (!groups.TryGetValue(set, out var group))
                        {
                            groups[set.Own()] = group = []; // the run is copied only when it is a new set
                        }

                        group.Add((item, distance));
                    }

                    start = end;
                }
            }

            var found = new List<(int First, string Shared, ProblemCandidate Candidate)>();
            foreach (var (set, group) in groups)
            {
                if (!IsMaximal(set, items, group.Count))
                {
                    continue; // another candidate set strictly contains this one
                }

                var nearest = group.OrderBy(g => g.Distance).ThenBy(g => snapshot.Ids[g.Item].Value, StringComparer.Ordinal).First().Item;
                var candidate = Describe(snapshot.Ids[nearest], set.Members);
                found.Add((set.Members[0], candidate.SharedItem.Value, candidate));
            }

            return found.OrderBy(f => f.First).ThenBy(f => f.Shared, StringComparer.Ordinal).Select(f => f.Candidate);
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
                if (marks![item] != seenMark)
                {
                    marks[item] = seenMark;
                    maximalItems.Add(item);
                    if (closures[item].Covering.Length < closures[maximalItems[smallest]].Covering.Length)
                    {
                        smallest = maximalItems.Count - 1;
                    }
                }
            }

            (maximalItems[0], maximalItems[smallest]) = (maximalItems[smallest], maximalItems[0]);
            var common = NextMark();
            var first = closures[maximalItems[0]].Covering;
            foreach (var v in first)
            {
                marks![v] = common;
            }

            var count = first.Length;
            for (var k = 1; k < maximalItems.Count && count > groupSize; k++)
            {
                var next = NextMark();
                count = 0;
                foreach (var v in closures[maximalItems[k]].Covering)
                {
                    if (marks![v] == common)
                    {
                        marks[v] = next;
                        count++;
                    }
                }

                common = next;
            }

            return count == groupSize;
        }

        /// <summary>A fresh mark in <see cref="marks"/> (allocated on first use, cleared when the marks run out).</summary>
        private int NextMark()
        {
            marks ??= new int[snapshot.Count];
            if (++mark == int.MaxValue)
            {
                Array.Clear(marks);
                mark = 1;
            }

            return mark;
        }

        private ProblemCandidate Describe(ConfigurationItemId shared, int[] members)
        {
            var walk = WalkFrom(snapshot.Index[shared], members);
            var paths = new Dictionary<ConfigurationItemId, (Explanation<ImpactStep> Path, string Text)>();
            foreach (var m in members)
            {
                var item = placed[m].Item;
                if (!paths.ContainsKey(item))
                {
                    var path = walk.Explain(item);
                    paths[item] = (path, string.Join(" -> ", path.Factors.Select(s => s.Id.Value)));
                }
            }

            var factors = members.Select(m => placed[m]).Select(o => new CandidateMember(o.Incident, o.OpenedAt, o.Item, paths[o.Item].Path)).ToList();
            var first = placed[members[0]].OpenedAt;
            var last = placed[members[^1]].OpenedAt;
            var lines = new List<string>(factors.Count + 1)
            {
                $"{members.Length.ToString(CultureInfo.InvariantCulture)} incidents opened from {first} to {last}, each within {window} of the one before, all depend on {shared}",
            };
            lines.AddRange(factors.Select(f => f.Item == shared
                ? $"incident {f.Incident} ({f.OpenedAt}) hit {shared} itself"
                : $"incident {f.Incident} ({f.OpenedAt}) on {f.Item}: {paths[f.Item].Text}"));
            return new ProblemCandidate(shared, [.. members.Select(m => placed[m].Incident)], first, last, new Explanation<CandidateMember>(lines, factors));
        }

        /// <summary>
        /// The impact walk from <paramref name="source"/>'s failure kept inside the closures of the members' items (the items they
        /// depend on, recorded by the walks that found the shared item): every path to a member's item and every provider of an
        /// item on one lies in that union, so the breadth-first order, the parents and the states there, hence the explanations,
        /// are those of the whole-CMDB <see cref="ImpactAnalysis"/>, at the cost of the union instead of all that
        /// <paramref name="source"/> impacts. When the closures add up to more than the CMDB, marking them would cost more than
        /// it saves, and the walk is the unrestricted one.
        /// </summary>
        private ImpactResult WalkFrom(int source, int[] members)
        {
            var distinctItems = new HashSet<int>();
            long size = 0;
            foreach (var m in members)
            {
                var item = snapshot.Index[placed[m].Item];
                if (distinctItems.Add(item))
                {
                    size += closures[item].Covering.Length;
                }
            }

            var restricted = size <= snapshot.Count;
            if (restricted)
            {
                within ??= new int[snapshot.Count];
                if (++withinMark == int.MaxValue)
                {
                    Array.Clear(within);
                    withinMark = 1;
                }

                foreach (var item in distinctItems)
                {
                    foreach (var v in closures[item].Covering)
                    {
                        within[v] = withinMark;
                    }
                }
            }

            var w = snapshot.RentScratch();
            try
            {
                var count = ImpactAnalysis.Propagate(snapshot, w, [source], excludeMaintenance: false, out var failedCount, restricted ? within : null, withinMark);
                return new ImpactResult(snapshot, failedCount, w.Order.AsSpan(0, count).ToArray(), w.State.AsSpan(0, count).ToArray(), w.Depth.AsSpan(0, count).ToArray(), w.Parent.AsSpan(0, count).ToArray());
            }
            finally
            {
                snapshot.ReturnScratch(w);
            }
        }

        /// <summary>The items covering <paramref name="start"/> (itself first) with their distances: impact analysis's breadth-first walk of the dependency arrays (<see cref="ImpactAnalysis.Dependencies"/>).</summary>
        private (int[] Covering, int[] Depths) Closure(int start)
        {
            if (closures.TryGetValue(start, out var known))
            {
                return known;
            }

            var w = snapshot.RentScratch();
            try
            {
                var count = ImpactAnalysis.Dependencies(snapshot, w, start);
                var closure = (w.Order.AsSpan(0, count).ToArray(), w.Depth.AsSpan(0, count).ToArray());
                closures[start] = closure;
                return closure;
            }
            finally
            {
                snapshot.ReturnScratch(w);
            }
        }
    }

    /// <summary>The incidents an item covers, in opening order, with its distance to each incident's item.</summary>
    private sealed class Coverage
    {
        public int[] Incidents { get; private set; } = new int[4];

        public int[] Depths { get; private set; } = new int[4];

        public int Count { get; private set; }

        public void Add(int incident, int depth)
        {
            if (Count == Incidents.Length)
            {
                var incidents = Incidents;
                var depths = Depths;
                Array.Resize(ref incidents, Count * 2);
                Array.Resize(ref depths, Count * 2);
                Incidents = incidents;
                Depths = depths;
            }

            Incidents[Count] = incident;
            Depths[Count] = depth;
            Count++;
        }
    }

    /// <summary>A set of incident positions (ascending), a stretch of an array, compared by content.</summary>
    private readonly struct MemberSet(int[] source, int start, int length) : IEquatable<MemberSet>
    {
        private readonly int hash = Hash(source.AsSpan(start, length));

        /// <summary>The positions; the whole array only for an owned set (<see cref="Own"/>).</summary>
        public int[] Members => source;

        private ReadOnlySpan<int> Span => source.AsSpan(start, length);

        /// <summary>This set over an array of its own.</summary>
        public MemberSet Own() => new(Span.ToArray(), 0, length);

        public bool Equals(MemberSet other) => hash == other.hash && Span.SequenceEqual(other.Span);

        public override bool Equals(object? obj) => obj is MemberSet other && Equals(other);

        public override int GetHashCode() => hash;

        private static int Hash(ReadOnlySpan<int> members)
        {
            var h = default(HashCode);
            foreach (var m in members)
            {
                h.Add(m);
            }

            return h.ToHashCode();
        }
    }
}
