using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Changes;

// Change management's reference data: who holds change authority, the maintenance and blackout windows of services
// and the catalogue of standard change templates, per tenant. Who may change it: a change manager of the tenant; while
// the tenant has no change manager at all (a new tenant), anyone may, so that the first change manager can be granted.

/// <summary>
/// Grants change authority to a user (added to what they hold). Only a change manager of the tenant may grant; while the
/// tenant has no change manager, anyone may (the bootstrap of a new tenant). Returns what the user now holds.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="User">Who receives the authority.</param>
/// <param name="Authorities">One or more of change manager, CAB member, emergency authority.</param>
public sealed record GrantChangeAuthority(RequestContext Context, UserId User, ChangeAuthority Authorities) : ICommand<Result<ChangeAuthorityGrant>>;

/// <summary>
/// Revokes change authority from a user (authorities they do not hold are ignored). Only a change manager may revoke, and
/// the tenant's last change manager keeps that authority (Conflict), so that someone can always grant. Returns what the user still holds.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="User">Whose authority is revoked.</param>
/// <param name="Authorities">One or more authorities to revoke.</param>
public sealed record RevokeChangeAuthority(RequestContext Context, UserId User, ChangeAuthority Authorities) : ICommand<Result<ChangeAuthority>>;

/// <summary>
/// Defines (or replaces) the maintenance window of a service of the tenant's CMDB: the working time of a stored business
/// calendar. Only a change manager may (anyone while the tenant has none). Returns the window.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Service">The service (a configuration item of the tenant's CMDB).</param>
/// <param name="Calendar">A business calendar stored in the tenant (<c>DefineCalendar</c>).</param>
public sealed record DefineMaintenanceWindow(RequestContext Context, ConfigurationItemId Service, CalendarId Calendar) : ICommand<Result<MaintenanceWindow>>;

/// <summary>Removes the maintenance window of a service, which then accepts any window. Only a change manager may (anyone while the tenant has none).</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Service">The service.</param>
public sealed record RemoveMaintenanceWindow(RequestContext Context, ConfigurationItemId Service) : ICommand<Result>;

/// <summary>
/// Declares a blackout (change freeze) on a service of the tenant's CMDB: a change whose window overlaps it is riskier.
/// Only a change manager may (anyone while the tenant has none). Returns the blackout with its new identifier.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Service">The frozen service (a configuration item of the tenant's CMDB).</param>
/// <param name="Window">When it is frozen: bounded, half-open, start before end.</param>
/// <param name="Reason">Why, such as "year-end close".</param>
public sealed record DeclareBlackout(RequestContext Context, ConfigurationItemId Service, Interval Window, string Reason) : ICommand<Result<BlackoutWindow>>;

/// <summary>Lifts (removes) a blackout. Only a change manager may (anyone while the tenant has none).</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Blackout">The blackout, as <see cref="DeclareBlackout"/> or <see cref="ListBlackouts"/> returned it.</param>
public sealed record LiftBlackout(RequestContext Context, BlackoutId Blackout) : ICommand<Result>;

/// <summary>
/// Defines a standard change template in the tenant's catalogue: the pre-approved plans standard changes raised from it
/// follow. Names are never reused (Conflict). Only a change manager may (anyone while the tenant has none). Returns the template.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Template">Its name, such as <c>os-patch</c>.</param>
/// <param name="Description">What a change from it does.</param>
/// <param name="Plans">Its plans (<see cref="ChangePlans.Create"/> builds them from untrusted text).</param>
public sealed record DefineStandardChangeTemplate(RequestContext Context, StandardChangeTemplateId Template, string Description, ChangePlans Plans) : ICommand<Result<StandardChangeTemplate>>;

/// <summary>
/// Retires a standard change template: no new standard change may be raised from it; changes raised from it keep its name.
/// Only a change manager may (anyone while the tenant has none). Returns the retired template.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Template">The template's name.</param>
public sealed record RetireStandardChangeTemplate(RequestContext Context, StandardChangeTemplateId Template) : ICommand<Result<StandardChangeTemplate>>;

/// <summary>Everyone holding change authority in the tenant, ordered by user.</summary>
/// <param name="Context">Tenant and acting user.</param>
public sealed record ListChangeAuthorities(RequestContext Context) : IQuery<Result<IReadOnlyList<ChangeAuthorityGrant>>>;

/// <summary>The tenant's maintenance windows, ordered by service.</summary>
/// <param name="Context">Tenant and acting user.</param>
public sealed record ListMaintenanceWindows(RequestContext Context) : IQuery<Result<IReadOnlyList<MaintenanceWindow>>>;

/// <summary>The tenant's blackouts, ordered by start, then identifier.</summary>
/// <param name="Context">Tenant and acting user.</param>
public sealed record ListBlackouts(RequestContext Context) : IQuery<Result<IReadOnlyList<BlackoutWindow>>>;

/// <summary>The tenant's standard change templates, active and retired, ordered by name.</summary>
/// <param name="Context">Tenant and acting user.</param>
public sealed record ListStandardChangeTemplates(RequestContext Context) : IQuery<Result<IReadOnlyList<StandardChangeTemplate>>>;
