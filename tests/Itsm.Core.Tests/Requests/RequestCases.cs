using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Calendars;
using Itsm.Core.Requests;
using Itsm.Core.Tests.Calendars;
using NodaTime;

namespace Itsm.Core.Tests.Requests;

/// <summary>A generated task graph over generated calendars, with one extra task to add to it.</summary>
public sealed class TaskGraphCase
{
    private TaskGraphCase(IReadOnlyList<CalendarSpec> specs, ImmutableArray<FulfilmentTask> tasks, Instant start, FulfilmentTask extra)
    {
        Specs = specs;
        Tasks = tasks;
        Start = start;
        Extra = extra;
        Calendars = specs.Select((s, i) => (Group(i), s.Compile())).ToDictionary(p => p.Item1, p => p.Item2);
    }

    public IReadOnlyList<CalendarSpec> Specs { get; }

    /// <summary>The tasks, an acyclic graph (each depends only on tasks generated before it), listed shuffled.</summary>
    public ImmutableArray<FulfilmentTask> Tasks { get; }

    public Instant Start { get; }

    /// <summary>A task that depends on some of <see cref="Tasks"/> and that none of them depends on.</summary>
    public FulfilmentTask Extra { get; }

    public IReadOnlyDictionary<SupportGroupId, BusinessCalendar> Calendars { get; }

    public static SupportGroupId Group(int i) => SupportGroupId.From("group-" + i.ToString(CultureInfo.InvariantCulture));

    public static FulfilmentTaskId Id(int i) => FulfilmentTaskId.From("t" + i.ToString("D2", CultureInfo.InvariantCulture));

    public static TaskGraphCase Build(CalendarSpec[] specs, int count, double density, int[] edges, int[] efforts, int[] owners, int[] order, int offset, int[] extra, int extraEffort, int extraOwner)
    {
        var tasks = new FulfilmentTask[count];
        for (var i = 0; i < count; i++)
        {
            var deps = Enumerable.Range(0, i).Where(j => edges[(i * count) + j] < density * 100).Select(Id);
            tasks[i] = FulfilmentTask.Create(Id(i), "task", Group(owners[i]), Duration.FromMinutes(efforts[i]), deps).Value;
        }

        var added = FulfilmentTask.Create(FulfilmentTaskId.From("extra"), "extra", Group(extraOwner), Duration.FromMinutes(extraEffort), Enumerable.Range(0, count).Where(j => extra[j] < 30).Select(Id)).Value;
        return new TaskGraphCase(specs, [.. order.Select(i => tasks[i])], specs[0].Anchor + Duration.FromMinutes(offset), added);
    }

    public override string ToString() =>
        $"start {Start}; tasks {string.Join("; ", Tasks.Select(t => $"{t.Id} on {t.Group} {t.Effort.TotalMinutes}m after [{string.Join(",", t.DependsOn)}]"))}; extra after [{string.Join(",", Extra.DependsOn)}]; calendars {string.Join(" | ", Specs)}";
}

/// <summary>What one approver does in a generated approval.</summary>
public enum Decision
{
    None,
    Approve,
    Reject,
}

/// <summary>One generated stage: its mode, quorum, each approver's decision and two orders of the votes.</summary>
public sealed record StageCase(bool Parallel, int Quorum, Decision[] Decisions, int[] FirstOrder, int[] SecondOrder);

/// <summary>Generated approval stages.</summary>
public sealed record ApprovalCase(StageCase[] Stages)
{
    public static UserId Approver(int stage, int i) => UserId.From($"approver-{stage}-{i}");

    public override string ToString() =>
        string.Join(" | ", Stages.Select(s => $"{(s.Parallel ? $"parallel q{s.Quorum}" : "sequential")} [{string.Join(",", s.Decisions)}] orders [{string.Join(",", s.FirstOrder)}] [{string.Join(",", s.SecondOrder)}]"));
}
