using Itsm.Core.Common;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// Which version of an agreement a running SLA clock is measured against when a new version comes into force while it runs:
/// <see cref="KeepStartingVersion"/> (the default: the targets of the version in force when the clock started) or
/// <see cref="Retarget"/> (the targets of the version in force at each instant). A named value, stored by its
/// <see cref="Name"/> with the agreement, for the clocks to read (<see cref="ServiceLevelAgreement.VersionFor"/>).
/// </summary>
/// <remarks>Immutable and thread-safe; compare by reference or <see cref="Name"/>.</remarks>
public sealed class AgreementRetargetPolicy
{
    private AgreementRetargetPolicy(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>A clock keeps the targets of the version in force when it started (the default).</summary>
    public static AgreementRetargetPolicy KeepStartingVersion { get; } = new("keep-starting-version", "a clock keeps the targets of the version in force when it started");

    /// <summary>A clock is re-targeted to the version in force at each instant.</summary>
    public static AgreementRetargetPolicy Retarget { get; } = new("retarget", "a clock follows the targets of the version in force at each instant");

    /// <summary>The standard policies.</summary>
    public static IReadOnlyList<AgreementRetargetPolicy> All { get; } = [KeepStartingVersion, Retarget];

    /// <summary>The policy's stable name: <c>keep-starting-version</c> or <c>retarget</c>.</summary>
    public string Name { get; }

    /// <summary>A sentence describing the policy, for explanations.</summary>
    public string Description { get; }

    /// <summary>Finds a policy by its <see cref="Name"/>; Invalid (<c>agreement.retarget-policy.unknown</c>) naming <paramref name="field"/> when unknown.</summary>
    public static Result<AgreementRetargetPolicy> FromName(string? name, string field = "RetargetPolicy") =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal)) is { } policy
            ? policy
            : Result<AgreementRetargetPolicy>.Invalid(Failure.Field(field, $"Unknown agreement re-target policy '{name}'; use one of {string.Join(", ", All.Select(p => p.Name))}.", AgreementErrors.RetargetPolicyUnknown));

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
