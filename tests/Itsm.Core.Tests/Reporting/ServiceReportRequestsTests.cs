using System.Collections.Immutable;
using FsCheck.Xunit;
using Itsm.Core.Calendars;
using Itsm.Core.Incidents;
using Itsm.Core.Reporting;
using Itsm.Core.Requests;
using Itsm.Core.Tests.Requests;
using NodaTime;
using static Itsm.Core.Tests.Requests.RequestFixture;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Reporting;

/// <summary>
/// <see cref="ServiceReportRequests"/>: requests counted by the instant of the event that counts (submitted, last task done,
/// closed, rejected, cancelled) inside the half-open period, fulfilment clocks judged at fulfilment on the item's service calendar.
/// </summary>
public sealed class ServiceReportRequestsTests
{
    private static readonly Instant Start = Instant.FromUtc(2027, 3, 1, 0, 0);
    private static readonly Interval March = new(Start, Instant.FromUtc(2027, 4, 1, 0, 0));
    private static readonly ConfigurationItemId Workplace = ConfigurationItemId.From("workplace");
    private static readonly IReadOnlyDictionary<CalendarId, BusinessCalendar> Calendars = new Dictionary<CalendarId, BusinessCalendar> { [ServiceHours] = LondonOffice };

    [Fact]
    public void Of_March_CountsEachEventInItsMonth_JudgesClocksAtFulfilment_OtherServicesAreIgnored()
    {
        // Pre-approved, 40 h target on the London office from Monday 1 March 09:00: fulfilled within it (Wednesday 09:00, 16 h).
        var met = Fulfilled(Submit(Laptop(preApproved: true), Instant.FromUtc(2027, 3, 1, 9, 0), Priority.FromRank(2)), Instant.FromUtc(2027, 3, 3, 9, 0));
        // Submitted Friday 26 February 09:00 (before March), fulfilled Tuesday 9 March 09:00: 56 h of business time, breached.
        var breached = Fulfilled(Submit(Laptop(preApproved: true), Instant.FromUtc(2027, 2, 26, 9, 0)), Instant.FromUtc(2027, 3, 9, 9, 0));
        Assert.True(breached.Close(Manager, Instant.FromUtc(2027, 3, 9, 10, 0)).IsSuccess);
        var rejected = Submit(Laptop(), Instant.FromUtc(2027, 3, 2, 9, 0));
        Assert.True(rejected.Reject("no budget", Manager, Instant.FromUtc(2027, 3, 2, 10, 0)).IsSuccess);
        var cancelled = Submit(Laptop(), Instant.FromUtc(2027, 3, 4, 9, 0));
        Assert.True(cancelled.Cancel("found one", Requester, Instant.FromUtc(2027, 3, 4, 9, 30)).IsSuccess);
        // Submitted on March's last business hour, fulfilled at April's first instant: submitted in March, fulfilled in April.
        var late = Fulfilled(Submit(Laptop(preApproved: true), Instant.FromUtc(2027, 3, 31, 15, 0)), March.End);

        var report = ServiceReportRequests.Of(Workplace, March, [met, breached, rejected, cancelled, late], Calendars);

        // By priority: the one submitted at P2 and three at the item's standard P4 (the breached one was submitted in February).
        Assert.Equal(
            new ServiceReportRequests(Submitted: 4, Fulfilled: 2, Closed: 1, Rejected: 1, Cancelled: 1, Met: 1, Breached: 1, FulfilmentTime: Duration.FromHours(16 + 56))
            {
                SubmittedByPriority = ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(Priority.FromRank(2), 1), KeyValuePair.Create(RequestItem.StandardPriority, 3)]),
            },
            report);
        Assert.NotEqual(report with { SubmittedByPriority = ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(RequestItem.StandardPriority, 4)]) }, report);
        Assert.Equal((50.0, Duration.FromHours(36)), (report.Attainment, report.MeanFulfilmentTime));
        Assert.Equal(ServiceReportRequests.None, ServiceReportRequests.Of(ConfigurationItemId.From("svc-none"), March, [met, breached, late], Calendars));
        Assert.Equal(((double?)null, (Duration?)null), (ServiceReportRequests.None.Attainment, ServiceReportRequests.None.MeanFulfilmentTime));
    }

    [Fact]
    public void Of_ARequestFulfilledWithoutItsCalendar_Throws()
    {
        var met = Fulfilled(Submit(Laptop(preApproved: true), Instant.FromUtc(2027, 3, 1, 9, 0)), Instant.FromUtc(2027, 3, 3, 9, 0));

        Assert.Throws<ArgumentException>(() => ServiceReportRequests.Of(Workplace, March, [met], new Dictionary<CalendarId, BusinessCalendar>()));
    }

    /// <summary>
    /// A period split anywhere gives parts whose counts, split by priority and fulfilment time add up to the whole's: every
    /// event lies in exactly one part. The generated integers are small, so they are spread by a multiplicative hash over
    /// the day before March, March and the day after: submissions, fulfilments and the split land anywhere in the month.
    /// </summary>
    [Property]
    public bool Of_APeriodSplitInTwo_IsTheSumOfItsParts(int[] requestMinutes, int split)
    {
        var span = (long)March.Duration.TotalMinutes;
        static long Spread(int n, long range) => (long)((uint)n * 2654435761u % (ulong)range);
        Instant At(int minutes) => Start + Duration.FromMinutes(Spread(minutes, span + 2880) - 1440);
        var requests = requestMinutes.Take(10).Select((m, i) => Lived(At(m), i)).ToList();
        var middle = Start + Duration.FromMinutes(Spread(split, span + 1));
        var whole = ServiceReportRequests.Of(Workplace, March, requests, Calendars);
        var first = ServiceReportRequests.Of(Workplace, new Interval(March.Start, middle), requests, Calendars);
        var second = ServiceReportRequests.Of(Workplace, new Interval(middle, March.End), requests, Calendars);
        var byPriority = first.SubmittedByPriority.Concat(second.SubmittedByPriority).GroupBy(p => p.Key).ToImmutableSortedDictionary(g => g.Key, g => g.Sum(p => p.Value));
        return whole == new ServiceReportRequests(
            first.Submitted + second.Submitted, first.Fulfilled + second.Fulfilled, first.Closed + second.Closed, first.Rejected + second.Rejected,
            first.Cancelled + second.Cancelled, first.Met + second.Met, first.Breached + second.Breached, first.FulfilmentTime + second.FulfilmentTime)
        { SubmittedByPriority = byPriority }
            && whole.Met + whole.Breached == whole.Fulfilled
            && whole.SubmittedByPriority.Values.Sum() == whole.Submitted;
    }

    /// <summary>A request submitted at <paramref name="at"/> taking one of six courses, its events hours to days apart, so fulfilment lands either side of the target.</summary>
    private static ServiceRequest Lived(Instant at, int i)
    {
        var gap = Duration.FromMinutes(((i * 397) % 4000) + 1);
        var request = Submit(Laptop(preApproved: i % 2 == 0), at, i % 3 == 0 ? Priority.FromRank(2) : null);
        var next = at + gap;
        switch (i % 6)
        {
            case 0:
                return request; // still open
            case 1:
                Assert.True(request.Reject("no", Manager, next).IsSuccess);
                return request;
            case 2:
                Assert.True(request.Cancel("not needed", Requester, next).IsSuccess);
                return request;
            default:
                if (request.Item.Stages.Length > 0)
                {
                    Assert.True(request.Approve(null, TeamCalendars, Manager, next).IsSuccess);
                    Assert.True(request.Approve(null, TeamCalendars, Budget[0], next).IsSuccess);
                    Assert.True(request.Approve(null, TeamCalendars, Budget[1], next).IsSuccess);
                }

                Fulfilled(request, next + gap);
                if (i % 6 == 5)
                {
                    Assert.True(request.Close(Manager, next + gap + gap).IsSuccess);
                }

                return request;
        }
    }

    private static ServiceRequest Fulfilled(ServiceRequest request, Instant at)
    {
        foreach (var task in LaptopTasks)
        {
            var done = request.CompleteTask(task.Id, Manager, at);
            Assert.True(done.IsSuccess, done.Message);
        }

        return request;
    }
}
