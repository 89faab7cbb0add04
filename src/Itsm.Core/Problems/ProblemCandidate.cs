using System.Collections.Immutable;
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
/// <param name="Explanation">
/// A line for the shared item and one per incident with its impact path; the factors are the members. Formed on first
/// read (one impact walk from the shared item, each distinct path once), so that a search over many incidents pays only
/// for the candidates it explains.
/// </param>
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
