using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Problems;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using Itsm.Core.Releases;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Releases;

/// <summary>The names and codes every release command answers with.</summary>
internal static class ReleaseKinds
{
    /// <summary>Error code of an unknown release id.</summary>
    public const string NotFoundCode = "release.not-found";

    /// <summary>Error code of a stale expected version.</summary>
    public const string VersionConflictCode = "release.version-conflict";

    public static readonly AggregateKind Release = new AggregateKind("Release").NotFoundAs(NotFoundCode).StaleAs(VersionConflictCode);
}

/// <summary>
/// What the acceptance gate reads besides the release, gathered from the other processes' ports: the bundled changes as stored,
/// the impact sets of the target items, the maintenance and blackout windows of the items and the services they impact, and
/// the published known errors on the target items.
/// </summary>
internal sealed class ReleaseEvidence(IChangeRepository changes, IChangeImpactSource impact, IChangeWindowSource windows, IKnownErrorRepository knownErrors)
{
    private static readonly KnownErrorsByStatus Published = new([KnownErrorStatus.Published]);

    public async Task<AcceptanceEvidence> GatherAsync(TenantId tenant, Release release, IReadOnlyCollection<KnownErrorId> acknowledged, CancellationToken cancellationToken)
    {
        var bundled = await BundledAsync(changes, tenant, release, cancellationToken).ConfigureAwait(false);
        var items = release.Details.AllItems;
        var sets = await impact.ImpactSetsAsync(tenant, items, cancellationToken).ConfigureAwait(false);
        var services = items.Concat(items.SelectMany(sets.Of)).Distinct().ToList();
        var serviceWindows = await windows.GetWindowsAsync(tenant, services, cancellationToken).ConfigureAwait(false);
        var published = await knownErrors.ListAsync(tenant, Published, cancellationToken).ConfigureAwait(false);
        var open = published.Where(k => k.Record.Items.Any(items.Contains)).Select(k => k.Record.Id).ToList();
        return new AcceptanceEvidence(bundled, serviceWindows, sets, open, acknowledged);
    }

    /// <summary>The release's bundled changes as stored now; one the store lacks is left out (the domain names it).</summary>
    public static async Task<IReadOnlyCollection<ChangeRequest>> BundledAsync(IChangeRepository changes, TenantId tenant, Release release, CancellationToken cancellationToken)
    {
        var bundled = new List<ChangeRequest>();
        foreach (var id in release.Changes)
        {
            if (await changes.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false) is { } change)
            {
                bundled.Add(change.Record);
            }
        }

        return bundled;
    }
}

/// <summary>Checks the target items and shipped known errors exist, reads the unit's latest version and lets the domain plan the release.</summary>
internal sealed class PlanReleaseHandler(IReleaseRepository releases, IConfigurationItemRepository items, IKnownErrorRepository knownErrors, IClock clock)
    : IRequestHandler<PlanRelease, Result<Versioned<Release>>>
{
    public async Task<Result<Versioned<Release>>> Handle(PlanRelease request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await KnownItems.FirstUnknownAsync(items, tenant, request.Environments.SelectMany(e => e.Items.IsDefault ? [] : e.Items), cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            return unknown.AsFailure<Versioned<Release>>();
        }

        foreach (var knownError in request.KnownErrors.Distinct())
        {
            if (await knownErrors.GetAsync(tenant, knownError, cancellationToken).ConfigureAwait(false) is null)
            {
                return ProblemKinds.KnownError.NotFound<Versioned<Release>>(knownError);
            }
        }

        var details = new ReleaseDetails(request.Title, request.Unit, request.Version, request.Type, request.Policy, [.. request.Environments], request.RollbackPlan, request.KnownErrors);
        var latest = await releases.LatestVersionAsync(tenant, request.Unit, cancellationToken).ConfigureAwait(false);
        var planned = Release.Plan(ReleaseId.New(), details, latest, request.Context.Actor, clock.GetCurrentInstant());
        return await AggregateCommands.AddAsync(releases, tenant, planned, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// The shape of every command on an existing release: load it in the caller's tenant, check the version the caller saw, make
/// one domain call, save with optimistic concurrency, and answer the release as saved.
/// </summary>
internal abstract class ReleaseCommandHandler<TCommand>(IReleaseRepository releases, IClock clock) : IRequestHandler<TCommand, Result<Versioned<Release>>>
    where TCommand : ReleaseCommand
{
    public Task<Result<Versioned<Release>>> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return AggregateCommands.ApplyAsync(
            releases, ReleaseKinds.Release, request.Context.Tenant, request.Release, request.ExpectedVersion, release => ApplyAsync(release, request, now, cancellationToken), cancellationToken);
    }

    protected abstract Task<Result> ApplyAsync(Release release, TCommand command, Instant now, CancellationToken cancellationToken);
}

internal sealed class BundleChangeHandler(IReleaseRepository releases, IChangeRepository changes, IClock clock) : ReleaseCommandHandler<BundleChange>(releases, clock)
{
    protected override async Task<Result> ApplyAsync(Release release, BundleChange command, Instant now, CancellationToken cancellationToken) =>
        await changes.GetAsync(command.Context.Tenant, command.Change, cancellationToken).ConfigureAwait(false) is { } change
            ? release.BundleChange(change.Record, command.Context.Actor, now)
            : Changes.ChangeTransition.NotFound(command.Change);
}

internal sealed class RecordBuildHandler(IReleaseRepository releases, IClock clock) : ReleaseCommandHandler<RecordBuild>(releases, clock)
{
    protected override Task<Result> ApplyAsync(Release release, RecordBuild command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(release.RecordBuild(command.BuildReference, command.RollbackPlan, command.Context.Actor, now));
}

internal sealed class RecordTestResultHandler(IReleaseRepository releases, IClock clock) : ReleaseCommandHandler<RecordTestResult>(releases, clock)
{
    protected override Task<Result> ApplyAsync(Release release, RecordTestResult command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(release.RecordTestResult(new ReleaseTestResult(command.Suite, command.Passed, command.Notes), command.Context.Actor, now));
}

internal sealed class RescheduleDeploymentHandler(IReleaseRepository releases, IClock clock) : ReleaseCommandHandler<RescheduleDeployment>(releases, clock)
{
    protected override Task<Result> ApplyAsync(Release release, RescheduleDeployment command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(release.Reschedule(command.Environment, command.Window, command.Context.Actor, now));
}

internal sealed class AcceptReleaseHandler(IReleaseRepository releases, ReleaseEvidence evidence, IClock clock) : ReleaseCommandHandler<AcceptRelease>(releases, clock)
{
    protected override async Task<Result> ApplyAsync(Release release, AcceptRelease command, Instant now, CancellationToken cancellationToken)
    {
        var gathered = await evidence.GatherAsync(command.Context.Tenant, release, command.Acknowledged, cancellationToken).ConfigureAwait(false);
        return release.Accept(gathered, command.Context.Actor, now);
    }
}

/// <summary>Captures the before-baseline of the CMDB now, lets the release start the deployment with it, and stores the baseline in the same unit of work.</summary>
internal sealed class StartDeploymentHandler(IReleaseRepository releases, IConfigurationItemRepository items, IRelationshipRepository relationships, IBaselineRepository baselines, IClock clock)
    : ReleaseCommandHandler<StartDeployment>(releases, clock)
{
    protected override async Task<Result> ApplyAsync(Release release, StartDeployment command, Instant now, CancellationToken cancellationToken)
    {
        var tenant = command.Context.Tenant;
        var state = await CurrentConfiguration.ReadAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        if (!state.IsSuccess)
        {
            return state.AsFailure();
        }

        var name = $"release-{release.Details.Unit}-{release.Details.Version}-{command.Environment}-before".ToLowerInvariant();
        var baseline = ConfigurationBaseline.Capture(BaselineId.New(), name, now, command.Context.Actor, state.Value);
        if (!baseline.IsSuccess)
        {
            return baseline.AsFailure();
        }

        var started = release.StartDeployment(command.Environment, baseline.Value, command.Context.Actor, now);
        return started.IsSuccess ? await baselines.AddAsync(tenant, baseline.Value, cancellationToken).ConfigureAwait(false) : started;
    }
}

/// <summary>What completing and rolling back share: the current deployment's before-baseline as stored, and the CMDB now.</summary>
internal static class DeploymentEvidence
{
    public static async Task<Result<(ConfigurationBaseline Before, ConfigurationState Now)>> ReadAsync(
        Release release, TenantId tenant, IBaselineRepository baselines, IConfigurationItemRepository items, IRelationshipRepository relationships, string action, CancellationToken cancellationToken)
    {
        if (release.CurrentDeployment is not { } deployment)
        {
            return Failure.Conflict<(ConfigurationBaseline, ConfigurationState)>(
                $"Cannot {action} release {release.Id} while it is {release.State}: it has no deployment; start one first.", Release.IllegalTransitionCode);
        }

        if (await baselines.GetAsync(tenant, deployment.Baseline, cancellationToken).ConfigureAwait(false) is not { } before)
        {
            return Failure.NotFound<(ConfigurationBaseline, ConfigurationState)>(
                $"The before-baseline {deployment.Baseline} of the {deployment.Environment} deployment of release {release.Id} does not exist.", "cmdb.baseline.unknown");
        }

        var state = await CurrentConfiguration.ReadAsync(tenant, items, relationships, cancellationToken).ConfigureAwait(false);
        return state.IsSuccess ? (before.Record, state.Value) : state.AsFailure<(ConfigurationBaseline, ConfigurationState)>();
    }
}

internal sealed class CompleteDeploymentHandler(
    IReleaseRepository releases, IChangeRepository changes, IConfigurationItemRepository items, IRelationshipRepository relationships, IBaselineRepository baselines, IClock clock)
    : ReleaseCommandHandler<CompleteDeployment>(releases, clock)
{
    protected override async Task<Result> ApplyAsync(Release release, CompleteDeployment command, Instant now, CancellationToken cancellationToken)
    {
        var tenant = command.Context.Tenant;
        var read = await DeploymentEvidence.ReadAsync(release, tenant, baselines, items, relationships, "complete the deployment of", cancellationToken).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            return read.AsFailure();
        }

        var bundled = await ReleaseEvidence.BundledAsync(changes, tenant, release, cancellationToken).ConfigureAwait(false);
        return release.CompleteDeployment(read.Value.Before, read.Value.Now, bundled, command.Context.Actor, now);
    }
}

internal sealed class RollBackDeploymentHandler(IReleaseRepository releases, IConfigurationItemRepository items, IRelationshipRepository relationships, IBaselineRepository baselines, IClock clock)
    : ReleaseCommandHandler<RollBackDeployment>(releases, clock)
{
    protected override async Task<Result> ApplyAsync(Release release, RollBackDeployment command, Instant now, CancellationToken cancellationToken)
    {
        var read = await DeploymentEvidence.ReadAsync(release, command.Context.Tenant, baselines, items, relationships, "roll back", cancellationToken).ConfigureAwait(false);
        return read.IsSuccess ? release.RollBack(read.Value.Before, read.Value.Now, command.Reason, command.Context.Actor, now) : read.AsFailure();
    }
}

internal sealed class ReviewReleaseHandler(IReleaseRepository releases, IClock clock) : ReleaseCommandHandler<ReviewRelease>(releases, clock)
{
    protected override Task<Result> ApplyAsync(Release release, ReviewRelease command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(release.Review(command.Findings, command.Context.Actor, now));
}

internal sealed class CloseReleaseHandler(IReleaseRepository releases, IClock clock) : ReleaseCommandHandler<CloseRelease>(releases, clock)
{
    protected override Task<Result> ApplyAsync(Release release, CloseRelease command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(release.Close(command.Context.Actor, now));
}

internal sealed class GetReleaseHandler(IReleaseRepository releases) : IRequestHandler<GetRelease, Result<Versioned<Release>>>
{
    public async Task<Result<Versioned<Release>>> Handle(GetRelease request, CancellationToken cancellationToken) =>
        await releases.GetAsync(request.Context.Tenant, request.Release, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : ReleaseKinds.Release.NotFound<Versioned<Release>>(request.Release);
}

internal sealed class ListReleasesHandler(IReleaseRepository releases) : IRequestHandler<ListReleases, Result<IReadOnlyList<Versioned<Release>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<Release>>>> Handle(ListReleases request, CancellationToken cancellationToken) =>
        Result.Success(await releases.ListAsync(request.Context.Tenant, request.Unit, request.States, cancellationToken).ConfigureAwait(false));
}

internal sealed class GetLatestReleaseVersionHandler(IReleaseRepository releases) : IRequestHandler<GetLatestReleaseVersion, Result<ReleaseVersion>>
{
    public async Task<Result<ReleaseVersion>> Handle(GetLatestReleaseVersion request, CancellationToken cancellationToken) =>
        await releases.LatestVersionAsync(request.Context.Tenant, request.Unit, cancellationToken).ConfigureAwait(false) is { } latest
            ? latest
            : Failure.NotFound<ReleaseVersion>($"Release unit {request.Unit} has no release yet; its first release may have any version.", "release.unit.not-found");
}

internal sealed class CheckReleaseAcceptanceHandler(IReleaseRepository releases, ReleaseEvidence evidence) : IRequestHandler<CheckReleaseAcceptance, Result<AcceptanceVerdict>>
{
    public async Task<Result<AcceptanceVerdict>> Handle(CheckReleaseAcceptance request, CancellationToken cancellationToken)
    {
        if (await releases.GetAsync(request.Context.Tenant, request.Release, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return ReleaseKinds.Release.NotFound<AcceptanceVerdict>(request.Release);
        }

        var gathered = await evidence.GatherAsync(request.Context.Tenant, stored.Record, request.Acknowledged, cancellationToken).ConfigureAwait(false);
        return stored.Record.CheckAcceptance(gathered);
    }
}

/// <summary>The open releases' planned windows overlapping the period, and the blackouts in it of their items and the services those impact.</summary>
internal sealed class GetReleaseCalendarHandler(IReleaseRepository releases, IChangeImpactSource impact, IChangeWindowSource windows) : IRequestHandler<GetReleaseCalendar, Result<ReleaseCalendar>>
{
    public async Task<Result<ReleaseCalendar>> Handle(GetReleaseCalendar request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var period = new Interval(request.PeriodStart, request.PeriodEnd);
        var open = await releases.ListAsync(tenant, null, ReleaseLifecycle.OpenStates, cancellationToken).ConfigureAwait(false);
        var entries = open.Select(v => v.Record)
            .SelectMany(r => r.Environments
                .Where(e => e.Window.Start < period.End && period.Start < e.Window.End)
                .Select(e => new ReleaseCalendarEntry(r.Id, r.Details.Unit, r.Details.Version, r.Details.Title, r.State, e.Environment, e.Window, e.Items, r.Deployments.Any(d => d.Environment == e.Environment && d.IsPassed))))
            .OrderBy(e => e.Window.Start).ThenBy(e => e.Unit).ThenBy(e => e.Version).ThenBy(e => e.Environment).ThenBy(e => e.Release)
            .ToList();
        var items = entries.SelectMany(e => e.Items).Distinct().ToList();
        var sets = await impact.ImpactSetsAsync(tenant, items, cancellationToken).ConfigureAwait(false);
        var services = items.Concat(items.SelectMany(sets.Of)).Distinct().ToList();
        var serviceWindows = await windows.GetWindowsAsync(tenant, services, cancellationToken).ConfigureAwait(false);
        return new ReleaseCalendar(period, entries, serviceWindows.BlackoutsOverlapping(services, period));
    }
}
