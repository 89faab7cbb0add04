using System.Collections.Immutable;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Tests.Common;
using Itsm.Testing;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Changes.ChangeFixtures;
using Result = Ardalis.Result.Result;

namespace Itsm.Core.Tests.Changes;

/// <summary>The change transition table, checked against the lifecycle of DOMAIN.md, the rules the change decides itself, and random command sequences against the table.</summary>
public sealed class ChangeLifecycleTests
{
    private const ChangeAuthority All = ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard | ChangeAuthority.EmergencyAuthority;

    /// <summary>Conformance: the state changes of the table are exactly Draft -> Submitted -> Assessed -> Approved / Rejected -> Scheduled -> Implementing -> Implemented / Failed -> Reviewed -> Closed.</summary>
    [Fact]
    public void Table_StateChanges_AreTheDocumentedLifecycle()
    {
        var changes = ChangeLifecycle.Table.Rules.Where(r => r.From != r.To).Select(r => (r.From, r.To)).Distinct().Order().ToList();

        (ChangeStatus, ChangeStatus)[] expected =
        [
            (ChangeStatus.Draft, ChangeStatus.Submitted),
            (ChangeStatus.Submitted, ChangeStatus.Assessed), (ChangeStatus.Submitted, ChangeStatus.Approved),
            (ChangeStatus.Assessed, ChangeStatus.Approved), (ChangeStatus.Assessed, ChangeStatus.Rejected),
            (ChangeStatus.Approved, ChangeStatus.Scheduled), (ChangeStatus.Rejected, ChangeStatus.Closed),
            (ChangeStatus.Scheduled, ChangeStatus.Implementing),
            (ChangeStatus.Implementing, ChangeStatus.Implemented), (ChangeStatus.Implementing, ChangeStatus.Failed),
            (ChangeStatus.Implemented, ChangeStatus.Reviewed), (ChangeStatus.Implemented, ChangeStatus.Closed),
            (ChangeStatus.Failed, ChangeStatus.Reviewed), (ChangeStatus.Reviewed, ChangeStatus.Closed),
        ];
        Assert.Equal(expected.Order(), changes);
        Assert.Equal(Enum.GetValues<ChangeStatus>().Where(s => s != ChangeStatus.Closed), ChangeLifecycle.OpenStatuses.ToArray());
        Assert.Equal([ChangeStatus.Approved, ChangeStatus.Scheduled, ChangeStatus.Implementing], ChangeLifecycle.CalendarStatuses.ToArray());
    }

    [Fact]
    public void NextStates_OfAnImplementedEmergencyChange_LeaveOutClosing()
    {
        var change = Implemented(ChangeType.Emergency);

        Assert.Equal([ChangeStatus.Reviewed], change.NextStates());
        Assert.Equal(ChangeRequest.IllegalTransitionCode, change.Close(Manager, T0 + Duration.FromHours(3)).ErrorCode);
    }

    /// <summary>
    /// Regression (seed 2550223306634799359,17372201239698018781): closing an implemented emergency change before its review,
    /// dated before its completion, is refused for its state (the review guard), which is checked before time.
    /// </summary>
    [Fact]
    public void Close_OfAnImplementedEmergencyChange_DatedInThePast_IsRefusedForItsStateFirst()
    {
        var change = Implemented(ChangeType.Emergency);
        var before = change.ToSnapshot();

        var closed = change.Close(Manager, T0 + Duration.FromMinutes(90));

        Assert.Equal(ChangeRequest.IllegalTransitionCode, closed.ErrorCode);
        Assert.DoesNotContain(ChangeTransition.Close, change.AllowedTransitions());
        Assert.Equal(before, change.ToSnapshot());
    }

    [Fact]
    public void Schedule_WithAConflictOfThisChange_IsRefusedListingIt_AndOthersConflictsAreIgnored()
    {
        var change = AssessedChange(ChangeType.Normal, RiskClass.Medium);
        Assert.True(change.Approve(All, "ok", Manager, T0).IsSuccess);
        var other = ChangeId.New();
        var third = ChangeId.New();
        var overlap = new Interval(T0, T0 + Duration.FromHours(1));
        var mine = Conflict(change.Id, other, overlap);
        var before = change.ToSnapshot();

        var refused = change.Schedule([Conflict(other, third, overlap), mine], Manager, T0);

        Assert.Equal(ChangeRequest.ScheduleConflictCode, refused.ErrorCode);
        Assert.Contains(other.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(third.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, change.ToSnapshot());
        Assert.True(change.Schedule([Conflict(other, third, overlap)], Manager, T0).IsSuccess);
    }

    [Fact]
    public void Raise_WithItemsTheCmdbDoesNotKnow_IsInvalidListingEveryUnknownItem()
    {
        var raised = ChangeRequest.Raise(ChangeId.New(), ChangeType.Normal, "Patch", Requester, [Db, App, Payments], [App], Window(), FullPlans, T0);

        var error = Assert.Single(raised.ValidationErrors);
        Assert.Equal(ChangeRequest.UnknownItemsCode, error.ErrorCode);
        Assert.Equal("AffectedItems", error.Identifier);
        Assert.Contains("db-01", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("svc-payments", error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("app-01", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Transition_ChecksStateBeforeTimeBeforeInput()
    {
        var change = Implemented(ChangeType.Normal);

        Assert.Equal(ChangeRequest.IllegalTransitionCode, change.Fail(FailureRemediation.BackedOut, " ", Manager, T0 - Duration.FromDays(1)).ErrorCode);
        Assert.Equal(ChangeRequest.TimeOrderCode, change.ReviewOutcome(" ", Manager, T0 - Duration.FromDays(1)).ErrorCode);
        Assert.Equal("change.findings", change.ReviewOutcome(" ", Manager, T0 + Duration.FromDays(1)).ErrorCode);
    }

    [Theory]
    [InlineData("assessed-without-requirement", "its Requirement")]
    [InlineData("completed-before-start", "its ImplementationEndedAt")]
    [InlineData("closed-without-review", "closes an emergency change without its post-implementation review")]
    [InlineData("approved-without-quorum", "says it approves the change, but it is approval 1 of the 2 required")]
    public void Restore_StoredChangeTheTableDoesNotAllow_IsInvalidNamingTheRecord(string broken, string expected)
    {
        var snapshot = broken switch
        {
            "assessed-without-requirement" => AssessedChange(ChangeType.Normal, RiskClass.High).ToSnapshot() with { Requirement = null },
            "completed-before-start" => Implemented(ChangeType.Normal).ToSnapshot() is var s ? s with { ImplementationEndedAt = s.ImplementationStartedAt!.Value - Duration.FromHours(1) } : null!,
            "closed-without-review" => ClosedWithoutReview(),
            _ => ApprovedWithoutQuorum(),
        };

        var restored = ChangeRequest.Restore(snapshot);

        var error = Assert.Single(restored.ValidationErrors);
        Assert.Equal(ChangeRequest.HistoryCode, error.ErrorCode);
        Assert.Contains($"Stored change {snapshot.Id}", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(expected, error.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// Random command sequences: every accepted command makes a move the table allows and appends its one record
    /// (exactly one, the reclassification and the approval it causes included); every
    /// refused one changes nothing and says why in the table's order; snapshot-then-restore gives an equal change.
    /// </summary>
    [Property]
    public void RandomCommands_FollowTheTable_RefusalsChangeNothing_AndRestoreIsEqual(LifecycleScript script)
    {
        var change = Run(script, (before, via, at, result, after) =>
        {
            if (result.IsSuccess)
            {
                Assert.True(ChangeLifecycle.Table.Allows(before.Status, via, after.Status), $"{before.Status} -{via}-> {after.Status}");
                var added = after.History.Skip(before.History.Count).ToList();
                Assert.All(added, e => Assert.Equal(at, e.At));
                Assert.Equal(via, ChangeLifecycle.TransitionOf(Assert.Single(added))); // exactly one record per transition
            }
            else
            {
                LifecycleChecks.Refused(before, after, ChangeLifecycle.Table, before.Status, ChangeRequest.FromSnapshot(before).AllowedTransitions(), via, at, before.History[^1].At, result, ChangeRequest.IllegalTransitionCode, ChangeRequest.TimeOrderCode);
            }
        });

        var snapshot = change.ToSnapshot();
        var restored = ChangeRequest.Restore(snapshot);
        Assert.True(restored.IsSuccess, restored.ValidationErrors.FirstOrDefault()?.ErrorMessage);
        Assert.Equal(snapshot, restored.Value.ToSnapshot());
    }

    /// <summary>The table's restore validation refuses a history that was reordered, runs backwards or lost records.</summary>
    [Property]
    public void Restore_RefusesMutatedHistories(LifecycleScript script, HistoryMutation mutation)
    {
        var snapshot = Run(script, (_, _, _, _, _) => { }).ToSnapshot();

        var restored = ChangeRequest.Restore(snapshot with { History = Mutate(snapshot.History, mutation) });

        Assert.Equal(ChangeRequest.HistoryCode, Assert.Single(restored.ValidationErrors).ErrorCode);
    }

    /// <summary>The scripts of the properties above reach every row of the table, or they prove less than they say.</summary>
    [Fact]
    public void Scripts_ReachEveryRowOfTheTable()
    {
        var reached = new HashSet<TransitionRule<ChangeStatus, ChangeTransition>>();
        foreach (var script in Arbitraries.LifecycleScripts().Generator.Sample(size: 60, seed: new FsCheck.Rnd(20261202UL), numberOfSamples: Math.Max(PropertyRuns.Runs, 1000)))
        {
            Run(script, (before, via, _, result, after) =>
            {
                if (result.IsSuccess)
                {
                    reached.Add(new(before.Status, via, after.Status));
                }
            });
        }

        reached.Add(new(ChangeStatus.Draft, ChangeTransition.Submit, ChangeStatus.Submitted)); // the prefix of every script
        Assert.Empty(ChangeLifecycle.Table.Rules.Except(reached));
    }

    private static ScheduleConflict Conflict(ChangeId a, ChangeId b, Interval overlap) =>
        a.CompareTo(b) < 0 ? new(a, b, overlap, ConflictReason.SameItem, Db, Db) : new(b, a, overlap, ConflictReason.SameItem, Db, Db);

    private static ChangeRequest Implemented(ChangeType type)
    {
        var change = AssessedChange(type, RiskClass.Medium, new ApprovalPolicy(cabQuorum: 1, emergencyQuorum: 1));
        if (change.Status == ChangeStatus.Assessed)
        {
            Assert.True(change.Approve(All, "ok", Manager, T0).IsSuccess);
        }

        Assert.True(change.Schedule([], Manager, T0 + Duration.FromMinutes(1)).IsSuccess);
        Assert.True(change.StartImplementation(Requester, T0 + Duration.FromHours(1)).IsSuccess);
        Assert.True(change.Complete("done", Requester, T0 + Duration.FromHours(2)).IsSuccess);
        return change;
    }

    private static ChangeRequestSnapshot ClosedWithoutReview()
    {
        var snapshot = Implemented(ChangeType.Emergency).ToSnapshot();
        return snapshot with
        {
            Status = ChangeStatus.Closed,
            History = snapshot.History.Add(new ChangeClosed(snapshot.Id, Manager, T0 + Duration.FromHours(3))),
        };
    }

    private static ChangeRequestSnapshot ApprovedWithoutQuorum()
    {
        var change = AssessedChange(ChangeType.Normal, RiskClass.High, new ApprovalPolicy(cabQuorum: 2));
        Assert.True(change.Approve(All, "ok", CabMembers[0], T0).IsSuccess);
        var snapshot = change.ToSnapshot();
        var recorded = (ChangeApprovalRecorded)snapshot.History[^1];
        return snapshot with
        {
            Status = ChangeStatus.Approved,
            History = snapshot.History.SetItem(snapshot.History.Count - 1, recorded with { ApprovesChange = true }),
        };
    }

    private static ImmutableList<ChangeEvent> Mutate(ImmutableList<ChangeEvent> history, HistoryMutation mutation) =>
        HistoryMutations.Apply(history, mutation, e => e.At, (e, at) => e with { At = at }, DropFromLastStatusChange);

    /// <summary>Drops the last record after which the status differs from the status before it, and everything after it.</summary>
    private static ImmutableList<ChangeEvent> DropFromLastStatusChange(ImmutableList<ChangeEvent> history)
    {
        var statuses = ChangeStatusesAfterEachRecord(history);
        var last = Enumerable.Range(1, history.Count - 1).Last(k => statuses[k] != statuses[k - 1]);
        return history.RemoveRange(last, history.Count - last);
    }

    /// <summary>The status after each record, replayed by the test from the event types alone.</summary>
    private static ChangeStatus[] ChangeStatusesAfterEachRecord(ImmutableList<ChangeEvent> history)
    {
        var statuses = new ChangeStatus[history.Count];
        var status = ChangeStatus.Draft;
        for (var k = 0; k < history.Count; k++)
        {
            status = history[k] switch
            {
                ChangeSubmitted => ChangeStatus.Submitted,
                ChangeRiskAssessed a => a.Requirement.IsPreApproved ? ChangeStatus.Approved : ChangeStatus.Assessed,
                ChangeApprovalRecorded { ApprovesChange: true } => ChangeStatus.Approved,
                ChangeRejected => ChangeStatus.Rejected,
                ChangeScheduled => ChangeStatus.Scheduled,
                ChangeImplementationStarted => ChangeStatus.Implementing,
                ChangeImplemented => ChangeStatus.Implemented,
                ChangeFailed => ChangeStatus.Failed,
                ChangeReviewed => ChangeStatus.Reviewed,
                ChangeClosed => ChangeStatus.Closed,
                _ => status,
            };
            statuses[k] = status;
        }

        return statuses;
    }

    /// <summary>
    /// Raises a change (type and quorum from the seed) and submits it a minute later, so that every mutation applies,
    /// then runs the script, calling <paramref name="check"/> after each command.
    /// </summary>
    private static ChangeRequest Run(LifecycleScript script, Action<ChangeRequestSnapshot, ChangeTransition, Instant, Result, ChangeRequestSnapshot> check)
    {
        var type = (ChangeType)(script.Seed % 3);
        var quorum = 1 + (script.Seed / 2);
        var policy = new ApprovalPolicy(cabQuorum: quorum, emergencyQuorum: quorum);
        var change = Raise(type);
        var now = T0 + Duration.FromMinutes(1);
        Assert.True(change.Submit(Requester, now).IsSuccess);
        foreach (var step in script.Steps)
        {
            now += Duration.FromMinutes(step.Minutes);
            var at = step.Backwards ? change.History[^1].At - Duration.FromMinutes(1) : now;
            var before = change.ToSnapshot();
            var risk = (RiskClass)(step.Level - 1);
            var (via, result) = step.Op switch
            {
                0 => (ChangeTransition.Submit, change.Submit(Requester, at)),
                1 => (ChangeTransition.AssessRisk, change.AssessRisk(Assessed(risk), policy, Manager, at)),
                2 => (ChangeTransition.Approve, change.Approve(All, "fine", CabMembers[step.Level - 1], at)),
                3 => (ChangeTransition.Reject, change.Reject(All, "not now", CabMembers[0], at)),
                4 => (ChangeTransition.Approve, change.Approve(All, "my own", Requester, at)),
                5 => (ChangeTransition.Schedule, change.Schedule([], Manager, at)),
                6 => (ChangeTransition.Schedule, change.Schedule([Conflict(change.Id, ChangeId.New(), Window())], Manager, at)),
                7 => (ChangeTransition.StartImplementation, change.StartImplementation(Requester, at)),
                8 => (ChangeTransition.Complete, change.Complete(step.Level == 1 ? null : "done", Requester, at)),
                9 => (ChangeTransition.Fail, change.Fail(step.Level <= 2 ? FailureRemediation.BackedOut : FailureRemediation.FixedForward, "went wrong", Requester, at)),
                10 => (ChangeTransition.Review, change.ReviewOutcome("lessons", UserId.From("dave"), at)),
                11 => (ChangeTransition.Close, change.Close(Manager, at)),
                12 => (ChangeTransition.Review, change.ReviewOutcome(" ", UserId.From("dave"), at)),
                _ => (ChangeTransition.Approve, change.Approve(ChangeAuthority.None, "no authority", CabMembers[1], at)),
            };
            check(before, via, at, result, change.ToSnapshot());
        }

        return change;
    }
}
