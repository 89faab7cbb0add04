using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Requests;

/// <summary>A field a request for a catalogue item asks for, such as <c>cost-centre</c>.</summary>
/// <remarks>Immutable and thread-safe; create it with <see cref="Create"/>. There is no <c>default</c>: it is a class.</remarks>
public sealed class RequestField
{
    private RequestField(string name, bool isRequired)
    {
        Name = name;
        IsRequired = isRequired;
    }

    /// <summary>The field's name, trimmed, compared ordinally.</summary>
    public string Name { get; }

    /// <summary>True when a request must give a non-blank value for it.</summary>
    public bool IsRequired { get; }

    /// <summary>A field named <paramref name="name"/>; Invalid <c>request.item.field</c> when the name is blank.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="isRequired">True when every request must fill it in.</param>
    public static Result<RequestField> Create(string? name, bool isRequired) =>
        string.IsNullOrWhiteSpace(name)
            ? Result<RequestField>.Invalid(Failure.Field("Fields", "A request field needs a name.", RequestItem.FieldCode))
            : new RequestField(name.Trim(), isRequired);

    /// <summary>Returns the name, with <c>*</c> when required.</summary>
    public override string ToString() => IsRequired ? Name + "*" : Name;
}

/// <summary>How the approvers of one <see cref="ApprovalStage"/> decide.</summary>
/// <remarks><c>default</c> is <see cref="Sequential"/>.</remarks>
public enum ApprovalMode
{
    /// <summary>Every approver approves, one after the other, in the order listed.</summary>
    Sequential = 0,

    /// <summary>The approvers vote in any order; the stage is approved once a quorum of them approved.</summary>
    Parallel = 1,
}

/// <summary>One stage of the approval a catalogue item takes: its approvers and how they decide.</summary>
/// <remarks>
/// Stages are passed in order; a stage opens when the one before it is approved. A sequential stage needs every approver's
/// approval in the order listed; a parallel stage needs <see cref="Quorum"/> approvals in any order. In every stage any
/// rejection rejects the request. Immutable and thread-safe; there is no <c>default</c>.
/// </remarks>
public sealed class ApprovalStage
{
    private ApprovalStage(string name, ApprovalMode mode, ImmutableArray<UserId> approvers, int quorum)
    {
        Name = name;
        Mode = mode;
        Approvers = approvers;
        Quorum = quorum;
    }

    /// <summary>The stage's name, such as <c>line manager</c>.</summary>
    public string Name { get; }

    /// <summary>How the approvers decide.</summary>
    public ApprovalMode Mode { get; }

    /// <summary>The approvers, distinct, in the order given (the order of a sequential stage).</summary>
    public ImmutableArray<UserId> Approvers { get; }

    /// <summary>How many approvals approve the stage: all approvers for a sequential stage, 1 to all for a parallel one.</summary>
    public int Quorum { get; }

    /// <summary>A sequential stage: each of <paramref name="approvers"/> approves in turn.</summary>
    /// <param name="name">The stage's name.</param>
    /// <param name="approvers">The approvers, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="approvers"/> is null.</exception>
    public static Result<ApprovalStage> Sequential(string? name, IEnumerable<UserId> approvers) => Create(name, ApprovalMode.Sequential, approvers, null);

    /// <summary>A parallel stage: <paramref name="quorum"/> of <paramref name="approvers"/> approve, in any order.</summary>
    /// <param name="name">The stage's name.</param>
    /// <param name="approvers">The approvers.</param>
    /// <param name="quorum">How many approvals approve the stage (1 to the number of approvers).</param>
    /// <exception cref="ArgumentNullException"><paramref name="approvers"/> is null.</exception>
    public static Result<ApprovalStage> Parallel(string? name, IEnumerable<UserId> approvers, int quorum) => Create(name, ApprovalMode.Parallel, approvers, quorum);

    /// <summary>Returns <c>name (mode, quorum/approvers)</c>.</summary>
    public override string ToString() => $"{Name} ({Mode}, {Quorum}/{Approvers.Length})";

    private static Result<ApprovalStage> Create(string? name, ApprovalMode mode, IEnumerable<UserId> approvers, int? quorum)
    {
        Preconditions.CheckNotNull(approvers);
        var list = approvers.ToImmutableArray();
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Failure.Field("Stages", "An approval stage needs a name.", RequestItem.StageCode));
        }

        if (list.IsEmpty || list.Any(a => a.Value is null) || list.Distinct().Count() != list.Length)
        {
            errors.Add(Failure.Field("Stages", $"Approval stage '{name}' needs at least one approver, each assigned and listed once.", RequestItem.StageCode));
        }
        else if (quorum is { } q && (q < 1 || q > list.Length))
        {
            errors.Add(Failure.Field("Stages", $"The quorum of approval stage '{name}' must be between 1 and its {list.Length} approvers, but was {q}.", RequestItem.StageCode));
        }

        return errors.Count > 0 ? Result<ApprovalStage>.Invalid(errors) : new ApprovalStage(name!.Trim(), mode, list, quorum ?? list.Length);
    }
}

/// <summary>One task of fulfilling a catalogue item: the group that does it, the business time it takes and the tasks it waits for.</summary>
/// <remarks>Immutable and thread-safe; create it with <see cref="Create"/>. There is no <c>default</c>.</remarks>
public sealed class FulfilmentTask
{
    /// <summary>The longest effort one task may take: a year of business time.</summary>
    public static readonly Duration MaxEffort = Duration.FromDays(366);

    private FulfilmentTask(FulfilmentTaskId id, string name, SupportGroupId group, Duration effort, ImmutableArray<FulfilmentTaskId> dependsOn)
    {
        Id = id;
        Name = name;
        Group = group;
        Effort = effort;
        DependsOn = dependsOn;
    }

    /// <summary>The task's identifier within its item.</summary>
    public FulfilmentTaskId Id { get; }

    /// <summary>What is done.</summary>
    public string Name { get; }

    /// <summary>The group that does it, on its own business calendar.</summary>
    public SupportGroupId Group { get; }

    /// <summary>The business time it takes on its group's calendar.</summary>
    public Duration Effort { get; }

    /// <summary>The tasks that must end before it starts, distinct and ordered.</summary>
    public ImmutableArray<FulfilmentTaskId> DependsOn { get; }

    /// <summary>A task; Invalid <c>request.task.invalid</c> for a blank name, an unassigned identifier or group, an effort outside zero to <see cref="MaxEffort"/>, or a task that depends on itself.</summary>
    /// <param name="id">The task's identifier within its item.</param>
    /// <param name="name">What is done.</param>
    /// <param name="group">The group that does it.</param>
    /// <param name="effort">The business time it takes (zero for a check that takes no time).</param>
    /// <param name="dependsOn">The tasks that must end before it starts, or null for none.</param>
    public static Result<FulfilmentTask> Create(FulfilmentTaskId id, string? name, SupportGroupId group, Duration effort, IEnumerable<FulfilmentTaskId>? dependsOn = null)
    {
        var deps = (dependsOn ?? []).Distinct().Order().ToImmutableArray();
        var errors = new List<ValidationError>();
        if (id.Value is null || group.Value is null || deps.Any(d => d.Value is null))
        {
            errors.Add(Failure.Field("Tasks", "A fulfilment task needs an assigned identifier, group and predecessors.", FulfilmentSchedule.InvalidTaskCode));
        }
        else if (deps.Contains(id))
        {
            errors.Add(Failure.Field("Tasks", $"Fulfilment task {id} cannot depend on itself.", FulfilmentSchedule.InvalidTaskCode));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Failure.Field("Tasks", $"Fulfilment task {id} needs a name that says what is done.", FulfilmentSchedule.InvalidTaskCode));
        }

        if (effort < Duration.Zero || effort > MaxEffort)
        {
            errors.Add(Failure.Field("Tasks", $"The effort of fulfilment task {id} must be between zero and {MaxEffort.TotalDays} days of business time, but was {effort}.", FulfilmentSchedule.InvalidTaskCode));
        }

        return errors.Count > 0 ? Result<FulfilmentTask>.Invalid(errors) : new FulfilmentTask(id, name!.Trim(), group, effort, deps);
    }

    /// <summary>Returns <c>id (group, effort)</c>.</summary>
    public override string ToString() => $"{Id} ({Group}, {Effort})";
}

/// <summary>
/// A request catalogue item: something users can ask for from a service, the fields a request gives, the approval it
/// takes (in stages), the fulfilment tasks and the fulfilment target.
/// </summary>
/// <remarks>
/// Reference data, per tenant. A defined item is immutable: a request copies the item it was submitted for, so a later
/// change of the catalogue never changes a request on its way. Thread-safe. There is no <c>default</c>.
/// </remarks>
public sealed class RequestItem
{
    /// <summary>Error code of an item with an unassigned identifier, service or blank name.</summary>
    public const string InvalidCode = "request.item.invalid";

    /// <summary>Error code of a request field without a name, or named twice.</summary>
    public const string FieldCode = "request.item.field";

    /// <summary>Error code of an approval stage without a name, approvers or a quorum it can reach.</summary>
    public const string StageCode = "request.item.stage";

    /// <summary>Error code of a fulfilment target that is not positive, or warning thresholds that are not percentages from 1 to 100.</summary>
    public const string TargetCode = "request.item.target";

    /// <summary>Error code of an unassigned service calendar, a task group without a calendar or a calendar for a group that does no task.</summary>
    public const string CalendarCode = "request.item.calendar";

    /// <summary>Error code of an unassigned priority (<c>default</c>, rank 0) for the item's requests.</summary>
    public const string PriorityCode = "request.item.priority";

    private RequestItem(RequestItemId id, ConfigurationItemId service, string name, ImmutableArray<RequestField> fields, ImmutableArray<ApprovalStage> stages, ImmutableArray<FulfilmentTask> tasks, Duration target, RequestItemCalendars calendars, Priority priority)
    {
        Id = id;
        Priority = priority;
        Service = service;
        Name = name;
        Fields = fields;
        Stages = stages;
        Tasks = tasks;
        FulfilmentTarget = target;
        ServiceCalendar = calendars.Service;
        GroupCalendars = calendars.Groups;
        WarningThresholds = calendars.Thresholds;
    }

    /// <summary>The item's identifier.</summary>
    public RequestItemId Id { get; }

    /// <summary>The business service it belongs to.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>What can be asked for.</summary>
    public string Name { get; }

    /// <summary>The fields a request gives, in the order defined.</summary>
    public ImmutableArray<RequestField> Fields { get; }

    /// <summary>The approval stages, in order; empty for a pre-approved (standard) request.</summary>
    public ImmutableArray<ApprovalStage> Stages { get; }

    /// <summary>The fulfilment tasks, an acyclic graph by <see cref="FulfilmentTask.DependsOn"/>, in the order defined.</summary>
    public ImmutableArray<FulfilmentTask> Tasks { get; }

    /// <summary>The business time within which fulfilment is agreed to be delivered, from approval.</summary>
    public Duration FulfilmentTarget { get; }

    /// <summary>The service calendar the fulfilment clock (<see cref="ServiceRequest.FulfilmentClock"/>) measures <see cref="FulfilmentTarget"/> on.</summary>
    public CalendarId ServiceCalendar { get; }

    /// <summary>The business calendar each group that does a task works on: exactly the groups of <see cref="Tasks"/>, ordered by group.</summary>
    public ImmutableSortedDictionary<SupportGroupId, CalendarId> GroupCalendars { get; }

    /// <summary>Percentages of <see cref="FulfilmentTarget"/> (1 to 100, ascending) past which a running fulfilment clock is at risk; may be empty.</summary>
    public ImmutableArray<int> WarningThresholds { get; }

    /// <summary>
    /// The priority requests for the item are worked at unless the submission gives another (<see cref="ServiceRequest.Priority"/>);
    /// <see cref="StandardPriority"/> unless defined otherwise. It orders and reports requests; the fulfilment target is the
    /// item's whatever the priority.
    /// </summary>
    public Priority Priority { get; }

    /// <summary>The priority of an item defined without one: P4, the rank standard service requests are usually worked at.</summary>
    public static Priority StandardPriority { get; } = Priority.FromRank(4);

    /// <summary>True when requests for the item need no approval.</summary>
    public bool IsPreApproved => Stages.IsEmpty;

    /// <summary>
    /// Defines an item. Invalid when a part is wrong: each error names it (<c>request.item.*</c>; an unassigned
    /// <paramref name="priority"/> is <c>request.item.priority</c>), and fulfilment tasks
    /// must be distinct (<c>request.task.duplicate</c>), depend only on tasks of the item (<c>request.task.dependency</c>)
    /// and form no cycle (<c>request.task.cycle</c>, naming the tasks on it); the service calendar must be assigned and
    /// <paramref name="groupCalendars"/> must give a calendar for exactly the groups that do a task (<c>request.item.calendar</c>).
    /// </summary>
    /// <param name="id">The item's identifier.</param>
    /// <param name="service">The business service it belongs to.</param>
    /// <param name="name">What can be asked for.</param>
    /// <param name="fields">The fields a request gives.</param>
    /// <param name="stages">The approval stages, in order (none for a pre-approved item).</param>
    /// <param name="tasks">The fulfilment tasks (at least one).</param>
    /// <param name="fulfilmentTarget">The agreed business time from approval to delivery.</param>
    /// <param name="serviceCalendar">The service calendar the fulfilment target is measured on.</param>
    /// <param name="groupCalendars">The calendar each group that does a task works on.</param>
    /// <param name="warningThresholds">Percentages of the target past which a running request is at risk; none when null.</param>
    /// <param name="priority">The priority requests for the item are worked at unless their submission gives another; <see cref="StandardPriority"/> when null.</param>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    public static Result<RequestItem> Define(
        RequestItemId id,
        ConfigurationItemId service,
        string? name,
        IEnumerable<RequestField> fields,
        IEnumerable<ApprovalStage> stages,
        IEnumerable<FulfilmentTask> tasks,
        Duration fulfilmentTarget,
        CalendarId serviceCalendar,
        IReadOnlyDictionary<SupportGroupId, CalendarId> groupCalendars,
        IEnumerable<int>? warningThresholds = null,
        Priority? priority = null)
    {
        Preconditions.CheckNotNull(fields);
        Preconditions.CheckNotNull(stages);
        Preconditions.CheckNotNull(tasks);
        Preconditions.CheckNotNull(groupCalendars);
        var fieldList = fields.ToImmutableArray();
        var stageList = stages.ToImmutableArray();
        var taskList = tasks.ToImmutableArray();
        var errors = new List<ValidationError>();
        if (id.Value is null || service.Value is null || string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Failure.Field(string.Empty, "A request item needs an assigned identifier, its service and a name.", InvalidCode));
        }

        if (fieldList.Any(f => f is null) || fieldList.Select(f => f?.Name).Distinct(StringComparer.Ordinal).Count() != fieldList.Length)
        {
            errors.Add(Failure.Field("Fields", "Each request field is named once.", FieldCode));
        }

        if (stageList.Any(s => s is null))
        {
            errors.Add(Failure.Field("Stages", "An approval stage is missing.", StageCode));
        }

        if (fulfilmentTarget <= Duration.Zero)
        {
            errors.Add(Failure.Field("FulfilmentTarget", $"The fulfilment target must be a positive business duration, but was {fulfilmentTarget}.", TargetCode));
        }

        if (taskList.IsEmpty || taskList.Any(t => t is null))
        {
            errors.Add(Failure.Field("Tasks", "A request item needs at least one fulfilment task.", FulfilmentSchedule.InvalidTaskCode));
        }
        else if (FulfilmentSchedule.CheckGraph(taskList) is { } graph)
        {
            errors.Add(graph);
        }

        var thresholds = ServiceLevels.SlaClock.NormaliseThresholds(warningThresholds ?? [], out var thresholdError);
        if (thresholdError is not null)
        {
            errors.Add(Failure.Field("WarningThresholds", "Warning thresholds are percentages of the fulfilment target from 1 to 100.", TargetCode));
        }

        if (priority is { Rank: < 1 })
        {
            errors.Add(Failure.Field("Priority", "The priority of the item's requests must be assigned (P1 or a lower priority such as P4).", PriorityCode));
        }

        var calendars = groupCalendars.ToImmutableSortedDictionary();
        errors.AddRange(CheckCalendars(serviceCalendar, calendars, taskList));
        return errors.Count > 0
            ? Result<RequestItem>.Invalid(errors)
            : new RequestItem(id, service, name!.Trim(), fieldList, stageList, taskList, fulfilmentTarget, new RequestItemCalendars(serviceCalendar, calendars, thresholds), priority ?? StandardPriority);
    }

    /// <summary>
    /// The business calendars of <see cref="GroupCalendars"/>, looked up by <paramref name="lookup"/> (the calendar repository,
    /// in the application), as <see cref="FulfilmentSchedule.Plan"/> takes them.
    /// </summary>
    /// <param name="lookup">The compiled calendar of an identifier.</param>
    /// <exception cref="ArgumentNullException"><paramref name="lookup"/> is null.</exception>
    public IReadOnlyDictionary<SupportGroupId, BusinessCalendar> CalendarsOfGroups(Func<CalendarId, BusinessCalendar> lookup)
    {
        Preconditions.CheckNotNull(lookup);
        return GroupCalendars.ToDictionary(p => p.Key, p => lookup(p.Value));
    }

    private static IEnumerable<ValidationError> CheckCalendars(CalendarId serviceCalendar, ImmutableSortedDictionary<SupportGroupId, CalendarId> calendars, ImmutableArray<FulfilmentTask> tasks)
    {
        if (serviceCalendar.Value is null || calendars.Any(p => p.Key.Value is null || p.Value.Value is null))
        {
            yield return Failure.Field("Calendars", "A request item needs an assigned service calendar, and each group calendar an assigned group and calendar.", CalendarCode);
            yield break;
        }

        var groups = tasks.Where(t => t is not null).Select(t => t.Group).ToHashSet();
        var missing = groups.Where(g => !calendars.ContainsKey(g)).Order().ToList();
        if (missing.Count > 0)
        {
            yield return Failure.Field("GroupCalendars", $"Say which business calendar the group(s) {string.Join(", ", missing)} work on: each group that does a fulfilment task needs one.", CalendarCode);
        }

        var idle = calendars.Keys.Where(g => !groups.Contains(g)).ToList();
        if (idle.Count > 0)
        {
            yield return Failure.Field("GroupCalendars", $"The group(s) {string.Join(", ", idle)} do no fulfilment task of the item; give calendars only for the groups that do one.", CalendarCode);
        }
    }

    /// <summary>Returns <c>id: name</c>.</summary>
    public override string ToString() => $"{Id}: {Name}";
}

/// <summary>The calendar part of a request item, passed to its constructor as one value.</summary>
internal sealed record RequestItemCalendars(CalendarId Service, ImmutableSortedDictionary<SupportGroupId, CalendarId> Groups, ImmutableArray<int> Thresholds);
