using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Availability;

/// <summary>How outages and targets are named in answers, and the check every command naming an item shares.</summary>
internal static class OutageCommands
{
    internal static readonly AggregateKind Kind = new AggregateKind("Outage").NotFoundAs("availability.outage.not-found").StaleAs("availability.outage.version-conflict");

    internal static readonly AggregateKind TargetsKind = new AggregateKind("Availability targets of service").NotFoundAs("availability.target.not-found");

    /// <summary>NotFound (<c>cmdb.item.unknown</c>) unless <paramref name="item"/> is a stored configuration item.</summary>
    internal static async Task<Result> ItemExistsAsync(IConfigurationItemRepository items, TenantId tenant, ConfigurationItemId item, CancellationToken cancellationToken) =>
        item.Value is null || await items.GetAsync(tenant, item, cancellationToken).ConfigureAwait(false) is not null
            ? Result.Success()
            : Failure.NotFound($"Configuration item '{item}' does not exist; register it before recording its outages or targets.", "cmdb.item.unknown");
}

internal sealed class RecordOutageHandler(IOutageRepository outages, IConfigurationItemRepository items, IClock clock) : IRequestHandler<RecordOutage, Result<Versioned<OutageRecord>>>
{
    public async Task<Result<Versioned<OutageRecord>>> Handle(RecordOutage request, CancellationToken cancellationToken)
    {
        var known = await OutageCommands.ItemExistsAsync(items, request.Context.Tenant, request.Item, cancellationToken).ConfigureAwait(false);
        if (!known.IsSuccess)
        {
            return known.AsFailure<Versioned<OutageRecord>>();
        }

        var recorded = OutageRecord.Record(OutageId.New(), new OutageDetails(request.Item, request.Start, request.End, request.Kind, request.Cause), request.Context.Actor, clock.GetCurrentInstant());
        return await AggregateCommands.AddAsync(outages, request.Context.Tenant, recorded, cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class EndOutageHandler(IOutageRepository outages, IClock clock) : IRequestHandler<EndOutage, Result<Versioned<OutageRecord>>>
{
    public Task<Result<Versioned<OutageRecord>>> Handle(EndOutage request, CancellationToken cancellationToken) =>
        AggregateCommands.ApplyAsync(outages, OutageCommands.Kind, request.Context.Tenant, request.Outage, request.ExpectedVersion, o => o.RecordEnd(request.End, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class CorrectOutageHandler(IOutageRepository outages, IConfigurationItemRepository items, IClock clock) : IRequestHandler<CorrectOutage, Result<Versioned<OutageRecord>>>
{
    public async Task<Result<Versioned<OutageRecord>>> Handle(CorrectOutage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request.Details);
        var known = await OutageCommands.ItemExistsAsync(items, request.Context.Tenant, request.Details.Item, cancellationToken).ConfigureAwait(false);
        return known.IsSuccess
            ? await AggregateCommands.ApplyAsync(outages, OutageCommands.Kind, request.Context.Tenant, request.Outage, request.ExpectedVersion, o => o.Correct(request.Details, request.Reason, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false)
            : known.AsFailure<Versioned<OutageRecord>>();
    }
}

/// <summary>Defines the service's targets on its first target, sets one on the stored ones after.</summary>
internal sealed class SetAvailabilityTargetHandler(IAvailabilityTargetRepository targets, IConfigurationItemRepository items, IClock clock)
    : IRequestHandler<SetAvailabilityTarget, Result<Versioned<ServiceAvailabilityTargets>>>
{
    public async Task<Result<Versioned<ServiceAvailabilityTargets>>> Handle(SetAvailabilityTarget request, CancellationToken cancellationToken)
    {
        var (tenant, by, at) = (request.Context.Tenant, request.Context.Actor, clock.GetCurrentInstant());
        var known = await OutageCommands.ItemExistsAsync(items, tenant, request.Service, cancellationToken).ConfigureAwait(false);
        if (!known.IsSuccess)
        {
            return known.AsFailure<Versioned<ServiceAvailabilityTargets>>();
        }

        if (request.ExpectedVersion is null && await targets.GetAsync(tenant, request.Service, cancellationToken).ConfigureAwait(false) is null)
        {
            return await AggregateCommands.AddAsync(targets, tenant, ServiceAvailabilityTargets.Define(request.Service, request.Offering, request.Target, by, at, request.EffectiveFrom), cancellationToken).ConfigureAwait(false);
        }

        return await AggregateCommands.ApplyAsync(targets, OutageCommands.TargetsKind, tenant, request.Service, request.ExpectedVersion, t => t.Set(request.Offering, request.Target, by, at, request.EffectiveFrom), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The query's answer is the shared measurement's (<see cref="AvailabilityReader"/>), which the service report uses too.</summary>
internal sealed class GetAvailabilityHandler(AvailabilityReader reader) : IRequestHandler<GetAvailability, Result<AvailabilityReport>>
{
    public Task<Result<AvailabilityReport>> Handle(GetAvailability request, CancellationToken cancellationToken) => reader.ReadAsync(request, cancellationToken);
}

internal sealed class GetOutageHandler(IOutageRepository outages) : IRequestHandler<GetOutage, Result<Versioned<OutageRecord>>>
{
    public async Task<Result<Versioned<OutageRecord>>> Handle(GetOutage request, CancellationToken cancellationToken) =>
        await outages.GetAsync(request.Context.Tenant, request.Outage, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : OutageCommands.Kind.NotFound<Versioned<OutageRecord>>(request.Outage);
}

internal sealed class GetAvailabilityTargetsHandler(IAvailabilityTargetRepository targets) : IRequestHandler<GetAvailabilityTargets, Result<Versioned<ServiceAvailabilityTargets>>>
{
    public async Task<Result<Versioned<ServiceAvailabilityTargets>>> Handle(GetAvailabilityTargets request, CancellationToken cancellationToken) =>
        await targets.GetAsync(request.Context.Tenant, request.Service, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : OutageCommands.TargetsKind.NotFound<Versioned<ServiceAvailabilityTargets>>(request.Service);
}

/// <summary>Resolves a service to the items of its dependency closure, then runs one specification.</summary>
internal sealed class ListOutagesHandler(IOutageRepository outages, ICmdbSnapshotProvider snapshots) : IRequestHandler<ListOutages, Result<IReadOnlyList<Versioned<OutageRecord>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<OutageRecord>>>> Handle(ListOutages request, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(request.Skip, request.Take);
        if (!page.IsSuccess)
        {
            return page.AsFailure<IReadOnlyList<Versioned<OutageRecord>>>();
        }

        IEnumerable<ConfigurationItemId>? items = request.Item is { } item ? [item] : null;
        if (request.Service is { } service)
        {
            var snapshot = await snapshots.GetAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false);
            var closure = snapshot.IsSuccess ? ImpactAnalysis.DependenciesOf(snapshot.Value, service) : snapshot.AsFailure<DependencyClosure>();
            if (!closure.IsSuccess)
            {
                return closure.AsFailure<IReadOnlyList<Versioned<OutageRecord>>>();
            }

            items = closure.Value.Select(d => d.Id).Append(service);
        }

        Interval? period = request.From is { } from && request.To is { } to ? new Interval(from, to) : null;
        var listed = await outages.ListAsync(request.Context.Tenant, new OutagesOverlapping(period, items, page.Value), cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyList<Versioned<OutageRecord>>>.Success(listed);
    }
}
