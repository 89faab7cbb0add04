using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Continuity;

/// <summary>
/// The business impact analysis of a service: how long the business can tolerate it being down
/// (maximum tolerable downtime), how soon it must be recovered (recovery time objective, RTO) and how
/// much data may be lost (recovery point objective, RPO, as a span of time before the failure).
/// </summary>
/// <remarks>
/// Valid by construction (<see cref="Create"/>): every span is non-negative and the RTO does not exceed
/// the maximum tolerable downtime. Immutable and thread-safe; a class, so there is no <c>default</c>.
/// </remarks>
public sealed class BusinessImpact
{
    private BusinessImpact(ConfigurationItemId service, Duration maximumTolerableDowntime, Duration recoveryTimeObjective, Duration recoveryPointObjective)
    {
        Service = service;
        MaximumTolerableDowntime = maximumTolerableDowntime;
        RecoveryTimeObjective = recoveryTimeObjective;
        RecoveryPointObjective = recoveryPointObjective;
    }

    /// <summary>The service.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The longest outage the business can survive.</summary>
    public Duration MaximumTolerableDowntime { get; }

    /// <summary>The RTO: the service must be back within this time of a disaster.</summary>
    public Duration RecoveryTimeObjective { get; }

    /// <summary>The RPO: at most this much data (as time before the disaster) may be lost.</summary>
    public Duration RecoveryPointObjective { get; }

    /// <summary>
    /// The business impact of <paramref name="service"/>. A negative span gives <see cref="ResultStatus.Invalid"/>
    /// with <c>continuity.impact.negative</c>; an RTO above the maximum tolerable downtime <c>continuity.impact.rto-above-mtd</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="service"/> is <c>default</c>.</exception>
    public static Result<BusinessImpact> Create(ConfigurationItemId service, Duration maximumTolerableDowntime, Duration recoveryTimeObjective, Duration recoveryPointObjective)
    {
        Preconditions.CheckArgument(service.Value is not null, nameof(service), "The service must be assigned.");
        foreach (var (name, span) in new[] { ("maximumTolerableDowntime", maximumTolerableDowntime), ("recoveryTimeObjective", recoveryTimeObjective), ("recoveryPointObjective", recoveryPointObjective) })
        {
            if (span < Duration.Zero)
            {
                return Result<BusinessImpact>.Invalid(Failure.Field(name, $"The {name} of '{service}' is {span}, which is negative.", "continuity.impact.negative"));
            }
        }

        if (recoveryTimeObjective > maximumTolerableDowntime)
        {
            return Result<BusinessImpact>.Invalid(Failure.Field(
                "recoveryTimeObjective",
                $"The RTO {recoveryTimeObjective} of '{service}' exceeds its maximum tolerable downtime {maximumTolerableDowntime}: recovering that late would already be too late.",
                "continuity.impact.rto-above-mtd"));
        }

        return new BusinessImpact(service, maximumTolerableDowntime, recoveryTimeObjective, recoveryPointObjective);
    }

    /// <summary>Returns, for example, <c>payroll: MTD 1:00:00:00, RTO 0:04:00:00, RPO 0:00:15:00</c>.</summary>
    public override string ToString() => $"{Service}: MTD {MaximumTolerableDowntime}, RTO {RecoveryTimeObjective}, RPO {RecoveryPointObjective}";
}
