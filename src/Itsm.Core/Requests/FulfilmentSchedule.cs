using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Requests;

/// <summary>When one fulfilment task starts and ends in a <see cref="FulfilmentSchedule"/>.</summary>
/// <param name="Task">The task.</param>
/// <param name="Start">When it may start: the latest end of its predecessors, or the schedule's start.</param>
/// <param name="End">Its group's calendar's <see cref="BusinessCalendar.Add"/> of its effort to <paramref name="Start"/>.</param>
public sealed record ScheduledTask(FulfilmentTask Task, Instant Start, Instant End);

/// <summary>
/// The schedule of a request's fulfilment tasks and its <see cref="Promised"/> delivery instant: the critical path through
/// the task graph in business time, each task on its group's calendar.
/// </summary>
/// <remarks>
/// <para>
/// <b>Idea.</b> A task starts when all its predecessors end (at the schedule's start when it has none) and ends when its
/// effort has elapsed on its group's calendar (<see cref="BusinessCalendar.Add"/>). The tasks are taken in a topological
/// order (Kahn's algorithm, ties by identifier), so each task's start is known when it is reached; the promise is the
/// latest end. Because <c>Add</c> never moves earlier for a later start, this equals the latest end over every path of
/// the graph, and adding a task never makes the promise earlier. O(V + E) calendar additions and lookups.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class FulfilmentSchedule
{
    /// <summary>Error code of a fulfilment task with a blank name, an unassigned part or an effort out of range.</summary>
    public const string InvalidTaskCode = "request.task.invalid";

    /// <summary>Error code of two fulfilment tasks with the same identifier.</summary>
    public const string DuplicateCode = "request.task.duplicate";

    /// <summary>Error code of a fulfilment task that depends on a task the item does not have.</summary>
    public const string DependencyCode = "request.task.dependency";

    /// <summary>Error code of fulfilment tasks that wait for each other in a cycle.</summary>
    public const string CycleCode = "request.task.cycle";

    /// <summary>Error code of a fulfilment task whose group has no business calendar given.</summary>
    public const string CalendarCode = "request.task.calendar";

    /// <summary>Error code of a schedule that starts or ends outside the instants business calendars support.</summary>
    public const string HorizonCode = "request.task.horizon";

    private FulfilmentSchedule(Instant start, ImmutableArray<ScheduledTask> tasks)
    {
        Start = start;
        Tasks = tasks;
        Promised = tasks.IsEmpty ? start : tasks.Max(t => t.End);
    }

    /// <summary>When fulfilment starts.</summary>
    public Instant Start { get; }

    /// <summary>Every task with its start and end, in the topological order they were scheduled in.</summary>
    public ImmutableArray<ScheduledTask> Tasks { get; }

    /// <summary>The promised delivery instant: the latest end of a task (<see cref="Start"/> when there are none).</summary>
    public Instant Promised { get; }

    /// <summary>
    /// Schedules <paramref name="tasks"/> from <paramref name="start"/>, each on the calendar of its group in
    /// <paramref name="calendars"/>. Invalid with <c>request.task.duplicate</c>, <c>.dependency</c>, <c>.cycle</c> (naming the
    /// tasks on a cycle), <c>.calendar</c> (naming the groups without one) or <c>.horizon</c>.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="start">When fulfilment starts.</param>
    /// <param name="calendars">The business calendar of each group.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tasks"/>, one of them, or <paramref name="calendars"/> is null.</exception>
    public static Result<FulfilmentSchedule> Plan(IReadOnlyList<FulfilmentTask> tasks, Instant start, IReadOnlyDictionary<SupportGroupId, BusinessCalendar> calendars)
    {
        Preconditions.CheckNotNull(tasks);
        Preconditions.CheckNotNull(calendars);
        foreach (var task in tasks)
        {
            Preconditions.CheckNotNull(task, nameof(tasks));
        }

        if (CheckGraph(tasks) is { } graph)
        {
            return Result<FulfilmentSchedule>.Invalid(graph);
        }

        var missing = tasks.Select(t => t.Group).Distinct().Where(g => !calendars.ContainsKey(g)).Order().ToList();
        if (missing.Count > 0)
        {
            return Result<FulfilmentSchedule>.Invalid(Failure.Field("Calendars", $"No business calendar is given for the group(s) {string.Join(", ", missing)}; say which calendar each group works on.", CalendarCode));
        }

        if (start < BusinessCalendar.MinSupportedInstant || start >= BusinessCalendar.MaxSupportedInstant)
        {
            return Result<FulfilmentSchedule>.Invalid(Failure.Field("Start", $"Fulfilment cannot start at {start}: calendars answer from {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant}.", HorizonCode));
        }

        var ends = new Dictionary<FulfilmentTaskId, Instant>();
        var scheduled = ImmutableArray.CreateBuilder<ScheduledTask>(tasks.Count);
        foreach (var task in TopologicalOrder(tasks)!)
        {
            var from = start;
            foreach (var before in task.DependsOn)
            {
                from = Instant.Max(from, ends[before]);
            }

            if (!calendars[task.Group].TryAdd(from, task.Effort, out var end))
            {
                return Result<FulfilmentSchedule>.Invalid(Failure.Field("Tasks", $"Fulfilment task {task.Id} would end beyond {BusinessCalendar.MaxSupportedInstant} on the calendar of {task.Group}.", HorizonCode));
            }

            ends[task.Id] = end;
            scheduled.Add(new ScheduledTask(task, from, end));
        }

        return new FulfilmentSchedule(start, scheduled.MoveToImmutable());
    }

    /// <summary>What is wrong with the shape of the task graph (duplicates, unknown predecessors, a cycle), or null.</summary>
    internal static ValidationError? CheckGraph(IReadOnlyList<FulfilmentTask> tasks)
    {
        var ids = new HashSet<FulfilmentTaskId>();
        var duplicates = tasks.Where(t => !ids.Add(t.Id)).Select(t => t.Id).Distinct().Order().ToList();
        if (duplicates.Count > 0)
        {
            return Failure.Field("Tasks", $"Fulfilment task(s) {string.Join(", ", duplicates)} are listed more than once.", DuplicateCode);
        }

        var unknown = tasks.SelectMany(t => t.DependsOn.Where(d => !ids.Contains(d)).Select(d => $"{t.Id} -> {d}")).ToList();
        if (unknown.Count > 0)
        {
            return Failure.Field("Tasks", $"Fulfilment tasks depend on tasks the item does not have: {string.Join(", ", unknown)}.", DependencyCode);
        }

        if (TopologicalOrder(tasks) is null)
        {
            return Failure.Field("Tasks", $"Fulfilment tasks wait for each other in a cycle: {string.Join(" -> ", FindCycle(tasks))}; remove a dependency on it.", CycleCode);
        }

        return null;
    }

    /// <summary>The tasks in an order where each comes after its predecessors (ties by identifier), or null when they form a cycle.</summary>
    private static List<FulfilmentTask>? TopologicalOrder(IReadOnlyList<FulfilmentTask> tasks)
    {
        var waiting = tasks.ToDictionary(t => t.Id, t => t.DependsOn.Length);
        var followers = tasks.SelectMany(t => t.DependsOn.Select(d => (Before: d, After: t))).ToLookup(p => p.Before, p => p.After);
        var ready = new SortedSet<FulfilmentTaskId>(tasks.Where(t => t.DependsOn.IsEmpty).Select(t => t.Id));
        var byId = tasks.ToDictionary(t => t.Id);
        var order = new List<FulfilmentTask>(tasks.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(byId[next]);
            foreach (var after in followers[next])
            {
                if (--waiting[after.Id] == 0)
                {
                    ready.Add(after.Id);
                }
            }
        }

        return order.Count == tasks.Count ? order : null;
    }

    /// <summary>One cycle of a graph that has one, as the tasks on it with the first repeated at the end.</summary>
    private static List<FulfilmentTaskId> FindCycle(IReadOnlyList<FulfilmentTask> tasks)
    {
        var byId = tasks.ToDictionary(t => t.Id);
        var state = new Dictionary<FulfilmentTaskId, int>();
        var path = new List<FulfilmentTaskId>();
        List<FulfilmentTaskId>? Visit(FulfilmentTaskId id)
        {
            state[id] = 1;
            path.Add(id);
            foreach (var before in byId[id].DependsOn)
            {
                if (state.GetValueOrDefault(before) == 1)
                {
                    return [.. path.Skip(path.IndexOf(before)), before];
                }

                if (state.GetValueOrDefault(before) == 0 && Visit(before) is { } found)
                {
                    return found;
                }
            }

            state[id] = 2;
            path.RemoveAt(path.Count - 1);
            return null;
        }

        foreach (var task in tasks.OrderBy(t => t.Id))
        {
            if (state.GetValueOrDefault(task.Id) == 0 && Visit(task.Id) is { } cycle)
            {
                return cycle;
            }
        }

        return [];
    }
}
