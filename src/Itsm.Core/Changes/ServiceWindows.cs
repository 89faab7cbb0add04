using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>A blackout (change freeze) window on a service: no change should touch it then.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BlackoutWindow
{
    /// <summary>Creates a blackout window.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> is null.</exception>
    /// <exception cref="ArgumentException">The window has no start or end, or is empty.</exception>
    public BlackoutWindow(ConfigurationItemId service, Interval window, string reason)
    {
        Preconditions.CheckArgument(Windows.IsBoundedAndNonEmpty(window), nameof(window), $"A blackout window needs a start before its end, but was {window}.");
        Service = service;
        Window = window;
        Reason = Preconditions.CheckNotNull(reason);
    }

    /// <summary>The frozen service.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>When it is frozen, half-open.</summary>
    public Interval Window { get; }

    /// <summary>Why (for example "year-end close").</summary>
    public string Reason { get; }
}

/// <summary>
/// The maintenance and blackout windows of services. A maintenance window is a
/// <see cref="BusinessCalendar"/> whose working time is the time changes may be made (for example
/// Saturdays 22:00-04:00 local time, holidays excluded), so it follows the service's time zone and
/// daylight saving exactly; blackout windows are explicit freeze intervals.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. A service without a maintenance calendar accepts any window; a service
/// without blackouts is never frozen. <see cref="None"/> has neither.
/// </remarks>
public sealed class ServiceWindows
{
    private readonly ImmutableDictionary<ConfigurationItemId, BusinessCalendar> maintenance;
    private readonly ImmutableArray<BlackoutWindow> blackouts;

    /// <summary>Creates the windows.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ServiceWindows(IEnumerable<KeyValuePair<ConfigurationItemId, BusinessCalendar>> maintenance, IEnumerable<BlackoutWindow> blackouts)
    {
        Preconditions.CheckNotNull(maintenance);
        Preconditions.CheckNotNull(blackouts);
        this.maintenance = maintenance.ToImmutableDictionary();
        this.blackouts = [.. blackouts.OrderBy(b => b.Window.Start)];
    }

    /// <summary>No maintenance calendars and no blackouts.</summary>
    public static ServiceWindows None { get; } = new([], []);

    /// <summary>All blackout windows, ordered by start.</summary>
    public ImmutableArray<BlackoutWindow> Blackouts => blackouts;

    /// <summary>The maintenance calendar of <paramref name="service"/>, or null when it has none.</summary>
    public BusinessCalendar? MaintenanceOf(ConfigurationItemId service) => maintenance.GetValueOrDefault(service);

    /// <summary>The services among <paramref name="services"/> whose maintenance calendar does not cover all of <paramref name="window"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> is unbounded.</exception>
    public IReadOnlyList<ConfigurationItemId> ServicesOutsideMaintenance(IEnumerable<ConfigurationItemId> services, Interval window)
    {
        Preconditions.CheckNotNull(services);
        Preconditions.CheckArgument(window.HasStart && window.HasEnd, nameof(window), "The window must be bounded.");
        return services.Distinct().Order()
            .Where(s => maintenance.TryGetValue(s, out var calendar) && calendar.BusinessTimeBetween(window.Start, window.End) < window.Duration)
            .ToList();
    }

    /// <summary>The blackout windows of <paramref name="services"/> that overlap <paramref name="window"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> is unbounded.</exception>
    public IReadOnlyList<BlackoutWindow> BlackoutsOverlapping(IEnumerable<ConfigurationItemId> services, Interval window)
    {
        Preconditions.CheckNotNull(services);
        Preconditions.CheckArgument(window.HasStart && window.HasEnd, nameof(window), "The window must be bounded.");
        var set = services.ToHashSet();
        return blackouts.Where(b => set.Contains(b.Service) && Windows.Overlap(b.Window, window)).ToList();
    }
}
