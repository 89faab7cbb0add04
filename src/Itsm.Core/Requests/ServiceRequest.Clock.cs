using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Requests;

/// <summary>A service request's fulfilment clock: an SLA clock like an incident's, derived from the request's history.</summary>
public sealed partial class ServiceRequest
{
    /// <summary>The reason recorded on the fulfilment clock's pause while a request waits for its approvals.</summary>
    public const string AwaitingApprovalReason = "awaiting approval";

    /// <summary>
    /// The fulfilment clock: an <see cref="SlaClock"/> of <see cref="SlaMetric.Resolution"/> with the item's
    /// <see cref="RequestItem.FulfilmentTarget"/> and warning thresholds, measured on the item's
    /// <see cref="RequestItem.ServiceCalendar"/>.
    /// </summary>
    /// <remarks>
    /// It starts at submission and, as the target counts from approval, is paused at once while the request awaits its
    /// approvals (<see cref="AwaitingApprovalReason"/>; not for a pre-approved item); it resumes at the approval that
    /// approves the request and stops when the last task is done, or when the request is rejected or cancelled. It is derived
    /// from <see cref="History"/> on every read, so a restored request has the clock it had; the sequence of each clock event
    /// is the index of the history record that caused it (the pause of a submission is sequence 1). So for a pre-approved
    /// request the due instant is the calendar's <see cref="BusinessCalendar.Add"/> of the target to the submission, and for
    /// one that needs approval the same from the approving approval.
    /// </remarks>
    public SlaClock FulfilmentClock
    {
        get
        {
            var events = new List<SlaClockEvent> { new SlaClockStarted(SubmittedAt, 0, Item.FulfilmentTarget) };
            if (!Item.IsPreApproved)
            {
                events.Add(new SlaClockPaused(SubmittedAt, 1, AwaitingApprovalReason));
            }

            var tasks = 0;
            for (var i = 1; i < History.Count; i++)
            {
                var e = History[i];
                SlaClockEvent? next = e switch
                {
                    ServiceRequestApproved { Promised: not null } => new SlaClockResumed(e.At, i + 1),
                    ServiceRequestRejected or ServiceRequestCancelled => new SlaClockStopped(e.At, i + 1),
                    FulfilmentTaskCompleted when ++tasks == Item.Tasks.Length => new SlaClockStopped(e.At, i + 1),
                    _ => null,
                };
                if (next is not null)
                {
                    events.Add(next);
                }
            }

            var clock = SlaClock.Replay(SlaMetric.Resolution, Item.WarningThresholds, events);

            // The history obeys the lifecycle table, which never resumes or stops twice: a failed replay is a library bug.
            return clock.IsSuccess ? clock.Value : throw new InvalidOperationException($"Request {Id} derives an illegal fulfilment clock: {clock.Message}");
        }
    }

    /// <summary>The fulfilment clock evaluated at <paramref name="at"/> on <paramref name="serviceCalendar"/> (the item's service calendar).</summary>
    /// <param name="serviceCalendar">The compiled <see cref="RequestItem.ServiceCalendar"/>.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="serviceCalendar"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An instant lies outside the calendar's supported range (check with <see cref="SlaClock.CheckHorizon"/> first).</exception>
    public SlaClockStatus FulfilmentStatus(BusinessCalendar serviceCalendar, Instant at) => FulfilmentClock.Evaluate(at, Preconditions.CheckNotNull(serviceCalendar));
}
