using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Requests;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Requests;

/// <summary>The names and codes every request command answers with.</summary>
internal static class RequestKinds
{
    /// <summary>Error code of an unknown request id.</summary>
    public const string NotFoundCode = "request.not-found";

    /// <summary>Error code of a stale expected version.</summary>
    public const string VersionConflictCode = "request.version-conflict";

    /// <summary>Error code of an unknown catalogue item id.</summary>
    public const string ItemNotFoundCode = "request.item.not-found";

    public static readonly AggregateKind Request = new AggregateKind("Service request").NotFoundAs(NotFoundCode).StaleAs(VersionConflictCode);

    public static readonly AggregateKind Item = new AggregateKind("Request item").NotFoundAs(ItemNotFoundCode);
}

/// <summary>The compiled calendars an item names, read through the calendar source: its groups' and its service calendar.</summary>
internal sealed class RequestCalendars(IBusinessCalendarSource calendars)
{
    /// <summary>The business calendar of each group of <paramref name="item"/>'s tasks, or NotFound (<c>calendar.not-found</c>).</summary>
    public async Task<Result<IReadOnlyDictionary<SupportGroupId, BusinessCalendar>>> OfGroupsAsync(TenantId tenant, RequestItem item, CancellationToken cancellationToken)
    {
        var compiled = new Dictionary<CalendarId, BusinessCalendar>();
        foreach (var id in item.GroupCalendars.Values.Distinct())
        {
            var calendar = await calendars.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
            if (!calendar.IsSuccess)
            {
                return calendar.AsFailure<IReadOnlyDictionary<SupportGroupId, BusinessCalendar>>();
            }

            compiled[id] = calendar.Value;
        }

        return Result<IReadOnlyDictionary<SupportGroupId, BusinessCalendar>>.Success(item.CalendarsOfGroups(id => compiled[id]));
    }

    /// <summary>The item's service calendar, or NotFound (<c>calendar.not-found</c>).</summary>
    public Task<Result<BusinessCalendar>> OfServiceAsync(TenantId tenant, RequestItem item, CancellationToken cancellationToken) =>
        calendars.GetAsync(tenant, item.ServiceCalendar, cancellationToken);
}

/// <summary>Lets the domain define the item, checks its service and calendars exist, and stores it.</summary>
internal sealed class DefineRequestItemHandler(IRequestItemRepository items, IConfigurationItemRepository cmdb, RequestCalendars calendars)
    : IRequestHandler<DefineRequestItem, Result<Versioned<RequestItem>>>
{
    public async Task<Result<Versioned<RequestItem>>> Handle(DefineRequestItem request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var defined = RequestItem.Define(
            request.Id, request.Service, request.Name, request.Fields, request.Stages, request.Tasks, request.FulfilmentTarget, request.ServiceCalendar, request.GroupCalendars, request.WarningThresholds, request.Priority);
        if (!defined.IsSuccess)
        {
            return defined.AsFailure<Versioned<RequestItem>>();
        }

        if (await KnownItems.FirstUnknownAsync(cmdb, tenant, [request.Service], cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            return unknown.AsFailure<Versioned<RequestItem>>();
        }

        var service = await calendars.OfServiceAsync(tenant, defined.Value, cancellationToken).ConfigureAwait(false);
        var groups = service.IsSuccess ? await calendars.OfGroupsAsync(tenant, defined.Value, cancellationToken).ConfigureAwait(false) : service.AsFailure<IReadOnlyDictionary<SupportGroupId, BusinessCalendar>>();
        return groups.IsSuccess
            ? await AggregateCommands.AddAsync(items, tenant, defined, cancellationToken).ConfigureAwait(false)
            : groups.AsFailure<Versioned<RequestItem>>();
    }
}

/// <summary>Reads the item and its calendars, lets the domain submit the request (scheduling a pre-approved one), checks its clock's horizon and stores it.</summary>
internal sealed class SubmitRequestHandler(IRequestItemRepository items, IServiceRequestRepository requests, RequestCalendars calendars, IClock clock)
    : IRequestHandler<SubmitRequest, Result<Versioned<ServiceRequest>>>
{
    public async Task<Result<Versioned<ServiceRequest>>> Handle(SubmitRequest request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await items.GetAsync(tenant, request.Item, cancellationToken).ConfigureAwait(false) is not { Record: var item })
        {
            return RequestKinds.Item.NotFound<Versioned<ServiceRequest>>(request.Item);
        }

        var groups = await calendars.OfGroupsAsync(tenant, item, cancellationToken).ConfigureAwait(false);
        var service = await calendars.OfServiceAsync(tenant, item, cancellationToken).ConfigureAwait(false);
        if (!groups.IsSuccess || !service.IsSuccess)
        {
            return groups.IsSuccess ? service.AsFailure<Versioned<ServiceRequest>>() : groups.AsFailure<Versioned<ServiceRequest>>();
        }

        var now = clock.GetCurrentInstant();
        var submitted = ServiceRequest.Submit(ServiceRequestId.New(), item, request.Values, request.Priority, groups.Value, request.Context.Actor, now);
        if (submitted.IsSuccess && submitted.Value.FulfilmentClock.CheckHorizon(now, service.Value) is { IsSuccess: false } beyond)
        {
            return beyond.AsFailure<Versioned<ServiceRequest>>();
        }

        return await AggregateCommands.AddAsync(requests, tenant, submitted, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// The shape of every command on an existing request: load it in the caller's tenant, check the version the caller saw, make
/// one domain call, save with optimistic concurrency, and answer the request as saved.
/// </summary>
internal abstract class ServiceRequestCommandHandler<TCommand>(IServiceRequestRepository requests, IClock clock) : IRequestHandler<TCommand, Result<Versioned<ServiceRequest>>>
    where TCommand : ServiceRequestCommand
{
    public Task<Result<Versioned<ServiceRequest>>> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return AggregateCommands.ApplyAsync(
            requests, RequestKinds.Request, request.Context.Tenant, request.Request, request.ExpectedVersion, r => ApplyAsync(r, request, now, cancellationToken), cancellationToken);
    }

    protected abstract Task<Result> ApplyAsync(ServiceRequest request, TCommand command, Instant now, CancellationToken cancellationToken);
}

internal sealed class ApproveRequestHandler(IServiceRequestRepository requests, RequestCalendars calendars, IClock clock) : ServiceRequestCommandHandler<ApproveRequest>(requests, clock)
{
    protected override async Task<Result> ApplyAsync(ServiceRequest request, ApproveRequest command, Instant now, CancellationToken cancellationToken)
    {
        var groups = await calendars.OfGroupsAsync(command.Context.Tenant, request.Item, cancellationToken).ConfigureAwait(false);
        return groups.IsSuccess ? request.Approve(command.Comment, groups.Value, command.Context.Actor, now) : groups.AsFailure();
    }
}

internal sealed class RejectRequestHandler(IServiceRequestRepository requests, IClock clock) : ServiceRequestCommandHandler<RejectRequest>(requests, clock)
{
    protected override Task<Result> ApplyAsync(ServiceRequest request, RejectRequest command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(request.Reject(command.Reason, command.Context.Actor, now));
}

internal sealed class CompleteFulfilmentTaskHandler(IServiceRequestRepository requests, IClock clock) : ServiceRequestCommandHandler<CompleteFulfilmentTask>(requests, clock)
{
    protected override Task<Result> ApplyAsync(ServiceRequest request, CompleteFulfilmentTask command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(request.CompleteTask(command.Task, command.Context.Actor, now));
}

internal sealed class CloseRequestHandler(IServiceRequestRepository requests, IClock clock) : ServiceRequestCommandHandler<CloseRequest>(requests, clock)
{
    protected override Task<Result> ApplyAsync(ServiceRequest request, CloseRequest command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(request.Close(command.Context.Actor, now));
}

internal sealed class CancelRequestHandler(IServiceRequestRepository requests, IClock clock) : ServiceRequestCommandHandler<CancelRequest>(requests, clock)
{
    protected override Task<Result> ApplyAsync(ServiceRequest request, CancelRequest command, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(request.Cancel(command.Reason, command.Context.Actor, now));
}

internal sealed class GetRequestItemHandler(IRequestItemRepository items) : IRequestHandler<GetRequestItem, Result<Versioned<RequestItem>>>
{
    public async Task<Result<Versioned<RequestItem>>> Handle(GetRequestItem request, CancellationToken cancellationToken) =>
        await items.GetAsync(request.Context.Tenant, request.Item, cancellationToken).ConfigureAwait(false) is { } found ? found : RequestKinds.Item.NotFound<Versioned<RequestItem>>(request.Item);
}

internal sealed class ListRequestItemsHandler(IRequestItemRepository items) : IRequestHandler<ListRequestItems, Result<IReadOnlyList<Versioned<RequestItem>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<RequestItem>>>> Handle(ListRequestItems request, CancellationToken cancellationToken) =>
        Result.Success(await items.ListAsync(request.Context.Tenant, request.Service, cancellationToken).ConfigureAwait(false));
}

/// <summary>Reads the request and evaluates its fulfilment clock now on the item's service calendar, refusing instants beyond the calendar's horizon.</summary>
internal sealed class GetRequestHandler(IServiceRequestRepository requests, RequestCalendars calendars, IClock clock) : IRequestHandler<GetRequest, Result<ServiceRequestView>>
{
    public async Task<Result<ServiceRequestView>> Handle(GetRequest request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await requests.GetAsync(tenant, request.Request, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return RequestKinds.Request.NotFound<ServiceRequestView>(request.Request);
        }

        var calendar = await calendars.OfServiceAsync(tenant, found.Record.Item, cancellationToken).ConfigureAwait(false);
        if (!calendar.IsSuccess)
        {
            return calendar.AsFailure<ServiceRequestView>();
        }

        var now = clock.GetCurrentInstant();
        var fulfilmentClock = found.Record.FulfilmentClock;
        return fulfilmentClock.CheckHorizon(now, calendar.Value) is { IsSuccess: false } beyond
            ? beyond.AsFailure<ServiceRequestView>()
            : new ServiceRequestView(found, fulfilmentClock.Evaluate(now, calendar.Value), calendar.Value.Zone);
    }
}

internal sealed class ListRequestsHandler(IServiceRequestRepository requests) : IRequestHandler<ListRequests, Result<IReadOnlyList<Versioned<ServiceRequest>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<ServiceRequest>>>> Handle(ListRequests request, CancellationToken cancellationToken)
    {
        var specification = new ServiceRequestsBySubmission(request.States, request.Service, request.Requester, PageRequest.Of(request.Skip, request.Take));
        return Result.Success(await requests.ListAsync(request.Context.Tenant, specification, cancellationToken).ConfigureAwait(false));
    }
}
