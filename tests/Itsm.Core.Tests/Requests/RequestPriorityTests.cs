using Itsm.Core.Incidents;
using Itsm.Core.Requests;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Requests.RequestFixture;

namespace Itsm.Core.Tests.Requests;

/// <summary>
/// The priority of a request: the item's (<see cref="RequestItem.StandardPriority"/> unless defined), or the one given at
/// submission; recorded in the submission, so a restore gives it back and a stored submission without one is refused.
/// </summary>
public sealed class RequestPriorityTests
{
    private static readonly Priority P2 = Priority.FromRank(2);

    [Fact]
    public void Define_WithoutAPriority_IsStandard_WithOne_KeepsIt_Unassigned_IsRefused()
    {
        RequestItem Define(Priority? priority) => RequestItem.Define(
            RequestItemId.From("x"), ConfigurationItemId.From("s"), "x", [], [], LaptopTasks, Duration.FromHours(1), ServiceHours, TeamCalendarIds, null, priority).Value;

        var unassigned = RequestItem.Define(RequestItemId.From("x"), ConfigurationItemId.From("s"), "x", [], [], LaptopTasks, Duration.FromHours(1), ServiceHours, TeamCalendarIds, null, default(Priority));

        Assert.Equal((4, 4, 2), (RequestItem.StandardPriority.Rank, Define(null).Priority.Rank, Define(P2).Priority.Rank));
        Assert.Equal([RequestItem.PriorityCode], unassigned.ErrorCodes);
        Assert.Equal(["Priority"], unassigned.ValidationErrors.Select(e => e.Identifier));
    }

    [Fact]
    public void Submit_TakesTheItemsPriority_UnlessGivenOne_AndRecordsIt()
    {
        var standard = Submit(Laptop());
        var urgent = Submit(Laptop(), priority: P2);

        Assert.Equal((RequestItem.StandardPriority, P2), (standard.Priority, urgent.Priority));
        Assert.Equal(P2, Assert.IsType<ServiceRequestSubmitted>(urgent.History[0]).Priority);
        Assert.Equal(P2, ServiceRequest.Restore(urgent.ToSnapshot()).Value.Priority);
    }

    [Fact]
    public void Submit_AtAnUnassignedPriority_IsRefused_AndNamesIt()
    {
        var values = new Dictionary<string, string?> { ["cost-centre"] = "CC-42" };

        var submitted = ServiceRequest.Submit(ServiceRequestId.New(), Laptop(), values, default(Priority), TeamCalendars, Requester, Monday0900);

        Assert.Equal([ServiceRequest.PriorityCode], submitted.ErrorCodes);
        Assert.Equal(["Priority"], submitted.ValidationErrors.Select(e => e.Identifier));
    }

    [Fact]
    public void Restore_OfASubmissionWithoutAPriority_IsRefused()
    {
        var snapshot = Submit(Laptop()).ToSnapshot();
        var submitted = (ServiceRequestSubmitted)snapshot.History[0];

        var restored = ServiceRequest.Restore(snapshot with { History = snapshot.History.SetItem(0, submitted with { Priority = default }) });

        Assert.Equal(ServiceRequestLifecycle.HistoryCode, restored.ErrorCode);
        Assert.Contains("at an assigned priority", restored.Message, StringComparison.Ordinal);
    }
}
