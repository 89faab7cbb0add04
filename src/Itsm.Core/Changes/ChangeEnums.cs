namespace Itsm.Core.Changes;

/// <summary>
/// How a change is authorised, in ISO/IEC 20000 and ITIL terms.
/// </summary>
/// <remarks><c>default</c> is <see cref="Standard"/>.</remarks>
public enum ChangeType
{
    /// <summary>A low-risk change from the catalogue of pre-approved templates; needs no approval while assessed low.</summary>
    Standard = 0,

    /// <summary>A change that is assessed and then approved by the authority its risk requires.</summary>
    Normal = 1,

    /// <summary>An expedited change: needs emergency authority and always gets a post-implementation review.</summary>
    Emergency = 2,
}

/// <summary>
/// Where a change request is in its lifecycle: Draft, Submitted, Assessed, Approved or Rejected,
/// Scheduled, Implementing, Implemented or Failed, Reviewed, Closed.
/// </summary>
/// <remarks><c>default</c> is <see cref="Draft"/>.</remarks>
public enum ChangeStatus
{
    /// <summary>Raised and still being written; nothing is committed yet.</summary>
    Draft = 0,

    /// <summary>Handed in for assessment.</summary>
    Submitted = 1,

    /// <summary>Risk assessed; waiting for the approvals the assessment requires.</summary>
    Assessed = 2,

    /// <summary>Authorised by the required authority (or pre-approved as a standard change).</summary>
    Approved = 3,

    /// <summary>Refused by an authorised approver. Only closing remains.</summary>
    Rejected = 4,

    /// <summary>Approved and booked into its planned window on the change calendar.</summary>
    Scheduled = 5,

    /// <summary>Being carried out.</summary>
    Implementing = 6,

    /// <summary>Carried out successfully.</summary>
    Implemented = 7,

    /// <summary>Carried out unsuccessfully; the remediation (backed out or fixed forward) is recorded.</summary>
    Failed = 8,

    /// <summary>Post-implementation review done.</summary>
    Reviewed = 9,

    /// <summary>Finished; no further transitions.</summary>
    Closed = 10,
}

/// <summary>What was done when a change failed.</summary>
/// <remarks><c>default</c> is <see cref="BackedOut"/>.</remarks>
public enum FailureRemediation
{
    /// <summary>The backout plan restored the previous state; the configuration is as before the change.</summary>
    BackedOut = 0,

    /// <summary>The change stayed in and was repaired by a further fix; the configuration did change.</summary>
    FixedForward = 1,
}

/// <summary>
/// Authorities a person may hold to approve changes. A flags value: one person may hold several.
/// </summary>
/// <remarks><c>default</c> is <see cref="None"/>: no authority at all.</remarks>
[Flags]
public enum ChangeAuthority
{
    /// <summary>No authority to approve changes.</summary>
    None = 0,

    /// <summary>The change manager, who approves low and medium risk normal changes.</summary>
    ChangeManager = 1,

    /// <summary>A member of the change advisory board (CAB), whose quorum approves high and critical risk changes.</summary>
    ChangeAdvisoryBoard = 2,

    /// <summary>Emergency authority (an emergency CAB member), required for every emergency change.</summary>
    EmergencyAuthority = 4,
}

/// <summary>Ordered risk classes; a larger value is a riskier change.</summary>
/// <remarks><c>default</c> is <see cref="Low"/>. The same four steps grade the impact and likelihood axes of a <see cref="RiskModel"/>.</remarks>
public enum RiskClass
{
    /// <summary>Low risk.</summary>
    Low = 0,

    /// <summary>Medium risk.</summary>
    Medium = 1,

    /// <summary>High risk.</summary>
    High = 2,

    /// <summary>Critical risk.</summary>
    Critical = 3,
}

/// <summary>Business criticality of a service, as the CMDB records it.</summary>
/// <remarks><c>default</c> is <see cref="Low"/>.</remarks>
public enum ServiceCriticality
{
    /// <summary>Low criticality.</summary>
    Low = 0,

    /// <summary>Medium criticality.</summary>
    Medium = 1,

    /// <summary>High criticality.</summary>
    High = 2,

    /// <summary>Mission-critical.</summary>
    Critical = 3,
}

/// <summary>What a change does to a service while it is carried out.</summary>
/// <remarks><c>default</c> is <see cref="Degraded"/>.</remarks>
public enum ServiceEffect
{
    /// <summary>The service keeps running with reduced capacity or resilience.</summary>
    Degraded = 0,

    /// <summary>The service is unavailable.</summary>
    Down = 1,
}

/// <summary>Which axis of a risk model a factor contributes to.</summary>
/// <remarks><c>default</c> is <see cref="Impact"/>.</remarks>
public enum RiskAxis
{
    /// <summary>How much goes wrong if the change goes wrong.</summary>
    Impact = 0,

    /// <summary>How likely the change is to go wrong.</summary>
    Likelihood = 1,
}
