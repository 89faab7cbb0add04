using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Requests;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Requests;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Direct edits of the request tables read back as typed data faults naming the table, and the store scan finds them.</summary>
public abstract partial class RelationalStoreContract
{
    [Theory]
    [InlineData("UPDATE service_requests SET document = '{'")]
    [InlineData("UPDATE service_requests SET state = 'Closed'")]
    [InlineData("UPDATE service_requests SET requester = 'mallory'")]
    [InlineData("UPDATE service_requests SET document = REPLACE(document, '\"event\":\"approved\"', '\"event\":\"rejected\"')")]
    [InlineData("UPDATE service_requests SET document = REPLACE(document, '\"state\":\"AwaitingApproval\"', '\"state\":\"Approved\"')")]
    [InlineData("UPDATE service_requests SET document = REPLACE(document, '\"by\":\"approver-1\"', '\"by\":\"ann\"')")]
    [InlineData("UPDATE service_requests SET document = REPLACE(document, '\"dependsOn\":[\"prepare\"]', '\"dependsOn\":[\"hand-over\"]')")]
    [InlineData("UPDATE service_requests SET document = REPLACE(document, '\"priority\":4,\"at\"', '\"at\"')")]
    [InlineData("UPDATE service_requests SET document = REPLACE(document, '\"priority\":4', '\"priority\":0')")]
    public async Task Corruption_OfAServiceRequestRow_IsADataFaultNamingTheTable(string edit)
    {
        var request = ServiceRequest.Submit(
            ServiceRequestId.New(), RequestSeed.Laptop, null, null, new Dictionary<SupportGroupId, BusinessCalendar> { [SupportGroupId.From("desk")] = RequestSeed.AllHours }, UserId.From("ann"), RequestSeed.T0).Value;
        Assert.True(request.Approve(null, new Dictionary<SupportGroupId, BusinessCalendar>(), UserId.From("approver-1"), RequestSeed.T0).IsSuccess);
        Assert.True((await WithAsync<IServiceRequestRepository, Result>(r => r.AddAsync(Acme, request, CancellationToken.None))).IsSuccess);
        await AssertCorruptionAsync(edit, "service_requests", () => Itsm.QueryAsync(new GetRequest(new RequestContext(Acme, UserId.From("sam")), request.Id)));
    }

    [Theory]
    [InlineData("UPDATE request_items SET document = '{'")]
    [InlineData("UPDATE request_items SET service = 'elsewhere'")]
    [InlineData("UPDATE request_items SET document = REPLACE(document, '\"fulfilmentTarget\":\"8:00:00\"', '\"fulfilmentTarget\":\"0:00:00\"')")]
    [InlineData("UPDATE request_items SET document = REPLACE(document, '\"groupCalendars\":{\"desk\":\"all-hours\"}', '\"groupCalendars\":{}')")]
    [InlineData("UPDATE request_items SET document = REPLACE(document, '\"quorum\":2', '\"quorum\":1')")]
    [InlineData("UPDATE request_items SET document = REPLACE(document, '\"priority\":4', '\"priority\":0')")]
    public async Task Corruption_OfARequestItemRow_IsADataFaultNamingTheTable(string edit)
    {
        Assert.True((await WithAsync<IRequestItemRepository, Result>(r => r.AddAsync(Acme, RequestSeed.Laptop, CancellationToken.None))).IsSuccess);
        await AssertCorruptionAsync(edit, "request_items", () => Itsm.QueryAsync(new GetRequestItem(new RequestContext(Acme, UserId.From("sam")), RequestSeed.Laptop.Id)));
    }

    private async Task AssertCorruptionAsync<T>(string edit, string table, Func<Task<Result<T>>> read)
    {
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"{edit} WHERE tenant = '{Acme.Value}'"));
        }

        var failed = await read();
        var scan = await Itsm.QueryAsync(new VerifyStore(new RequestContext(Acme, UserId.From("sam"))));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
        Assert.Contains(table, failed.Text(), StringComparison.Ordinal);
        Assert.Contains(scan.Value.Problems, p => p.Table == table);
    }
}
