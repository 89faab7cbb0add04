using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>What a problem manager asks of one problem at one instant.</summary>
/// <param name="Problem">The problem.</param>
/// <param name="State">Its state.</param>
/// <param name="Incidents">How many incidents are linked.</param>
/// <param name="OpenIncidents">Of those, how many are open.</param>
/// <param name="IncidentDowntime">The sum over the linked incidents of the business time each was unresolved (from opening or reopening to resolution or cancellation).</param>
/// <param name="Downtime">The business time during which at least one linked incident was unresolved: overlapping incidents count once, so it never exceeds <paramref name="IncidentDowntime"/>.</param>
/// <param name="Age">Elapsed time from logging to resolution (or to the instant asked about while unresolved).</param>
/// <param name="TimeToRootCause">Elapsed time from logging to the first recorded root cause, or null while unknown.</param>
/// <param name="ResolvedWithWorkaround">The linked incidents resolved at or after receiving this problem's workaround.</param>
/// <param name="ReopenedAfterWorkaround">Of those, the ones reopened after that resolution: the workaround did not hold.</param>
/// <param name="IncidentsSinceKnownError">The linked incidents opened at or after the known error was published (the cost of delay, with <see cref="SlaBreachSinceKnownError"/>), 0 without one.</param>
public sealed record ProblemMeasure(
    ProblemId Problem,
    ProblemState State,
    int Incidents,
    int OpenIncidents,
    Duration IncidentDowntime,
    Duration Downtime,
    Duration Age,
    Duration? TimeToRootCause,
    int ResolvedWithWorkaround,
    int ReopenedAfterWorkaround,
    int IncidentsSinceKnownError)
{
    /// <summary>
    /// The SLA breach time of the cost of delay: over the linked incidents opened at or after the known error was published,
    /// the business time by which each SLA clock (response and resolution) has run past its target at the instant asked
    /// about, summed; zero without a known error or when none breached. Measured on the calendar the measures were given
    /// (the service's SLA calendar, which its incidents' clocks run on).
    /// </summary>
    public Duration SlaBreachSinceKnownError { get; init; }
}

/// <summary>
/// The measures of a problem (<see cref="ProblemMeasure"/>): incidents and downtime attributed to it, how long it has been
/// open and how long its cause took to find, and what its workaround and known error achieved.
/// </summary>
/// <remarks>
/// <para>
/// An incident is <i>unresolved</i> from its opening to its first resolution or cancellation, and again from each reopening
/// to the next resolution; only history up to the instant asked about counts. Downtime is business time on the calendar
/// given (the service's), of the union of the linked incidents' unresolved intervals: the intervals are sorted and merged,
/// then each merged interval is one <see cref="BusinessCalendar.BusinessTimeBetween"/>, so the cost is O(n log n) in the
/// incidents' history records plus one calendar lookup per merged interval.
/// </para>
/// <para>Stateless and thread-safe. Incidents not linked to the problem are ignored; an incident given twice counts once.</para>
/// </remarks>
public static class ProblemMeasures
{
    /// <summary>Measures <paramref name="problem"/> at <paramref name="at"/> over its linked incidents as loaded.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="linked">Its linked incidents, as loaded (others are ignored).</param>
    /// <param name="calendar">The service's calendar, for downtime in business time.</param>
    /// <param name="at">The instant measured at; history after it does not count.</param>
    /// <exception cref="ArgumentNullException">An argument or an incident is null.</exception>
    public static ProblemMeasure Measure(Problem problem, IEnumerable<Incident> linked, BusinessCalendar calendar, Instant at)
    {
        Preconditions.CheckNotNull(problem);
        Preconditions.CheckNotNull(linked);
        Preconditions.CheckNotNull(calendar);
        var ids = problem.Incidents.ToHashSet();
        var incidents = linked.Select(i => Preconditions.CheckNotNull(i, nameof(linked))).Where(i => ids.Contains(i.Id)).DistinctBy(i => i.Id).ToList();
        var intervals = incidents.SelectMany(i => Unresolved(i, at)).ToList();
        var total = intervals.Aggregate(Duration.Zero, (sum, interval) => sum + Business(calendar, interval));
        var downtime = Merge(intervals).Aggregate(Duration.Zero, (sum, interval) => sum + Business(calendar, interval));
        var rootCause = problem.History.OfType<ProblemRootCauseRecorded>().FirstOrDefault(r => r.At <= at);
        var published = problem.History.OfType<ProblemKnownErrorPublished>().FirstOrDefault(k => k.At <= at);
        var resolvedAt = problem.ResolvedAt is { } resolved && resolved <= at ? resolved : at;
        var workaround = incidents.Select(i => WorkaroundOutcome(problem.Id, i, at)).ToList();
        var since = published is null ? [] : incidents.Where(i => i.OpenedAt >= published.At && i.OpenedAt <= at).ToList();
        return new ProblemMeasure(
            problem.Id,
            problem.State,
            incidents.Count,
            incidents.Count(i => i.IsOpen),
            total,
            downtime,
            Max(Duration.Zero, resolvedAt - problem.LoggedAt),
            rootCause is null ? null : rootCause.At - problem.LoggedAt,
            workaround.Count(o => o.Resolved),
            workaround.Count(o => o.Reopened),
            since.Count)
        {
            SlaBreachSinceKnownError = since.Aggregate(Duration.Zero, (sum, incident) => sum + Breach(incident, calendar, at)),
        };
    }

    /// <summary>How far each of <paramref name="incident"/>'s SLA clocks has run past its target at <paramref name="at"/>, summed.</summary>
    private static Duration Breach(Incident incident, BusinessCalendar calendar, Instant at)
    {
        var (response, resolution) = incident.SlaStatus(calendar, at);
        return new[] { response, resolution }.Aggregate(Duration.Zero, (sum, clock) => clock is { } c && c.Elapsed > c.Target ? sum + (c.Elapsed - c.Target) : sum);
    }

    /// <summary>The intervals in which <paramref name="incident"/> was unresolved, up to <paramref name="at"/>, in order.</summary>
    internal static IEnumerable<Interval> Unresolved(Incident incident, Instant at)
    {
        Instant? from = null;
        foreach (var e in incident.History.TakeWhile(e => e.At <= at))
        {
            switch (e)
            {
                case IncidentOpened or IncidentReopened when from is null:
                    from = e.At;
                    break;
                case IncidentResolved or IncidentCancelled when from is { } start:
                    if (e.At > start)
                    {
                        yield return new Interval(start, e.At);
                    }

                    from = null;
                    break;
            }
        }

        if (from is { } open && at > open)
        {
            yield return new Interval(open, at);
        }
    }

    /// <summary>The union of <paramref name="intervals"/> as disjoint, ordered intervals.</summary>
    internal static IEnumerable<Interval> Merge(IEnumerable<Interval> intervals)
    {
        Interval? current = null;
        foreach (var next in intervals.OrderBy(i => i.Start))
        {
            if (current is { } c && next.Start <= c.End)
            {
                current = new Interval(c.Start, next.End > c.End ? next.End : c.End);
            }
            else
            {
                if (current is { } done)
                {
                    yield return done;
                }

                current = next;
            }
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    private static Duration Business(BusinessCalendar calendar, Interval interval) => calendar.BusinessTimeBetween(interval.Start, interval.End);

    private static Duration Max(Duration a, Duration b) => a > b ? a : b;

    /// <summary>Whether the incident was resolved at or after its first note of this problem's workaround, and reopened after that resolution.</summary>
    private static (bool Resolved, bool Reopened) WorkaroundOutcome(ProblemId problem, Incident incident, Instant at)
    {
        var history = incident.History.TakeWhile(e => e.At <= at).ToList();
        var noted = history.FindIndex(e => e is IncidentWorkaroundApplied w && w.Problem == problem);
        if (noted < 0)
        {
            return (false, false);
        }

        var resolved = history.FindIndex(noted, e => e is IncidentResolved);
        return resolved < 0 ? (false, false) : (true, history.FindIndex(resolved, e => e is IncidentReopened) >= 0);
    }
}
