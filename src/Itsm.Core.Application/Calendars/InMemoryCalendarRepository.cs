using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Calendars;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Calendars;

/// <summary>The thread-safe in-memory adapter of <see cref="ICalendarRepository"/>; stores snapshots.</summary>
/// <remarks>Honours the port's contract: tenancy by key, optimistic concurrency by version, ordinal listing.</remarks>
public sealed class InMemoryCalendarRepository : InMemoryRepository<CalendarId, InMemoryCalendarRepository.Row>, ICalendarRepository
{
    /// <summary>Creates the adapter over the scope's unit of work.</summary>
    public InMemoryCalendarRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "calendars")
    {
    }

    /// <inheritdoc />
    protected override string AuditName => "BusinessCalendar";

    /// <inheritdoc />
    public Task<Versioned<BusinessCalendarDefinition>?> GetAsync(TenantId tenant, CalendarId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = Find(tenant, id);
        return Task.FromResult(stored is null ? null : new Versioned<BusinessCalendarDefinition>(BusinessCalendarDefinition.FromSnapshot(stored.Record.Snapshot), stored.Version));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CalendarId>> ListIdsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<CalendarId>>([.. All(tenant).Select(r => r.Record.Id).Order()]);
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, CalendarId id, BusinessCalendarDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return InsertAsync(tenant, id, new Row(id, definition.ToSnapshot()), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, CalendarId id, BusinessCalendarDefinition definition, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return UpdateAsync(tenant, id, new Row(id, definition.ToSnapshot()), expectedVersion, cancellationToken);
    }

    /// <summary>A stored row: the identifier and the snapshot.</summary>
    /// <param name="Id">The calendar's identifier.</param>
    /// <param name="Snapshot">The stored definition.</param>
    public sealed record Row(CalendarId Id, BusinessCalendarSnapshot Snapshot);
}
