using Itsm.Core.Common;

namespace Itsm.Core.ServiceLevels;

/// <summary>Where an agreement is, as its latest version says: Draft -> UnderReview -> Signed, and Terminated (final).</summary>
/// <remarks><c>default</c> is <see cref="Draft"/>. See <see cref="AgreementLifecycle.Table"/>.</remarks>
public enum AgreementState
{
    /// <summary>The latest version is a draft.</summary>
    Draft = 0,

    /// <summary>The latest version is under review, awaiting both signatures.</summary>
    UnderReview = 1,

    /// <summary>The latest version is signed by both sides; it is in force from its effective date.</summary>
    Signed = 2,

    /// <summary>The agreement is terminated: final.</summary>
    Terminated = 3,
}

/// <summary>Where one version of an agreement is.</summary>
/// <remarks><c>default</c> is <see cref="Draft"/>. Whether a signed version is in force depends on the instant: see <see cref="AgreementVersion.IsInForceAt"/>.</remarks>
public enum AgreementVersionStatus
{
    /// <summary>Being drafted.</summary>
    Draft = 0,

    /// <summary>Under review: being signed.</summary>
    UnderReview = 1,

    /// <summary>Signed by both sides and frozen; in force from its effective date while no later version is signed.</summary>
    Signed = 2,

    /// <summary>Signed, and a later version is signed: in force from its effective date until the later one's.</summary>
    Superseded = 3,

    /// <summary>Ended by the agreement's termination: in force, if ever, until the termination instant.</summary>
    Terminated = 4,
}

/// <summary>The two sides that sign an agreement.</summary>
/// <remarks><c>default</c> is <see cref="Provider"/>.</remarks>
public enum AgreementParty
{
    /// <summary>The service provider.</summary>
    Provider = 0,

    /// <summary>The customer.</summary>
    Customer = 1,
}

/// <summary>The transitions of an agreement after its first draft, one per kind of history event.</summary>
/// <remarks><c>default</c> is <see cref="DraftVersion"/>. See <see cref="AgreementLifecycle.Table"/> for where each is allowed.</remarks>
public enum AgreementTransition
{
    /// <summary>Draft a new version after the latest signed one (<see cref="AgreementVersionDrafted"/>).</summary>
    DraftVersion = 0,

    /// <summary>Submit the draft for review (<see cref="AgreementSubmittedForReview"/>).</summary>
    Submit = 1,

    /// <summary>Sign the version under review for one side (<see cref="AgreementSigned"/>); the second side's signature signs it.</summary>
    Sign = 2,

    /// <summary>Record a scheduled review (<see cref="AgreementReviewed"/>).</summary>
    Review = 3,

    /// <summary>Terminate the agreement (<see cref="AgreementTerminated"/>).</summary>
    Terminate = 4,
}

/// <summary>
/// The agreement lifecycle as one table (<see cref="Table"/>); <see cref="ServiceLevelAgreement"/>'s guards and
/// <see cref="ServiceLevelAgreement.Restore"/>'s replay both read it.
/// </summary>
/// <remarks>
/// <para>
/// Draft: submit (-> UnderReview). UnderReview: sign for one side (stays UnderReview) or for the second side (-> Signed).
/// Signed: draft a new version (-> Draft; the signed version is frozen and stays in force). Draft, UnderReview and Signed:
/// record a review (stays), terminate (-> Terminated, final).
/// </para>
/// <para>Stateless and thread-safe; the table is immutable.</para>
/// </remarks>
public static class AgreementLifecycle
{
    /// <summary>The agreement lifecycle: every row (from, transition, to).</summary>
    public static TransitionTable<AgreementState, AgreementTransition> Table { get; } = new(
    [
        new(AgreementState.Draft, AgreementTransition.Submit, AgreementState.UnderReview),
        new(AgreementState.UnderReview, AgreementTransition.Sign, AgreementState.UnderReview),
        new(AgreementState.UnderReview, AgreementTransition.Sign, AgreementState.Signed),
        new(AgreementState.Signed, AgreementTransition.DraftVersion, AgreementState.Draft),
        new(AgreementState.Draft, AgreementTransition.Review, AgreementState.Draft),
        new(AgreementState.UnderReview, AgreementTransition.Review, AgreementState.UnderReview),
        new(AgreementState.Signed, AgreementTransition.Review, AgreementState.Signed),
        new(AgreementState.Draft, AgreementTransition.Terminate, AgreementState.Terminated),
        new(AgreementState.UnderReview, AgreementTransition.Terminate, AgreementState.Terminated),
        new(AgreementState.Signed, AgreementTransition.Terminate, AgreementState.Terminated),
    ]);

    /// <summary>The transition <paramref name="e"/> records, or null for the first draft (which starts the lifecycle in Draft).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static AgreementTransition? TransitionOf(AgreementEvent e) => Preconditions.CheckNotNull(e) switch
    {
        AgreementVersionDrafted => AgreementTransition.DraftVersion,
        AgreementSubmittedForReview => AgreementTransition.Submit,
        AgreementSigned => AgreementTransition.Sign,
        AgreementReviewed => AgreementTransition.Review,
        AgreementTerminated => AgreementTransition.Terminate,
        _ => null,
    };
}
