using System.Collections.Immutable;
using Itsm.Core.Availability;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Reporting;

/// <summary>One part of a service report's period under one version of the agreement that governs the service.</summary>
/// <param name="Period">The part, half-open, within the report's period.</param>
/// <param name="Agreement">The agreement.</param>
/// <param name="Version">The version in force during the part, or null when none is (before the first, after the end).</param>
/// <param name="Figures">The report of the part alone: the incidents opened in it (without availability or activity).</param>
public sealed record ServiceReportPart(Interval Period, AgreementId Agreement, AgreementTargetPeriod? Version, ServiceReport Figures);

/// <summary>One SLA breach in a service report.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="Metric">Which clock breached.</param>
/// <param name="BreachedAt">When.</param>
public sealed record ReportedBreach(IncidentId Incident, Priority Priority, SlaMetric Metric, Instant BreachedAt);

/// <summary>
/// The monthly service report of ISO/IEC 20000 service reporting, for one service and period:
/// incidents by priority, SLA attainment, breaches, mean time to restore in business time, and
/// availability from the recorded outages against the agreed service hours of the same business calendar,
/// with the attainment of the service's availability target.
/// </summary>
/// <remarks>
/// <para>
/// <b>Which incidents:</b> those on the service opened within the period. Clocks are evaluated at
/// <see cref="AsOf"/>. <b>Attainment</b> is met clocks over met plus breached ones (running clocks
/// that have not breached are not counted yet), for resolution and response separately.
/// <b>Mean time to restore</b> (<see cref="MeanTimeToRestore"/>) is the incidents' figure: the business
/// time from opening to resolution, over resolved incidents.
/// </para>
/// <para>
/// <b>Availability</b> (<see cref="AvailabilityFigures"/>) is not derived from incidents: it is
/// <see cref="AvailabilityMeasure"/> over the outage records of the items the service depends on, on the
/// same calendar (the service hours), from the period's start to <see cref="AsOf"/>, so an outage still
/// going on counts up to then. Its MTRS, MTBF and MTBSI are the outages' figures, beside the incidents'
/// mean time to restore. <see cref="AvailabilityAttainment"/> assesses each part of the period against the target in force
/// during it (<see cref="Availability.AvailabilityAttainment"/>), and is null when no target was in force at any time of the period
/// (there is then nothing to attain, which is not 0 %).
/// </para>
/// <para>
/// <b>Parts under the agreement version in force</b> (<see cref="Parts"/>): when an agreement governs the service, the period
/// is split at every instant a version of it comes into force or ends, and each part counts the incidents opened in it, as a
/// report of that part alone would; so the report is the sum of its parts. Each incident is measured against the targets its
/// clocks ran under (the agreement version in force when it opened, or after a re-target).
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

    /// <summary>
    /// The customer the report is for, or null for every customer of the service. It only labels the report: the caller
    /// selects the customer's incidents (those opened for <see cref="Incident.Customer"/>) before <see cref="Build"/>.
    /// </summary>
    public CustomerId? Customer { get; init; }

    /// <summary>What problem and change management did for the service in the period; <see cref="ServiceReportActivity.None"/> unless given.</summary>
    public ServiceReportActivity Activity { get; init; } = ServiceReportActivity.None;

    /// <summary>
    /// What request fulfilment did for the service in the period (<see cref="ServiceReportRequests"/>); <see cref="ServiceReportRequests.None"/> unless given.
    /// Requests carry no customer, so this counts every request of the service, whatever <see cref="Customer"/> says.
    /// </summary>
    public ServiceReportRequests Requests { get; init; } = ServiceReportRequests.None;

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

    /// <summary>The business time from opening to resolution summed over the resolved incidents (the numerator of <see cref="MeanTimeToRestore"/>).</summary>
    public Duration TimeToRestore { get; init; }

    /// <summary>How many incidents were resolved (the denominator of <see cref="MeanTimeToRestore"/>).</summary>
    public int Restored { get; init; }

    /// <summary>
    /// The period's parts, in order, without gaps or overlaps, each under one version of the agreement that governs the service
    /// (or none, between versions); empty when no agreement governs it at any time of the period.
    /// </summary>
    public ImmutableArray<ServiceReportPart> Parts { get; init; } = [];

    /// <summary>
    /// The availability measured from the outage records over the period up to <see cref="AsOf"/>, in business time of the
    /// calendar (<see cref="ServiceAvailability.Availability"/> is a fraction in [0, 1]); null when the service is not a
    /// configuration item of the CMDB as it is now (never registered, or retired), so there is no dependency closure to measure.
    /// </summary>
    public required ServiceAvailability? AvailabilityFigures { get; init; }

    /// <summary>
    /// How <see cref="AvailabilityFigures"/> attain the targets in force during their period (the service's, or the offering's reported on),
    /// part by part; null when none was in force at any time of it, or there are no figures.
    /// </summary>
    public required AvailabilityAttainment? AvailabilityAttainment { get; init; }

    /// <summary>Builds the report.</summary>
    /// <param name="service">The service.</param>
    /// <param name="period">The period, such as a calendar month.</param>
    /// <param name="incidents">Incidents to consider (others than the service's and the period's are ignored).</param>
    /// <param name="calendar">The service's agreed hours: the calendar its SLA is measured on.</param>
    /// <param name="asOf">When to evaluate the clocks; usually the end of the period or now.</param>
    /// <param name="availability">
    /// The service's availability measured on <paramref name="calendar"/> (<see cref="AvailabilityMeasure"/>) from the start of
    /// <paramref name="period"/> to at most its end, or null when it has none.
    /// </param>
    /// <param name="attainment">How <paramref name="availability"/> attains the targets in force during its period, or null when none was.</param>
    /// <param name="agreement">The agreement that governs the service (<see cref="ServiceLevelTargetResolver.ResolveOver"/>), whose versions split the period into <see cref="Parts"/>; null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="incidents"/> or <paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="availability"/> is of another service or does not start with <paramref name="period"/> and end within it, or
    /// <paramref name="attainment"/> is given without figures, or is of another service or period than them.
    /// </exception>
    public static ServiceReport Build(
        ConfigurationItemId service, Interval period, IEnumerable<Incident> incidents, BusinessCalendar calendar, Instant asOf, ServiceAvailability? availability, AvailabilityAttainment? attainment, AgreementTargets? agreement = null)
    {
        Preconditions.CheckNotNull(incidents);
        Preconditions.CheckNotNull(calendar);
        Preconditions.CheckArgument(
            availability is not { } a || (a.Service == service && a.Period.Start == period.Start && a.Period.End <= period.End),
            nameof(availability),
            "The availability figures must be of the service reported on, from the start of the period to at most its end.");
        Preconditions.CheckArgument(
            attainment is null || (availability is { } f && attainment.Service == service && attainment.Period == f.Period),
            nameof(attainment),
            "The availability attainment must be of the figures reported on.");
        var inScope = incidents.Where(i => i.Service == service && period.Contains(i.OpenedAt)).OrderBy(i => i.OpenedAt).ToList();
        var parts = agreement is null ? [] : PartsOf(service, period, inScope, calendar, asOf, agreement);
        var breaches = new List<ReportedBreach>();
        int responseMet = 0, responseBreached = 0, resolutionMet = 0, resolutionBreached = 0;
        foreach (var incident in inScope)
        {
            var (response, resolution) = incident.SlaStatus(calendar, asOf);
            Count(incident, response, SlaMetric.Response, ref responseMet, ref responseBreached, breaches);
            Count(incident, resolution, SlaMetric.Resolution, ref resolutionMet, ref resolutionBreached, breaches);
        }

        var restored = inScope.Where(i => i.ResolvedAt is not null).Select(i => calendar.BusinessTimeBetween(i.OpenedAt, i.ResolvedAt!.Value)).ToList();
        var restoredTotal = restored.Aggregate(Duration.Zero, (sum, d) => sum + d);
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
            TimeToRestore = restoredTotal,
            Restored = restored.Count,
            AvailabilityFigures = availability,
            AvailabilityAttainment = attainment,
            Parts = parts,
        };
    }

    /// <summary>The parts of <paramref name="period"/> split where a version of <paramref name="agreement"/> starts or ends; none when no version is in force in it.</summary>
    private static ImmutableArray<ServiceReportPart> PartsOf(
        ConfigurationItemId service, Interval period, List<Incident> inScope, BusinessCalendar calendar, Instant asOf, AgreementTargets agreement)
    {
        var periods = agreement.Periods.IsDefault ? [] : agreement.Periods;
        if (!periods.Any(p => p.From < period.End && (p.Until is not { } until || until > period.Start)))
        {
            return [];
        }

        var cuts = periods.SelectMany(p => p.Until is { } until ? new[] { p.From, until } : [p.From])
            .Where(i => i > period.Start && i < period.End)
            .Prepend(period.Start).Append(period.End).Distinct().Order().ToList();
        var parts = ImmutableArray.CreateBuilder<ServiceReportPart>(cuts.Count - 1);
        for (var k = 0; k + 1 < cuts.Count; k++)
        {
            var part = new Interval(cuts[k], cuts[k + 1]);
            var figures = Build(service, part, inScope.Where(i => part.Contains(i.OpenedAt)), calendar, asOf, null, null);
            parts.Add(new ServiceReportPart(part, agreement.Agreement, agreement.PeriodAt(part.Start), figures));
        }

        return parts.MoveToImmutable();
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

    private static double? Percentage((int Met, int Breached) counts) =>
        counts.Met + counts.Breached == 0 ? null : 100.0 * counts.Met / (counts.Met + counts.Breached);
}
