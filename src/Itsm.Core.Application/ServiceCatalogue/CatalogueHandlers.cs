using System.Collections.Immutable;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.ServiceCatalogue;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.ServiceCatalogue;

/// <summary>The names and codes every service command answers with.</summary>
internal static class ServiceKinds
{
    /// <summary>Error code of an unknown service id.</summary>
    public const string NotFoundCode = "service.not-found";

    /// <summary>Error code of a stale expected version.</summary>
    public const string VersionConflictCode = "service.version-conflict";

    public static readonly AggregateKind Service = new AggregateKind("Service").NotFoundAs(NotFoundCode).StaleAs(VersionConflictCode);
}

/// <summary>
/// What the transition gate reads besides the service, gathered from the other processes' ports: the service's configuration
/// item and the items related to it in the CMDB, the tenant's agreements, and the defined calendars.
/// </summary>
internal sealed class ServiceAcceptanceSource(IConfigurationItemRepository items, IRelationshipRepository relationships, IAgreementRepository agreements, ICalendarRepository calendars)
{
    public async Task<ServiceAcceptanceEvidence> GatherAsync(TenantId tenant, CatalogueService service, IReadOnlyCollection<string> attested, CancellationToken cancellationToken)
    {
        var item = await items.GetAsync(tenant, service.Id, cancellationToken).ConfigureAwait(false);
        var related = (await relationships.ListAsync(tenant, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Source == service.Id || r.Target == service.Id)
            .Select(r => r.Source == service.Id ? r.Target : r.Source)
            .Distinct().Order().ToList();
        var all = await agreements.ListAsync(tenant, null, cancellationToken).ConfigureAwait(false);
        var defined = await calendars.ListIdsAsync(tenant, cancellationToken).ConfigureAwait(false);
        return new ServiceAcceptanceEvidence(item?.Record.Class, related, [.. all.Select(a => a.Record)], defined, attested);
    }
}

internal sealed class DefineServiceHandler(ICatalogueServiceRepository services, IClock clock) : IRequestHandler<DefineService, Result<Versioned<CatalogueService>>>
{
    public Task<Result<Versioned<CatalogueService>>> Handle(DefineService request, CancellationToken cancellationToken)
    {
        var profile = new ServiceProfile(request.Name, request.Description, request.Owner, request.Customers, request.ServiceHours, request.SupportHours);
        var defined = CatalogueService.Define(request.Service, profile, request.Policy, request.Context.Actor, clock.GetCurrentInstant());
        return AggregateCommands.AddAsync(services, request.Context.Tenant, defined, cancellationToken);
    }
}

/// <summary>
/// The shape of every command on an existing service: load it in the caller's tenant, check the version the caller saw, make one
/// domain call, save with optimistic concurrency, and answer the service as saved.
/// </summary>
internal abstract class ServiceCommandHandler<TCommand>(ICatalogueServiceRepository services, IClock clock) : IRequestHandler<TCommand, Result<Versioned<CatalogueService>>>
    where TCommand : ServiceCommand
{
    public Task<Result<Versioned<CatalogueService>>> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return AggregateCommands.ApplyAsync(
            services, ServiceKinds.Service, request.Context.Tenant, request.Service, request.ExpectedVersion, service => ApplyAsync(service, request, now, cancellationToken), cancellationToken);
    }

    protected abstract Task<Result> ApplyAsync(CatalogueService service, TCommand command, Instant now, CancellationToken cancellationToken);
}

internal sealed class ReviseServiceHandler(ICatalogueServiceRepository services, IClock clock) : ServiceCommandHandler<ReviseService>(services, clock)
{
    protected override Task<Result> ApplyAsync(CatalogueService service, ReviseService command, Instant now, CancellationToken cancellationToken)
    {
        var p = service.Profile;
        var revised = new ServiceProfile(
            command.Name ?? p.Name,
            command.Description ?? p.Description,
            command.Owner ?? p.Owner,
            command.Customers is null ? p.Customers : [.. command.Customers],
            command.ServiceHours ?? p.ServiceHours,
            command.SupportHours ?? p.SupportHours);
        return Task.FromResult(service.Revise(revised, command.Context.Actor, now));
    }
}

internal sealed class AddOfferingHandler(ICatalogueServiceRepository services, IClock clock) : ServiceCommandHandler<AddOffering>(services, clock)
{
    protected override Task<Result> ApplyAsync(CatalogueService service, AddOffering command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(service.AddOffering(new ServiceOffering(command.Name, command.Targets.ToImmutableSortedDictionary(), command.Price), command.Context.Actor, now));
}

internal sealed class MoveServiceToTransitionHandler(ICatalogueServiceRepository services, IClock clock) : ServiceCommandHandler<MoveServiceToTransition>(services, clock)
{
    protected override Task<Result> ApplyAsync(CatalogueService service, MoveServiceToTransition command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(service.MoveToTransition(command.Context.Actor, now));
}

internal sealed class GoLiveHandler(ICatalogueServiceRepository services, ServiceAcceptanceSource evidence, IClock clock) : ServiceCommandHandler<GoLive>(services, clock)
{
    protected override async Task<Result> ApplyAsync(CatalogueService service, GoLive command, Instant now, CancellationToken cancellationToken)
    {
        var gathered = await evidence.GatherAsync(command.Context.Tenant, service, command.Attested, cancellationToken).ConfigureAwait(false);
        return service.GoLive(gathered, command.Context.Actor, now);
    }
}

internal sealed class RetireServiceHandler(ICatalogueServiceRepository services, IClock clock) : ServiceCommandHandler<RetireService>(services, clock)
{
    protected override Task<Result> ApplyAsync(CatalogueService service, RetireService command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(service.Retire(command.Reason, command.Context.Actor, now));
}

internal sealed class GetServiceHandler(ICatalogueServiceRepository services) : IRequestHandler<GetService, Result<Versioned<CatalogueService>>>
{
    public async Task<Result<Versioned<CatalogueService>>> Handle(GetService request, CancellationToken cancellationToken) =>
        await services.GetAsync(request.Context.Tenant, request.Service, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : ServiceKinds.Service.NotFound<Versioned<CatalogueService>>(request.Service);
}

internal sealed class ListServicesHandler(ICatalogueServiceRepository services) : IRequestHandler<ListServices, Result<IReadOnlyList<Versioned<CatalogueService>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<CatalogueService>>>> Handle(ListServices request, CancellationToken cancellationToken) =>
        Result.Success(await services.ListAsync(request.Context.Tenant, request.Statuses, cancellationToken).ConfigureAwait(false));
}

internal sealed class CheckAcceptanceHandler(ICatalogueServiceRepository services, ServiceAcceptanceSource evidence, IClock clock) : IRequestHandler<CheckAcceptance, Result<ServiceAcceptanceVerdict>>
{
    public async Task<Result<ServiceAcceptanceVerdict>> Handle(CheckAcceptance request, CancellationToken cancellationToken)
    {
        if (await services.GetAsync(request.Context.Tenant, request.Service, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return ServiceKinds.Service.NotFound<ServiceAcceptanceVerdict>(request.Service);
        }

        var gathered = await evidence.GatherAsync(request.Context.Tenant, stored.Record, request.Attested, cancellationToken).ConfigureAwait(false);
        return stored.Record.CheckAcceptance(gathered, request.At ?? clock.GetCurrentInstant());
    }
}
