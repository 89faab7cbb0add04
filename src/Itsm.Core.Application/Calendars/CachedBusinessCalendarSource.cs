using System.Collections.Concurrent;
using Itsm.Core.Calendars;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Calendars;

/// <summary>
/// The default <see cref="IBusinessCalendarSource"/>: loads through the scope's
/// <see cref="ICalendarRepository"/> and keeps compiled calendars in a process-wide cache keyed by
/// tenant, identifier and stored version, so a redefined calendar is recompiled and an unchanged one
/// keeps its compiled timeline.
/// </summary>
/// <remarks>Thread-safe. The cache holds one entry per (tenant, calendar, version) ever read; calendars are few.</remarks>
internal sealed class CachedBusinessCalendarSource(ICalendarRepository repository, CompiledCalendarCache cache) : IBusinessCalendarSource
{
    public async Task<Result<BusinessCalendar>> GetAsync(TenantId tenant, CalendarId id, CancellationToken cancellationToken)
    {
        var stored = await repository.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Failure.NotFound<BusinessCalendar>($"There is no business calendar '{id}'.", "calendar.not-found");
        }

        return cache.Entries.GetOrAdd((tenant, id, stored.Version), _ => BusinessCalendar.FromDefinition(stored.Record));
    }
}

/// <summary>The process-wide store of compiled calendars behind <see cref="CachedBusinessCalendarSource"/>.</summary>
internal sealed class CompiledCalendarCache
{
    public ConcurrentDictionary<(TenantId Tenant, CalendarId Id, long Version), BusinessCalendar> Entries { get; } = new();
}
