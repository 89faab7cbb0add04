using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Incidents;

// The incident as a snapshot for storage, and back.
public sealed partial class Incident
{
    /// <summary>The incident's state as an immutable record, for storage.</summary>
    public IncidentSnapshot ToSnapshot() => new(
        Id, Title, Caller, Service, Customer, AffectedItem, Facts, Decision, State, Assignee, Hold, OpenedAt, ResolvedAt,
        Resolution, Problem, Sla, ResponseClock, ResolutionClock, NextBreachAt, History);

    /// <summary>
    /// Restores an incident from a snapshot taken by <see cref="ToSnapshot"/>, checking it against
    /// <see cref="IncidentLifecycle.Table"/> first.
    /// </summary>
    /// <remarks>
    /// The history must start with the opening at <see cref="IncidentSnapshot.OpenedAt"/>, never run backwards,
    /// make only transitions the table allows, and end in the snapshot's state with its assignee, hold reason,
    /// resolution, problem and priority. A stored incident that does not is refused here, never faulted on later.
    /// </remarks>
    /// <returns>The incident; or Invalid with code <c>incident.history</c> (<see cref="IncidentLifecycle.HistoryCode"/>) naming the incident and the first record that does not fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<Incident> Restore(IncidentSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var problem = !Enum.IsDefined(snapshot.State)
            ? $"Stored incident {snapshot.Id} has the unknown state {snapshot.State}."
            : snapshot.Decision is null || snapshot.Title is null
                ? $"Stored incident {snapshot.Id} has no title or priority decision."
                : IncidentLifecycle.Check(snapshot);
        return problem is null
            ? new Incident(snapshot)
            : Result<Incident>.Invalid(Failure.Field(nameof(IncidentSnapshot.History), problem, IncidentLifecycle.HistoryCode));
    }

    /// <summary>Restores an incident as <see cref="Restore"/> does, for stores that hold only snapshots they wrote.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="Restore"/> refuses the snapshot; the message names the incident and the record.</exception>
    public static Incident FromSnapshot(IncidentSnapshot snapshot)
    {
        var restored = Restore(snapshot);
        return restored.IsSuccess
            ? restored.Value
            : throw new ArgumentException(restored.ValidationErrors.First().ErrorMessage, nameof(snapshot));
    }
}


/// <summary>An incident's state as an immutable record, for storage. See <see cref="Incident"/> for the meaning of each member.</summary>
/// <param name="Id">The incident's identifier.</param>
/// <param name="Title">A one-line summary.</param>
/// <param name="Caller">Who reported it.</param>
/// <param name="Service">The affected business service.</param>
/// <param name="Customer">The customer, when the SLA is customer-specific.</param>
/// <param name="AffectedItem">The configuration item that failed, when known.</param>
/// <param name="Facts">The facts the priority rules looked at.</param>
/// <param name="Decision">How the current priority was decided.</param>
/// <param name="State">Where the incident is in its lifecycle.</param>
/// <param name="Assignee">Who works on it.</param>
/// <param name="Hold">Why it is on hold.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="ResolvedAt">When it was last resolved.</param>
/// <param name="Resolution">How it was resolved.</param>
/// <param name="Problem">The linked problem record.</param>
/// <param name="Sla">The SLA terms it was opened under.</param>
/// <param name="ResponseClock">The time-to-first-response clock.</param>
/// <param name="ResolutionClock">The time-to-resolution clock.</param>
/// <param name="NextBreachAt">The earliest projected breach of a running clock.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record IncidentSnapshot(
    IncidentId Id,
    string Title,
    UserId Caller,
    ConfigurationItemId Service,
    CustomerId? Customer,
    ConfigurationItemId? AffectedItem,
    IncidentFacts Facts,
    PriorityDecision Decision,
    IncidentState State,
    UserId? Assignee,
    HoldReason? Hold,
    Instant OpenedAt,
    Instant? ResolvedAt,
    string? Resolution,
    ProblemId? Problem,
    IncidentSla? Sla,
    SlaClock? ResponseClock,
    SlaClock? ResolutionClock,
    Instant? NextBreachAt,
    ImmutableList<IncidentEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
