using System.Collections.Immutable;
using Itsm.Core.Application.Requests;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Calendars;
using Itsm.Core.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Requests;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// The service requests every store is seeded with for the specification contract: two items on two services (one with two
/// sequential approvers, one pre-approved), requests of three requesters driven to every state, submissions that tie (so the
/// id decides the order) and ids whose order differs from insertion order; plus a few of another tenant.
/// </summary>
internal static class RequestSeed
{
    public static readonly ConfigurationItemId Workplace = ConfigurationItemId.From("svc-workplace");
    public static readonly ConfigurationItemId Mail = ConfigurationItemId.From("svc-mail");
    public static readonly UserId Ann = UserId.From("ann");
    public static readonly UserId Ben = UserId.From("ben");
    public static readonly UserId Cat = UserId.From("cat");

    /// <summary>Monday 1 March 2027, 09:00 UTC.</summary>
    public static readonly Instant T0 = Instant.FromUtc(2027, 3, 1, 9, 0);

    private static readonly SupportGroupId Desk = SupportGroupId.From("desk");
    private static readonly UserId First = UserId.From("approver-1");
    private static readonly UserId Second = UserId.From("approver-2");
    private static readonly FulfilmentTaskId Prepare = FulfilmentTaskId.From("prepare");
    private static readonly FulfilmentTaskId Hand = FulfilmentTaskId.From("hand-over");
    private static readonly UserId[] Requesters = [Ann, Ben, Cat];
    private static readonly ServiceRequestState[] States = Enum.GetValues<ServiceRequestState>();

    /// <summary>A calendar that works around the clock.</summary>
    public static readonly BusinessCalendar AllHours = BusinessCalendar.Create(
        "all hours", "UTC", Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.WholeDay])).Value;

    /// <summary>The laptop item: two sequential approvers, two tasks.</summary>
    public static RequestItem Laptop { get; } = Item("laptop", Workplace, [ApprovalStage.Sequential("managers", [First, Second]).Value]);

    /// <summary>The mailbox item: pre-approved, two tasks.</summary>
    public static RequestItem Mailbox { get; } = Item("mailbox", Mail, []);

    /// <summary>The tenant's requests, in insertion order.</summary>
    public static ImmutableArray<ServiceRequest> Requests { get; } = [.. Enumerable.Range(0, 24).Select(Make)];

    /// <summary>Requests of another tenant, never returned for the tenant under test.</summary>
    public static ImmutableArray<ServiceRequest> OtherTenantRequests { get; } = [Make(100), Make(101)];

    /// <summary>The catalogue's cases for the request specification.</summary>
    public static IEnumerable<(string Name, object Specification)> Cases()
    {
        yield return ("all", new ServiceRequestsBySubmission());
        yield return ("open states", new ServiceRequestsBySubmission(ServiceRequestLifecycle.OpenStates));
        yield return ("no states: empty", new ServiceRequestsBySubmission([]));
        yield return ("workplace", new ServiceRequestsBySubmission(service: Workplace));
        yield return ("ben's on mail", new ServiceRequestsBySubmission(service: Mail, requester: Ben));
        yield return ("cat's closed or cancelled", new ServiceRequestsBySubmission([ServiceRequestState.Closed, ServiceRequestState.Cancelled], requester: Cat));
        yield return ("unknown service: empty", new ServiceRequestsBySubmission(service: ConfigurationItemId.From("svc-nobody")));
        yield return ("second page of five", new ServiceRequestsBySubmission(page: PageRequest.Of(5, 5)));
        yield return ("page past the end", new ServiceRequestsBySubmission(page: PageRequest.Of(22, 5)));
    }

    private static RequestItem Item(string id, ConfigurationItemId service, ApprovalStage[] stages) =>
        RequestItem.Define(
            RequestItemId.From(id), service, id, [], stages,
            [FulfilmentTask.Create(Prepare, "prepare", Desk, Duration.FromHours(2)).Value, FulfilmentTask.Create(Hand, "hand over", Desk, Duration.FromHours(1), [Prepare]).Value],
            Duration.FromHours(8), CalendarId.From("all-hours"), new Dictionary<SupportGroupId, CalendarId> { [Desk] = CalendarId.From("all-hours") }).Value;

    /// <summary>A GUID whose leading field is scattered, so identifier order differs from insertion order.</summary>
    private static Guid SeedGuid(int n) =>
        new(unchecked((int)((uint)(n + 7) * 2654435761u)), (short)n, 0x7000, 0x80, 0, 0, 0, 0, 0, 0, (byte)n);

    /// <summary>Request n: for the laptop when n is even, by requester n mod 3, submitted at T0 + (n mod 5) h, driven towards state n mod 8 as its item allows.</summary>
    private static ServiceRequest Make(int n)
    {
        var item = n % 2 == 0 ? Laptop : Mailbox;
        var calendars = new Dictionary<SupportGroupId, BusinessCalendar> { [Desk] = AllHours };
        var at = T0 + Duration.FromHours(n % 5);
        var request = ServiceRequest.Submit(ServiceRequestId.From(SeedGuid(n)), item, null, n % 3 == 0 ? Priority.FromRank(2) : null, calendars, Requesters[n % 3], at).Value;
        var target = States[n % States.Length];
        var step = at;
        Instant Next() => step += Duration.FromMinutes(10);
        void Check(Result result) => Assert.True(result.IsSuccess, result.Message);
        if (target == ServiceRequestState.Cancelled)
        {
            Check(request.Cancel("not needed", request.Requester, Next()));
            return request;
        }

        if (!item.IsPreApproved && target != ServiceRequestState.Submitted)
        {
            if (target == ServiceRequestState.Rejected)
            {
                Check(request.Reject("no budget", First, Next()));
                return request;
            }

            Check(request.Approve(null, calendars, First, Next()));
            if (target == ServiceRequestState.AwaitingApproval)
            {
                return request;
            }

            Check(request.Approve(null, calendars, Second, Next()));
        }

        if (target is ServiceRequestState.InFulfilment or ServiceRequestState.Fulfilled or ServiceRequestState.Closed)
        {
            Check(request.CompleteTask(Prepare, UserId.From("tech"), Next()));
        }

        if (target is ServiceRequestState.Fulfilled or ServiceRequestState.Closed)
        {
            Check(request.CompleteTask(Hand, UserId.From("tech"), Next()));
        }

        if (target == ServiceRequestState.Closed)
        {
            Check(request.Close(UserId.From("tech"), Next()));
        }

        return request;
    }
}
