using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Sample.Host.Tour;

/// <summary>Finds and wipes the records an earlier tour left in its tenant.</summary>
internal static class TourTenant
{
    /// <summary>True when the tour's tenant already holds the records of an earlier run (its office-hours calendar exists).</summary>
    public static async Task<bool> HasRecordsAsync(IItsmDispatcher dispatcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        var found = await dispatcher.QueryAsync(new GetCalendar(new RequestContext(GuidedTour.Tenant, UserId.From("tour.admin")), CalendarId.From("uk-office-hours")), cancellationToken).ConfigureAwait(false);
        return found.IsSuccess;
    }

    /// <summary>Wipes the tour's tenant. The in-memory store starts empty on every invocation, so there is nothing to wipe yet.</summary>
    public static Task ResetAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Task.CompletedTask;
    }
}
