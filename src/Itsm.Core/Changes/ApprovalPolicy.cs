using Itsm.Core.Common;

namespace Itsm.Core.Changes;

/// <summary>The approval a change needs: which authority, and how many distinct approvers holding it.</summary>
/// <remarks>Immutable and thread-safe. A requirement with <see cref="Quorum"/> 0 is pre-approval (a standard change).</remarks>
public sealed record ApprovalRequirement
{
    /// <summary>Pre-approved: a standard change from the catalogue, assessed low.</summary>
    public static readonly ApprovalRequirement PreApproved = new(ChangeAuthority.None, 0, "pre-approved standard change");

    /// <summary>Creates a requirement.</summary>
    /// <param name="authority">The single authority each approver must hold (<see cref="ChangeAuthority.None"/> only with quorum 0).</param>
    /// <param name="quorum">How many distinct approvers are needed.</param>
    /// <param name="description">How a person would name it, for explanations.</param>
    /// <exception cref="ArgumentException">The authority is not a single flag, or does not match the quorum.</exception>
    public ApprovalRequirement(ChangeAuthority authority, int quorum, string description)
    {
        Preconditions.CheckNonNegative(quorum);
        Preconditions.CheckNotNull(description);
        Preconditions.CheckArgument(
            quorum == 0 ? authority == ChangeAuthority.None : authority is ChangeAuthority.ChangeManager or ChangeAuthority.ChangeAdvisoryBoard or ChangeAuthority.EmergencyAuthority,
            nameof(authority),
            $"An approval requirement names exactly one authority when it needs approvers, and none when it needs none (was {authority} with quorum {quorum}).");
        Authority = authority;
        Quorum = quorum;
        Description = description;
    }

    /// <summary>The authority each approver must hold.</summary>
    public ChangeAuthority Authority { get; }

    /// <summary>How many distinct approvers are needed.</summary>
    public int Quorum { get; }

    /// <summary>How a person would name the requirement.</summary>
    public string Description { get; }

    /// <summary>True when no approver is needed.</summary>
    public bool IsPreApproved => Quorum == 0;

    /// <summary>Returns the description.</summary>
    public override string ToString() => Description;
}

/// <summary>
/// Who must approve a change of a given type and risk class. A named, replaceable policy.
/// </summary>
/// <remarks>
/// <para>
/// Default (<see cref="Default"/>): a standard change assessed low is pre-approved; a normal
/// change of low or medium risk needs the change manager; high or critical risk needs a CAB
/// quorum (<see cref="CabQuorum"/>, default 3 members); an emergency change needs
/// <see cref="EmergencyQuorum"/> holders of emergency authority (default 1) whatever its risk.
/// The requester never counts as an approver (segregation of duties); that rule is enforced by
/// <see cref="ChangeRequest"/> and cannot be configured away.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ApprovalPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="cabQuorum">CAB members needed for high and critical risk. At least 1.</param>
    /// <param name="emergencyQuorum">Holders of emergency authority needed for an emergency change. At least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A quorum is below 1 or above 100.</exception>
    public ApprovalPolicy(int cabQuorum = 3, int emergencyQuorum = 1)
    {
        Preconditions.CheckArgumentRange(cabQuorum, 1, 100);
        Preconditions.CheckArgumentRange(emergencyQuorum, 1, 100);
        CabQuorum = cabQuorum;
        EmergencyQuorum = emergencyQuorum;
    }

    /// <summary>The default policy: CAB quorum 3, emergency quorum 1.</summary>
    public static ApprovalPolicy Default { get; } = new();

    /// <summary>CAB members needed for high and critical risk.</summary>
    public int CabQuorum { get; }

    /// <summary>Holders of emergency authority needed for an emergency change.</summary>
    public int EmergencyQuorum { get; }

    /// <summary>The approval a change of <paramref name="type"/> assessed as <paramref name="risk"/> needs.</summary>
    public ApprovalRequirement RequirementFor(ChangeType type, RiskClass risk) => (type, risk) switch
    {
        (ChangeType.Emergency, _) => new ApprovalRequirement(ChangeAuthority.EmergencyAuthority, EmergencyQuorum, $"emergency authority ({EmergencyQuorum} approver(s))"),
        (ChangeType.Standard, RiskClass.Low) => ApprovalRequirement.PreApproved,
        (_, RiskClass.Low or RiskClass.Medium) => new ApprovalRequirement(ChangeAuthority.ChangeManager, 1, "change manager"),
        _ => new ApprovalRequirement(ChangeAuthority.ChangeAdvisoryBoard, CabQuorum, $"change advisory board quorum of {CabQuorum}"),
    };

    /// <summary>Returns the quorums, for diagnostics.</summary>
    public override string ToString() => $"CAB quorum {CabQuorum}, emergency quorum {EmergencyQuorum}";
}
