using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Problems;

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
/// <b>Why runs.</b> The window is a session window: a candidate lasts while the incidents keep coming, each within the
/// window of the one before. It is the grouping under which a larger window only merges candidates (two runs join when
/// the gap between them fits the larger window; nothing splits), and a set of incidents falls into one way of grouping
/// them whatever their order. A sliding window (every stretch of at most <c>window</c> in length) would report one
/// overlapping candidate per incident of a steady stream, and fixed buckets split a burst at a bucket edge and are not
/// monotone when the window grows by a fraction.
/// </para>
/// <para>
/// <b>Laws.</b> The answer depends only on the set of incidents, not their order. A larger window only merges: runs
/// grow, and each candidate of a window is contained in a candidate of any larger window. Every incident of a
/// candidate depends on its shared item. Candidates may overlap when incidents have two unrelated common causes.
/// </para>
/// <para>
/// <b>Algorithm.</b> One breadth-first search over the dependency arrays per distinct affected item gives its covering
/// items with their distances. Counting, then placing, each incident in opening order in the flat list of every item
/// covering it (one array for all items, an offset per item) leaves each item's list sorted, so its runs are one scan.
/// Equal run sets are grouped by content. A run set R is maximal exactly when every item covering all of R has R as its
/// run (any such item's run contains R, and is itself a candidate set), that is when the number of items covering all of
/// R's distinct items equals the size of R's group: the intersection of those items' covering lists, which stops once it
/// has shrunk to the group. Time O(Σ|closure(item)| + Σ|run|); no pairwise comparison of incidents or sets. The
/// explanations are formed on first read: one impact walk from the shared item per candidate read, each distinct path once.
/// Stateless and thread-safe.
/// </para>
/// </remarks>
public static partial class ProblemCandidates
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

        var given = incidents.ToArray();
        Preconditions.CheckArgument(Array.TrueForAll(given, o => o.Incident.Value != Guid.Empty && o.Item.Value is not null), nameof(incidents), "Every occurrence needs an incident id and an item.");

        // One occurrence per id: its earliest opening, then its least item.
        Array.Sort(given, (a, b) =>
        {
            var c = a.Incident.CompareTo(b.Incident);
            c = c != 0 ? c : a.OpenedAt.CompareTo(b.OpenedAt);
            return c != 0 ? c : string.CompareOrdinal(a.Item.Value, b.Item.Value);
        });
        var placed = new List<IncidentOccurrence>(given.Length);
        var unplaced = new List<IncidentId>();
        for (var i = 0; i < given.Length; i++)
        {
            if (i > 0 && given[i].Incident == given[i - 1].Incident)
            {
                continue;
            }

            if (snapshot.Contains(given[i].Item))
            {
                placed.Add(given[i]);
            }
            else
            {
                unplaced.Add(given[i].Incident);
            }
        }

        var ordered = placed.ToArray();
        Array.Sort(ordered, (a, b) =>
        {
            var c = a.OpenedAt.CompareTo(b.OpenedAt);
            return c != 0 ? c : a.Incident.CompareTo(b.Incident);
        });
        return new ProblemCandidateSearch([.. new Search(snapshot, ordered, window, minimum).Run()], [.. unplaced]);
    }
}
