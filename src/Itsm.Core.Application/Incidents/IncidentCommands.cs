using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Application.Incidents;

/// <summary>
/// Opens an incident: decides its priority with the registered <see cref="PriorityPolicy"/>, finds
/// the SLA definition for the service (and customer) and starts its clocks. Answers the opened incident at version 1.
/// </summary>
/// <param name="Context">Who opens it, for which tenant.</param>
/// <param name="Title">What is wrong, in one line.</param>
/// <param name="Service">The affected business service.</param>
/// <param name="Impact">The impact level (1 widest), or null to suggest it from the CMDB via <see cref="AffectedItem"/>.</param>
/// <param name="Urgency">The urgency level (1 most urgent).</param>
/// <param name="Caller">Who reported it.</param>
public sealed record OpenIncident(RequestContext Context, string Title, ConfigurationItemId Service, int? Impact, int Urgency, UserId Caller) : ICommand<Result<Versioned<Incident>>>
{
    /// <summary>The customer, for customer-specific SLAs.</summary>
    public CustomerId? Customer { get; init; }

    /// <summary>The configuration item that failed, when known.</summary>
    public ConfigurationItemId? AffectedItem { get; init; }

    /// <summary>A category, used by problem-candidate detection and vendor rules.</summary>
    public string? Category { get; init; }

    /// <summary>The caller is a VIP.</summary>
    public bool IsVipCaller { get; init; }

    /// <summary>This is a major incident.</summary>
    public bool IsMajorIncident { get; init; }
}

/// <summary>
/// A command on one existing incident, with optional client-side optimistic concurrency. Answers the incident
/// as the command left it, with its new version, so a caller needs no query after it.
/// </summary>
/// <param name="Context">Who acts, for which tenant.</param>
/// <param name="Incident">The incident.</param>
public abstract record IncidentCommand(RequestContext Context, IncidentId Incident) : ICommand<Result<Versioned<Incident>>>
{
    /// <summary>When set, the command fails with <c>Conflict</c> unless the stored incident is at this version (the one the user saw).</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Re-assesses impact and urgency (or overrides the result with a reason) and re-targets the SLA clocks.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
/// <param name="Impact">The new impact level.</param>
/// <param name="Urgency">The new urgency level.</param>
/// <param name="Reason">Why the priority changes; recorded on the incident and its clocks.</param>
public sealed record ChangeIncidentPriority(RequestContext Context, IncidentId Incident, int Impact, int Urgency, string Reason) : IncidentCommand(Context, Incident)
{
    /// <summary>A priority rank that overrides the computed one (the reason is the override's reason).</summary>
    public int? OverridePriority { get; init; }
}

/// <summary>Assigns (or reassigns) the incident; the first assignment stops the response clock.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
/// <param name="Assignee">Who will work on it.</param>
public sealed record AssignIncident(RequestContext Context, IncidentId Incident, UserId Assignee) : IncidentCommand(Context, Incident);

/// <summary>Starts work on an assigned incident.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
public sealed record StartIncidentWork(RequestContext Context, IncidentId Incident) : IncidentCommand(Context, Incident);

/// <summary>Records the first response to the caller, stopping the response clock.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
public sealed record RecordFirstResponse(RequestContext Context, IncidentId Incident) : IncidentCommand(Context, Incident);

/// <summary>Puts the incident on hold, pausing the resolution clock when the SLA says so.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
/// <param name="Reason">Awaiting the customer or a supplier.</param>
public sealed record PutIncidentOnHold(RequestContext Context, IncidentId Incident, HoldReason Reason) : IncidentCommand(Context, Incident);

/// <summary>Resumes work after a hold.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
public sealed record ResumeIncident(RequestContext Context, IncidentId Incident) : IncidentCommand(Context, Incident);

/// <summary>Resolves the incident, stopping its clocks.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
/// <param name="Resolution">How service was restored.</param>
public sealed record ResolveIncident(RequestContext Context, IncidentId Incident, string Resolution) : IncidentCommand(Context, Incident);

/// <summary>Closes a resolved incident.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
public sealed record CloseIncident(RequestContext Context, IncidentId Incident) : IncidentCommand(Context, Incident);

/// <summary>Reopens a resolved incident within the reopen window.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
/// <param name="Reason">Why.</param>
public sealed record ReopenIncident(RequestContext Context, IncidentId Incident, string Reason) : IncidentCommand(Context, Incident);

/// <summary>Cancels an open incident.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
/// <param name="Reason">Why.</param>
public sealed record CancelIncident(RequestContext Context, IncidentId Incident, string Reason) : IncidentCommand(Context, Incident);

/// <summary>Links the incident to a problem record on both sides, in one unit of work: the problem lists it and the incident records the link. The problem must exist (<c>problem.not-found</c>) and be open.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Incident">The incident.</param>
/// <param name="Problem">The problem.</param>
public sealed record LinkIncidentToProblem(RequestContext Context, IncidentId Incident, ProblemId Problem) : IncidentCommand(Context, Incident);

/// <summary>Options of incident management that a host may set.</summary>
public sealed class IncidentOptions
{
    /// <summary>How long after resolution an incident may be reopened; <see cref="Incident.DefaultReopenWindow"/> unless set.</summary>
    public Duration ReopenWindow { get; set; } = Incident.DefaultReopenWindow;
}
