using System.Collections.Immutable;
using System.Text.Json;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Reporting;
using Itsm.Core.Application.Requests;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Reporting;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Application.Tests.Reporting;

/// <summary>
/// Service requests in the service report through the dispatcher on the in-memory adapters: requests submitted before, inside and
/// after March, one fulfilled in time, one breached, one rejected, one cancelled; the monthly report slices one load per month.
/// </summary>
public sealed class ServiceReportRequestsReadingTests : InMemoryDispatcherTests
{
    private static readonly RequestContext Admin = new(TenantId.From("acme"), UserId.From("admin"));
    private static readonly RequestContext Alice = new(TenantId.From("acme"), UserId.From("alice"));
    private static readonly RequestContext Manager = new(TenantId.From("acme"), UserId.From("manager"));
    private static readonly ConfigurationItemId Workplace = ConfigurationItemId.From("workplace");
    private static readonly CalendarId Office = CalendarId.From("office");
    private static readonly RequestItemId Mailbox = RequestItemId.From("mailbox");
    private static readonly RequestItemId Access = RequestItemId.From("access");
    private static readonly SupportGroupId Desktop = SupportGroupId.From("desktop");
    private static readonly FulfilmentTaskId Create = FulfilmentTaskId.From("create");
    private static readonly Interval March = new(Instant.FromUtc(2027, 3, 1, 0, 0), Instant.FromUtc(2027, 4, 1, 0, 0));
    private static readonly Interval April = new(March.End, Instant.FromUtc(2027, 5, 1, 0, 0));

    /// <summary>Monday to Friday 09:00 to 17:00 UTC.</summary>
    private const string OfficeJson = """{"name": "Office", "timeZone": "Etc/UTC", "week": {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}}""";

    public ServiceReportRequestsReadingTests()
        : base(Instant.FromUtc(2027, 2, 1, 9, 0))
    {
    }

    [Fact]
    public async Task GetServiceReport_OfMarch_CountsTheServicesRequestsByTheirEventsInstants_AndTheMonthlyReportSlicesThemAlike()
    {
        await MarchAsync();

        var march = await itsm.QueryAsync(new GetServiceReport(Alice, Workplace, March));
        var april = await itsm.QueryAsync(new GetServiceReport(Alice, Workplace, April));
        var monthly = await itsm.QueryAsync(new GetMonthlyServiceReport(Alice, Workplace, new YearMonth(2027, 4)) { Months = 2 });

        Assert.True(march.IsSuccess, march.Message);
        // By priority: the breached one submitted at P2, the access request at its item's P3, two mailboxes at the standard P4.
        Assert.Equal(
            new ServiceReportRequests(Submitted: 4, Fulfilled: 2, Closed: 1, Rejected: 1, Cancelled: 1, Met: 1, Breached: 1, FulfilmentTime: Duration.FromHours(11))
            {
                SubmittedByPriority = ByPriority((2, 1), (3, 1), (4, 2)),
            },
            march.Value.Requests);
        Assert.Equal((50.0, Duration.FromMinutes(330)), (march.Value.Requests.Attainment, march.Value.Requests.MeanFulfilmentTime));
        Assert.Equal(
            new ServiceReportRequests(Submitted: 1, Fulfilled: 1, Closed: 0, Rejected: 0, Cancelled: 0, Met: 1, Breached: 0, FulfilmentTime: Duration.FromHours(2)) { SubmittedByPriority = ByPriority((4, 1)) },
            april.Value.Requests);
        Assert.True(monthly.IsSuccess, monthly.Message);
        Assert.Equal([march.Value.Requests, april.Value.Requests], monthly.Value.Months.Select(m => m.Report.Requests));
    }

    [Fact]
    public async Task MonthlyReport_AsJsonAndCsv_CarriesTheRequests_WithNullsWhereNoneWasFulfilled()
    {
        await MarchAsync();

        var monthly = await itsm.QueryAsync(new GetMonthlyServiceReport(Alice, Workplace, new YearMonth(2027, 3)) { Months = 2 });

        Assert.True(monthly.IsSuccess, monthly.Message);
        var json = JsonDocument.Parse(ServiceReportFormat.ToJson(monthly.Value)).RootElement;
        var requests = json.GetProperty("requests");
        Assert.Equal(
            (4, 2, 1, 1, 1, 1, 1, 50.0, 19800.0),
            (requests.GetProperty("submitted").GetInt32(), requests.GetProperty("fulfilled").GetInt32(), requests.GetProperty("closed").GetInt32(),
             requests.GetProperty("rejected").GetInt32(), requests.GetProperty("cancelled").GetInt32(), requests.GetProperty("met").GetInt32(),
             requests.GetProperty("breached").GetInt32(), requests.GetProperty("attainment").GetDouble(), requests.GetProperty("meanFulfilmentSeconds").GetDouble()));
        Assert.Equal("""{"P2":1,"P3":1,"P4":2}""", requests.GetProperty("byPriority").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(string.Empty));
        var trend = json.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal((JsonValueKind.Null, 50.0), (trend[0].GetProperty("requestAttainment").ValueKind, trend[1].GetProperty("requestAttainment").GetDouble()));

        var rows = ServiceReportFormat.ToCsv(monthly.Value).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        var columns = rows[0].ToList();
        string Field(int row, string column) => rows[row][columns.IndexOf(column)];
        // February: one submitted (the mailbox fulfilled in March), nothing fulfilled, so no attainment and no mean (empty, never 0); March as above.
        Assert.Equal(("P4:1", "P2:1 P3:1 P4:2"), (Field(1, "requests_by_priority"), Field(2, "requests_by_priority")));
        Assert.Equal(("0", "0", "", ""), (Field(1, "requests_fulfilled"), Field(1, "requests_met"), Field(1, "request_attainment"), Field(1, "request_mean_fulfilment_seconds")));
        Assert.Equal(
            ("4", "2", "1", "1", "1", "1", "1", "50", "19800"),
            (Field(2, "requests_submitted"), Field(2, "requests_fulfilled"), Field(2, "requests_closed"), Field(2, "requests_rejected"), Field(2, "requests_cancelled"),
             Field(2, "requests_met"), Field(2, "requests_breached"), Field(2, "request_attainment"), Field(2, "request_mean_fulfilment_seconds")));
    }

    /// <summary>
    /// Requests submitted before, inside and after March 2027 on the office calendar: one met, one breached and closed, one
    /// rejected, one cancelled, one submitted in March and fulfilled in April, one open in April; the clock then on 3 May.
    /// </summary>
    private async Task MarchAsync()
    {
        await SeedAsync();

        // Friday 26 February 16:00, fulfilled Monday 1 March 11:00: 3 h of office time against 4 h, met, fulfilled in March.
        var met = await SubmitAsync(Mailbox, At(2, 26, 16));
        await StepAsync(new CompleteFulfilmentTask(Admin, met, Create), At(3, 1, 11));

        // Tuesday 2 March 09:00, fulfilled Wednesday 09:00: 8 h against 4 h, breached; closed the same morning.
        var breached = await SubmitAsync(Mailbox, At(3, 2, 9), Priority.FromRank(2));
        await StepAsync(new CompleteFulfilmentTask(Admin, breached, Create), At(3, 3, 9));
        await StepAsync(new CloseRequest(Admin, breached), At(3, 3, 10));

        var rejected = await SubmitAsync(Access, At(3, 4, 9));
        await StepAsync(new RejectRequest(Manager, rejected, "not for contractors"), At(3, 4, 10));
        var cancelled = await SubmitAsync(Mailbox, At(3, 5, 9));
        await StepAsync(new CancelRequest(Alice, cancelled, "not needed"), At(3, 5, 9, 30));

        // Wednesday 31 March 16:00, fulfilled Thursday 1 April 10:00: submitted in March, fulfilled (2 h, met) in April.
        var late = await SubmitAsync(Mailbox, At(3, 31, 16));
        await StepAsync(new CompleteFulfilmentTask(Admin, late, Create), At(4, 1, 10));
        await SubmitAsync(Mailbox, At(4, 2, 9)); // after March, still open
        clock.Reset(At(5, 3, 9));
    }

    private static Instant At(int month, int day, int hour, int minute = 0) => Instant.FromUtc(2027, month, day, hour, minute);

    private static ImmutableSortedDictionary<Priority, int> ByPriority(params (int Rank, int Count)[] counts) =>
        counts.ToImmutableSortedDictionary(c => Priority.FromRank(c.Rank), c => c.Count);

    private async Task<ServiceRequestId> SubmitAsync(RequestItemId item, Instant at, Priority? priority = null)
    {
        clock.Reset(at);
        var submitted = await itsm.SendAsync(new SubmitRequest(Alice, item) { Priority = priority });
        Assert.True(submitted.IsSuccess, submitted.Message);
        return submitted.Value.Record.Id;
    }

    private async Task StepAsync(ServiceRequestCommand command, Instant at)
    {
        clock.Reset(at);
        var result = await itsm.SendAsync(command);
        Assert.True(result.IsSuccess, $"{command.GetType().Name}: {result.Message}");
    }

    private async Task SeedAsync()
    {
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Admin, Workplace, ConfigurationItemClass.BusinessService, "Workplace"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new DefineCalendar(Admin, Office, CalendarJson.Read(OfficeJson).Value))).IsSuccess);
        var sla = SlaDefinition.Create(SlaDefinitionId.From("workplace"), "workplace", new SlaScope(Workplace), Office, new Dictionary<int, SlaTargets> { [1] = new(Duration.FromHours(1), Duration.FromHours(8)) }).Value;
        Assert.True((await itsm.SendAsync(new DefineSla(Admin, sla))).IsSuccess);
        var groups = new Dictionary<SupportGroupId, CalendarId> { [Desktop] = Office };
        FulfilmentTask[] tasks = [FulfilmentTask.Create(Create, "create it", Desktop, Duration.FromHours(2)).Value];
        var mailbox = await itsm.SendAsync(new DefineRequestItem(Admin, Mailbox, Workplace, "Shared mailbox", [], [], tasks, Duration.FromHours(4), Office, groups));
        Assert.True(mailbox.IsSuccess, mailbox.Message);
        var access = await itsm.SendAsync(new DefineRequestItem(
            Admin, Access, Workplace, "Building access", [], [ApprovalStage.Sequential("manager", [UserId.From("manager")]).Value], tasks, Duration.FromHours(4), Office, groups)
        { Priority = Priority.FromRank(3) });
        Assert.True(access.IsSuccess, access.Message);
    }
}
