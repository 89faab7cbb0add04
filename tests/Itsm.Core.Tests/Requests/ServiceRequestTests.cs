using FsCheck.Xunit;
using Itsm.Core.Requests;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Requests.RequestFixture;

namespace Itsm.Core.Tests.Requests;

/// <summary>The service request lifecycle, its approvals in stages and its fulfilment.</summary>
public sealed class ServiceRequestTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    [Fact]
    public void Table_StateChanges_AreTheDocumentedLifecycle()
    {
        var changes = ServiceRequestLifecycle.Table.Rules.Where(r => r.From != r.To).Select(r => (r.From, r.To)).Distinct().Order().ToList();
        (ServiceRequestState, ServiceRequestState)[] expected =
        [
            (ServiceRequestState.Submitted, ServiceRequestState.AwaitingApproval), (ServiceRequestState.Submitted, ServiceRequestState.Approved), (ServiceRequestState.Submitted, ServiceRequestState.Rejected),
            (ServiceRequestState.Submitted, ServiceRequestState.InFulfilment), (ServiceRequestState.Submitted, ServiceRequestState.Fulfilled), (ServiceRequestState.Submitted, ServiceRequestState.Cancelled),
            (ServiceRequestState.AwaitingApproval, ServiceRequestState.Approved), (ServiceRequestState.AwaitingApproval, ServiceRequestState.Rejected), (ServiceRequestState.AwaitingApproval, ServiceRequestState.Cancelled),
            (ServiceRequestState.Approved, ServiceRequestState.Rejected), (ServiceRequestState.Approved, ServiceRequestState.InFulfilment), (ServiceRequestState.Approved, ServiceRequestState.Fulfilled), (ServiceRequestState.Approved, ServiceRequestState.Cancelled),
            (ServiceRequestState.InFulfilment, ServiceRequestState.Fulfilled), (ServiceRequestState.InFulfilment, ServiceRequestState.Cancelled),
            (ServiceRequestState.Fulfilled, ServiceRequestState.Closed),
        ];
        Assert.Equal(expected.Order(), changes);
        Assert.True(ServiceRequestLifecycle.Table.IsFinal(ServiceRequestState.Rejected));
        Assert.True(ServiceRequestLifecycle.Table.IsFinal(ServiceRequestState.Closed));
        Assert.True(ServiceRequestLifecycle.Table.IsFinal(ServiceRequestState.Cancelled));
    }

    [Fact]
    public void Laptop_ApprovedInTwoStages_FulfilledAcrossTwoTeams_Closed()
    {
        var request = Submit();
        var at = Monday0900;

        Assert.True(request.Approve("ok", TeamCalendars, Manager, at += Minute).IsSuccess);
        Assert.Equal(ServiceRequestState.AwaitingApproval, request.State);
        Assert.Equal(1, request.OpenStage);
        Assert.True(request.Approve(null, TeamCalendars, Budget[2], at += Minute).IsSuccess);
        Assert.Null(request.Promised);
        Assert.True(request.Approve(null, TeamCalendars, Budget[0], at += Minute).IsSuccess);
        Assert.Equal(ServiceRequestState.Approved, request.State);
        Assert.Equal(FulfilmentSchedule.Plan(LaptopTasks, at, TeamCalendars).Value.Promised, request.Promised);

        Assert.Equal(ServiceRequest.TaskBlockedCode, request.CompleteTask(Image, Manager, at).ErrorCode);
        Assert.True(request.CompleteTask(Order, Manager, at += Minute).IsSuccess);
        Assert.Equal(ServiceRequestState.InFulfilment, request.State);
        Assert.Equal(ServiceRequest.IllegalTransitionCode, request.Approve(null, TeamCalendars, Budget[1], at).ErrorCode);
        Assert.True(request.CompleteTask(Image, Manager, at += Minute).IsSuccess);
        Assert.Equal(ServiceRequest.TaskDoneCode, request.CompleteTask(Image, Manager, at).ErrorCode);
        Assert.True(request.CompleteTask(Ship, Manager, at += Minute).IsSuccess);
        Assert.Equal(ServiceRequestState.Fulfilled, request.State);
        Assert.True(request.Close(Manager, at += Minute).IsSuccess);
        Assert.Equal(ServiceRequestState.Closed, request.State);
        Assert.Equal(8, request.History.Count);
    }

    [Fact]
    public void TheRequester_NeverApproves_EvenWhenListed()
    {
        var item = RequestItem.Define(RequestItemId.From("x"), ConfigurationItemId.From("s"), "x", [], [ApprovalStage.Parallel("peers", [Requester, Manager], 1).Value], LaptopTasks, Duration.FromHours(1), ServiceHours, TeamCalendarIds).Value;
        var request = Submit(item);

        var approved = request.Approve(null, TeamCalendars, Requester, Monday0900 + Minute);
        var rejected = request.Reject("no", Requester, Monday0900 + Minute);

        Assert.Equal(ServiceRequest.SelfApprovalCode, approved.ErrorCode);
        Assert.Equal(ResultStatus.Forbidden, approved.Status);
        Assert.Equal(ServiceRequest.SelfApprovalCode, rejected.ErrorCode);
        Assert.Single(request.History);
        Assert.Equal(ServiceRequestState.Submitted, request.State);
    }

    [Fact]
    public void Votes_OutOfStageOutOfTurnTwiceOrByOutsiders_AreRefusedAndChangeNothing()
    {
        var request = Submit();

        Assert.Equal(ServiceRequest.StageNotOpenCode, request.Approve(null, TeamCalendars, Budget[0], Monday0900).ErrorCode);
        Assert.Equal(ServiceRequest.NotApproverCode, request.Approve(null, TeamCalendars, UserId.From("mallory"), Monday0900).ErrorCode);
        Assert.True(request.Approve(null, TeamCalendars, Manager, Monday0900).IsSuccess);
        Assert.Equal(ServiceRequest.VotedCode, request.Approve(null, TeamCalendars, Manager, Monday0900).ErrorCode);
        Assert.Equal(ServiceRequest.TimeOrderCode, request.Approve(null, TeamCalendars, Budget[0], Monday0900 - Minute).ErrorCode);
        Assert.Equal(ServiceRequest.ReasonCode, request.Reject(" ", Budget[0], Monday0900).ErrorCode);
        Assert.Equal(2, request.History.Count);
    }

    [Fact]
    public void ALateRejection_OfAParallelStageWhoseQuorumWasReached_StillRejects()
    {
        var request = Submit();
        Assert.True(request.Approve(null, TeamCalendars, Manager, Monday0900).IsSuccess);
        Assert.True(request.Approve(null, TeamCalendars, Budget[0], Monday0900).IsSuccess);
        Assert.True(request.Approve(null, TeamCalendars, Budget[1], Monday0900).IsSuccess);
        Assert.Equal(ServiceRequestState.Approved, request.State);

        Assert.True(request.Reject("over budget", Budget[2], Monday0900 + Minute).IsSuccess);

        Assert.Equal(ServiceRequestState.Rejected, request.State);
        Assert.Equal(ServiceRequest.IllegalTransitionCode, request.CompleteTask(Order, Manager, Monday0900 + Minute).ErrorCode);
    }

    [Fact]
    public void Fulfilment_WaitsForApproval_UnlessTheItemIsPreApproved()
    {
        Assert.Equal(ServiceRequest.ApprovalPendingCode, Submit().CompleteTask(Order, Manager, Monday0900).ErrorCode);

        var standard = Submit(Laptop(preApproved: true));

        Assert.Equal(FulfilmentSchedule.Plan(LaptopTasks, Monday0900, TeamCalendars).Value.Promised, standard.Promised);
        Assert.True(standard.CompleteTask(Order, Manager, Monday0900).IsSuccess);
        Assert.Equal(ServiceRequest.TaskUnknownCode, standard.CompleteTask(FulfilmentTaskId.From("paint"), Manager, Monday0900).ErrorCode);
    }

    [Fact]
    public void Submit_FieldsMissingOrUnknown_AreRefusedNamingThem()
    {
        var submitted = ServiceRequest.Submit(ServiceRequestId.New(), Laptop(), new Dictionary<string, string?> { ["colour"] = "red", ["cost-centre"] = " " }, null, TeamCalendars, Requester, Monday0900);

        Assert.Equal([ServiceRequest.FieldUnknownCode, ServiceRequest.FieldMissingCode], submitted.ErrorCodes);
        Assert.Equal(["colour", "cost-centre"], submitted.ValidationErrors.Select(e => e.Identifier));
    }

    /// <summary>Any rejection rejects; the outcome is the stages' votes as sets, whatever the order of the parallel votes; a restore replays to the same request.</summary>
    [Property]
    public bool ApprovalOutcome_IsOrderIndependent_AndAnyRejectionRejects(ApprovalCase c)
    {
        var stages = c.Stages.Select((s, i) =>
        {
            var approvers = s.Decisions.Select((_, j) => ApprovalCase.Approver(i, j)).ToList();
            return s.Parallel ? ApprovalStage.Parallel("p", approvers, s.Quorum).Value : ApprovalStage.Sequential("s", approvers).Value;
        }).ToList();
        var item = RequestItem.Define(RequestItemId.From("x"), ConfigurationItemId.From("s"), "x", [], stages, LaptopTasks, Duration.FromHours(1), ServiceHours, TeamCalendarIds).Value;
        var first = Vote(item, c, s => s.FirstOrder);
        var second = Vote(item, c, s => s.SecondOrder);
        var restored = ServiceRequest.Restore(first.ToSnapshot());
        return Outcome(first.State) == Expected(c) && Outcome(second.State) == Expected(c)
            && restored.IsSuccess && restored.Value.State == first.State && restored.Value.Promised == first.Promised;
    }

    [Fact]
    public void Restore_ReplaysTheHistory_AndRefusesATamperedOne()
    {
        var request = Submit();
        Assert.True(request.Approve(null, TeamCalendars, Manager, Monday0900 + Minute).IsSuccess);
        Assert.True(request.Approve(null, TeamCalendars, Budget[0], Monday0900 + (2 * Minute)).IsSuccess);
        Assert.True(request.Approve(null, TeamCalendars, Budget[1], Monday0900 + (3 * Minute)).IsSuccess);
        Assert.True(request.CompleteTask(Order, Manager, Monday0900 + (4 * Minute)).IsSuccess);
        var snapshot = request.ToSnapshot();

        var restored = ServiceRequest.Restore(snapshot).Value;
        var skipped = snapshot with { History = snapshot.History.RemoveAt(1) };
        var backwards = snapshot with { History = snapshot.History.SetItem(2, new ServiceRequestApproved(Monday0900, Budget[0], 1, null, null)) };
        var early = snapshot with { History = snapshot.History.RemoveAt(3).RemoveAt(2), State = ServiceRequestState.InFulfilment };

        Assert.Equal(request.History, restored.History);
        Assert.Equal(request.Promised, restored.Promised);
        Assert.Equal([Order], restored.CompletedTasks);
        Assert.Equal(ServiceRequestLifecycle.HistoryCode, ServiceRequest.Restore(skipped).ErrorCode);
        Assert.Equal(ServiceRequestLifecycle.HistoryCode, ServiceRequest.Restore(backwards).ErrorCode);
        Assert.Equal(ServiceRequestLifecycle.HistoryCode, ServiceRequest.Restore(early).ErrorCode);
    }

    private static ServiceRequest Vote(RequestItem item, ApprovalCase c, Func<StageCase, int[]> order)
    {
        var request = Submit(item);
        var at = Monday0900;
        for (var s = 0; s < c.Stages.Length; s++)
        {
            var stage = c.Stages[s];
            foreach (var j in stage.Parallel ? order(stage) : Enumerable.Range(0, stage.Decisions.Length))
            {
                var approver = ApprovalCase.Approver(s, j);
                _ = stage.Decisions[j] switch
                {
                    Decision.Approve => request.Approve(null, TeamCalendars, approver, at += Minute),
                    Decision.Reject => request.Reject("no", approver, at += Minute),
                    _ => Ardalis.Result.Result.Success(),
                };
            }
        }

        return request;
    }

    private static string Outcome(ServiceRequestState state) => state switch
    {
        ServiceRequestState.Rejected => "rejected",
        ServiceRequestState.Approved => "approved",
        _ => "pending",
    };

    private static string Expected(ApprovalCase c)
    {
        foreach (var stage in c.Stages)
        {
            if (!stage.Parallel)
            {
                var stop = Array.FindIndex(stage.Decisions, d => d != Decision.Approve);
                if (stop >= 0)
                {
                    return stage.Decisions[stop] == Decision.Reject ? "rejected" : "pending";
                }
            }
            else if (stage.Decisions.Contains(Decision.Reject))
            {
                return "rejected";
            }
            else if (stage.Decisions.Count(d => d == Decision.Approve) < stage.Quorum)
            {
                return "pending";
            }
        }

        return "approved";
    }
}
