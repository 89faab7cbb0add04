using Itsm.Core.Availability;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Benchmarks.Baselines;

/// <summary>
/// Availability the way reporting tools compute it: walk the period minute by minute, find the
/// outages covering each minute, run impact analysis for them (planned ones alone and all), and add
/// the minute to the figures of each service when the calendar says it is working time. Exact when
/// every edge is a whole minute (the fixture's are), and the same definitions as
/// <see cref="AvailabilityMeasure"/>; only the method differs: O(minutes x (outages + impact)).
/// </summary>
public static class PerMinuteAvailability
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    /// <summary>Planned, down and degraded minutes and outages of every business service over <paramref name="period"/>.</summary>
    public static Dictionary<ConfigurationItemId, (long Planned, long Down, long Degraded, int Outages)> Measure(
        CmdbSnapshot snapshot, BusinessCalendar hours, Interval period, IReadOnlyList<Outage> outages)
    {
        var figures = new Dictionary<ConfigurationItemId, (long Planned, long Down, long Degraded, int Outages)>();
        var inRun = new Dictionary<ConfigurationItemId, (bool Down, bool Agreed)>();
        var relevant = outages.Where(o => o.Start < period.End && (o.End ?? period.End) > period.Start).OrderBy(o => o.Start).ToList();
        for (var t = period.Start; t <= period.End; t += Minute)
        {
            var last = t == period.End;
            var covering = last ? [] : relevant.Where(o => o.Start <= t && (o.End is not { } e || t < e)).ToList();
            var all = ImpactAnalysis.Analyse(snapshot, covering.Select(o => o.Item)).Value;
            var planned = ImpactAnalysis.Analyse(snapshot, covering.Where(o => o.IsPlanned).Select(o => o.Item)).Value;
            var working = !last && hours.IsWorkingTime(t);
            var plannedDown = planned.ImpactedServices.Where(s => s.State == ImpactState.Down).Select(s => s.Id).ToHashSet();
            var touched = new HashSet<ConfigurationItemId>();
            foreach (var service in all.ImpactedServices)
            {
                touched.Add(service.Id);
                var f = figures.GetValueOrDefault(service.Id);
                var run = inRun.GetValueOrDefault(service.Id);
                if (working)
                {
                    if (plannedDown.Contains(service.Id))
                    {
                        f.Planned++;
                    }
                    else if (service.State == ImpactState.Down)
                    {
                        f.Down++;
                        run.Agreed = true;
                    }
                    else
                    {
                        f.Degraded++;
                    }
                }

                var down = service.State == ImpactState.Down;
                if (run.Down && !down)
                {
                    f.Outages += run.Agreed ? 1 : 0;
                    run.Agreed = false;
                }

                run.Down = down;
                figures[service.Id] = f;
                inRun[service.Id] = run;
            }

            foreach (var (id, run) in inRun.Where(p => p.Value.Down && !touched.Contains(p.Key)).ToList())
            {
                var f = figures[id];
                f.Outages += run.Agreed ? 1 : 0;
                figures[id] = f;
                inRun[id] = default;
            }
        }

        return figures;
    }
}
