using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Incidents;

/// <summary>What a group of similar incidents has in common.</summary>
public enum ProblemCandidateKind
{
    /// <summary>The same affected configuration item.</summary>
    ConfigurationItem = 0,

    /// <summary>The same category.</summary>
    Category = 1,
}

/// <summary>
/// A pattern worth a problem record: at least the threshold number of incidents on one CI or in
/// one category opened within one window. ISO/IEC 20000's step from incident to problem management.
/// </summary>
/// <param name="Kind">What the incidents share.</param>
/// <param name="Key">The shared CI id or category.</param>
/// <param name="Incidents">The incidents in the densest window, oldest first.</param>
/// <param name="From">When the first of them was opened.</param>
/// <param name="To">When the last of them was opened.</param>
public sealed record ProblemCandidate(ProblemCandidateKind Kind, string Key, ImmutableArray<IncidentId> Incidents, Instant From, Instant To)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Finds problem candidates: "if ten people hit the same incident, find the pattern".
/// </summary>
/// <remarks>
/// Groups incidents by affected CI and by category, sorts each group by opening time and slides a
/// window over it (two pointers), reporting the largest set within <c>window</c> when it reaches the
/// threshold. O(n log n) in the number of incidents. Stateless and thread-safe.
/// </remarks>
public static class ProblemCandidates
{
    /// <summary>Finds the candidates among <paramref name="incidents"/>, largest first.</summary>
    /// <param name="incidents">Incidents to look at (any state).</param>
    /// <param name="threshold">How many incidents make a pattern; at least 2.</param>
    /// <param name="window">How close together they must be opened; positive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="incidents"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is below 2 or <paramref name="window"/> is not positive.</exception>
    public static IReadOnlyList<ProblemCandidate> Find(IEnumerable<Incident> incidents, int threshold, Duration window)
    {
        Preconditions.CheckNotNull(incidents);
        Preconditions.CheckArgumentRange(threshold, 2, int.MaxValue);
        Preconditions.CheckArgument(window > Duration.Zero, nameof(window), "The window must be positive.");
        var list = incidents.ToList();
        var candidates = new List<ProblemCandidate>();
        candidates.AddRange(Scan(ProblemCandidateKind.ConfigurationItem, list.Where(i => i.AffectedItem is not null).GroupBy(i => i.AffectedItem!.Value.Value), threshold, window));
        candidates.AddRange(Scan(ProblemCandidateKind.Category, list.Where(i => !string.IsNullOrWhiteSpace(i.Facts.Category)).GroupBy(i => i.Facts.Category!), threshold, window));
        return candidates.OrderByDescending(c => c.Incidents.Length).ThenBy(c => c.Kind).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<ProblemCandidate> Scan(ProblemCandidateKind kind, IEnumerable<IGrouping<string, Incident>> groups, int threshold, Duration window)
    {
        foreach (var group in groups)
        {
            var sorted = group.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id).ToList();
            int bestStart = 0, bestLength = 0, start = 0;
            for (var end = 0; end < sorted.Count; end++)
            {
                while (sorted[end].OpenedAt - sorted[start].OpenedAt > window)
                {
                    start++;
                }

                if (end - start + 1 > bestLength)
                {
                    (bestStart, bestLength) = (start, end - start + 1);
                }
            }

            if (bestLength >= threshold)
            {
                var members = sorted.GetRange(bestStart, bestLength);
                yield return new ProblemCandidate(kind, group.Key, members.Select(i => i.Id).ToImmutableArray(), members[0].OpenedAt, members[^1].OpenedAt);
            }
        }
    }
}
