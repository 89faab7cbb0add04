using FsCheck.Xunit;
using Itsm.Core.Requests;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Requests.RequestFixture;

namespace Itsm.Core.Tests.Requests;

/// <summary>The promised delivery instant: the critical path through the task graph in business time, each task on its group's calendar.</summary>
public sealed class FulfilmentScheduleTests
{
    [Property]
    public bool Promise_IsTheLongestPathOverEveryPathOfTheGraph(TaskGraphCase c)
    {
        var planned = FulfilmentSchedule.Plan(c.Tasks, c.Start, c.Calendars);
        return planned.IsSuccess && planned.Value.Promised == BruteForcePromise(c.Tasks, c.Start, c);
    }

    [Property]
    public bool AddingATask_NeverMakesThePromiseEarlier(TaskGraphCase c)
    {
        var before = FulfilmentSchedule.Plan(c.Tasks, c.Start, c.Calendars).Value.Promised;
        var after = FulfilmentSchedule.Plan([.. c.Tasks, c.Extra], c.Start, c.Calendars).Value.Promised;
        return after >= before && after == BruteForcePromise([.. c.Tasks, c.Extra], c.Start, c);
    }

    [Property]
    public bool EachTask_StartsWhenItsPredecessorsEnd(TaskGraphCase c)
    {
        var schedule = FulfilmentSchedule.Plan(c.Tasks, c.Start, c.Calendars).Value;
        var ends = schedule.Tasks.ToDictionary(t => t.Task.Id, t => t.End);
        return schedule.Tasks.Length == c.Tasks.Length && schedule.Tasks.All(t =>
            t.Start == t.Task.DependsOn.Select(d => ends[d]).Append(c.Start).Max() && t.End == c.Calendars[t.Task.Group].Add(t.Start, t.Task.Effort));
    }

    [Property]
    public bool ACycle_IsRefusedWithTheTasksOnIt(TaskGraphCase c)
    {
        var edge = c.Tasks.FirstOrDefault(t => !t.DependsOn.IsEmpty);
        if (edge is null)
        {
            return true;
        }

        var before = c.Tasks.Single(t => t.Id == edge.DependsOn[0]);
        var closed = FulfilmentTask.Create(before.Id, before.Name, before.Group, before.Effort, [.. before.DependsOn, edge.Id]).Value;
        var tasks = c.Tasks.Select(t => t.Id == before.Id ? closed : t).ToList();
        var planned = FulfilmentSchedule.Plan(tasks, c.Start, c.Calendars);
        return planned.ErrorCode == FulfilmentSchedule.CycleCode && planned.Message.Contains(edge.Id.Value, StringComparison.Ordinal);
    }

    /// <summary>Order 4h in Shanghai from Monday 17:00 CST (closing) runs Tuesday 09:00-13:00 CST; imaging 6h in London Tuesday 09:00-15:00 GMT; shipping 2h in Shanghai Wednesday 09:00-11:00 CST.</summary>
    [Fact]
    public void Plan_TwoTeamsOnTheirOwnCalendars_HandComputed()
    {
        var schedule = FulfilmentSchedule.Plan(LaptopTasks, Monday0900, TeamCalendars).Value;

        Assert.Equal(Instant.FromUtc(2027, 3, 2, 5, 0), schedule.Tasks.Single(t => t.Task.Id == Order).End);
        Assert.Equal(Instant.FromUtc(2027, 3, 2, 15, 0), schedule.Tasks.Single(t => t.Task.Id == Image).End);
        Assert.Equal(Instant.FromUtc(2027, 3, 3, 3, 0), schedule.Promised);
    }

    [Fact]
    public void Define_ACycleOrAnUnknownPredecessor_IsRefusedWithItsCode()
    {
        FulfilmentTask[] cycle = [Task(Order, Logistics, 1, Ship), Task(Ship, Logistics, 1, Order)];
        FulfilmentTask[] unknown = [Task(Order, Logistics, 1, Image)];
        FulfilmentTask[] twice = [Task(Order, Logistics, 1), Task(Order, Desktop, 2)];

        var cyclic = RequestItem.Define(RequestItemId.From("x"), ConfigurationItemId.From("s"), "x", [], [], cycle, Duration.FromHours(1), CalendarId.From("c"), RequestFixture.CalendarIdsOf(cycle));

        Assert.Equal(FulfilmentSchedule.CycleCode, cyclic.ErrorCode);
        Assert.Contains("order -> ship -> order", cyclic.Message, StringComparison.Ordinal);
        Assert.Equal(FulfilmentSchedule.DependencyCode, RequestItem.Define(RequestItemId.From("x"), ConfigurationItemId.From("s"), "x", [], [], unknown, Duration.FromHours(1), CalendarId.From("c"), RequestFixture.CalendarIdsOf(unknown)).ErrorCode);
        Assert.Equal(FulfilmentSchedule.DuplicateCode, FulfilmentSchedule.Plan(twice, Monday0900, TeamCalendars).ErrorCode);
        Assert.Equal(FulfilmentSchedule.InvalidTaskCode, FulfilmentTask.Create(Order, "x", Desktop, Duration.FromHours(1), [Order]).ErrorCode);
    }

    [Fact]
    public void Plan_AGroupWithoutACalendar_IsRefusedNamingIt()
    {
        var planned = FulfilmentSchedule.Plan([Task(Order, SupportGroupId.From("night-shift"), 1)], Monday0900, TeamCalendars);

        Assert.Equal(FulfilmentSchedule.CalendarCode, planned.ErrorCode);
        Assert.Contains("night-shift", planned.Message, StringComparison.Ordinal);
    }

    /// <summary>The slow, obviously correct promise: the latest end over every path of the graph, adding each task's effort on its group's calendar in turn.</summary>
    private static Instant BruteForcePromise(IReadOnlyList<FulfilmentTask> tasks, Instant start, TaskGraphCase c)
    {
        var followers = tasks.SelectMany(t => t.DependsOn.Select(d => (d, t))).ToLookup(p => p.d, p => p.t);
        Instant Walk(FulfilmentTask task, Instant from)
        {
            var end = c.Calendars[task.Group].Add(from, task.Effort);
            return followers[task.Id].Select(next => Walk(next, end)).Append(end).Max();
        }

        return tasks.Select(t => Walk(t, start)).Append(start).Max();
    }
}
