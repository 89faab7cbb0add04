using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Requests;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Requests;

/// <summary>Request fulfilment through the dispatcher on the in-memory adapters: items, staged approvals, two teams' calendars, the fulfilment clock, errors, tenancy and audit.</summary>
public sealed class RequestFulfilmentTests : InMemoryDispatcherTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly RequestContext Admin = new(Tenant, UserId.From("admin"));
    private static readonly RequestContext Alice = new(Tenant, UserId.From("alice"));
    private static readonly RequestContext Manager = new(Tenant, UserId.From("manager"));
    private static readonly RequestContext Budget1 = new(Tenant, UserId.From("budget-1"));
    private static readonly RequestContext Budget2 = new(Tenant, UserId.From("budget-2"));
    private static readonly RequestContext Tech = new(Tenant, UserId.From("tech"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("gil"));
    private static readonly ConfigurationItemId Workplace = ConfigurationItemId.From("workplace");
    private static readonly RequestItemId Laptop = RequestItemId.From("laptop");
    private static readonly RequestItemId Mailbox = RequestItemId.From("mailbox");
    private static readonly SupportGroupId Desktop = SupportGroupId.From("desktop");
    private static readonly SupportGroupId Logistics = SupportGroupId.From("logistics");
    private static readonly FulfilmentTaskId Order = FulfilmentTaskId.From("order");
    private static readonly FulfilmentTaskId Image = FulfilmentTaskId.From("image");

    /// <summary>Monday 2027-03-01 09:00 UTC (09:00 in London, 17:00 in Shanghai).</summary>
    private static readonly Instant Monday = Instant.FromUtc(2027, 3, 1, 9, 0);

    public RequestFulfilmentTests()
        : base(Monday)
    {
    }

    [Fact]
    public async Task Request_ApprovedInTwoStages_IsFulfilledAcrossTwoTeamsCalendars_AndEveryCommandIsAudited()
    {
        await SeedAsync();
        var request = (await itsm.SendAsync(Submit())).Value;
        Assert.Equal((ServiceRequestState.Submitted, 1L, (Instant?)null), (request.Record.State, request.Version, request.Record.Promised));

        clock.AdvanceHours(1);
        await StepAsync(new ApproveRequest(Manager, request.Record.Id) { ExpectedVersion = 1 });
        await StepAsync(new ApproveRequest(Budget1, request.Record.Id));
        var approved = await StepAsync(new ApproveRequest(Budget2, request.Record.Id) { Comment = "within budget" });

        // Order: logistics (Shanghai 09:00-17:00 = 01:00-09:00 UTC), 4h from Monday 10:00 UTC: Tuesday 01:00-05:00 UTC.
        // Image: desktop (London 09:00-17:00 UTC in March), 6h from Tuesday 09:00 UTC: Tuesday 15:00 UTC.
        Assert.Equal(ServiceRequestState.Approved, approved.Record.State);
        Assert.Equal(Instant.FromUtc(2027, 3, 2, 15, 0), approved.Record.Promised);

        var view = (await itsm.QueryAsync(new GetRequest(Alice, request.Record.Id))).Value;
        Assert.Equal(SlaClockState.Running, view.Fulfilment.State);
        Assert.Equal(Instant.FromUtc(2027, 3, 3, 10, 0), view.Fulfilment.Due); // 16h of London office time from Monday 10:00
        Assert.False(view.IsAtRisk);
        Assert.False(view.IsBreached);

        clock.AdvanceHours(20);
        await StepAsync(new CompleteFulfilmentTask(Tech, request.Record.Id, Order));
        clock.AdvanceHours(8);
        Assert.True((await itsm.QueryAsync(new GetRequest(Alice, request.Record.Id))).Value.IsAtRisk); // 75% of 16h crossed
        await StepAsync(new CompleteFulfilmentTask(Tech, request.Record.Id, Image));
        var closed = await StepAsync(new CloseRequest(Tech, request.Record.Id));

        var done = (await itsm.QueryAsync(new GetRequest(Alice, request.Record.Id))).Value;
        Assert.Equal((ServiceRequestState.Closed, closed.Version, SlaClockState.Met), (done.Request.Record.State, done.Request.Version, done.Fulfilment.State));
        Assert.Equal(
            ["DefineRequestItem", "DefineRequestItem", "SubmitRequest", "ApproveRequest", "ApproveRequest", "ApproveRequest", "CompleteFulfilmentTask", "CompleteFulfilmentTask", "CloseRequest"],
            (await AuditAsync()).Select(r => r.Command).Where(c => c.Contains("Request", StringComparison.Ordinal) || c.Contains("Fulfilment", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public async Task Submit_APreApprovedItem_PromisesAtOnce_AndTheClockRunsFromSubmission()
    {
        await SeedAsync();
        var request = (await itsm.SendAsync(new SubmitRequest(Alice, Mailbox))).Value;

        Assert.Equal(ServiceRequestState.Submitted, request.Record.State);
        Assert.Equal(Monday + Duration.FromHours(2), request.Record.Promised);
        var view = (await itsm.QueryAsync(new GetRequest(Alice, request.Record.Id))).Value;
        Assert.Equal((SlaClockState.Running, (Instant?)(Monday + Duration.FromHours(4))), (view.Fulfilment.State, view.Fulfilment.Due));
        Assert.Equal("Europe/London", view.Zone.Id);
    }

    [Fact]
    public async Task Approve_ByTheRequester_IsForbiddenAndChangesNothing()
    {
        await SeedAsync();
        var request = (await itsm.SendAsync(Submit(requester: Manager))).Value;

        var refused = await itsm.SendAsync(new ApproveRequest(Manager, request.Record.Id));

        Assert.Equal((ResultStatus.Forbidden, ServiceRequest.SelfApprovalCode), (refused.Status, refused.ErrorCode));
        await AssertUnchangedAsync(request);
    }

    [Fact]
    public async Task Commands_WithAStaleExpectedVersion_AreConflicts_AndChangeNothing()
    {
        await SeedAsync();
        var request = (await itsm.SendAsync(Submit())).Value;
        await StepAsync(new ApproveRequest(Manager, request.Record.Id));

        var stale = await itsm.SendAsync(new ApproveRequest(Budget1, request.Record.Id) { ExpectedVersion = 1 });
        var stored = (await itsm.QueryAsync(new GetRequest(Alice, request.Record.Id))).Value.Request;

        Assert.Equal((ResultStatus.Conflict, "request.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal((2L, 2), (stored.Version, stored.Record.History.Count));
    }

    [Fact]
    public async Task BadInput_IsATypedResultWithItsCode_AndChangesNothing()
    {
        await SeedAsync();
        var request = (await itsm.SendAsync(Submit())).Value;
        var before = await AuditAsync();

        (IResult Result, ResultStatus Status, string Code)[] answers =
        [
            (await itsm.SendAsync(new SubmitRequest(Alice, RequestItemId.From("nothing"))), ResultStatus.NotFound, "request.item.not-found"),
            (await itsm.SendAsync(new SubmitRequest(Alice, Laptop)), ResultStatus.Invalid, ServiceRequest.FieldMissingCode),
            (await itsm.SendAsync(new RejectRequest(Manager, request.Record.Id, " ")), ResultStatus.Invalid, ServiceRequest.ReasonCode),
            (await itsm.SendAsync(new CompleteFulfilmentTask(Tech, request.Record.Id, Order)), ResultStatus.Conflict, ServiceRequest.ApprovalPendingCode),
            (await itsm.SendAsync(new CloseRequest(Tech, request.Record.Id)), ResultStatus.Conflict, ServiceRequest.IllegalTransitionCode),
            (await itsm.SendAsync(new ApproveRequest(Budget1, request.Record.Id)), ResultStatus.Conflict, ServiceRequest.StageNotOpenCode),
            (await itsm.SendAsync(new ApproveRequest(Tech, request.Record.Id)), ResultStatus.Forbidden, ServiceRequest.NotApproverCode),
            (await itsm.SendAsync(new CancelRequest(Alice, request.Record.Id, "x") { ExpectedVersion = 0 }), ResultStatus.Invalid, "request.expected-version"),
            (await itsm.SendAsync(new CancelRequest(Alice, ServiceRequestId.New(), "x")), ResultStatus.NotFound, "request.not-found"),
            (await itsm.QueryAsync(new ListRequests(Alice) { Take = 0 }), ResultStatus.Invalid, "page.take"),
            (await itsm.SendAsync(Item(RequestItemId.From("desk"), groups: new() { [Desktop] = CalendarId.From("london") })), ResultStatus.Invalid, RequestItem.CalendarCode),
            (await itsm.SendAsync(Item(RequestItemId.From("desk"), groups: new() { [Desktop] = CalendarId.From("london"), [Logistics] = CalendarId.From("mars") })), ResultStatus.NotFound, "calendar.not-found"),
            (await itsm.SendAsync(Item(RequestItemId.From("desk"), service: ConfigurationItemId.From("nowhere"))), ResultStatus.NotFound, "cmdb.item.unknown"),
            (await itsm.SendAsync(Item(Laptop)), ResultStatus.Conflict, "record.exists"),
        ];

        foreach (var (result, status, code) in answers)
        {
            Assert.Equal((status, code), (result.Status, result.ErrorCode));
        }

        await AssertUnchangedAsync(request);
        Assert.Equal(before.Count, (await AuditAsync()).Count);
        Assert.Equal("request.item.not-found", (await itsm.QueryAsync(new GetRequestItem(Alice, RequestItemId.From("desk")))).ErrorCode);
    }

    [Fact]
    public async Task AnotherTenant_NeverSeesOrChangesARequestOrItem()
    {
        await SeedAsync();
        var request = (await itsm.SendAsync(Submit())).Value;

        Assert.Equal("request.not-found", (await itsm.QueryAsync(new GetRequest(Globex, request.Record.Id))).ErrorCode);
        Assert.Equal("request.not-found", (await itsm.SendAsync(new CancelRequest(Globex, request.Record.Id, "mine now"))).ErrorCode);
        Assert.Equal("request.item.not-found", (await itsm.SendAsync(new SubmitRequest(Globex, Laptop))).ErrorCode);
        Assert.Empty((await itsm.QueryAsync(new ListRequests(Globex))).Value);
        Assert.Empty((await itsm.QueryAsync(new ListRequestItems(Globex))).Value);
        await AssertUnchangedAsync(request);
    }

    [Fact]
    public async Task ListRequests_FiltersByStateServiceAndRequester_OldestFirst_InPages()
    {
        await SeedAsync();
        var first = (await itsm.SendAsync(Submit())).Value.Record.Id;
        clock.AdvanceMinutes(1);
        var second = (await itsm.SendAsync(new SubmitRequest(Manager, Mailbox))).Value.Record.Id;
        clock.AdvanceMinutes(1);
        var third = (await itsm.SendAsync(Submit())).Value.Record.Id;
        await StepAsync(new CancelRequest(Alice, third, "duplicate"));

        Assert.Equal([first, second, third], await IdsAsync(new ListRequests(Alice)));
        Assert.Equal([first, third], await IdsAsync(new ListRequests(Alice) { Requester = Alice.Actor }));
        Assert.Equal([third], await IdsAsync(new ListRequests(Alice) { States = [ServiceRequestState.Cancelled] }));
        Assert.Equal([second], await IdsAsync(new ListRequests(Alice) { Skip = 1, Take = 1 }));
        Assert.Empty(await IdsAsync(new ListRequests(Alice) { Service = ConfigurationItemId.From("other") }));
        Assert.Equal(3, (await IdsAsync(new ListRequests(Alice) { Service = Workplace })).Length);
        Assert.Equal([Laptop, Mailbox], (await itsm.QueryAsync(new ListRequestItems(Alice) { Service = Workplace })).Value.Select(i => i.Record.Id));
    }

    private static SubmitRequest Submit(RequestContext? requester = null) =>
        new(requester ?? Alice, Laptop) { Values = new Dictionary<string, string?> { ["cost-centre"] = "CC-42" } };

    private static DefineRequestItem Item(RequestItemId id, Dictionary<SupportGroupId, CalendarId>? groups = null, ConfigurationItemId? service = null) =>
        new(
            Admin,
            id,
            service ?? Workplace,
            "Standard laptop",
            [RequestField.Create("cost-centre", true).Value],
            [ApprovalStage.Sequential("line manager", [Manager.Actor]).Value, ApprovalStage.Parallel("budget", [Budget1.Actor, Budget2.Actor, UserId.From("budget-3")], 2).Value],
            [FulfilmentTask.Create(Order, "order the laptop", Logistics, Duration.FromHours(4)).Value, FulfilmentTask.Create(Image, "image it", Desktop, Duration.FromHours(6), [Order]).Value],
            Duration.FromHours(16),
            CalendarId.From("london"),
            groups ?? new Dictionary<SupportGroupId, CalendarId> { [Desktop] = CalendarId.From("london"), [Logistics] = CalendarId.From("shanghai") })
        {
            WarningThresholds = [75],
        };

    private static BusinessCalendarDefinition Office(string zone)
    {
        var day = (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))];
        return BusinessCalendarDefinition.Create("office " + zone, zone, Enumerable.Range(1, 5).ToDictionary(d => (IsoDayOfWeek)d, _ => day)).Value;
    }

    private async Task SeedAsync()
    {
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Admin, Workplace, ConfigurationItemClass.BusinessService, "Workplace"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new DefineCalendar(Admin, CalendarId.From("london"), Office("Europe/London")))).IsSuccess);
        Assert.True((await itsm.SendAsync(new DefineCalendar(Admin, CalendarId.From("shanghai"), Office("Asia/Shanghai")))).IsSuccess);
        var defined = await itsm.SendAsync(Item(Laptop));
        Assert.True(defined.IsSuccess, defined.Message);
        var mailbox = await itsm.SendAsync(new DefineRequestItem(
            Admin, Mailbox, Workplace, "Shared mailbox", [], [], [FulfilmentTask.Create(FulfilmentTaskId.From("create"), "create it", Desktop, Duration.FromHours(2)).Value],
            Duration.FromHours(4), CalendarId.From("london"), new Dictionary<SupportGroupId, CalendarId> { [Desktop] = CalendarId.From("london") }));
        Assert.True(mailbox.IsSuccess, mailbox.Message);
    }

    private async Task<Versioned<ServiceRequest>> StepAsync(ServiceRequestCommand command)
    {
        var result = await itsm.SendAsync(command);
        Assert.True(result.IsSuccess, $"{command.GetType().Name}: {result.Message}");
        return result.Value;
    }

    private async Task AssertUnchangedAsync(Versioned<ServiceRequest> request)
    {
        var stored = (await itsm.QueryAsync(new GetRequest(Alice, request.Record.Id))).Value.Request;
        Assert.Equal((request.Version, request.Record.State, request.Record.History.Count), (stored.Version, stored.Record.State, stored.Record.History.Count));
    }

    private async Task<ServiceRequestId[]> IdsAsync(ListRequests query) => [.. (await itsm.QueryAsync(query)).Value.Select(v => v.Record.Id)];

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 1000, CancellationToken.None);
    }
}
