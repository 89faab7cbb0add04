using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Changes;

/// <summary>
/// Who may change a tenant's change management reference data: a change manager of the tenant. While the tenant has no
/// change manager at all (a new tenant) anyone may, so that the first change manager can be granted; revoking never
/// leaves a tenant that has one without one (<see cref="RevokeChangeAuthorityHandler"/>), so the bootstrap is not reopened.
/// </summary>
internal static class ChangeReferenceAccess
{
    internal const string ForbiddenCode = "change.reference.forbidden";

    internal static async Task<Result> CheckAsync(IChangeAuthorityStore authorities, RequestContext context, string action, CancellationToken cancellationToken)
    {
        var managers = (await authorities.ListAsync(context.Tenant, cancellationToken).ConfigureAwait(false))
            .Where(g => g.Holds(ChangeAuthority.ChangeManager)).Select(g => g.User).ToList();
        return managers.Count == 0 || managers.Contains(context.Actor)
            ? Result.Success()
            : Failure.Forbidden(
                $"{context.Actor} may not {action}: only a change manager of tenant '{context.Tenant}' may ({string.Join(", ", managers)}).",
                ForbiddenCode);
    }

    /// <summary>NotFound (<c>cmdb.item.unknown</c>) unless <paramref name="service"/> is a live item of the tenant's CMDB.</summary>
    internal static async Task<Result> KnownServiceAsync(IConfigurationItemRepository items, TenantId tenant, ConfigurationItemId service, CancellationToken cancellationToken)
    {
        var found = await items.GetAsync(tenant, service, cancellationToken).ConfigureAwait(false);
        return found is { Record.Status: not ConfigurationItemStatus.Retired }
            ? Result.Success()
            : Failure.NotFound($"Configuration item '{service}' does not exist or is retired.", "cmdb.item.unknown");
    }
}

internal sealed class GrantChangeAuthorityHandler(IChangeAuthorityStore authorities) : IRequestHandler<GrantChangeAuthority, Result<ChangeAuthorityGrant>>
{
    public async Task<Result<ChangeAuthorityGrant>> Handle(GrantChangeAuthority request, CancellationToken cancellationToken)
    {
        var grant = ChangeAuthorityGrant.Create(request.User, request.Authorities);
        var allowed = await ChangeReferenceAccess.CheckAsync(authorities, request.Context, "grant change authority", cancellationToken).ConfigureAwait(false);
        if (!grant.IsSuccess || !allowed.IsSuccess)
        {
            return grant.IsSuccess ? allowed.AsFailure<ChangeAuthorityGrant>() : grant;
        }

        var granted = await authorities.GrantAsync(request.Context.Tenant, grant.Value, cancellationToken).ConfigureAwait(false);
        var held = await authorities.AuthorityOfAsync(request.Context.Tenant, request.User, cancellationToken).ConfigureAwait(false);
        return granted.IsSuccess ? ChangeAuthorityGrant.Create(request.User, held) : granted.AsFailure<ChangeAuthorityGrant>();
    }
}

internal sealed class RevokeChangeAuthorityHandler(IChangeAuthorityStore authorities) : IRequestHandler<RevokeChangeAuthority, Result<ChangeAuthority>>
{
    public async Task<Result<ChangeAuthority>> Handle(RevokeChangeAuthority request, CancellationToken cancellationToken)
    {
        var revoked = ChangeAuthorityGrant.Create(request.User, request.Authorities);
        if (!revoked.IsSuccess)
        {
            return revoked.AsFailure<ChangeAuthority>();
        }

        var allowed = await ChangeReferenceAccess.CheckAsync(authorities, request.Context, "revoke change authority", cancellationToken).ConfigureAwait(false);
        if (!allowed.IsSuccess)
        {
            return allowed.AsFailure<ChangeAuthority>();
        }

        var grants = await authorities.ListAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false);
        var managers = grants.Where(g => g.Holds(ChangeAuthority.ChangeManager)).Select(g => g.User).ToList();
        if (revoked.Value.Holds(ChangeAuthority.ChangeManager) && managers.SequenceEqual([request.User]))
        {
            return Failure.Conflict<ChangeAuthority>(
                $"{request.User} is the only change manager of tenant '{request.Context.Tenant}': grant another change manager before revoking this one, so that someone can still grant authority.",
                "change.authority.last-manager");
        }

        var done = await authorities.RevokeAsync(request.Context.Tenant, revoked.Value, cancellationToken).ConfigureAwait(false);
        return done.IsSuccess
            ? await authorities.AuthorityOfAsync(request.Context.Tenant, request.User, cancellationToken).ConfigureAwait(false)
            : done.AsFailure<ChangeAuthority>();
    }
}

internal sealed class DefineMaintenanceWindowHandler(
    IMaintenanceWindowStore windows, IChangeAuthorityStore authorities, IConfigurationItemRepository items, IBusinessCalendarSource calendars)
    : IRequestHandler<DefineMaintenanceWindow, Result<MaintenanceWindow>>
{
    public async Task<Result<MaintenanceWindow>> Handle(DefineMaintenanceWindow request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var window = MaintenanceWindow.Define(request.Service, request.Calendar);
        if (!window.IsSuccess)
        {
            return window;
        }

        foreach (var check in new Func<Task<IResult>>[]
        {
            async () => await ChangeReferenceAccess.CheckAsync(authorities, request.Context, "define a maintenance window", cancellationToken).ConfigureAwait(false),
            async () => await ChangeReferenceAccess.KnownServiceAsync(items, tenant, request.Service, cancellationToken).ConfigureAwait(false),
            async () => await calendars.GetAsync(tenant, request.Calendar, cancellationToken).ConfigureAwait(false),
        })
        {
            if (await check().ConfigureAwait(false) is { IsSuccess: false } refused)
            {
                return refused.AsFailure<MaintenanceWindow>();
            }
        }

        var saved = await windows.DefineAsync(tenant, window.Value, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? window : saved.AsFailure<MaintenanceWindow>();
    }
}

internal sealed class RemoveMaintenanceWindowHandler(IMaintenanceWindowStore windows, IChangeAuthorityStore authorities) : IRequestHandler<RemoveMaintenanceWindow, Result>
{
    public async Task<Result> Handle(RemoveMaintenanceWindow request, CancellationToken cancellationToken)
    {
        var allowed = await ChangeReferenceAccess.CheckAsync(authorities, request.Context, "remove a maintenance window", cancellationToken).ConfigureAwait(false);
        return allowed.IsSuccess ? await windows.RemoveAsync(request.Context.Tenant, request.Service, cancellationToken).ConfigureAwait(false) : allowed;
    }
}

internal sealed class DeclareBlackoutHandler(IBlackoutStore blackouts, IChangeAuthorityStore authorities, IConfigurationItemRepository items) : IRequestHandler<DeclareBlackout, Result<BlackoutWindow>>
{
    public async Task<Result<BlackoutWindow>> Handle(DeclareBlackout request, CancellationToken cancellationToken)
    {
        var blackout = BlackoutWindow.Declare(BlackoutId.New(), request.Service, request.Window, request.Reason);
        if (!blackout.IsSuccess)
        {
            return blackout;
        }

        var allowed = await ChangeReferenceAccess.CheckAsync(authorities, request.Context, "declare a blackout", cancellationToken).ConfigureAwait(false);
        var known = allowed.IsSuccess ? await ChangeReferenceAccess.KnownServiceAsync(items, request.Context.Tenant, request.Service, cancellationToken).ConfigureAwait(false) : allowed;
        if (!known.IsSuccess)
        {
            return known.AsFailure<BlackoutWindow>();
        }

        var saved = await blackouts.DeclareAsync(request.Context.Tenant, blackout.Value, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? blackout : saved.AsFailure<BlackoutWindow>();
    }
}

internal sealed class LiftBlackoutHandler(IBlackoutStore blackouts, IChangeAuthorityStore authorities) : IRequestHandler<LiftBlackout, Result>
{
    public async Task<Result> Handle(LiftBlackout request, CancellationToken cancellationToken)
    {
        var allowed = await ChangeReferenceAccess.CheckAsync(authorities, request.Context, "lift a blackout", cancellationToken).ConfigureAwait(false);
        return allowed.IsSuccess ? await blackouts.LiftAsync(request.Context.Tenant, request.Blackout, cancellationToken).ConfigureAwait(false) : allowed;
    }
}

internal sealed class DefineStandardChangeTemplateHandler(IStandardChangeTemplateStore templates, IChangeAuthorityStore authorities)
    : IRequestHandler<DefineStandardChangeTemplate, Result<StandardChangeTemplate>>
{
    public async Task<Result<StandardChangeTemplate>> Handle(DefineStandardChangeTemplate request, CancellationToken cancellationToken)
    {
        var template = StandardChangeTemplate.Define(request.Template, request.Description, request.Plans);
        var allowed = template.IsSuccess ? await ChangeReferenceAccess.CheckAsync(authorities, request.Context, "define a standard change template", cancellationToken).ConfigureAwait(false) : template;
        var catalogue = await templates.CatalogueAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false);
        var admitted = allowed.IsSuccess ? catalogue.Admit(template.Value) : allowed;
        var saved = admitted.IsSuccess ? await templates.DefineAsync(request.Context.Tenant, template.Value, cancellationToken).ConfigureAwait(false) : admitted;
        return saved.IsSuccess ? template : saved.AsFailure<StandardChangeTemplate>();
    }
}

internal sealed class RetireStandardChangeTemplateHandler(IStandardChangeTemplateStore templates, IChangeAuthorityStore authorities, IClock clock)
    : IRequestHandler<RetireStandardChangeTemplate, Result<StandardChangeTemplate>>
{
    public async Task<Result<StandardChangeTemplate>> Handle(RetireStandardChangeTemplate request, CancellationToken cancellationToken)
    {
        var allowed = await ChangeReferenceAccess.CheckAsync(authorities, request.Context, "retire a standard change template", cancellationToken).ConfigureAwait(false);
        if (!allowed.IsSuccess)
        {
            return allowed.AsFailure<StandardChangeTemplate>();
        }

        var catalogue = await templates.CatalogueAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false);
        var retired = catalogue.Retire(request.Template, request.Context.Actor, clock.GetCurrentInstant());
        var saved = retired.IsSuccess ? await templates.RetireAsync(request.Context.Tenant, retired.Value, cancellationToken).ConfigureAwait(false) : retired;
        return saved.IsSuccess ? retired : saved.AsFailure<StandardChangeTemplate>();
    }
}

internal sealed class ListChangeAuthoritiesHandler(IChangeAuthorityStore authorities) : IRequestHandler<ListChangeAuthorities, Result<IReadOnlyList<ChangeAuthorityGrant>>>
{
    public async Task<Result<IReadOnlyList<ChangeAuthorityGrant>>> Handle(ListChangeAuthorities request, CancellationToken cancellationToken) =>
        Result.Success(await authorities.ListAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false));
}

internal sealed class ListMaintenanceWindowsHandler(IMaintenanceWindowStore windows) : IRequestHandler<ListMaintenanceWindows, Result<IReadOnlyList<MaintenanceWindow>>>
{
    public async Task<Result<IReadOnlyList<MaintenanceWindow>>> Handle(ListMaintenanceWindows request, CancellationToken cancellationToken) =>
        Result.Success(await windows.ListAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false));
}

internal sealed class ListBlackoutsHandler(IBlackoutStore blackouts) : IRequestHandler<ListBlackouts, Result<IReadOnlyList<BlackoutWindow>>>
{
    public async Task<Result<IReadOnlyList<BlackoutWindow>>> Handle(ListBlackouts request, CancellationToken cancellationToken) =>
        Result.Success(await blackouts.ListAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false));
}

internal sealed class ListStandardChangeTemplatesHandler(IStandardChangeTemplateStore templates) : IRequestHandler<ListStandardChangeTemplates, Result<IReadOnlyList<StandardChangeTemplate>>>
{
    public async Task<Result<IReadOnlyList<StandardChangeTemplate>>> Handle(ListStandardChangeTemplates request, CancellationToken cancellationToken) =>
        Result.Success<IReadOnlyList<StandardChangeTemplate>>([.. (await templates.CatalogueAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false)).Templates]);
}

/// <summary>Shape checks of the reference data commands: the domain factories' own checks, so no message is written twice.</summary>
internal sealed class GrantChangeAuthorityValidator : IRequestValidator<GrantChangeAuthority>
{
    public IEnumerable<ValidationError> Validate(GrantChangeAuthority request) => ChangeAuthorityGrant.Create(request.User, request.Authorities).ValidationErrors;
}

internal sealed class RevokeChangeAuthorityValidator : IRequestValidator<RevokeChangeAuthority>
{
    public IEnumerable<ValidationError> Validate(RevokeChangeAuthority request) => ChangeAuthorityGrant.Create(request.User, request.Authorities).ValidationErrors;
}

internal sealed class DefineMaintenanceWindowValidator : IRequestValidator<DefineMaintenanceWindow>
{
    public IEnumerable<ValidationError> Validate(DefineMaintenanceWindow request) => MaintenanceWindow.Define(request.Service, request.Calendar).ValidationErrors;
}

internal sealed class RemoveMaintenanceWindowValidator : IRequestValidator<RemoveMaintenanceWindow>
{
    public IEnumerable<ValidationError> Validate(RemoveMaintenanceWindow request) =>
        request.Service.Value is null ? [Failure.Field("Service", "Say whose maintenance window to remove: the service is unassigned.", MaintenanceWindow.ServiceCode)] : [];
}

internal sealed class DeclareBlackoutValidator : IRequestValidator<DeclareBlackout>
{
    public IEnumerable<ValidationError> Validate(DeclareBlackout request) => BlackoutWindow.Declare(BlackoutId.New(), request.Service, request.Window, request.Reason).ValidationErrors;
}

internal sealed class LiftBlackoutValidator : IRequestValidator<LiftBlackout>
{
    public IEnumerable<ValidationError> Validate(LiftBlackout request) =>
        request.Blackout.Value == Guid.Empty ? [Failure.Field("Blackout", "Say which blackout to lift: the identifier is empty.", BlackoutWindow.IdCode)] : [];
}

internal sealed class DefineStandardChangeTemplateValidator : IRequestValidator<DefineStandardChangeTemplate>
{
    public IEnumerable<ValidationError> Validate(DefineStandardChangeTemplate request) => request.Plans is null
        ? [Failure.Field("Plans", "A standard change template needs its plans: at least an implementation plan.", "change.plans")]
        : StandardChangeTemplate.Define(request.Template, request.Description, request.Plans).ValidationErrors;
}

internal sealed class RetireStandardChangeTemplateValidator : IRequestValidator<RetireStandardChangeTemplate>
{
    public IEnumerable<ValidationError> Validate(RetireStandardChangeTemplate request) =>
        request.Template.Value is null ? [Failure.Field("Template", "Name the template to retire: the identifier is unassigned.", StandardChangeTemplate.DefinitionCode)] : [];
}
