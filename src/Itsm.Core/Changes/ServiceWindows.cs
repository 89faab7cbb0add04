using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>A blackout (change freeze) window on a service: no change should touch it then.</summary>
/// <remarks>
/// Immutable and thread-safe. A declared blackout has an identity (<see cref="Id"/>) so that it can be
/// lifted; <see cref="Declare"/> validates like input and is what the stores read back through.
/// </remarks>
public sealed record BlackoutWindow
{
    /// <summary>The code of an unassigned identifier.</summary>
    public const string IdCode = "change.blackout.id";

    /// <summary>The code of an unassigned service.</summary>
    public const string ServiceCode = "change.blackout.service";

    /// <summary>The code of a window without a start or an end, or not starting before it ends.</summary>
    public const string WindowCode = "change.blackout.window";

    /// <summary>The code of a blank reason.</summary>
    public const string ReasonCode = "change.blackout.reason";

    /// <summary>Creates a blackout window with a new identifier.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> is null.</exception>
    /// <exception cref="ArgumentException">The window has no start or end, or is empty.</exception>
    public BlackoutWindow(ConfigurationItemId service, Interval window, string reason)
        : this(BlackoutId.New(), service, window, Preconditions.CheckNotNull(reason), checkWindow: true)
    {
    }

    private BlackoutWindow(BlackoutId id, ConfigurationItemId service, Interval window, string reason, bool checkWindow)
    {
        if (checkWindow)
        {
            Preconditions.CheckArgument(Windows.IsBoundedAndNonEmpty(window), nameof(window), $"A blackout window needs a start before its end, but was {window}.");
        }

        Id = id;
        Service = service;
        Window = window;
        Reason = reason;
    }

    /// <summary>The blackout's identity in its tenant.</summary>
    public BlackoutId Id { get; }

    /// <summary>The frozen service.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>When it is frozen, half-open.</summary>
    public Interval Window { get; }

    /// <summary>Why (for example "year-end close").</summary>
    public string Reason { get; }

    /// <summary>
    /// Declares a blackout of <paramref name="service"/> during <paramref name="window"/>: Invalid when the id or the
    /// service is unassigned (<see cref="ServiceCode"/>), the window is unbounded or empty (<see cref="WindowCode"/>) or
    /// the reason is blank (<see cref="ReasonCode"/>).
    /// </summary>
    public static Result<BlackoutWindow> Declare(BlackoutId id, ConfigurationItemId service, Interval window, string? reason)
    {
        var errors = new List<ValidationError>();
        if (id.Value == Guid.Empty)
        {
            errors.Add(Failure.Field("Id", "A blackout needs an identifier: it is the empty GUID.", IdCode));
        }

        if (service.Value is null)
        {
            errors.Add(Failure.Field("Service", "Say which service is frozen: the service is unassigned.", ServiceCode));
        }

        if (!Windows.IsBoundedAndNonEmpty(window))
        {
            errors.Add(Failure.Field("Window", $"A blackout window needs a start before its end, but was {window}.", WindowCode));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(Failure.Field("Reason", "Say why the service is frozen, such as \"year-end close\".", ReasonCode));
        }

        return errors.Count == 0 ? new BlackoutWindow(id, service, window, reason!.Trim(), checkWindow: false) : Result<BlackoutWindow>.Invalid(errors);
    }

    /// <summary>Reads as <c>blackout 0192... of shop [2026-11-27T00:00:00Z, 2026-11-30T00:00:00Z): Black Friday</c>.</summary>
    public override string ToString() => $"blackout {Id} of {Service} [{Window.Start}, {Window.End}): {Reason}";
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
