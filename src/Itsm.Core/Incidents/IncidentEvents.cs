using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Incidents;

/// <summary>Something that happened to an incident: its history, and the domain events of each transition.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it.</param>
public abstract record IncidentEvent(Instant At, UserId By);

/// <summary>The incident was opened with a priority decision.</summary>
public sealed record IncidentOpened(Instant At, UserId By, PriorityDecision Decision) : IncidentEvent(At, By);

/// <summary>The incident was assigned (or reassigned) to <paramref name="Assignee"/>.</summary>
public sealed record IncidentAssigned(Instant At, UserId By, UserId Assignee) : IncidentEvent(At, By);

/// <summary>Work on the incident started.</summary>
public sealed record IncidentWorkStarted(Instant At, UserId By) : IncidentEvent(At, By);

/// <summary>The first response was given to the caller.</summary>
public sealed record IncidentFirstResponse(Instant At, UserId By) : IncidentEvent(At, By);

/// <summary>The incident was put on hold.</summary>
public sealed record IncidentPutOnHold(Instant At, UserId By, HoldReason Reason) : IncidentEvent(At, By);

/// <summary>Work resumed after a hold.</summary>
public sealed record IncidentResumed(Instant At, UserId By) : IncidentEvent(At, By);

/// <summary>Service was restored.</summary>
public sealed record IncidentResolved(Instant At, UserId By, string Resolution) : IncidentEvent(At, By);

/// <summary>The resolution was confirmed and the incident closed.</summary>
public sealed record IncidentClosed(Instant At, UserId By) : IncidentEvent(At, By);

/// <summary>A resolved incident was reopened.</summary>
public sealed record IncidentReopened(Instant At, UserId By, string Reason) : IncidentEvent(At, By);

/// <summary>The incident was cancelled.</summary>
public sealed record IncidentCancelled(Instant At, UserId By, string Reason) : IncidentEvent(At, By);

/// <summary>The priority changed; open SLA clocks were re-targeted.</summary>
public sealed record IncidentPriorityChanged(Instant At, UserId By, Priority From, PriorityDecision Decision, string Reason) : IncidentEvent(At, By);

/// <summary>The incident was linked to a problem record.</summary>
public sealed record IncidentLinkedToProblem(Instant At, UserId By, ProblemId Problem) : IncidentEvent(At, By);

/// <summary>The workaround of <paramref name="Problem"/> (its revision <paramref name="Revision"/>) was applied to the incident as a note.</summary>
public sealed record IncidentWorkaroundApplied(Instant At, UserId By, ProblemId Problem, int Revision, string Workaround) : IncidentEvent(At, By);

/// <summary>No SLA clock was started or re-targeted, and why (no definition applies, or it has no target for the priority).</summary>
public sealed record IncidentSlaNotApplied(Instant At, UserId By, string Why) : IncidentEvent(At, By);
