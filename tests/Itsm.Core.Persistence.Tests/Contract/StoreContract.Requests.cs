using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Requests;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Request fulfilment on every store: items and requests back whole, stale versions and concurrent writers lose, tenants apart.</summary>
public abstract partial class StoreContract
{
    private static readonly ConfigurationItemId WorkplaceService = ConfigurationItemId.From("workplace");
    private static readonly RequestItemId LaptopItem = RequestItemId.From("laptop");

    [Fact]
    public async Task Request_FulfilledThroughTheDispatcher_ReloadsWithItsWholeHistory_AStaleVersionIsConflict_AndTenantsStayApart()
    {
        await DefineLaptopItemAsync(Acme);
        var submitted = await Itsm.SendAsync(new SubmitRequest(As(Acme, "alice"), LaptopItem) { Values = new Dictionary<string, string?> { ["cost-centre"] = "CC-7" } });
        Assert.True(submitted.IsSuccess, submitted.Message);
        var id = submitted.Value.Record.Id;
        Clock.Advance(Duration.FromHours(1));
        var steps = new List<Result<Versioned<ServiceRequest>>>
        {
            await Itsm.SendAsync(new ApproveRequest(As(Acme, "manager"), id) { ExpectedVersion = 1, Comment = "fine" }),
            await Itsm.SendAsync(new ApproveRequest(As(Acme, "budget"), id)),
            await Itsm.SendAsync(new CompleteFulfilmentTask(As(Acme, "tech"), id, FulfilmentTaskId.From("order"))),
        };
        Assert.All(steps, s => Assert.True(s.IsSuccess, s.Message));

        var stale = await Itsm.SendAsync(new CancelRequest(As(Acme, "alice"), id, "late") { ExpectedVersion = 2 });
        var reloaded = (await Itsm.QueryAsync(new GetRequest(As(Acme), id))).Value;

        Assert.Equal((ResultStatus.Conflict, "request.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal((4L, ServiceRequestState.InFulfilment), (reloaded.Request.Version, reloaded.Request.Record.State));
        Assert.Equal(SnapshotJson.Serialize(steps[^1].Value.Record.ToSnapshot()), SnapshotJson.Serialize(reloaded.Request.Record.ToSnapshot()));
        Assert.Equal(steps[1].Value.Record.Promised, reloaded.Request.Record.Promised);
        Assert.Equal(SlaClockState.Running, reloaded.Fulfilment.State);
        Assert.Equal([typeof(ServiceRequestSubmitted), typeof(ServiceRequestApproved), typeof(ServiceRequestApproved), typeof(FulfilmentTaskCompleted)], reloaded.Request.Record.History.Select(e => e.GetType()).ToArray());
        Assert.Equal([id], (await Itsm.QueryAsync(new ListRequests(As(Acme)) { States = [ServiceRequestState.InFulfilment], Service = WorkplaceService, Requester = UserId.From("alice") })).Value.Select(v => v.Record.Id));
        Assert.Equal([LaptopItem], (await Itsm.QueryAsync(new ListRequestItems(As(Acme)) { Service = WorkplaceService })).Value.Select(v => v.Record.Id));
        var item = (await Itsm.QueryAsync(new GetRequestItem(As(Acme), LaptopItem))).Value.Record;
        Assert.Equal(SnapshotJson.Serialize(reloaded.Request.Record.Item), SnapshotJson.Serialize(item));

        Assert.Equal("request.not-found", (await Itsm.QueryAsync(new GetRequest(As(Globex), id))).ErrorCode);
        Assert.Equal("request.not-found", (await Itsm.SendAsync(new CancelRequest(As(Globex), id, "mine now"))).ErrorCode);
        Assert.Equal("request.item.not-found", (await Itsm.SendAsync(new SubmitRequest(As(Globex), LaptopItem))).ErrorCode);
        Assert.Empty((await Itsm.QueryAsync(new ListRequests(As(Globex)))).Value);
    }

    /// <summary>
    /// Writers of one request: a writer at a stale version loses with Conflict and stores nothing; racing writers that each retry
    /// on Conflict until the domain refuses leave exactly one cancellation, never two, and every lost write was a Conflict.
    /// </summary>
    [Fact]
    public async Task RequestRepository_ConcurrentWriters_LoseWithConflict_AndExactlyOneCancellationIsStored()
    {
        const int Writers = 4;
        var calendars = new Dictionary<SupportGroupId, BusinessCalendar> { [SupportGroupId.From("desk")] = RequestSeed.AllHours };
        var request = ServiceRequest.Submit(ServiceRequestId.New(), RequestSeed.Laptop, null, null, calendars, UserId.From("ann"), RequestSeed.T0).Value;
        Assert.True((await WithAsync<IServiceRequestRepository, Result>(r => r.AddAsync(Acme, request, CancellationToken.None))).IsSuccess);
        var first = (await WithAsync<IServiceRequestRepository, Versioned<ServiceRequest>?>(r => r.GetAsync(Acme, request.Id, CancellationToken.None)))!;
        var second = (await WithAsync<IServiceRequestRepository, Versioned<ServiceRequest>?>(r => r.GetAsync(Acme, request.Id, CancellationToken.None)))!;
        Assert.True(first.Record.Approve(null, calendars, UserId.From("approver-1"), RequestSeed.T0).IsSuccess);
        Assert.True(second.Record.Reject("no", UserId.From("approver-1"), RequestSeed.T0).IsSuccess);
        Assert.True((await WithAsync<IServiceRequestRepository, Result>(r => r.UpdateAsync(Acme, first.Record, first.Version, CancellationToken.None))).IsSuccess);
        var stale = await WithAsync<IServiceRequestRepository, Result>(r => r.UpdateAsync(Acme, second.Record, second.Version, CancellationToken.None));
        Assert.Equal(ResultStatus.Conflict, stale.Status);

        var conflicts = 0;
        async Task<bool> WriterAsync(int i)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var outcome = await WithAsync<IServiceRequestRepository, Result?>(async r =>
                {
                    var read = (await r.GetAsync(Acme, request.Id, CancellationToken.None))!;
                    return read.Record.Cancel($"writer {i}", UserId.From("ann"), RequestSeed.T0 + Duration.FromMinutes(1)).IsSuccess
                        ? await r.UpdateAsync(Acme, read.Record, read.Version, CancellationToken.None)
                        : null;
                });
                if (outcome is null)
                {
                    return false; // someone else cancelled it: the domain refuses a second cancellation
                }

                if (outcome.IsSuccess)
                {
                    return true;
                }

                Assert.Equal(ResultStatus.Conflict, outcome.Status);
                Interlocked.Increment(ref conflicts);
            }

            throw new InvalidOperationException("A writer kept losing for 100 attempts.");
        }

        var won = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => WriterAsync(i))));

        var stored = (await WithAsync<IServiceRequestRepository, Versioned<ServiceRequest>?>(r => r.GetAsync(Acme, request.Id, CancellationToken.None)))!;
        Assert.Equal(1, won.Count(w => w));
        Assert.Equal((3L, ServiceRequestState.Cancelled), (stored.Version, stored.Record.State));
        Assert.Equal([typeof(ServiceRequestSubmitted), typeof(ServiceRequestApproved), typeof(ServiceRequestCancelled)], stored.Record.History.Select(e => e.GetType()).ToArray());
        Assert.Equal(ResultStatus.Conflict, (await WithAsync<IServiceRequestRepository, Result>(r => r.AddAsync(Acme, request, CancellationToken.None))).Status);
    }

    private async Task DefineLaptopItemAsync(TenantId tenant)
    {
        var admin = As(tenant, "admin");
        var day = (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))];
        var office = BusinessCalendarDefinition.Create("office", "Europe/London", Enumerable.Range(1, 5).ToDictionary(d => (IsoDayOfWeek)d, _ => day)).Value;
        var calendar = await Itsm.SendAsync(new DefineCalendar(admin, CalendarId.From("request-office"), office));
        Assert.True(calendar.IsSuccess || calendar.ErrorCode == "record.exists", calendar.Message);
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(admin, WorkplaceService, ConfigurationItemClass.BusinessService, "Workplace"))).IsSuccess);
        var groups = new Dictionary<SupportGroupId, CalendarId> { [SupportGroupId.From("logistics")] = CalendarId.From("request-office"), [SupportGroupId.From("desktop")] = CalendarId.From("request-office") };
        var defined = await Itsm.SendAsync(new DefineRequestItem(
            admin, LaptopItem, WorkplaceService, "Standard laptop", [RequestField.Create("cost-centre", true).Value],
            [ApprovalStage.Sequential("line manager", [UserId.From("manager")]).Value, ApprovalStage.Parallel("budget", [UserId.From("budget"), UserId.From("cfo")], 1).Value],
            [FulfilmentTask.Create(FulfilmentTaskId.From("order"), "order", SupportGroupId.From("logistics"), Duration.FromHours(4)).Value,
             FulfilmentTask.Create(FulfilmentTaskId.From("image"), "image", SupportGroupId.From("desktop"), Duration.FromHours(6), [FulfilmentTaskId.From("order")]).Value],
            Duration.FromHours(16), CalendarId.From("request-office"), groups)
        {
            WarningThresholds = [50, 90],
        });
        Assert.True(defined.IsSuccess, defined.Message);
    }
}
