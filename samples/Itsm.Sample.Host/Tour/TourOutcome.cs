namespace Itsm.Sample.Host.Tour;

/// <summary>
/// What the guided tour demonstrated, read from the library's answers (never from the tour's own
/// script), so a test can hold the tour to its story.
/// </summary>
/// <remarks>Immutable data; <c>new TourOutcome()</c> is the outcome of a tour that showed nothing.</remarks>
internal sealed record TourOutcome
{
    /// <summary>Losing one of the three cluster nodes left the cluster degraded (not down).</summary>
    public bool ClusterDegradedByOneNode { get; init; }

    /// <summary>Losing two of the three nodes (the rule needs two up) took the cluster down.</summary>
    public bool ClusterDownByTwoNodes { get; init; }

    /// <summary>How many business services a core switch failure took down.</summary>
    public int ServicesDownBySwitch { get; init; }

    /// <summary>A VIP caller got a higher priority than an ordinary caller with the same impact and urgency.</summary>
    public bool VipRaisedPriority { get; init; }

    /// <summary>The incident declared major came out as P1, the top priority.</summary>
    public bool MajorIncidentIsP1 { get; init; }

    /// <summary>At least one SLA clock breached.</summary>
    public bool BreachHappened { get; init; }

    /// <summary>The requester was refused as approver of their own change (segregation of duties).</summary>
    public bool SelfApprovalRefused { get; init; }

    /// <summary>The change inside the blackout window was assessed a higher risk class than the same change outside it.</summary>
    public bool BlackoutRaisedRisk { get; init; }

    /// <summary>The configuration audit reported the change nobody authorised.</summary>
    public bool UnauthorisedChangeFound { get; init; }

    /// <summary>The configuration audit explained the authorised change by its change record.</summary>
    public bool AuthorisedChangeExplained { get; init; }

    /// <summary>How many incidents the tour opened.</summary>
    public int OpenedIncidents { get; init; }

    /// <summary>How many incidents the month's service reports counted, over all services.</summary>
    public int ReportedIncidents { get; init; }

    /// <summary>The item the problem candidate's incidents share, or null when none was found.</summary>
    public string? CandidateSharedItem { get; init; }

    /// <summary>How many incidents the problem candidate grouped.</summary>
    public int CandidateIncidents { get; init; }

    /// <summary>How many incidents the first workaround push reached.</summary>
    public int WorkaroundReached { get; init; }

    /// <summary>How many incidents a second push of the same workaround reached (none: it is idempotent).</summary>
    public int SecondPushReached { get; init; }

    /// <summary>Payroll's availability in March (<c>GetAvailability</c>), or null without agreed time.</summary>
    public double? PayrollAvailability { get; init; }

    /// <summary>Payroll's availability in its March service report (<c>GetServiceReport</c>), or null without figures.</summary>
    public double? ReportedPayrollAvailability { get; init; }

    /// <summary>Payroll's planned time in March.</summary>
    public NodaTime.Duration PayrollPlanned { get; init; }

    /// <summary>Payroll's downtime in March.</summary>
    public NodaTime.Duration PayrollDown { get; init; }

    /// <summary>Payroll's degraded time in March.</summary>
    public NodaTime.Duration PayrollDegraded { get; init; }

    /// <summary>Payroll's outages in March.</summary>
    public int PayrollOutages { get; init; }

    /// <summary>Whether payroll met its availability target, or null without one.</summary>
    public bool? AvailabilityTargetMet { get; init; }

    /// <summary>Whether payroll's continuity plan test passed.</summary>
    public bool PlanTestPassed { get; init; }

    /// <summary>The items the stale-plans query named for payroll's plan; empty when it was current.</summary>
    public IReadOnlyList<string> StalePlanChangedItems { get; init; } = [];

    /// <summary>The London date the storage array's forecast reaches 90 %, or null without an estimate.</summary>
    public NodaTime.LocalDate? StorageFullBy { get; init; }

    /// <summary>Payroll's state with the storage array saturated when the capacity risk lists the array, else null.</summary>
    public Itsm.Core.Configuration.ImpactState? StorageRiskTakesPayroll { get; init; }

    /// <summary>Whether the storage vendor's first contract underpinned payroll's P2 target over March and April (<c>CheckUnderpinning</c>), or null when not checked.</summary>
    public bool? StorageContractUnderpins { get; init; }

    /// <summary>The first start at which the first contract failed to underpin the target, or null when it did not fail.</summary>
    public NodaTime.Instant? StorageContractFirstFailure { get; init; }

    /// <summary>How many runs of failing starts the check of the first contract reported.</summary>
    public int StorageContractFailingRuns { get; init; }

    /// <summary>Whether the revised contract underpinned the same target over the same period, or null when not checked.</summary>
    public bool? RevisedStorageContractUnderpins { get; init; }

    /// <summary>The criteria (kebab-case names) the transition gate listed as unmet when payroll first tried to go live; empty when not tried.</summary>
    public IReadOnlyList<string> GateRefusedFor { get; init; } = [];

    /// <summary>Payroll went live through the gate after that refusal.</summary>
    public bool PayrollWentLive { get; init; }

    /// <summary>The requester was refused as approver of their own service request (<c>request.approval.self</c>).</summary>
    public bool SelfApprovalOfRequestRefused { get; init; }

    /// <summary>The request's state after its first stage was approved (<c>awaiting-approval</c> while the second is open), or null.</summary>
    public string? RequestStateAfterFirstStage { get; init; }

    /// <summary>The promised delivery instant of the request, or null before approval.</summary>
    public NodaTime.Instant? RequestPromised { get; init; }

    /// <summary>The fulfilment clock's state once every task was done (<c>Met</c>), or null.</summary>
    public string? RequestFulfilment { get; init; }

    /// <summary>The request's final state (<c>closed</c>), or null.</summary>
    public string? RequestFinalState { get; init; }

    /// <summary>The file March's monthly report of payroll was written to as HTML, or null.</summary>
    public string? MarchReportPage { get; init; }
    /// <summary>The criteria the release gate named when the firmware release was planned inside the payroll freeze.</summary>
    public IReadOnlyList<string> ReleaseRefusedCriteria { get; init; } = [];

    /// <summary>The firmware release was accepted once rescheduled to the firmware change's window after the freeze.</summary>
    public bool ReleaseAcceptedForNextWindow { get; init; }

    /// <summary>How many differences against the production before-baseline the bundled change explained.</summary>
    public int ReleaseDeploymentExplained { get; init; }

    /// <summary>The configuration audit against the production before-baseline was clean, each difference explained by the firmware change.</summary>
    public bool ReleaseDeploymentAuditClean { get; init; }

    /// <summary>The second release's rollback was refused while the item still differed, then recorded, and the CMDB diffs empty against its before-baseline.</summary>
    public bool SecondReleaseRollbackVerified { get; init; }
}
