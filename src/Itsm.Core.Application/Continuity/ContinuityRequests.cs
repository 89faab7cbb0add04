using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Continuity;
using NodaTime;

namespace Itsm.Core.Application.Continuity;

/// <summary>
/// Defines the business impact of a service (MTD, RTO, RPO), opening its continuity record at version 1, or revises it.
/// NotFound (<c>cmdb.item.unknown</c>) for a service the CMDB does not have; Invalid as <see cref="BusinessImpact.Create"/>.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Service">The service.</param>
/// <param name="MaximumTolerableDowntime">The longest outage the business can survive.</param>
/// <param name="RecoveryTimeObjective">The RTO.</param>
/// <param name="RecoveryPointObjective">The RPO.</param>
public sealed record DefineBusinessImpact(RequestContext Context, ConfigurationItemId Service, Duration MaximumTolerableDowntime, Duration RecoveryTimeObjective, Duration RecoveryPointObjective)
    : ICommand<Result<Versioned<ContinuityPlan>>>
{
    /// <summary>When set, the command fails with Conflict (<c>continuity.version-conflict</c>) unless the stored record is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>
/// Defines (or replaces) the continuity plan of a service whose business impact is defined: its recovery steps in order and the
/// configuration items it covers. NotFound (<c>continuity.not-found</c>) before the business impact is defined; (<c>cmdb.item.unknown</c>)
/// for a covered item the CMDB does not have; Invalid as <see cref="ContinuityPlan.DefinePlan"/>.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Service">The service.</param>
/// <param name="RecoverySteps">The recovery steps, in order.</param>
/// <param name="CoveredItems">The configuration items the plan recovers.</param>
public sealed record DefineContinuityPlan(RequestContext Context, ConfigurationItemId Service, IReadOnlyList<string> RecoverySteps, IReadOnlyList<ConfigurationItemId> CoveredItems)
    : ICommand<Result<Versioned<ContinuityPlan>>>
{
    /// <summary>When set, the command fails with Conflict (<c>continuity.version-conflict</c>) unless the stored record is at this version.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Records a test of a service's continuity plan that ran at <paramref name="TestedAt"/>: passed when recovery met the RTO and data loss
/// the RPO; the service's dependency closure in the CMDB now is kept as the test's baseline. NotFound (<c>continuity.not-found</c>) for a
/// service without a continuity record; Conflict (<c>continuity.plan.undefined</c>) before its plan is defined; Invalid as
/// <see cref="ContinuityPlan.RecordTest"/>.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Service">The service.</param>
/// <param name="TestedAt">When the test ran.</param>
/// <param name="AchievedRecovery">How long recovery took.</param>
/// <param name="DataLoss">How much data was lost, as time before the simulated disaster.</param>
public sealed record RecordPlanTest(RequestContext Context, ConfigurationItemId Service, Instant TestedAt, Duration AchievedRecovery, Duration DataLoss)
    : ICommand<Result<Versioned<ContinuityPlan>>>
{
    /// <summary>When set, the command fails with Conflict (<c>continuity.version-conflict</c>) unless the stored record is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>One service's continuity record with its version; NotFound (<c>continuity.not-found</c>) when it has none.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The service.</param>
public sealed record GetContinuityPlan(RequestContext Context, ConfigurationItemId Service) : IQuery<Result<Versioned<ContinuityPlan>>>;

/// <summary>
/// Every service with a continuity record whose plan is stale or untested now (<see cref="ContinuityPlan.Assess"/> against the CMDB's
/// current configuration), with why and the items of the dependency closure that changed since the last passed test; ordered by
/// service. A service the CMDB no longer has is reported stale with that reason. Invalid (<c>continuity.interval.invalid</c>) for a
/// test interval that is not positive.
/// </summary>
/// <param name="Context">Who asks.</param>
public sealed record ListStaleContinuityPlans(RequestContext Context) : IQuery<Result<IReadOnlyList<ContinuityPlanVerdict>>>
{
    /// <summary>The default longest interval since the last passed test: 365 days.</summary>
    public static Duration DefaultTestInterval { get; } = Duration.FromDays(365);

    /// <summary>The longest interval the policy allows since the last passed test; 365 days unless set.</summary>
    public Duration TestInterval { get; init; } = DefaultTestInterval;
}
