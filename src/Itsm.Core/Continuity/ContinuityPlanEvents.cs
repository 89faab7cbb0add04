using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Continuity;

/// <summary>Something that happened to a service's continuity record (<see cref="ContinuityPlan"/>): one record per accepted change.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
public abstract record ContinuityPlanEvent(Instant At, UserId By);

/// <summary>The service's business impact was defined (the first record) or revised.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
/// <param name="MaximumTolerableDowntime">The longest outage the business can survive.</param>
/// <param name="RecoveryTimeObjective">The RTO.</param>
/// <param name="RecoveryPointObjective">The RPO.</param>
public sealed record BusinessImpactDefined(Instant At, UserId By, Duration MaximumTolerableDowntime, Duration RecoveryTimeObjective, Duration RecoveryPointObjective)
    : ContinuityPlanEvent(At, By);

/// <summary>The continuity plan was defined or revised: its recovery steps, in order, and the configuration items it covers.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
/// <param name="RecoverySteps">The recovery steps, in the order they are carried out; trimmed, never blank.</param>
/// <param name="CoveredItems">The configuration items the plan recovers, distinct and ordered.</param>
public sealed record ContinuityPlanDefined(Instant At, UserId By, ImmutableArray<string> RecoverySteps, ImmutableArray<ConfigurationItemId> CoveredItems)
    : ContinuityPlanEvent(At, By)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>A test of the plan was recorded: when it ran, what it achieved, and the service's dependency closure at the time.</summary>
/// <param name="At">When the test was recorded.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="TestedAt">When the test ran (not after <paramref name="At"/>).</param>
/// <param name="AchievedRecovery">How long recovery took.</param>
/// <param name="DataLoss">How much data was lost, as time before the simulated disaster.</param>
/// <param name="Closure">The service's dependency closure when the test was recorded: the baseline a later change is compared with.</param>
public sealed record ContinuityPlanTested(Instant At, UserId By, Instant TestedAt, Duration AchievedRecovery, Duration DataLoss, ConfigurationState Closure)
    : ContinuityPlanEvent(At, By);
