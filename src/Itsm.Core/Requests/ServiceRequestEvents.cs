using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Requests;

/// <summary>Something that happened to a service request: its history.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it.</param>
public abstract record ServiceRequestEvent(Instant At, UserId By);

/// <summary>The request was submitted by its requester <paramref name="By"/> with the field values given, at a priority.</summary>
/// <param name="At">When.</param>
/// <param name="By">The requester.</param>
/// <param name="Values">The field values, by field name.</param>
/// <param name="Promised">The promised delivery instant, for a pre-approved item (fulfilment starts at submission); otherwise null.</param>
/// <param name="Priority">The priority it is worked at: the one given at submission, or the item's.</param>
public sealed record ServiceRequestSubmitted(Instant At, UserId By, ImmutableSortedDictionary<string, string> Values, Instant? Promised, Priority Priority) : ServiceRequestEvent(At, By)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The approver <paramref name="By"/> approved in stage <paramref name="Stage"/> (counted from 0).</summary>
/// <param name="At">When.</param>
/// <param name="By">The approver.</param>
/// <param name="Stage">The stage the approval counts in.</param>
/// <param name="Comment">What the approver said, or null.</param>
/// <param name="Promised">The promised delivery instant when this approval approved the request (fulfilment starts at it); otherwise null.</param>
public sealed record ServiceRequestApproved(Instant At, UserId By, int Stage, string? Comment, Instant? Promised) : ServiceRequestEvent(At, By);

/// <summary>The approver <paramref name="By"/> rejected the request in stage <paramref name="Stage"/>, with the reason.</summary>
public sealed record ServiceRequestRejected(Instant At, UserId By, int Stage, string Reason) : ServiceRequestEvent(At, By);

/// <summary>The fulfilment task <paramref name="Task"/> was done.</summary>
public sealed record FulfilmentTaskCompleted(Instant At, UserId By, FulfilmentTaskId Task) : ServiceRequestEvent(At, By);

/// <summary>The fulfilled request was closed.</summary>
public sealed record ServiceRequestClosed(Instant At, UserId By) : ServiceRequestEvent(At, By);

/// <summary>The request was withdrawn, with the reason.</summary>
public sealed record ServiceRequestCancelled(Instant At, UserId By, string Reason) : ServiceRequestEvent(At, By);
