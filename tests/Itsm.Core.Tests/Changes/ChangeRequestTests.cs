using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

public sealed class ChangeRequestTests
{
    [Fact]
    public void Raise_InvalidInput_ReturnsEveryFieldError()
    {
        var result = ChangeRequest.Raise(ChangeId.New(), ChangeType.Standard, " ", Requester, [], [], new Interval(T0, T0), null, T0);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal(["Title", "AffectedItems", "PlannedWindow", "Template", "Plans"], result.ValidationErrors.Select(e => e.Identifier));
    }

    [Fact]
    public void Raise_StandardFromTemplate_TakesTemplatePlans()
    {
        var change = Raise(ChangeType.Standard);

        Assert.Equal("os-patch", change.Template);
        Assert.Same(PatchTemplate.Plans, change.Plans);
        Assert.Equal(ChangeStatus.Draft, change.Status);
        Assert.IsType<ChangeRaised>(Assert.Single(change.Events));
    }

    [Fact]
    public void Lifecycle_NormalChange_WalksToClosedRaisingOneEventPerTransition()
    {
        var change = AssessedChange(ChangeType.Normal, RiskClass.Medium);
        Assert.Equal(ChangeAuthority.ChangeManager, change.Requirement!.Authority);

        Assert.True(change.Approve(ChangeAuthority.ChangeManager, "looks fine", Manager, T0).IsSuccess);
        Assert.True(change.Schedule([], Manager, T0).IsSuccess);
        Assert.True(change.StartImplementation(Requester, T0).IsSuccess);
        Assert.True(change.Complete("done", Requester, T0).IsSuccess);
        Assert.True(change.Close(Manager, T0).IsSuccess);

        Assert.Equal(ChangeStatus.Closed, change.Status);
        Assert.True(change.IsAuthorisedAndImplemented);
        Assert.Equal(
            [typeof(ChangeRaised), typeof(ChangeSubmitted), typeof(ChangeRiskAssessed), typeof(ChangeApprovalRecorded), typeof(ChangeScheduled),
             typeof(ChangeImplementationStarted), typeof(ChangeImplemented), typeof(ChangeClosed)],
            change.Events.Select(e => e.GetType()));
    }

    [Fact]
    public void Schedule_FromDraft_IsTypedErrorNamingCurrentAndAllowedStates()
    {
        var change = Raise();

        var result = change.Schedule([], Manager, T0);

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal(ChangeRequest.IllegalTransitionCode, result.ErrorCode);
        Assert.Contains("it is Draft", result.Message, StringComparison.Ordinal);
        Assert.Contains("only from Approved", result.Message, StringComparison.Ordinal);
        Assert.Contains("may move to: Submitted", result.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeStatus.Draft, change.Status);
        Assert.Single(change.Events);
    }

    [Fact]
    public void AssessRisk_StandardAboveLow_IsReclassifiedNormalWithReason()
    {
        var change = AssessedChange(ChangeType.Standard, RiskClass.Medium);

        Assert.Equal(ChangeType.Normal, change.Type);
        Assert.Equal(ChangeStatus.Assessed, change.Status);
        Assert.Contains("assessed Medium risk", change.ReclassificationReason, StringComparison.Ordinal);
        var assessed = Assert.Single(change.Events.OfType<ChangeRiskAssessed>());
        Assert.Equal((ChangeType.Standard, ChangeType.Normal), (assessed.Reclassification!.From, assessed.Reclassification.To));
        Assert.Equal(3, change.Events.Count); // raised, submitted, assessed: the reclassification is part of the one assessment record
    }

    [Fact]
    public void AssessRisk_StandardLow_IsPreApproved()
    {
        var change = AssessedChange(ChangeType.Standard, RiskClass.Low);

        Assert.Equal(ChangeType.Standard, change.Type);
        Assert.Equal(ChangeStatus.Approved, change.Status);
        Assert.True(change.Requirement!.IsPreApproved);
        Assert.True(change.HasRequiredApprovals());
    }

    [Fact]
    public void Approve_ByRequester_IsForbidden()
    {
        var change = AssessedChange(ChangeType.Normal, RiskClass.Low);

        var result = change.Approve(ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard, "mine", Requester, T0);

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Equal(ChangeRequest.SelfApprovalCode, result.ErrorCode);
        Assert.Empty(change.Decisions);
    }

    [Fact]
    public void Approve_HighRisk_NeedsCabQuorumOfDistinctMembers()
    {
        var change = AssessedChange(ChangeType.Normal, RiskClass.High, new ApprovalPolicy(cabQuorum: 2));

        Assert.Equal(ResultStatus.Forbidden, change.Approve(ChangeAuthority.ChangeManager, "ok", Manager, T0).Status);
        Assert.True(change.Approve(ChangeAuthority.ChangeAdvisoryBoard, "ok", CabMembers[0], T0).IsSuccess);
        Assert.Equal(ChangeStatus.Assessed, change.Status);
        Assert.Equal(ResultStatus.Conflict, change.Approve(ChangeAuthority.ChangeAdvisoryBoard, "again", CabMembers[0], T0).Status);
        Assert.True(change.Approve(ChangeAuthority.ChangeAdvisoryBoard, "ok", CabMembers[1], T0 + Duration.FromMinutes(5)).IsSuccess);

        Assert.Equal(ChangeStatus.Approved, change.Status);
        Assert.Equal([CabMembers[0], CabMembers[1]], change.Decisions.Select(d => d.Approver));
        Assert.Equal(T0 + Duration.FromMinutes(5), change.Decisions[1].At);
        Assert.Equal("ok", change.Decisions[1].Reason);
    }

    [Fact]
    public void Reject_WithoutReason_IsInvalidAndChangesNothing()
    {
        var change = AssessedChange(ChangeType.Normal, RiskClass.Low);

        Assert.Equal(ResultStatus.Invalid, change.Reject(ChangeAuthority.ChangeManager, " ", Manager, T0).Status);
        Assert.True(change.Reject(ChangeAuthority.ChangeManager, "no backout tested", Manager, T0).IsSuccess);
        Assert.Equal(ChangeStatus.Rejected, change.Status);
        Assert.False(Assert.Single(change.Decisions).Approved);
    }

    [Fact]
    public void Emergency_NeedsEmergencyAuthorityAndReviewBeforeClosing()
    {
        var change = AssessedChange(ChangeType.Emergency, RiskClass.Low);

        Assert.Equal(ResultStatus.Forbidden, change.Approve(ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard, "ok", Manager, T0).Status);
        Assert.True(change.Approve(ChangeAuthority.EmergencyAuthority, "outage", Ecab, T0).IsSuccess);
        Assert.True(change.Schedule([], Ecab, T0).IsSuccess);
        Assert.True(change.StartImplementation(Requester, T0).IsSuccess);
        Assert.True(change.Complete(null, Requester, T0).IsSuccess);

        var close = change.Close(Manager, T0);
        Assert.Equal(ChangeRequest.IllegalTransitionCode, close.ErrorCode);
        Assert.Contains("post-implementation review", close.Message, StringComparison.Ordinal);
        Assert.True(change.ReviewOutcome("root cause fixed", Manager, T0).IsSuccess);
        Assert.True(change.Close(Manager, T0).IsSuccess);
    }

    [Theory]
    [InlineData(FailureRemediation.BackedOut, false)]
    [InlineData(FailureRemediation.FixedForward, true)]
    public void Fail_RecordsRemediationAndRequiresReview(FailureRemediation remediation, bool authorisedAndImplemented)
    {
        var change = AssessedChange(ChangeType.Normal, RiskClass.Low);
        change.Approve(ChangeAuthority.ChangeManager, "ok", Manager, T0);
        change.Schedule([], Manager, T0);
        change.StartImplementation(Requester, T0);

        Assert.Equal(ResultStatus.Invalid, change.Fail(remediation, "", Requester, T0).Status);
        Assert.True(change.Fail(remediation, "disk full", Requester, T0).IsSuccess);

        Assert.Equal(remediation, change.Remediation);
        Assert.Equal(authorisedAndImplemented, change.IsAuthorisedAndImplemented);
        Assert.Equal(ResultStatus.Conflict, change.Close(Manager, T0).Status);
        Assert.Equal([ChangeStatus.Reviewed], change.NextStates());
    }

    [Fact]
    public void Snapshot_RoundTrip_RestoresEveryField()
    {
        var change = AssessedChange(ChangeType.Normal, RiskClass.High, new ApprovalPolicy(cabQuorum: 1));
        change.Approve(ChangeAuthority.ChangeAdvisoryBoard, "ok", CabMembers[0], T0);

        var snapshot = change.ToSnapshot();
        var restored = ChangeRequest.FromSnapshot(snapshot);

        Assert.Equal(snapshot, restored.ToSnapshot());
        Assert.Empty(restored.Events);
        Assert.True(restored.Schedule([], Manager, T0).IsSuccess);
    }
}
