namespace Itsm.Core.Incidents;

/// <summary>Where an incident is in its lifecycle.</summary>
/// <remarks>
/// New -> Assigned -> InProgress &lt;-> OnHold -> Resolved -> Closed; Resolved may be reopened (to
/// InProgress) within the reopen window; any open state may be cancelled.
/// </remarks>
public enum IncidentState
{
    /// <summary>Recorded, not yet assigned.</summary>
    New = 0,

    /// <summary>Assigned to someone, work not started.</summary>
    Assigned = 1,

    /// <summary>Being worked on.</summary>
    InProgress = 2,

    /// <summary>Waiting for the customer or a supplier; the resolution clock pauses.</summary>
    OnHold = 3,

    /// <summary>Service restored; may be reopened within the window, else closed.</summary>
    Resolved = 4,

    /// <summary>Final: resolved and confirmed.</summary>
    Closed = 5,

    /// <summary>Final: withdrawn (a duplicate, raised in error).</summary>
    Cancelled = 6,
}

/// <summary>Why an incident is on hold.</summary>
public enum HoldReason
{
    /// <summary>Waiting for the customer (information, access, confirmation).</summary>
    AwaitingCustomer = 0,

    /// <summary>Waiting for a supplier (a vendor fix, a part).</summary>
    AwaitingSupplier = 1,
}
