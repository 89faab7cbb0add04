using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.ServiceLevels.AgreementFixtures;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>An agreement's versions: drafted, reviewed, signed by both sides, in force from the start of the effective date, superseded, terminated.</summary>
public sealed class ServiceLevelAgreementTests
{
    private static readonly LocalDate Jan10 = new(2027, 1, 10);
    private static readonly LocalDate Apr1 = new(2027, 4, 1);

    [Fact]
    public void Sign_ByBothSides_PutsTheVersionInForceFromTheStartOfItsEffectiveDateInTheZone()
    {
        var agreement = Drafted(Jan10);
        Assert.True(agreement.SubmitForReview(Provider, T0).IsSuccess);
        Assert.True(agreement.Sign(AgreementParty.Provider, Provider, T0).IsSuccess);
        Assert.Equal(AgreementState.UnderReview, agreement.State);
        Assert.Null(agreement.Latest.EffectiveAt);

        Assert.True(agreement.Sign(AgreementParty.Customer, CustomerSigner, T0 + Duration.FromHours(1)).IsSuccess);

        var start = Instant.FromUtc(2027, 1, 10, 0, 0); // London is on GMT in January
        Assert.Equal((AgreementState.Signed, AgreementVersionStatus.Signed, (Instant?)start), (agreement.State, agreement.Latest.Status, agreement.Latest.EffectiveAt));
        Assert.Null(agreement.VersionInForceAt(start - Duration.Epsilon));
        Assert.Equal(1, agreement.VersionInForceAt(start)?.Number);
        Assert.Equal([(AgreementParty.Provider, Provider), (AgreementParty.Customer, CustomerSigner)], agreement.Latest.Signatures.Select(s => (s.Party, s.By)));
    }

    [Fact]
    public void Sign_TheSameSideTwice_OrOnePersonForBothSides_IsConflict_AndChangesNothing()
    {
        var agreement = Drafted(Jan10);
        Assert.True(agreement.SubmitForReview(Provider, T0).IsSuccess);
        Assert.True(agreement.Sign(AgreementParty.Provider, Provider, T0).IsSuccess);
        var before = agreement.History.Count;

        Assert.Equal(AgreementErrors.AlreadySigned, agreement.Sign(AgreementParty.Provider, CustomerSigner, T0).ErrorCode);
        Assert.Equal(AgreementErrors.SameSigner, agreement.Sign(AgreementParty.Customer, Provider, T0).ErrorCode);
        Assert.Equal((before, AgreementState.UnderReview), (agreement.History.Count, agreement.State));
    }

    [Fact]
    public void Lifecycle_OutOfOrderOrBackwardsInTime_IsConflictWithItsCode()
    {
        var agreement = Drafted(Jan10);

        Assert.Equal(AgreementErrors.IllegalTransition, agreement.Sign(AgreementParty.Provider, Provider, T0).ErrorCode);
        Assert.Equal(AgreementErrors.IllegalTransition, agreement.DraftVersion(Terms(Apr1), Provider, T0).ErrorCode);
        Assert.Equal(AgreementErrors.TimeOrder, agreement.SubmitForReview(Provider, T0 - Duration.FromSeconds(1)).ErrorCode);
        Assert.Equal(AgreementErrors.Review, agreement.RecordReview("fine", Provider, T0).ErrorCode);
    }

    [Fact]
    public void DraftVersion_IsANewVersion_TheSignedOneStaysFrozenAndInForceUntilTheNewEffectiveDate()
    {
        var agreement = Signed(Jan10);
        var frozen = agreement.Versions[0];

        Assert.True(agreement.DraftVersion(Terms(Apr1, "platinum"), Provider, T0 + Duration.FromDays(30)).IsSuccess);
        Assert.Equal((AgreementState.Draft, 2), (agreement.State, agreement.Versions.Count));
        Assert.Same(frozen, agreement.Versions[0]);
        SignLatest(agreement, T0 + Duration.FromDays(31));

        var april = Instant.FromUtc(2027, 3, 31, 23, 0); // London is on BST from 28 March: 1 April starts at 23:00 UTC
        Assert.Equal((AgreementVersionStatus.Superseded, (Instant?)april), (agreement.Versions[0].Status, agreement.Versions[0].EndsAt));
        Assert.Equal(1, agreement.VersionInForceAt(april - Duration.Epsilon)?.Number);
        Assert.Equal(2, agreement.VersionInForceAt(april)?.Number);
        Assert.Equal("platinum", agreement.VersionInForceAt(april)!.Terms.OfferingOf(Payroll));
    }

    [Fact]
    public void DraftVersion_EffectiveNoLaterThanTheVersionBefore_OrBeforeItIsDrafted_IsConflict()
    {
        var agreement = Signed(Jan10);

        Assert.Equal(AgreementErrors.EffectiveDate, agreement.DraftVersion(Terms(Jan10), Provider, T0).ErrorCode);
        Assert.Equal(AgreementErrors.EffectiveDate, agreement.DraftVersion(Terms(new LocalDate(2027, 2, 1)), Provider, Instant.FromUtc(2027, 2, 2, 0, 0)).ErrorCode);
        Assert.Equal((AgreementState.Signed, 1), (agreement.State, agreement.Versions.Count));
    }

    [Fact]
    public void Sign_AVersionWhoseEffectiveDatePassedWhileUnderReview_IsConflict()
    {
        var agreement = Signed(Jan10);
        Assert.True(agreement.DraftVersion(Terms(Apr1), Provider, T0).IsSuccess);
        Assert.True(agreement.SubmitForReview(Provider, T0).IsSuccess);
        Assert.True(agreement.Sign(AgreementParty.Provider, Provider, T0).IsSuccess);

        var late = agreement.Sign(AgreementParty.Customer, CustomerSigner, Instant.FromUtc(2027, 4, 2, 0, 0));

        Assert.Equal(AgreementErrors.EffectiveDate, late.ErrorCode);
        Assert.Null(agreement.Latest.EffectiveAt);
    }

    [Fact]
    public void Terminate_EndsTheVersionInForceThen_AndALaterSignedVersionNeverComesIntoForce()
    {
        var agreement = Signed(Jan10);
        Assert.True(agreement.DraftVersion(Terms(Apr1), Provider, T0).IsSuccess);
        SignLatest(agreement, T0);
        var terminatedAt = Instant.FromUtc(2027, 2, 15, 12, 0);

        Assert.Equal(AgreementErrors.Reason, agreement.Terminate(" ", Provider, terminatedAt).ErrorCode);
        Assert.True(agreement.Terminate("customer left", Provider, terminatedAt).IsSuccess);

        Assert.Equal(AgreementState.Terminated, agreement.State);
        Assert.Equal(1, agreement.VersionInForceAt(terminatedAt - Duration.Epsilon)?.Number);
        Assert.Null(agreement.VersionInForceAt(terminatedAt));
        Assert.Null(agreement.VersionInForceAt(Instant.FromUtc(2027, 6, 1, 0, 0)));
        Assert.Null(agreement.Versions[1].Validity);
        Assert.All(agreement.Versions, v => Assert.Equal(AgreementVersionStatus.Terminated, v.Status));
        Assert.Null(agreement.NextReviewOn);
    }

    [Fact]
    public void Reviews_AreDueTheIntervalAfterTheLaterOfTheEffectiveDateAndTheLastReview()
    {
        var agreement = Signed(Jan10);
        Assert.Equal(new LocalDate(2027, 7, 10), agreement.NextReviewOn);
        Assert.False(agreement.IsReviewDueAt(Instant.FromUtc(2027, 7, 9, 22, 0)));
        Assert.True(agreement.IsReviewDueAt(Instant.FromUtc(2027, 7, 9, 23, 0))); // 10 July 00:00 BST
        Assert.False(agreement.IsReviewOverdueAt(Instant.FromUtc(2027, 7, 10, 12, 0)));
        Assert.True(agreement.IsReviewOverdueAt(Instant.FromUtc(2027, 7, 11, 12, 0)));

        Assert.Equal(AgreementErrors.Review, agreement.RecordReview("", Provider, Instant.FromUtc(2027, 8, 1, 9, 0)).ErrorCode);
        Assert.True(agreement.RecordReview("targets met; keep", Provider, Instant.FromUtc(2027, 8, 1, 9, 0)).IsSuccess);

        Assert.Equal(new LocalDate(2028, 2, 1), agreement.NextReviewOn);
        Assert.False(agreement.IsReviewDueAt(Instant.FromUtc(2027, 8, 2, 9, 0)));
    }

    [Theory]
    [InlineData("keep-starting-version", 1)]
    [InlineData("retarget", 2)]
    public void VersionFor_AClockStartedUnderVersion1_FollowsTheRetargetPolicy(string policy, int expected)
    {
        var agreement = Drafted(Jan10, AgreementRetargetPolicy.FromName(policy).Value);
        SignLatest(agreement, T0);
        Assert.True(agreement.DraftVersion(Terms(Apr1), Provider, T0).IsSuccess);
        SignLatest(agreement, T0);

        var version = agreement.VersionFor(Instant.FromUtc(2027, 3, 31, 12, 0), Instant.FromUtc(2027, 4, 2, 12, 0));

        Assert.Equal(expected, version?.Number);
        Assert.Equal(AgreementErrors.RetargetPolicyUnknown, AgreementRetargetPolicy.FromName("sometimes").ErrorCode);
    }

    [Fact]
    public void Draft_WithBadTerms_IsInvalidNamingEachPart()
    {
        var terms = new AgreementTerms(" ", [new(Payroll, "gold"), new(Payroll, "silver")], Jan10, 0);

        var drafted = ServiceLevelAgreement.Draft(AgreementId.New(), Acme, London, AgreementRetargetPolicy.KeepStartingVersion, terms, Provider, T0);

        Assert.Equal(ResultStatus.Invalid, drafted.Status);
        Assert.Equal(["Title", "Coverage", "ReviewIntervalMonths"], drafted.ValidationErrors.Select(e => e.Identifier));
        Assert.All(drafted.ValidationErrors, e => Assert.Equal(AgreementErrors.Terms, e.ErrorCode));
    }

    [Fact]
    public void Restore_ReplaysTheHistory_AndRefusesOneThatDoesNotFit()
    {
        var agreement = Signed(Jan10);
        Assert.True(agreement.DraftVersion(Terms(Apr1), Provider, T0).IsSuccess);

        var restored = ServiceLevelAgreement.Restore(agreement.ToSnapshot());
        var wrongState = ServiceLevelAgreement.Restore(agreement.ToSnapshot() with { State = AgreementState.Signed });
        var twoSignaturesOneSide = ServiceLevelAgreement.Restore(agreement.ToSnapshot() with
        {
            History = agreement.History.Insert(3, new AgreementSigned(T0, CustomerSigner, AgreementParty.Provider)),
        });

        Assert.True(restored.IsSuccess, restored.Message);
        Assert.Equal(agreement.Versions.Select(v => (v.Number, v.Status, v.EffectiveAt)), restored.Value.Versions.Select(v => (v.Number, v.Status, v.EffectiveAt)));
        Assert.Equal(AgreementErrors.History, wrongState.ValidationErrors.Single().ErrorCode);
        Assert.Contains("history record 3", twoSignaturesOneSide.ValidationErrors.Single().ErrorMessage, StringComparison.Ordinal);
    }
}
