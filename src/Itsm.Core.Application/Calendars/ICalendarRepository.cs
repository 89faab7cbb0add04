using Itsm.Core.Application.Common;
using Itsm.Core.Calendars;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Calendars;

/// <summary>The persistence port for business calendar definitions, keyed by <see cref="CalendarId"/>.</summary>
/// <remarks>
/// <para>
/// <b>Tenancy:</b> every member is scoped by <c>tenant</c>; a calendar of one tenant is invisible to
/// every other, whatever identifier is asked for. <b>Concurrency:</b> reads return the stored version;
/// <see cref="UpdateAsync"/> succeeds only at that version and otherwise returns Conflict, so a
/// concurrent change is never overwritten. <b>Ordering:</b> <see cref="ListIdsAsync"/> returns
/// identifiers in ordinal order. Adapters store <see cref="BusinessCalendarSnapshot"/> and restore
/// with <see cref="BusinessCalendarDefinition.FromSnapshot"/>.
/// </para>
/// </remarks>
public interface ICalendarRepository
{
    /// <summary>The definition stored under <paramref name="id"/>, with its version, or null when there is none.</summary>
    Task<Versioned<BusinessCalendarDefinition>?> GetAsync(TenantId tenant, CalendarId id, CancellationToken cancellationToken);

    /// <summary>Every calendar identifier of the tenant, in ordinal order.</summary>
    Task<IReadOnlyList<CalendarId>> ListIdsAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Stores a new definition at version 1; Conflict when <paramref name="id"/> is taken.</summary>
    Task<Result> AddAsync(TenantId tenant, CalendarId id, BusinessCalendarDefinition definition, CancellationToken cancellationToken);

    /// <summary>Replaces a definition still at <paramref name="expectedVersion"/>; NotFound or Conflict otherwise.</summary>
    Task<Result> UpdateAsync(TenantId tenant, CalendarId id, BusinessCalendarDefinition definition, long expectedVersion, CancellationToken cancellationToken);
}

/// <summary>
/// Compiled calendars for the application: loads a definition through <see cref="ICalendarRepository"/>
/// and returns a <see cref="BusinessCalendar"/>, reusing the compiled timeline while the stored version
/// is unchanged. Handlers that evaluate SLA clocks use it instead of compiling per request.
/// </summary>
public interface IBusinessCalendarSource
{
    /// <summary>The compiled calendar <paramref name="id"/> of <paramref name="tenant"/>, or NotFound.</summary>
    Task<Result<BusinessCalendar>> GetAsync(TenantId tenant, CalendarId id, CancellationToken cancellationToken);
}
