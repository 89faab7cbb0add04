using System.Collections.Immutable;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>The history a change keeps, stores and restores: who did what, when.</summary>
public sealed class ChangeRequestHistoryTests
{
    [Fact]
    public void History_ThroughTheLifecycle_KeepsEveryEventWithItsActorAndInstantAcrossClearEvents()
    {
        var change = Closed(out var steps);

        Assert.Equal(
            [typeof(ChangeRaised), typeof(ChangeSubmitted), typeof(ChangeRiskAssessed), typeof(ChangeApprovalRecorded), typeof(ChangeScheduled),
             typeof(ChangeImplementationStarted), typeof(ChangeImplemented), typeof(ChangeClosed)],
            change.History.Select(e => e.GetType()));
        Assert.Equal(steps, change.History.Select(e => (e.Actor, e.At)));
        Assert.Empty(change.Events);
        var approval = Assert.IsType<ChangeApprovalRecorded>(change.History[3]);
        Assert.Equal(ChangeAuthority.ChangeManager, approval.Decision.Authority);
        Assert.Equal(RiskClass.Medium, Assert.IsType<ChangeRiskAssessed>(change.History[2]).Assessment.Class);
    }

    [Fact]
    public void History_Events_PrintWhoWhatWhen()
    {
        var change = Closed(out _);

        Assert.Equal("2026-11-21T22:00:00Z alice: raised (Normal)", change.History[0].ToString());
        Assert.Equal("2026-11-21T22:03:00Z bob: approval recorded (ChangeManager): looks fine; quorum reached, approved", change.History[3].ToString());
        Assert.StartsWith("2026-11-21T22:02:00Z bob: risk assessed Medium by 'Itsm.Core default'; requires ", change.History[2].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_ClosedChange_RestoresTheWholeHistory()
    {
        var change = Closed(out _);

        var restored = ChangeRequest.Restore(change.ToSnapshot());

        Assert.True(restored.IsSuccess);
        Assert.Equal(change.History, restored.Value.History);
        Assert.Equal(change.ToSnapshot(), restored.Value.ToSnapshot());
    }

    [Fact]
    public void Transition_BeforeTheLatestEvent_IsTimeOrderConflictAndChangesNothing()
    {
        var change = Raise();
        Assert.True(change.Submit(Requester, T0 + Duration.FromMinutes(5)).IsSuccess);
        var before = change.ToSnapshot();

        var result = change.AssessRisk(Assessed(RiskClass.Low), ApprovalPolicy.Default, Manager, T0 + Duration.FromMinutes(4));

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal(ChangeRequest.TimeOrderCode, result.ErrorCode);
        Assert.Equal(before, change.ToSnapshot());
    }

    public static TheoryData<string, string> BrokenHistories { get; } = new()
    {
        { "empty", "has no history" },
        { "first-not-raise", "history record 0 (ChangeSubmitted" },
        { "raise-by-someone-else", "history record 0 (ChangeRaised by bob" },
        { "backwards", "history record 2 (ChangeRiskAssessed by bob at 2026-11-21T21:00:00Z) is earlier than record 1" },
        { "other-change", "history record 1 (ChangeSubmitted by alice at 2026-11-21T22:01:00Z) belongs to change" },
        { "illegal-transition", "history record 2 (ChangeScheduled by bob at 2026-11-21T22:04:00Z) is not allowed while the change is Submitted" },
        { "truncated", "is Normal and Closed, but its history (last record 4: ChangeScheduled" },
    };

    [Theory]
    [MemberData(nameof(BrokenHistories))]
    public void Restore_HistoryThatDoesNotFit_IsInvalidNamingTheRecord(string broken, string expected)
    {
        var snapshot = Closed(out _).ToSnapshot();
        var history = snapshot.History;
        var changed = broken switch
        {
            "empty" => [],
            "first-not-raise" => history.RemoveAt(0),
            "raise-by-someone-else" => history.SetItem(0, (ChangeRaised)history[0] with { Actor = Manager }),
            "backwards" => history.SetItem(2, (ChangeRiskAssessed)history[2] with { At = T0 - Duration.FromHours(1) }),
            "other-change" => history.SetItem(1, (ChangeSubmitted)history[1] with { Change = ChangeId.New() }),
            "illegal-transition" => history.SetItem(2, history[4]).RemoveRange(3, 5),
            _ => history.RemoveRange(5, 3),
        };

        var restored = ChangeRequest.Restore(snapshot with { History = changed });

        Assert.Equal(ResultStatus.Invalid, restored.Status);
        var error = Assert.Single(restored.ValidationErrors);
        Assert.Equal(ChangeRequest.HistoryCode, error.ErrorCode);
        Assert.Equal("History", error.Identifier);
        Assert.Contains(expected, error.ErrorMessage, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => ChangeRequest.FromSnapshot(snapshot with { History = changed }));
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>A normal change walked to Closed, one minute per step, by alice (requester) and bob (manager).</summary>
    private static ChangeRequest Closed(out ImmutableArray<(UserId, Instant)> steps)
    {
        Instant At(int minutes) => T0 + Duration.FromMinutes(minutes);
        var change = Raise();
        Assert.True(change.Submit(Requester, At(1)).IsSuccess);
        Assert.True(change.AssessRisk(Assessed(RiskClass.Medium), ApprovalPolicy.Default, Manager, At(2)).IsSuccess);
        Assert.True(change.Approve(ChangeAuthority.ChangeManager, "looks fine", Manager, At(3)).IsSuccess);
        Assert.True(change.Schedule([], Manager, At(4)).IsSuccess);
        Assert.True(change.StartImplementation(Requester, At(5)).IsSuccess);
        Assert.True(change.Complete("done", Requester, At(6)).IsSuccess);
        Assert.True(change.Close(Manager, At(7)).IsSuccess);
        change.ClearEvents();
        steps = [(Requester, T0), (Requester, At(1)), (Manager, At(2)), (Manager, At(3)), (Manager, At(4)), (Requester, At(5)), (Requester, At(6)), (Manager, At(7))];
        return change;
    }
}
