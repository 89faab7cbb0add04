using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Incidents;
using Itsm.Core.Requests;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Requests;

/// <summary>A laptop request approved by a line manager, then two of three budget holders in parallel, fulfilled by two teams on their own calendars.</summary>
internal static class RequestFixture
{
    public static readonly UserId Requester = UserId.From("alice");
    public static readonly UserId Manager = UserId.From("line-manager");
    public static readonly UserId[] Budget = [UserId.From("budget-1"), UserId.From("budget-2"), UserId.From("budget-3")];
    public static readonly SupportGroupId Desktop = SupportGroupId.From("desktop-support");
    public static readonly SupportGroupId Logistics = SupportGroupId.From("logistics");
    public static readonly FulfilmentTaskId Order = FulfilmentTaskId.From("order");
    public static readonly FulfilmentTaskId Image = FulfilmentTaskId.From("image");
    public static readonly FulfilmentTaskId Ship = FulfilmentTaskId.From("ship");

    /// <summary>Monday 2027-03-01 09:00 in London.</summary>
    public static readonly Instant Monday0900 = Instant.FromUtc(2027, 3, 1, 9, 0);

    /// <summary>London 09:00-17:00 Monday to Friday.</summary>
    public static readonly BusinessCalendar LondonOffice = Office("Europe/London");

    /// <summary>Shanghai 09:00-17:00 Monday to Friday.</summary>
    public static readonly BusinessCalendar ShanghaiOffice = Office("Asia/Shanghai");

    public static readonly IReadOnlyDictionary<SupportGroupId, BusinessCalendar> TeamCalendars = new Dictionary<SupportGroupId, BusinessCalendar>
    {
        [Desktop] = LondonOffice,
        [Logistics] = ShanghaiOffice,
    };

    public static BusinessCalendar Office(string zone)
    {
        IReadOnlyList<WorkingRange> day = [WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))];
        var week = Enumerable.Range(1, 5).ToDictionary(d => (IsoDayOfWeek)d, _ => day);
        return BusinessCalendar.Create("office " + zone, zone, week).Value;
    }

    public static FulfilmentTask Task(FulfilmentTaskId id, SupportGroupId group, double hours, params FulfilmentTaskId[] after) =>
        FulfilmentTask.Create(id, "do " + id, group, Duration.FromMinutes((long)(hours * 60)), after).Value;

    /// <summary>Order (logistics, 4h), image (desktop, 6h) after order, ship (logistics, 2h) after image.</summary>
    public static ImmutableArray<FulfilmentTask> LaptopTasks { get; } = [Task(Order, Logistics, 4), Task(Image, Desktop, 6, Order), Task(Ship, Logistics, 2, Image)];

    public static RequestItem Laptop(bool preApproved = false) =>
        RequestItem.Define(
            RequestItemId.From("laptop"),
            ConfigurationItemId.From("workplace"),
            "Standard laptop",
            [RequestField.Create("cost-centre", true).Value, RequestField.Create("notes", false).Value],
            preApproved ? [] : [ApprovalStage.Sequential("line manager", [Manager]).Value, ApprovalStage.Parallel("budget", Budget, 2).Value],
            LaptopTasks,
            Duration.FromHours(40),
            ServiceHours,
            TeamCalendarIds,
            [75]).Value;

    /// <summary>The calendar the workplace service's fulfilment target is measured on.</summary>
    public static readonly CalendarId ServiceHours = CalendarId.From("london-office");

    /// <summary>Which calendar each team works on: desktop support in London, logistics in Shanghai.</summary>
    public static readonly IReadOnlyDictionary<SupportGroupId, CalendarId> TeamCalendarIds = new Dictionary<SupportGroupId, CalendarId>
    {
        [Desktop] = CalendarId.From("london-office"),
        [Logistics] = CalendarId.From("shanghai-office"),
    };

    /// <summary>The calendar ids of every group of <paramref name="tasks"/>, each named after its group.</summary>
    public static IReadOnlyDictionary<SupportGroupId, CalendarId> CalendarIdsOf(IEnumerable<FulfilmentTask> tasks) =>
        tasks.Select(t => t.Group).Distinct().ToDictionary(g => g, g => CalendarId.From(g.Value));

    public static ServiceRequest Submit(RequestItem? item = null, Instant? at = null, Priority? priority = null)
    {
        item ??= Laptop();
        var values = item.Fields.Any(f => f.Name == "cost-centre") ? new Dictionary<string, string?> { ["cost-centre"] = "CC-42" } : null;
        var submitted = ServiceRequest.Submit(ServiceRequestId.New(), item, values, priority, TeamCalendars, Requester, at ?? Monday0900);
        Assert.True(submitted.IsSuccess, submitted.Message);
        return submitted.Value;
    }
}
