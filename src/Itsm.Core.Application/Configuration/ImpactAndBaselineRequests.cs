using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Configuration;

/// <summary>Analyses the impact of the given items failing together, over the tenant's cached snapshot.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Failed">The failed or planned-down items (at least one).</param>
/// <param name="Policy">Whether items in maintenance take part.</param>
public sealed record AnalyseImpact(RequestContext Context, IReadOnlyList<ConfigurationItemId> Failed, MaintenancePolicy Policy = MaintenancePolicy.Propagate) : IQuery<Result<ImpactResult>>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Captures a named baseline of the whole current configuration.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Name">The baseline's name.</param>
public sealed record CaptureBaseline(RequestContext Context, string Name) : ICommand<Result<BaselineId>>;

/// <summary>Compares a baseline with the current configuration, or with another baseline.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Baseline">The older side.</param>
/// <param name="Other">The newer side, or null for the current configuration.</param>
public sealed record CompareBaseline(RequestContext Context, BaselineId Baseline, BaselineId? Other = null) : IQuery<Result<ConfigurationDiff>>;

/// <summary>Audits the current configuration against a baseline: every difference matched to an authorised change, the rest unauthorised.</summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Baseline">The baseline; the audited period runs from its capture to now.</param>
public sealed record AuditConfiguration(RequestContext Context, BaselineId Baseline) : IQuery<Result<ConfigurationAudit>>;

internal sealed class AnalyseImpactValidator : IRequestValidator<AnalyseImpact>
{
    public IEnumerable<ValidationError> Validate(AnalyseImpact request)
    {
        if (request.Failed is null || request.Failed.Count == 0)
        {
            yield return Failure.Field(nameof(request.Failed), "Name at least one failed configuration item.", "cmdb.impact.no-failure");
        }
    }
}

internal sealed class CaptureBaselineValidator : IRequestValidator<CaptureBaseline>
{
    public IEnumerable<ValidationError> Validate(CaptureBaseline request)
    {
        if (NameRules.Problem(request.Name) is { } problem)
        {
            yield return Failure.Field(nameof(request.Name), $"A baseline name {problem}", "cmdb.baseline.name");
        }
    }
}

internal sealed class AnalyseImpactHandler(ICmdbSnapshotProvider snapshots) : IRequestHandler<AnalyseImpact, Result<ImpactResult>>
{
    public async Task<Result<ImpactResult>> Handle(AnalyseImpact request, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false);
        return snapshot.IsSuccess ? ImpactAnalysis.Analyse(snapshot.Value, request.Failed, request.Policy) : snapshot.AsFailure<ImpactResult>();
    }
}

/// <summary>Reads the tenant's whole current configuration as a <see cref="ConfigurationState"/>.</summary>
internal static class CurrentConfiguration
{
    public static async Task<Result<ConfigurationState>> ReadAsync(
        TenantId tenant, IConfigurationItemRepository items, IRelationshipRepository relationships, CancellationToken cancellationToken)
    {
        var all = await items.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        var edges = await relationships.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        return ConfigurationState.Create(all.Select(i => i.Record), edges);
    }
}

internal sealed class CaptureBaselineHandler(IConfigurationItemRepository items, IRelationshipRepository relationships, IBaselineRepository baselines, IClock clock)
    : IRequestHandler<CaptureBaseline, Result<BaselineId>>
{
    public async Task<Result<BaselineId>> Handle(CaptureBaseline request, CancellationToken cancellationToken)
    {
        var state = await CurrentConfiguration.ReadAsync(request.Context.Tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        if (!state.IsSuccess)
        {
            return state.AsFailure<BaselineId>();
        }

        var baseline = ConfigurationBaseline.Capture(BaselineId.New(), request.Name, clock.GetCurrentInstant(), request.Context.Actor, state.Value);
        if (!baseline.IsSuccess)
        {
            return baseline.AsFailure<BaselineId>();
        }

        var saved = await baselines.AddAsync(request.Context.Tenant, baseline.Value, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? baseline.Value.Id : saved.AsFailure<BaselineId>();
    }
}

internal sealed class CompareBaselineHandler(IConfigurationItemRepository items, IRelationshipRepository relationships, IBaselineRepository baselines)
    : IRequestHandler<CompareBaseline, Result<ConfigurationDiff>>
{
    public async Task<Result<ConfigurationDiff>> Handle(CompareBaseline request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var baseline = await baselines.GetAsync(tenant, request.Baseline, cancellationToken).ConfigureAwait(false);
        if (baseline is null)
        {
            return Failure.NotFound<ConfigurationDiff>($"Baseline '{request.Baseline}' does not exist.", "cmdb.baseline.unknown");
        }

        ConfigurationState other;
        if (request.Other is { } otherId)
        {
            var stored = await baselines.GetAsync(tenant, otherId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return Failure.NotFound<ConfigurationDiff>($"Baseline '{otherId}' does not exist.", "cmdb.baseline.unknown");
            }

            other = stored.Record.State;
        }
        else
        {
            var current = await CurrentConfiguration.ReadAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
            if (!current.IsSuccess)
            {
                return current.AsFailure<ConfigurationDiff>();
            }

            other = current.Value;
        }

        return baseline.Record.CompareWith(other);
    }
}

internal sealed class AuditConfigurationHandler(
    IConfigurationItemRepository items, IRelationshipRepository relationships, IBaselineRepository baselines, IAuthorisedChangeSource changes, IClock clock)
    : IRequestHandler<AuditConfiguration, Result<ConfigurationAudit>>
{
    public async Task<Result<ConfigurationAudit>> Handle(AuditConfiguration request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var baseline = await baselines.GetAsync(tenant, request.Baseline, cancellationToken).ConfigureAwait(false);
        if (baseline is null)
        {
            return Failure.NotFound<ConfigurationAudit>($"Baseline '{request.Baseline}' does not exist.", "cmdb.baseline.unknown");
        }

        var current = await CurrentConfiguration.ReadAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        if (!current.IsSuccess)
        {
            return current.AsFailure<ConfigurationAudit>();
        }

        var diff = baseline.Record.CompareWith(current.Value);
        var touched = diff.AddedItems.Select(i => i.Id)
            .Concat(diff.RemovedItems.Select(i => i.Id))
            .Concat(diff.ModifiedItems.Select(m => m.Id))
            .Concat(diff.AddedRelationships.Concat(diff.RemovedRelationships).SelectMany(r => new[] { r.Source, r.Target }))
            .ToHashSet();
        var from = baseline.Record.CapturedAt;
        var to = Instant.Max(from, clock.GetCurrentInstant());
        var authorised = await changes.ImplementedChangesAsync(tenant, touched, from, to, cancellationToken).ConfigureAwait(false);
        return ConfigurationAudit.Perform(diff, from, to, authorised);
    }
}
