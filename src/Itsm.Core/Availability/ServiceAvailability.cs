using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>
/// The availability figures of one service over a period, all in business time of its
/// service-hours calendar (see <see cref="AvailabilityMeasure"/> for the definitions).
/// </summary>
/// <param name="Service">The service measured.</param>
/// <param name="Period">The period measured, half-open.</param>
/// <param name="ServiceHours">The service hours in the period: the calendar's working time in it.</param>
/// <param name="Planned">Planned time <c>P</c>: service hours in which the service is down counting planned outages alone.</param>
/// <param name="Down">Downtime <c>D</c>: instants of the agreed time in which the service is down counting every outage.</param>
/// <param name="Degraded">Instants of the agreed time in which the service is degraded (not down) counting every outage.</param>
/// <param name="Outages">The maximal wall-clock intervals of down time that share some agreed time (overlap <c>A</c> for a positive duration).</param>
/// <remarks>
/// Immutable and thread-safe. <c>default</c> names no service and has a zero period.
/// The derived figures are null when undefined: <see cref="Availability"/> when there is no agreed
/// time, the mean times when there was no outage.
/// </remarks>
public readonly record struct ServiceAvailability(
    ConfigurationItemId Service,
    Interval Period,
    Duration ServiceHours,
    Duration Planned,
    Duration Down,
    Duration Degraded,
    int Outages)
{
    /// <summary>Agreed time <c>A</c>: service hours minus planned time.</summary>
    public Duration Agreed => ServiceHours - Planned;

    /// <summary>Agreed time in which the service was not down: <c>|A| - |D|</c>.</summary>
    public Duration Uptime => Agreed - Down;

    /// <summary><c>(|A| - |D|) / |A|</c>, in [0, 1]; null when the agreed time is zero.</summary>
    public double? Availability => Agreed > Duration.Zero ? (double)Uptime.ToInt64Nanoseconds() / Agreed.ToInt64Nanoseconds() : null;

    /// <summary>Mean time to restore service: <c>|D|</c> / outages (to the nanosecond, rounded down); null without outages.</summary>
    public Duration? MeanTimeToRestore => PerOutage(Down);

    /// <summary>Mean time between failures: (<c>|A| - |D|</c>) / outages (rounded down); null without outages.</summary>
    public Duration? MeanTimeBetweenFailures => PerOutage(Uptime);

    /// <summary>Mean time between service incidents: <c>|A|</c> / outages (rounded down); null without outages.</summary>
    public Duration? MeanTimeBetweenServiceIncidents => PerOutage(Agreed);

    /// <summary>Returns, for example, <c>shop: availability 0.998125 over 160h00m agreed, 0h18m down in 2 outage(s), 0h00m degraded, 4h00m planned</c>.</summary>
    public override string ToString() =>
        $"{Service}: availability {(Availability is { } a ? a.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture) : "undefined")} over {Hours(Agreed)} agreed, "
        + $"{Hours(Down)} down in {Outages} outage(s), {Hours(Degraded)} degraded, {Hours(Planned)} planned";

    private static string Hours(Duration d) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(long)d.TotalHours}h{d.Minutes:00}m");

    private Duration? PerOutage(Duration total) =>
        Outages > 0 ? Duration.FromNanoseconds(total.ToInt64Nanoseconds() / Outages) : null;
}
