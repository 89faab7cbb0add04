using System.Text.Json;
using Itsm.Core.Calendars;
using Itsm.Core.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.Persistence.Tests.Contract;
using Itsm.Core.Requests;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    private const string RequestGolden = "service-request";

    /// <summary>The stored form of a service request, its item included, is fixed (<c>Golden/service-request.json</c>): a failure means the format changed.</summary>
    [Fact]
    public void Serialize_FixedServiceRequest_GivesTheGoldenText()
    {
        var expected = Compact(File.ReadAllText(GoldenPath(RequestGolden)));

        var actual = SnapshotJson.Serialize(FixedServiceRequest().ToSnapshot());

        if (actual != expected)
        {
            var path = Path.Combine(Path.GetTempPath(), $"itsm-golden-{RequestGolden}.json");
            File.WriteAllText(path, Indented(actual) + "\n");
            Assert.Fail($"The stored form of '{RequestGolden}' changed; the new text is in {path}.\nExpected: {expected}\nActual:   {actual}");
        }
    }

    /// <summary>A document in the golden format reads, restores by replaying its history through the request's rules, and writes back to the same text.</summary>
    [Fact]
    public void Deserialize_GoldenServiceRequest_RestoresWithItsWholeHistoryAndItsClock()
    {
        var restored = ServiceRequest.Restore(SnapshotJson.Deserialize<ServiceRequestSnapshot>(File.ReadAllText(GoldenPath(RequestGolden))));

        Assert.True(restored.IsSuccess, restored.Message);
        var fixedRequest = FixedServiceRequest();
        Assert.Equal(SnapshotJson.Serialize(fixedRequest.ToSnapshot()), SnapshotJson.Serialize(restored.Value.ToSnapshot()));
        Assert.Equal((ServiceRequestState.InFulfilment, 4, fixedRequest.Promised), (restored.Value.State, restored.Value.History.Count, restored.Value.Promised));
        Assert.Equal(fixedRequest.FulfilmentClock.Events.ToArray(), restored.Value.FulfilmentClock.Events.ToArray());
        Assert.Equal(CalendarId.From("all-hours"), restored.Value.Item.GroupCalendars[SupportGroupId.From("desk")]);
    }

    [Fact]
    public void Discriminators_EveryServiceRequestEventHasOne()
    {
        Discriminators_EveryConcreteEventTypeHasOneAndEachIsUnique(typeof(ServiceRequestEvent));
    }

    /// <summary>Reading is strict for the item inside a request: a part its factory refuses, or one not in its canonical form, does not read.</summary>
    [Theory]
    [InlineData("\"quorum\":2", "\"quorum\":1")]
    [InlineData("\"mode\":\"Sequential\"", "\"mode\":\"Parallel\",\"x\":1")]
    [InlineData("\"warningThresholds\":[75]", "\"warningThresholds\":[75,75]")]
    [InlineData("\"warningThresholds\":[75]", "\"warningThresholds\":[175]")]
    [InlineData("\"fulfilmentTarget\":\"8:00:00\"", "\"fulfilmentTarget\":\"-8:00:00\"")]
    [InlineData("\"dependsOn\":[\"prepare\"]", "\"dependsOn\":[\"prepare\",\"prepare\"]")]
    [InlineData("\"groupCalendars\":{\"desk\":\"all-hours\"}", "\"groupCalendars\":{\"desk\":\"all-hours\",\"idle\":\"all-hours\"}")]
    [InlineData("\"groupCalendars\":{\"desk\":\"all-hours\"}", "\"groupCalendars\":{}")]
    [InlineData("\"event\":\"task-completed\"", "\"event\":\"task-started\"")]
    public void Deserialize_ServiceRequestWithAnInvalidItem_ThrowsJsonException(string valid, string corrupt)
    {
        var text = SnapshotJson.Serialize(FixedServiceRequest().ToSnapshot());
        Assert.Contains(valid, text, StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ServiceRequestSnapshot>(text.Replace(valid, corrupt, StringComparison.Ordinal)));
    }

    /// <summary>A laptop request (two sequential approvers) submitted, approved by both, and half fulfilled; fixed identifiers and instants.</summary>
    internal static ServiceRequest FixedServiceRequest()
    {
        var calendars = new Dictionary<SupportGroupId, BusinessCalendar> { [SupportGroupId.From("desk")] = RequestSeed.AllHours };
        var item = RequestItem.Define(
            RequestSeed.Laptop.Id, RequestSeed.Laptop.Service, RequestSeed.Laptop.Name, [RequestField.Create("cost-centre", true).Value], RequestSeed.Laptop.Stages,
            RequestSeed.Laptop.Tasks, RequestSeed.Laptop.FulfilmentTarget, RequestSeed.Laptop.ServiceCalendar, RequestSeed.Laptop.GroupCalendars, [75], Priority.FromRank(3)).Value;
        var request = ServiceRequest.Submit(
            ServiceRequestId.From(Guid.Parse("0191e4a2-7c3b-7000-8000-0000000005e1")), item, new Dictionary<string, string?> { ["cost-centre"] = "CC-42" }, Priority.FromRank(2), calendars, UserId.From("ann"), Monday0900).Value;
        Assert.True(request.Approve("ok", calendars, UserId.From("approver-1"), Monday0900 + Duration.FromMinutes(5)).IsSuccess);
        Assert.True(request.Approve(null, calendars, UserId.From("approver-2"), Monday0900 + Duration.FromMinutes(10)).IsSuccess);
        Assert.True(request.CompleteTask(FulfilmentTaskId.From("prepare"), UserId.From("tech"), Monday0900 + Duration.FromHours(2)).IsSuccess);
        return request;
    }
}
