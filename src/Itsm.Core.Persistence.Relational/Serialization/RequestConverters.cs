using System.Collections.Immutable;
using System.Text.Json;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Requests;
using NodaTime;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>A <see cref="RequestField"/> as <c>{"name","isRequired"}</c>, restored by <see cref="RequestField.Create"/>.</summary>
internal sealed class RequestFieldConverter : DataConverter<RequestField, RequestFieldConverter.Data>
{
    protected override RequestField FromData(Data data)
    {
        var field = Valid(RequestField.Create(data.Name, data.IsRequired));
        return field.Name == data.Name ? field : throw new JsonException($"The stored request field name '{data.Name}' has surrounding white space.");
    }

    protected override Data ToData(RequestField value) => new(value.Name, value.IsRequired);

    internal sealed record Data(string Name, bool IsRequired);
}

/// <summary>An <see cref="ApprovalStage"/> as <c>{"name","mode","approvers","quorum"}</c>, restored by its factory.</summary>
internal sealed class ApprovalStageConverter : DataConverter<ApprovalStage, ApprovalStageConverter.Data>
{
    protected override ApprovalStage FromData(Data data)
    {
        var stage = Valid(data.Mode == ApprovalMode.Parallel ? ApprovalStage.Parallel(data.Name, data.Approvers, data.Quorum) : ApprovalStage.Sequential(data.Name, data.Approvers));
        return stage.Name == data.Name && stage.Quorum == data.Quorum && stage.Mode == data.Mode
            ? stage
            : throw new JsonException($"The stored approval stage '{data.Name}' does not read back as it was defined (a sequential stage's quorum is all its approvers).");
    }

    protected override Data ToData(ApprovalStage value) => new(value.Name, value.Mode, value.Approvers, value.Quorum);

    internal sealed record Data(string Name, ApprovalMode Mode, ImmutableArray<UserId> Approvers, int Quorum);
}

/// <summary>A <see cref="FulfilmentTask"/> as <c>{"id","name","group","effort","dependsOn"}</c>, restored by <see cref="FulfilmentTask.Create"/>.</summary>
internal sealed class FulfilmentTaskConverter : DataConverter<FulfilmentTask, FulfilmentTaskConverter.Data>
{
    protected override FulfilmentTask FromData(Data data)
    {
        var task = Valid(FulfilmentTask.Create(data.Id, data.Name, data.Group, data.Effort, data.DependsOn));
        return task.Name == data.Name && task.DependsOn.SequenceEqual(data.DependsOn)
            ? task
            : throw new JsonException($"The stored fulfilment task {data.Id} lists a predecessor twice or out of order, or its name has surrounding white space.");
    }

    protected override Data ToData(FulfilmentTask value) => new(value.Id, value.Name, value.Group, value.Effort, value.DependsOn);

    internal sealed record Data(FulfilmentTaskId Id, string Name, SupportGroupId Group, Duration Effort, ImmutableArray<FulfilmentTaskId> DependsOn);
}

/// <summary>A <see cref="RequestItem"/> as its parts, restored by <see cref="RequestItem.Define"/>, which checks the task graph, the calendars and the priority again.</summary>
internal sealed class RequestItemConverter : DataConverter<RequestItem, RequestItemConverter.Data>
{
    protected override RequestItem FromData(Data data)
    {
        var item = Valid(RequestItem.Define(data.Id, data.Service, data.Name, data.Fields, data.Stages, data.Tasks, data.FulfilmentTarget, data.ServiceCalendar, data.GroupCalendars, data.WarningThresholds, data.Priority));
        return item.Name == data.Name && item.WarningThresholds.SequenceEqual(data.WarningThresholds)
            ? item
            : throw new JsonException($"The stored request item {data.Id} lists a warning threshold twice or out of order, or its name has surrounding white space.");
    }

    protected override Data ToData(RequestItem value) => new(
        value.Id,
        value.Service,
        value.Name,
        value.Fields,
        value.Stages,
        value.Tasks,
        value.FulfilmentTarget,
        value.ServiceCalendar,
        new SortedDictionary<SupportGroupId, CalendarId>(value.GroupCalendars),
        value.WarningThresholds,
        value.Priority);

    internal sealed record Data(
        RequestItemId Id,
        ConfigurationItemId Service,
        string Name,
        ImmutableArray<RequestField> Fields,
        ImmutableArray<ApprovalStage> Stages,
        ImmutableArray<FulfilmentTask> Tasks,
        Duration FulfilmentTarget,
        CalendarId ServiceCalendar,
        SortedDictionary<SupportGroupId, CalendarId> GroupCalendars,
        ImmutableArray<int> WarningThresholds,
        Priority Priority);
}
