using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Continuity;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Continuity;

/// <summary>How continuity records are named in answers, and the shape every command on one shares.</summary>
internal static class ContinuityRecord
{
    internal static readonly AggregateKind Kind = new AggregateKind("The continuity record of service").NotFoundAs("continuity.not-found").StaleAs("continuity.version-conflict");

    internal static Task<Result<Versioned<ContinuityPlan>>> ApplyAsync(
        IContinuityPlanRepository plans, RequestContext context, ConfigurationItemId service, long? expectedVersion, Func<ContinuityPlan, Result> action, CancellationToken cancellationToken) =>
        AggregateCommands.ApplyAsync(plans, Kind, context.Tenant, service, expectedVersion, action, cancellationToken);
}

/// <summary>Opens the record with the business impact, or revises the impact of the record there is.</summary>
internal sealed class DefineBusinessImpactHandler(IContinuityPlanRepository plans, IConfigurationItemRepository items, IClock clock)
    : IRequestHandler<DefineBusinessImpact, Result<Versioned<ContinuityPlan>>>
{
    public async Task<Result<Versioned<ContinuityPlan>>> Handle(DefineBusinessImpact request, CancellationToken cancellationToken)
    {
        var (tenant, by, at) = (request.Context.Tenant, request.Context.Actor, clock.GetCurrentInstant());
        if (await KnownItems.FirstUnknownAsync(items, tenant, [request.Service], cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            return unknown.AsFailure<Versioned<ContinuityPlan>>();
        }

        if (await plans.GetAsync(tenant, request.Service, cancellationToken).ConfigureAwait(false) is null && request.ExpectedVersion is null)
        {
            var opened = ContinuityPlan.DefineImpact(request.Service, request.MaximumTolerableDowntime, request.RecoveryTimeObjective, request.RecoveryPointObjective, by, at);
            return await AggregateCommands.AddAsync(plans, tenant, opened, cancellationToken).ConfigureAwait(false);
        }

        return await ContinuityRecord.ApplyAsync(
            plans, request.Context, request.Service, request.ExpectedVersion, p => p.ReviseImpact(request.MaximumTolerableDowntime, request.RecoveryTimeObjective, request.RecoveryPointObjective, by, at), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class DefineContinuityPlanHandler(IContinuityPlanRepository plans, IConfigurationItemRepository items, IClock clock)
    : IRequestHandler<DefineContinuityPlan, Result<Versioned<ContinuityPlan>>>
{
    public async Task<Result<Versioned<ContinuityPlan>>> Handle(DefineContinuityPlan request, CancellationToken cancellationToken) =>
        await KnownItems.FirstUnknownAsync(items, request.Context.Tenant, request.CoveredItems.Where(i => i.Value is not null), cancellationToken).ConfigureAwait(false) is { } unknown
            ? unknown.AsFailure<Versioned<ContinuityPlan>>()
            : await ContinuityRecord.ApplyAsync(plans, request.Context, request.Service, request.ExpectedVersion, p => p.DefinePlan(request.RecoverySteps, request.CoveredItems, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
}

/// <summary>Reads the CMDB's current configuration and lets the record keep the test with the service's closure in it.</summary>
internal sealed class RecordPlanTestHandler(IContinuityPlanRepository plans, IConfigurationItemRepository items, IRelationshipRepository relationships, IClock clock)
    : IRequestHandler<RecordPlanTest, Result<Versioned<ContinuityPlan>>>
{
    public async Task<Result<Versioned<ContinuityPlan>>> Handle(RecordPlanTest request, CancellationToken cancellationToken)
    {
        var configuration = await CurrentConfiguration.ReadAsync(request.Context.Tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        return configuration.IsSuccess
            ? await ContinuityRecord.ApplyAsync(
                plans,
                request.Context,
                request.Service,
                request.ExpectedVersion,
                p => p.RecordTest(request.TestedAt, request.AchievedRecovery, request.DataLoss, configuration.Value, request.Context.Actor, clock.GetCurrentInstant()),
                cancellationToken).ConfigureAwait(false)
            : configuration.AsFailure<Versioned<ContinuityPlan>>();
    }
}

internal sealed class GetContinuityPlanHandler(IContinuityPlanRepository plans) : IRequestHandler<GetContinuityPlan, Result<Versioned<ContinuityPlan>>>
{
    public async Task<Result<Versioned<ContinuityPlan>>> Handle(GetContinuityPlan request, CancellationToken cancellationToken) =>
        await plans.GetAsync(request.Context.Tenant, request.Service, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : ContinuityRecord.Kind.NotFound<Versioned<ContinuityPlan>>(request.Service);
}

/// <summary>Assesses every record against the current configuration, read once, and keeps those not current.</summary>
internal sealed class ListStaleContinuityPlansHandler(IContinuityPlanRepository plans, IConfigurationItemRepository items, IRelationshipRepository relationships, IClock clock)
    : IRequestHandler<ListStaleContinuityPlans, Result<IReadOnlyList<ContinuityPlanVerdict>>>
{
    public async Task<Result<IReadOnlyList<ContinuityPlanVerdict>>> Handle(ListStaleContinuityPlans request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var configuration = await CurrentConfiguration.ReadAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        if (!configuration.IsSuccess)
        {
            return configuration.AsFailure<IReadOnlyList<ContinuityPlanVerdict>>();
        }

        var now = clock.GetCurrentInstant();
        var verdicts = new List<ContinuityPlanVerdict>();
        foreach (var stored in await plans.ListAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            var plan = stored.Record;
            var verdict = plan.Assess(configuration.Value, now, request.TestInterval);
            if (!verdict.IsSuccess && verdict.Status != ResultStatus.NotFound)
            {
                return verdict.AsFailure<IReadOnlyList<ContinuityPlanVerdict>>();
            }

            var answer = verdict.IsSuccess ? verdict.Value : Gone(plan);
            if (answer.Status != ContinuityPlanStatus.Current)
            {
                verdicts.Add(answer);
            }
        }

        return verdicts;
    }

    /// <summary>The verdict on a plan whose service has left the CMDB (retired or removed): stale, its last closure changed entirely.</summary>
    private static ContinuityPlanVerdict Gone(ContinuityPlan plan) =>
        new(
            plan.Service,
            plan.LastPassedTest is null ? ContinuityPlanStatus.Untested : ContinuityPlanStatus.Stale,
            plan.LastPassedTest?.At,
            plan.LastPassedTest is { } last ? [.. last.Closure.Items.Keys] : [],
            [$"the service '{plan.Service}' is no longer in the CMDB (retired or removed)"]);
}
