using Itsm.Core.Common;

namespace Itsm.Core.Changes;

/// <summary>
/// The maintenance window of one service: the working time of a stored business calendar (for
/// example Saturdays 22:00-04:00 in the service's zone, holidays excluded) is when changes to the
/// service may be made. A change whose planned window is not all inside it is riskier.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equal when service and calendar are equal. A tenant gives each
/// service at most one maintenance window. The calendar is referenced by id, so redefining the
/// calendar moves the window; <see cref="ServiceWindows"/> holds the compiled calendars.
/// </remarks>
public sealed class MaintenanceWindow : IEquatable<MaintenanceWindow>
{
    /// <summary>The code of an unassigned service.</summary>
    public const string ServiceCode = "change.maintenance.service";

    /// <summary>The code of an unassigned calendar.</summary>
    public const string CalendarCode = "change.maintenance.calendar";

    private MaintenanceWindow(ConfigurationItemId service, CalendarId calendar)
    {
        Service = service;
        Calendar = calendar;
    }

    /// <summary>The service (a configuration item).</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The stored business calendar whose working time is the window.</summary>
    public CalendarId Calendar { get; }

    /// <summary>The maintenance window of <paramref name="service"/>; Invalid when either id is unassigned.</summary>
    public static Result<MaintenanceWindow> Define(ConfigurationItemId service, CalendarId calendar)
    {
        var errors = new List<ValidationError>();
        if (service.Value is null)
        {
            errors.Add(Failure.Field("Service", "Say which service the maintenance window is for: the service is unassigned.", ServiceCode));
        }

        if (calendar.Value is null)
        {
            errors.Add(Failure.Field("Calendar", "Say which stored business calendar is the maintenance window: the calendar is unassigned.", CalendarCode));
        }

        return errors.Count == 0 ? new MaintenanceWindow(service, calendar) : Result<MaintenanceWindow>.Invalid(errors);
    }

    /// <inheritdoc />
    public bool Equals(MaintenanceWindow? other) => other is not null && Service == other.Service && Calendar == other.Calendar;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MaintenanceWindow);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Service, Calendar);

    /// <summary>Reads as <c>maintenance window of shop: working time of calendar 'saturday-nights'</c>.</summary>
    public override string ToString() => $"maintenance window of {Service}: working time of calendar '{Calendar}'";
}
