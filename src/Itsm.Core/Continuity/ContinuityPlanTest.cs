using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Continuity;

/// <summary>
/// One test of a service's continuity plan: when it ran, how long recovery took, how much data was lost,
/// and the configuration of the service's dependency closure at the time (the baseline a later change is
/// compared with).
/// </summary>
/// <remarks>
/// The test passes when the achieved recovery time is within the RTO and the data loss within the RPO;
/// the RTO gap is the achieved recovery time minus the RTO (negative: to spare). Immutable and thread-safe.
/// </remarks>
public sealed class ContinuityPlanTest
{
    private ContinuityPlanTest(Instant at, Duration achievedRecovery, Duration dataLoss, BusinessImpact impact, ConfigurationState closure)
    {
        At = at;
        AchievedRecovery = achievedRecovery;
        DataLoss = dataLoss;
        Closure = closure;
        RtoGap = achievedRecovery - impact.RecoveryTimeObjective;
        Passed = achievedRecovery <= impact.RecoveryTimeObjective && dataLoss <= impact.RecoveryPointObjective;
    }

    /// <summary>When the test ran.</summary>
    public Instant At { get; }

    /// <summary>How long the recovery took.</summary>
    public Duration AchievedRecovery { get; }

    /// <summary>How much data was lost, as time before the simulated disaster.</summary>
    public Duration DataLoss { get; }

    /// <summary>The service's dependency closure as it was when the test ran (<see cref="ContinuityStaleness.ClosureOf"/>).</summary>
    public ConfigurationState Closure { get; }

    /// <summary>Achieved recovery time minus the RTO: positive when recovery took too long.</summary>
    public Duration RtoGap { get; }

    /// <summary>True when recovery met the RTO and data loss the RPO.</summary>
    public bool Passed { get; }

    /// <summary>
    /// Records a test of the plan for <paramref name="impact"/>'s service run at <paramref name="at"/> against the
    /// current configuration <paramref name="configuration"/>. A negative time or loss gives
    /// <c>continuity.test.negative</c>; a service not in the configuration gives <c>cmdb.item.unknown</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Result<ContinuityPlanTest> Record(BusinessImpact impact, Instant at, Duration achievedRecovery, Duration dataLoss, ConfigurationState configuration)
    {
        Preconditions.CheckNotNull(impact);
        Preconditions.CheckNotNull(configuration);
        if (achievedRecovery < Duration.Zero || dataLoss < Duration.Zero)
        {
            return Result<ContinuityPlanTest>.Invalid(Failure.Field(
                achievedRecovery < Duration.Zero ? "achievedRecovery" : "dataLoss", "The achieved recovery time and the data loss cannot be negative.", "continuity.test.negative"));
        }

        var closure = ContinuityStaleness.ClosureOf(configuration, impact.Service);
        return closure.IsSuccess
            ? new ContinuityPlanTest(at, achievedRecovery, dataLoss, impact, closure.Value)
            : closure.AsFailure<ContinuityPlanTest>();
    }

    /// <summary>Returns, for example, <c>test at 2026-03-14T09:00:00Z passed: recovered in 03:10:00 (RTO gap -00:50:00), lost 00:05:00</c>.</summary>
    public override string ToString() => $"test at {At} {(Passed ? "passed" : "failed")}: recovered in {AchievedRecovery} (RTO gap {RtoGap}), lost {DataLoss}";
}
