using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Changes;

/// <summary>
/// The tenant's change authorities, stored: who holds change manager, CAB member and emergency
/// authority. Written by <see cref="GrantChangeAuthority"/> and <see cref="RevokeChangeAuthority"/>;
/// <see cref="IChangeAuthorityDirectory.AuthorityOfAsync"/> is what approvals read.
/// </summary>
/// <remarks>
/// <para><b>Tenancy:</b> every member is scoped to <c>tenant</c>; one tenant never reads or changes another's grants.</para>
/// <para><b>Concurrency:</b> granting adds authorities and revoking removes them, flag by flag, so two
/// concurrent grants to one user both take effect (no read-modify-write of the whole set).</para>
/// <para><b>Read-back:</b> a stored grant is restored through <see cref="ChangeAuthorityGrant.Create"/>; a
/// stored value it refuses is a data fault, reported as <see cref="InvalidOperationException"/> naming the row.</para>
/// <para>Writes take part in the scope's <see cref="Common.IUnitOfWork"/>. Scoped; not thread-safe per instance.</para>
/// </remarks>
public interface IChangeAuthorityStore : IChangeAuthorityDirectory
{
    /// <summary>Every user of the tenant holding any change authority, ordered by user.</summary>
    /// <exception cref="InvalidOperationException">A stored grant is not valid.</exception>
    Task<IReadOnlyList<ChangeAuthorityGrant>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="grant"/>'s authorities to what its user holds (already held ones stay).</summary>
    Task<Result> GrantAsync(TenantId tenant, ChangeAuthorityGrant grant, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="revoked"/>'s authorities from what its user holds (ones not held are ignored).</summary>
    Task<Result> RevokeAsync(TenantId tenant, ChangeAuthorityGrant revoked, CancellationToken cancellationToken);
}

/// <summary>
/// The tenant's maintenance windows, stored: for each service at most one, a stored business calendar
/// whose working time is when changes to it may be made. Written by <see cref="DefineMaintenanceWindow"/> and
/// <see cref="RemoveMaintenanceWindow"/>.
/// </summary>
/// <remarks>
/// Tenancy: scoped to <c>tenant</c>. Read-back: restored through <see cref="MaintenanceWindow.Define"/>; a row it
/// refuses is reported as <see cref="InvalidOperationException"/> naming the row. Writes take part in the scope's unit of work.
/// </remarks>
public interface IMaintenanceWindowStore
{
    /// <summary>The tenant's maintenance windows, ordered by service.</summary>
    /// <exception cref="InvalidOperationException">A stored window is not valid.</exception>
    Task<IReadOnlyList<MaintenanceWindow>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Sets (or replaces) the maintenance window of <paramref name="window"/>'s service.</summary>
    Task<Result> DefineAsync(TenantId tenant, MaintenanceWindow window, CancellationToken cancellationToken);

    /// <summary>Removes the maintenance window of <paramref name="service"/>; NotFound (<c>change.maintenance.not-found</c>) when it has none.</summary>
    Task<Result> RemoveAsync(TenantId tenant, ConfigurationItemId service, CancellationToken cancellationToken);
}

/// <summary>
/// The tenant's blackout (change freeze) windows, stored. Written by <see cref="DeclareBlackout"/> and <see cref="LiftBlackout"/>.
/// </summary>
/// <remarks>
/// Tenancy: scoped to <c>tenant</c>. Read-back: restored through <see cref="BlackoutWindow.Declare"/>; a row it
/// refuses is reported as <see cref="InvalidOperationException"/> naming the row. Writes take part in the scope's unit of work.
/// </remarks>
public interface IBlackoutStore
{
    /// <summary>The tenant's blackouts, ordered by start, then identifier.</summary>
    /// <exception cref="InvalidOperationException">A stored blackout is not valid.</exception>
    Task<IReadOnlyList<BlackoutWindow>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Stores a new blackout; Conflict (<c>record.exists</c>) when its identifier is taken.</summary>
    Task<Result> DeclareAsync(TenantId tenant, BlackoutWindow blackout, CancellationToken cancellationToken);

    /// <summary>Removes blackout <paramref name="id"/>; NotFound (<c>change.blackout.not-found</c>) when the tenant has none such.</summary>
    Task<Result> LiftAsync(TenantId tenant, BlackoutId id, CancellationToken cancellationToken);
}

/// <summary>
/// The tenant's catalogue of standard change templates, stored, active and retired. Written by
/// <see cref="DefineStandardChangeTemplate"/> and <see cref="RetireStandardChangeTemplate"/>; <see cref="RaiseChange"/> reads it.
/// </summary>
/// <remarks>
/// Tenancy: scoped to <c>tenant</c>. A template is never deleted: retiring keeps it (and its name) in the catalogue.
/// Read-back: restored through <see cref="StandardChangeTemplate.Restore"/> and <see cref="ChangePlans.Create"/>; a row
/// they refuse is reported as <see cref="InvalidOperationException"/> naming the row. Writes take part in the scope's unit of work.
/// </remarks>
public interface IStandardChangeTemplateStore
{
    /// <summary>The tenant's catalogue, retired templates included.</summary>
    /// <exception cref="InvalidOperationException">A stored template is not valid.</exception>
    Task<StandardChangeCatalogue> CatalogueAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Stores a new template; Conflict (<c>record.exists</c>) when its name is taken, retired or not (<see cref="StandardChangeCatalogue.Admit"/> decides this first; the store guards against a concurrent definition).</summary>
    Task<Result> DefineAsync(TenantId tenant, StandardChangeTemplate template, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an active template with its retired copy (from <see cref="StandardChangeCatalogue.Retire"/>): NotFound
    /// (<c>record.not-found</c>) when the tenant has no such template, Conflict (<c>record.version-conflict</c>) when it was retired meanwhile.
    /// </summary>
    Task<Result> RetireAsync(TenantId tenant, StandardChangeTemplate retired, CancellationToken cancellationToken);
}

/// <summary>
/// The <see cref="IChangeWindowSource"/> over the stored reference data: the tenant's blackouts, and as maintenance
/// windows the business calendars its maintenance windows name, compiled by <see cref="IBusinessCalendarSource"/> (so
/// they follow the calendar's zone and daylight saving as SLA clocks do).
/// </summary>
/// <remarks>Scoped, like the stores it reads. Tenancy: scoped by <c>tenant</c>.</remarks>
public sealed class StoredChangeWindowSource : IChangeWindowSource
{
    private readonly IMaintenanceWindowStore maintenance;
    private readonly IBlackoutStore blackouts;
    private readonly IBusinessCalendarSource calendars;

    /// <summary>Creates the source.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public StoredChangeWindowSource(IMaintenanceWindowStore maintenance, IBlackoutStore blackouts, IBusinessCalendarSource calendars)
    {
        this.maintenance = maintenance ?? throw new ArgumentNullException(nameof(maintenance));
        this.blackouts = blackouts ?? throw new ArgumentNullException(nameof(blackouts));
        this.calendars = calendars ?? throw new ArgumentNullException(nameof(calendars));
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A maintenance window names a calendar the tenant no longer has, or a stored row is not valid.</exception>
    public async Task<ServiceWindows> GetWindowsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var wanted = services.ToHashSet();
        var compiled = new List<KeyValuePair<ConfigurationItemId, BusinessCalendar>>();
        foreach (var window in (await maintenance.ListAsync(tenant, cancellationToken).ConfigureAwait(false)).Where(w => wanted.Contains(w.Service)))
        {
            var calendar = await calendars.GetAsync(tenant, window.Calendar, cancellationToken).ConfigureAwait(false);
            compiled.Add(new(window.Service, calendar.IsSuccess
                ? calendar.Value
                : throw new InvalidOperationException($"The {window} of tenant '{tenant}' cannot be used: {calendar.Message}")));
        }

        var frozen = (await blackouts.ListAsync(tenant, cancellationToken).ConfigureAwait(false)).Where(b => wanted.Contains(b.Service));
        return new ServiceWindows(compiled, frozen);
    }
}
