using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Requests;
using NodaTime;

namespace Itsm.Core.Reporting;

/// <summary>
/// What request fulfilment did for a service in a report's period: requests submitted, fulfilled, closed, rejected and
/// cancelled, the fulfilment clocks met and breached among the requests fulfilled, and the business time they took.
/// </summary>
/// <remarks>
/// <para>
/// Each count is of events inside the half-open period, as <see cref="ServiceReportActivity"/> counts problems: a request
/// submitted on the last day of a month and fulfilled the next counts as submitted in the one and fulfilled in the other.
/// Requests count when their item is of the service (<see cref="RequestItem.Service"/>). A request is <b>fulfilled</b> at
/// the instant its last fulfilment task is done, which stops its <see cref="ServiceRequest.FulfilmentClock"/>.
/// </para>
/// <para>
/// <b>Met and breached</b> are of the requests fulfilled in the period (<see cref="Met"/> + <see cref="Breached"/> =
/// <see cref="Fulfilled"/>): a clock is breached when it reached its target before the last task was done, on the item's
/// <see cref="RequestItem.ServiceCalendar"/>. A rejected or cancelled request stops its clock too, but delivered nothing,
/// so it is counted as rejected or cancelled and neither met nor breached. <see cref="Attainment"/> is met over
/// fulfilled, null when none was fulfilled (there is nothing to attain, which is not 0 %).
/// </para>
/// <para>
/// <b>Fulfilment time</b> is the business time from submission to fulfilment on the item's service calendar (approval
/// waiting included, as the requester waits it), summed over the requests fulfilled in the period
/// (<see cref="FulfilmentTime"/>), so the mean (<see cref="MeanFulfilmentTime"/>) of two periods can be recombined.
/// </para>
/// <para>
/// <b>By priority</b> (<see cref="SubmittedByPriority"/>) splits the requests submitted in the period by the priority they
/// were submitted at (<see cref="ServiceRequest.Priority"/>), as the report splits incidents (<see cref="ServiceReport.IncidentsByPriority"/>).
/// </para>
/// <para>Immutable and thread-safe; equal when every figure is, the split by priority compared entry by entry.</para>
/// </remarks>
/// <param name="Submitted">Requests of the service submitted in the period.</param>
/// <param name="Fulfilled">Requests of the service whose last fulfilment task was done in the period.</param>
/// <param name="Closed">Requests of the service closed in the period.</param>
/// <param name="Rejected">Requests of the service rejected in the period.</param>
/// <param name="Cancelled">Requests of the service cancelled in the period.</param>
/// <param name="Met">Requests fulfilled in the period within their fulfilment target.</param>
/// <param name="Breached">Requests fulfilled in the period after their fulfilment target.</param>
/// <param name="FulfilmentTime">The business time from submission to fulfilment, summed over the requests fulfilled in the period.</param>
public sealed record ServiceReportRequests(
    int Submitted, int Fulfilled, int Closed, int Rejected, int Cancelled, int Met, int Breached, Duration FulfilmentTime)
{
    /// <summary>No request at all.</summary>
    public static ServiceReportRequests None { get; } = new(0, 0, 0, 0, 0, 0, 0, Duration.Zero);

    /// <summary>The requests submitted in the period by the priority they were submitted at, highest priority first; the counts add up to <see cref="Submitted"/>.</summary>
    public ImmutableSortedDictionary<Priority, int> SubmittedByPriority { get; init; } = ImmutableSortedDictionary<Priority, int>.Empty;

    /// <summary>Fulfilment attainment in percent (met over fulfilled), or null when no request was fulfilled in the period.</summary>
    public double? Attainment => Fulfilled == 0 ? null : 100.0 * Met / Fulfilled;

    /// <summary>The mean business time from submission to fulfilment (<see cref="FulfilmentTime"/> over <see cref="Fulfilled"/>), or null when none was fulfilled.</summary>
    public Duration? MeanFulfilmentTime => Fulfilled == 0 ? null : Duration.FromTicks(FulfilmentTime.BclCompatibleTicks / Fulfilled);

    /// <summary>Counts the requests of <paramref name="service"/> in <paramref name="period"/>.</summary>
    /// <param name="service">The business service reported on.</param>
    /// <param name="period">The half-open period.</param>
    /// <param name="requests">Requests to consider; those for items of other services are ignored.</param>
    /// <param name="calendars">The compiled service calendars of the requests' items, by <see cref="RequestItem.ServiceCalendar"/>.</param>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    /// <exception cref="ArgumentException">The calendar of a request fulfilled in the period is not among <paramref name="calendars"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An instant lies outside the calendar's supported range.</exception>
    public static ServiceReportRequests Of(
        ConfigurationItemId service, Interval period, IEnumerable<ServiceRequest> requests, IReadOnlyDictionary<CalendarId, BusinessCalendar> calendars)
    {
        Preconditions.CheckNotNull(requests);
        Preconditions.CheckNotNull(calendars);
        var onService = requests.Where(r => r.Item.Service == service).ToList();
        int met = 0, breached = 0;
        var time = Duration.Zero;
        foreach (var request in onService)
        {
            if (FulfilledAt(request) is not { } at || !period.Contains(at))
            {
                continue;
            }

            Preconditions.CheckArgument(
                calendars.TryGetValue(request.Item.ServiceCalendar, out var calendar), nameof(calendars), $"The service calendar {request.Item.ServiceCalendar} of request {request.Id} is missing.");
            if (request.FulfilmentStatus(calendar!, at).BreachedAt is null)
            {
                met++;
            }
            else
            {
                breached++;
            }

            time += calendar!.BusinessTimeBetween(request.SubmittedAt, at);
        }

        var submitted = onService.Where(r => period.Contains(r.SubmittedAt)).ToList();
        return new ServiceReportRequests(
            Submitted: submitted.Count,
            Fulfilled: met + breached,
            Closed: onService.Count(r => r.History.OfType<ServiceRequestClosed>().Any(e => period.Contains(e.At))),
            Rejected: onService.Count(r => r.History.OfType<ServiceRequestRejected>().Any(e => period.Contains(e.At))),
            Cancelled: onService.Count(r => r.History.OfType<ServiceRequestCancelled>().Any(e => period.Contains(e.At))),
            Met: met,
            Breached: breached,
            FulfilmentTime: time)
        {
            SubmittedByPriority = submitted.GroupBy(r => r.Priority).ToImmutableSortedDictionary(g => g.Key, g => g.Count()),
        };
    }

    /// <summary>True when every figure of <paramref name="other"/> is the same, the split by priority entry by entry.</summary>
    /// <param name="other">The figures to compare with.</param>
    public bool Equals(ServiceReportRequests? other) =>
        other is not null
        && (Submitted, Fulfilled, Closed, Rejected, Cancelled, Met, Breached, FulfilmentTime)
            == (other.Submitted, other.Fulfilled, other.Closed, other.Rejected, other.Cancelled, other.Met, other.Breached, other.FulfilmentTime)
        && SubmittedByPriority.SequenceEqual(other.SubmittedByPriority);

    /// <summary>A hash of the figures, consistent with <see cref="Equals(ServiceReportRequests)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Submitted, Fulfilled, Closed, Rejected, Cancelled, HashCode.Combine(Met, Breached, FulfilmentTime, SubmittedByPriority.Count));

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>When the request's last fulfilment task was done, or null while one is not.</summary>
    private static Instant? FulfilledAt(ServiceRequest request)
    {
        var done = 0;
        foreach (var e in request.History)
        {
            if (e is FulfilmentTaskCompleted && ++done == request.Item.Tasks.Length)
            {
                return e.At;
            }
        }

        return null;
    }
}
