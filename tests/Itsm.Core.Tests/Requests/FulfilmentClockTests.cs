using FsCheck.Xunit;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Requests.RequestFixture;

namespace Itsm.Core.Tests.Requests;

/// <summary>A request's fulfilment clock, and the calendars of its item's groups, stored with the item.</summary>
public sealed class FulfilmentClockTests
{
    [Property]
    public bool Due_OfAPreApprovedRequest_IsTheCalendarsAddOfTheTargetFromSubmission(TaskGraphCase c, ushort targetMinutes)
    {
        var target = Duration.FromMinutes(1 + targetMinutes);
        var item = Item(c, target, preApproved: true);
        var calendar = c.Calendars[TaskGraphCase.Group(0)];
        var request = ServiceRequest.Submit(ServiceRequestId.New(), item, null, null, c.Calendars, Requester, c.Start).Value;

        var status = request.FulfilmentStatus(calendar, c.Start);
        return status.State == SlaClockState.Running && status.Due == calendar.Add(c.Start, target);
    }

    [Property]
    public bool Due_OfAnApprovedRequest_IsTheCalendarsAddOfTheTargetFromApproval(TaskGraphCase c, ushort targetMinutes, ushort waitMinutes)
    {
        var target = Duration.FromMinutes(1 + targetMinutes);
        var item = Item(c, target, preApproved: false);
        var calendar = c.Calendars[TaskGraphCase.Group(0)];
        var request = ServiceRequest.Submit(ServiceRequestId.New(), item, null, null, c.Calendars, Requester, c.Start).Value;
        var approvedAt = c.Start + Duration.FromMinutes(waitMinutes);

        var waiting = request.FulfilmentStatus(calendar, approvedAt);
        var approved = request.Approve(null, c.Calendars, Manager, approvedAt);
        var status = request.FulfilmentStatus(calendar, approvedAt);
        return waiting.State == SlaClockState.Paused && waiting.Elapsed == Duration.Zero && approved.IsSuccess
            && status.State == SlaClockState.Running && status.Due == calendar.Add(approvedAt, target);
    }

    [Fact]
    public void Clock_PausesForApproval_StopsAtTheLastTask_AndKeepsItsVerdict()
    {
        var request = Submit();
        var monday = Monday0900;
        Assert.Equal(SlaClockState.Paused, request.FulfilmentStatus(LondonOffice, monday + Duration.FromHours(30)).State);

        Assert.True(request.Approve(null, TeamCalendars, Manager, monday + Duration.FromHours(1)).IsSuccess);
        Assert.True(request.Approve(null, TeamCalendars, Budget[0], monday + Duration.FromHours(2)).IsSuccess);
        Assert.True(request.Approve(null, TeamCalendars, Budget[1], monday + Duration.FromHours(2)).IsSuccess);
        var running = request.FulfilmentStatus(LondonOffice, monday + Duration.FromHours(2));
        Assert.Equal(SlaClockState.Running, running.State);
        Assert.Equal(LondonOffice.Add(monday + Duration.FromHours(2), Duration.FromHours(40)), running.Due);

        var late = monday + Duration.FromDays(14);
        Assert.Equal(SlaClockState.Breached, request.FulfilmentStatus(LondonOffice, late).State);
        foreach (var task in new[] { Order, Image, Ship })
        {
            Assert.True(request.CompleteTask(task, UserId.From("tech"), late).IsSuccess);
        }

        var stopped = request.FulfilmentClock;
        Assert.True(stopped.IsStopped);
        Assert.Equal(SlaClockState.Breached, request.FulfilmentStatus(LondonOffice, late + Duration.FromDays(1)).State);
        Assert.Equal([75], stopped.WarningThresholds.ToArray());
    }

    [Fact]
    public void Clock_OfARestoredRequest_IsTheClockItHad()
    {
        var request = Submit();
        Assert.True(request.Approve(null, TeamCalendars, Manager, Monday0900 + Duration.FromHours(1)).IsSuccess);
        Assert.True(request.Cancel("no longer needed", Requester, Monday0900 + Duration.FromHours(3)).IsSuccess);

        var restored = ServiceRequest.Restore(request.ToSnapshot()).Value;

        Assert.Equal(request.FulfilmentClock.Events.ToArray(), restored.FulfilmentClock.Events.ToArray());
        Assert.True(restored.FulfilmentClock.IsStopped);
    }

    [Fact]
    public void Define_AGroupWithoutACalendar_OrACalendarForNoGroup_IsRefused()
    {
        var onlyDesktop = new Dictionary<SupportGroupId, CalendarId> { [Desktop] = CalendarId.From("london-office") };
        var extra = new Dictionary<SupportGroupId, CalendarId>(TeamCalendarIds) { [SupportGroupId.From("facilities")] = CalendarId.From("x") };

        var missing = Define(LaptopTasks, onlyDesktop);
        var idle = Define(LaptopTasks, extra);
        var thresholds = RequestItem.Define(RequestItemId.From("x"), ConfigurationItemId.From("s"), "x", [], [], LaptopTasks, Duration.FromHours(1), ServiceHours, TeamCalendarIds, [0, 50]);

        Assert.Equal(RequestItem.CalendarCode, missing.ErrorCode);
        Assert.Contains("logistics", missing.Message, StringComparison.Ordinal);
        Assert.Equal(RequestItem.CalendarCode, idle.ErrorCode);
        Assert.Contains("facilities", idle.Message, StringComparison.Ordinal);
        Assert.Equal(RequestItem.TargetCode, thresholds.ErrorCode);
    }

    [Fact]
    public void CalendarsOfGroups_LooksUpEachGroupsStoredCalendar()
    {
        var item = Laptop();
        var calendars = item.CalendarsOfGroups(id => id == CalendarId.From("london-office") ? LondonOffice : ShanghaiOffice);

        Assert.Equal(ServiceHours, item.ServiceCalendar);
        Assert.Same(LondonOffice, calendars[Desktop]);
        Assert.Same(ShanghaiOffice, calendars[Logistics]);
        Assert.Equal(FulfilmentSchedule.Plan(item.Tasks, Monday0900, TeamCalendars).Value.Promised, FulfilmentSchedule.Plan(item.Tasks, Monday0900, calendars).Value.Promised);
    }

    private static Result<RequestItem> Define(IEnumerable<FulfilmentTask> tasks, IReadOnlyDictionary<SupportGroupId, CalendarId> calendars) =>
        RequestItem.Define(RequestItemId.From("x"), ConfigurationItemId.From("s"), "x", [], [], tasks, Duration.FromHours(1), ServiceHours, calendars);

    private static RequestItem Item(TaskGraphCase c, Duration target, bool preApproved) =>
        RequestItem.Define(
            RequestItemId.From("generated"),
            ConfigurationItemId.From("svc"),
            "generated",
            [],
            preApproved ? [] : [ApprovalStage.Sequential("manager", [Manager]).Value],
            c.Tasks,
            target,
            CalendarId.From("group-0"),
            CalendarIdsOf(c.Tasks)).Value;
}
