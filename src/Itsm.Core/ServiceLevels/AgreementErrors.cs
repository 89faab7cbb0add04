namespace Itsm.Core.ServiceLevels;

/// <summary>The stable error codes of service level agreements; every one is listed in <c>docs/errors.md</c>.</summary>
public static class AgreementErrors
{
    /// <summary>An action the agreement's current state does not allow.</summary>
    public const string IllegalTransition = "agreement.illegal-transition";

    /// <summary>An action at an instant before the agreement's latest record.</summary>
    public const string TimeOrder = "agreement.time-order";

    /// <summary>An unassigned identifier, customer, zone, policy or acting user.</summary>
    public const string Identifier = "agreement.identifier";

    /// <summary>Terms without a title or services, with a service or offering twice, or with a review interval out of range.</summary>
    public const string Terms = "agreement.terms";

    /// <summary>A version effective no later than the version before it, or before it is signed.</summary>
    public const string EffectiveDate = "agreement.effective-date";

    /// <summary>A second signature of one side on one version.</summary>
    public const string AlreadySigned = "agreement.signature.signed";

    /// <summary>One person signing for both sides.</summary>
    public const string SameSigner = "agreement.signature.same-signer";

    /// <summary>A review of an agreement with no signed version, or without notes.</summary>
    public const string Review = "agreement.review";

    /// <summary>A termination without a reason.</summary>
    public const string Reason = "agreement.reason";

    /// <summary>An unknown re-target policy name.</summary>
    public const string RetargetPolicyUnknown = "agreement.retarget-policy.unknown";

    /// <summary>A stored agreement whose history or state the lifecycle does not allow (<see cref="ServiceLevelAgreement.Restore"/>).</summary>
    public const string History = "agreement.history";
}
