using System.Collections.Immutable;
using Itsm.Core.Application.Reporting;
using Itsm.Core.Application.Requests;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Reporting;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Service requests in the monthly service report on every store: the laptop item (16 business hours on London office hours from
/// approval) requested three times in March 2026, one fulfilled in time and closed, one breached, one cancelled.
/// </summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task MonthlyServiceReport_CountsTheServicesRequests_FromTheStore()
    {
        await DefineLaptopItemAsync(Acme);
        var targets = Enumerable.Range(1, 5).ToDictionary(p => p, _ => new SlaTargets(Duration.FromHours(4), Duration.FromHours(16)));
        var sla = SlaDefinition.Create(SlaDefinitionId.From("workplace"), "Workplace", new SlaScope(WorkplaceService), CalendarId.From("request-office"), targets).Value;
        Assert.True((await Itsm.SendAsync(new DefineSla(As(Acme, "admin"), sla))).IsSuccess);

        // Monday 2 March 09:00, approved at 10:00, fulfilled Tuesday 10:00: 8 h on the clock (met), 9 h from submission; closed.
        var met = await RequestLaptopAsync(Instant.FromUtc(2026, 3, 2, 9, 0), Instant.FromUtc(2026, 3, 2, 10, 0));
        await RequestStepAsync(new CompleteFulfilmentTask(As(Acme, "tech"), met, FulfilmentTaskId.From("order")), Instant.FromUtc(2026, 3, 3, 9, 0));
        await RequestStepAsync(new CompleteFulfilmentTask(As(Acme, "tech"), met, FulfilmentTaskId.From("image")), Instant.FromUtc(2026, 3, 3, 10, 0));
        await RequestStepAsync(new CloseRequest(As(Acme, "tech"), met), Instant.FromUtc(2026, 3, 3, 11, 0));

        // Tuesday 12:00, approved at once, fulfilled Friday 09:30: 21 h 30 min, breached.
        var breached = await RequestLaptopAsync(Instant.FromUtc(2026, 3, 3, 12, 0), Instant.FromUtc(2026, 3, 3, 12, 0), Priority.FromRank(1));
        await RequestStepAsync(new CompleteFulfilmentTask(As(Acme, "tech"), breached, FulfilmentTaskId.From("order")), Instant.FromUtc(2026, 3, 6, 9, 0));
        await RequestStepAsync(new CompleteFulfilmentTask(As(Acme, "tech"), breached, FulfilmentTaskId.From("image")), Instant.FromUtc(2026, 3, 6, 9, 30));

        var cancelled = await RequestLaptopAsync(Instant.FromUtc(2026, 3, 9, 9, 0), null);
        await RequestStepAsync(new CancelRequest(As(Acme, "alice"), cancelled, "found a spare"), Instant.FromUtc(2026, 3, 9, 9, 30));
        Clock.Reset(Instant.FromUtc(2026, 4, 2, 9, 0));

        var march = await Itsm.QueryAsync(new GetMonthlyServiceReport(As(Acme), WorkplaceService, new YearMonth(2026, 3)) { Months = 2 });

        Assert.True(march.IsSuccess, march.Message);
        var stored = await Itsm.QueryAsync(new GetRequest(As(Acme), breached));
        Assert.Equal(Priority.FromRank(1), stored.Value.Request.Record.Priority);
        Assert.Equal(
            new ServiceReportRequests(Submitted: 3, Fulfilled: 2, Closed: 1, Rejected: 0, Cancelled: 1, Met: 1, Breached: 1, FulfilmentTime: Duration.FromMinutes((9 * 60) + (21 * 60) + 30))
            {
                SubmittedByPriority = new Dictionary<Priority, int> { [Priority.FromRank(1)] = 1, [RequestItem.StandardPriority] = 2 }.ToImmutableSortedDictionary(),
            },
            march.Value.Report.Requests);
        Assert.Equal(ServiceReportRequests.None, march.Value.Months[0].Report.Requests); // February
    }

    private async Task<ServiceRequestId> RequestLaptopAsync(Instant at, Instant? approvedAt, Priority? priority = null)
    {
        Clock.Reset(at);
        var submitted = await Itsm.SendAsync(new SubmitRequest(As(Acme, "alice"), LaptopItem) { Values = new Dictionary<string, string?> { ["cost-centre"] = "CC-7" }, Priority = priority });
        Assert.True(submitted.IsSuccess, submitted.Message);
        var id = submitted.Value.Record.Id;
        if (approvedAt is { } approved)
        {
            await RequestStepAsync(new ApproveRequest(As(Acme, "manager"), id), approved);
            await RequestStepAsync(new ApproveRequest(As(Acme, "budget"), id), approved);
        }

        return id;
    }

    private async Task RequestStepAsync(ServiceRequestCommand command, Instant at)
    {
        Clock.Reset(at);
        var result = await Itsm.SendAsync(command);
        Assert.True(result.IsSuccess, $"{command.GetType().Name}: {result.Message}");
    }
}
