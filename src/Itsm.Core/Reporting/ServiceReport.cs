using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Reporting;

/// <summary>One SLA breach in a service report.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="Metric">Which clock breached.</param>
/// <param name="BreachedAt">When.</param>
public sealed record ReportedBreach(IncidentId Incident, Priority Priority, SlaMetric Metric, Instant BreachedAt);

/// <summary>
/// The monthly service report of ISO/IEC 20000 service reporting, for one service and period:
/// incidents by priority, SLA attainment, breaches, mean time to restore in business time, and
/// availability against the agreed service hours of the same business calendar.
/// </summary>
/// <remarks>
/// <para>
/// <b>Which incidents:</b> those on the service opened within the period. Clocks are evaluated at
/// <see cref="AsOf"/>. <b>Attainment</b> is met clocks over met plus breached ones (running clocks
/// that have not breached are not counted yet), for resolution and response separately.
/// <b>Mean time to restore</b> is the business time from opening to resolution, over resolved incidents.
/// <b>Availability</b> counts as downtime the union of the open spans of incidents with impact level 1
/// (the whole service affected), clipped to the period, measured in the calendar's working time.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record ServiceReport
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    private ServiceReport()
    {
    }

    /// <summary>The service reported on.</summary>
    public required ConfigurationItemId Service { get; init; }

    /// <summary>The reporting period, half-open.</summary>
    public required Interval Period { get; init; }

    /// <summary>When the clocks were evaluated.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>Incidents opened in the period, by priority (highest first).</summary>
    public required ImmutableSortedDictionary<Priority, int> IncidentsByPriority { get; init; }

    /// <summary>How many incidents were opened in the period.</summary>
    public int IncidentCount => IncidentsByPriority.Values.Sum();

    /// <summary>Resolution clocks met and breached.</summary>
    public required (int Met, int Breached) Resolution { get; init; }

    /// <summary>Response clocks met and breached.</summary>
    public required (int Met, int Breached) Response { get; init; }

    /// <summary>Resolution SLA attainment in percent, or null when no clock has ended.</summary>
    public double? ResolutionAttainment => Percentage(Resolution);

    /// <summary>Response SLA attainment in percent, or null when no clock has ended.</summary>
    public double? ResponseAttainment => Percentage(Response);

    /// <summary>Every breach, oldest first.</summary>
    public required ImmutableArray<ReportedBreach> Breaches { get; init; }

    /// <summary>Mean business time from opening to resolution over resolved incidents, or null when none was resolved.</summary>
    public required Duration? MeanTimeToRestore { get; init; }

    /// <summary>The agreed service time in the period: the calendar's working time.</summary>
    public required Duration AgreedServiceTime { get; init; }

    /// <summary>Working time in the period during which an incident with impact level 1 was open.</summary>
    public required Duration Downtime { get; init; }

    /// <summary>Availability in percent against the agreed service time, or null when the period has none.</summary>
    public double? Availability => AgreedServiceTime == Duration.Zero ? null : 100.0 * (AgreedServiceTime - Downtime).TotalTicks / AgreedServiceTime.TotalTicks;

    /// <summary>Builds the report.</summary>
    /// <param name="service">The service.</param>
    /// <param name="period">The period, such as a calendar month.</param>
    /// <param name="incidents">Incidents to consider (others than the service's and the period's are ignored).</param>
    /// <param name="calendar">The service's agreed hours: the calendar its SLA is measured on.</param>
    /// <param name="asOf">When to evaluate the clocks; usually the end of the period or now.</param>
    /// <exception cref="ArgumentNullException"><paramref name="incidents"/> or <paramref name="calendar"/> is null.</exception>
    public static ServiceReport Build(ConfigurationItemId service, Interval period, IEnumerable<Incident> incidents, BusinessCalendar calendar, Instant asOf)
    {
        Preconditions.CheckNotNull(incidents);
        Preconditions.CheckNotNull(calendar);
        var inScope = incidents.Where(i => i.Service == service && period.Contains(i.OpenedAt)).OrderBy(i => i.OpenedAt).ToList();
        var breaches = new List<ReportedBreach>();
        int responseMet = 0, responseBreached = 0, resolutionMet = 0, resolutionBreached = 0;
        foreach (var incident in inScope)
        {
            var (response, resolution) = incident.SlaStatus(calendar, asOf);
            Count(incident, response, SlaMetric.Response, ref responseMet, ref responseBreached, breaches);
            Count(incident, resolution, SlaMetric.Resolution, ref resolutionMet, ref resolutionBreached, breaches);
        }

        var restored = inScope.Where(i => i.ResolvedAt is not null).Select(i => calendar.BusinessTimeBetween(i.OpenedAt, i.ResolvedAt!.Value)).ToList();
        return new ServiceReport
        {
            Service = service,
            Period = period,
            AsOf = asOf,
            IncidentsByPriority = inScope.GroupBy(i => i.Priority).ToImmutableSortedDictionary(g => g.Key, g => g.Count()),
            Response = (responseMet, responseBreached),
            Resolution = (resolutionMet, resolutionBreached),
            Breaches = breaches.OrderBy(b => b.BreachedAt).ToImmutableArray(),
            MeanTimeToRestore = restored.Count == 0 ? null : Duration.FromTicks(restored.Sum(d => d.BclCompatibleTicks) / restored.Count),
            AgreedServiceTime = calendar.BusinessTimeBetween(period.Start, period.End),
            Downtime = MeasureDowntime(inScope, period, calendar, asOf),
        };
    }

    private static void Count(Incident incident, SlaClockStatus? status, SlaMetric metric, ref int met, ref int breached, List<ReportedBreach> breaches)
    {
        if (status is null)
        {
            return;
        }

        if (status.BreachedAt is { } at)
        {
            breached++;
            breaches.Add(new ReportedBreach(incident.Id, incident.Priority, metric, at));
        }
        else if (status.State == SlaClockState.Met)
        {
            met++;
        }
    }

    private static Duration MeasureDowntime(List<Incident> incidents, Interval period, BusinessCalendar calendar, Instant asOf)
    {
        var end = asOf < period.End ? asOf : period.End;
        var spans = incidents
            .Where(i => i.Decision.Impact.Level == 1 && i.State != IncidentState.Cancelled)
            .Select(i => (Start: i.OpenedAt, End: i.ResolvedAt is { } resolved && resolved < end ? resolved : end))
            .Where(s => s.End > s.Start)
            .OrderBy(s => s.Start)
            .ToList();
        var total = Duration.Zero;
        Instant? mergedStart = null, mergedEnd = null;
        foreach (var (start, stop) in spans)
        {
            if (mergedEnd is { } e && start <= e)
            {
                mergedEnd = stop > e ? stop : e;
                continue;
            }

            if (mergedStart is { } s0 && mergedEnd is { } e0)
            {
                total += calendar.BusinessTimeBetween(s0, e0);
            }

            (mergedStart, mergedEnd) = (start, stop);
        }

        if (mergedStart is { } s1 && mergedEnd is { } e1)
        {
            total += calendar.BusinessTimeBetween(s1, e1);
        }

        return total;
    }

    private static double? Percentage((int Met, int Breached) counts) =>
        counts.Met + counts.Breached == 0 ? null : 100.0 * counts.Met / (counts.Met + counts.Breached);
}
