using Itsm.Core.Availability;
using Itsm.Core.Calendars;
using Itsm.Core.Configuration;
using Itsm.Core.Tests.Calendars;
using Itsm.Core.Tests.Configuration;
using NodaTime;

namespace Itsm.Core.Tests.Availability;

/// <summary>One generated outage in raw form: item index, start in minutes from the period start (may lie before it), length in minutes (null: ongoing), planned or not.</summary>
public readonly record struct OutageSpec(int Item, int StartMinute, int? LengthMinutes, bool Planned);

/// <summary>
/// A random availability question: a CMDB (with k-of-n clusters and cycles), a service-hours calendar
/// anchored at a DST transition (with holidays and overrides), a minute-aligned period near it, outages
/// on the CMDB's items (some overlapping, some straddling the period, some ongoing) and the services to
/// measure. <see cref="BruteForce"/> is the obviously correct answer, one minute at a time.
/// </summary>
public sealed record AvailabilityCase(CmdbCase Cmdb, CalendarSpec Calendar, Instant From, int LengthMinutes, OutageSpec[] Outages, int[] Services, int Pick)
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private BusinessCalendar? calendar;
    private CmdbSnapshot? snapshot;

    public Instant To => From + Duration.FromMinutes(LengthMinutes);

    public Interval Period => new(From, To);

    public BusinessCalendar Hours => calendar ??= Calendar.Compile();

    public CmdbSnapshot Snapshot => snapshot ??= Cmdb.Build().Value;

    public IEnumerable<ConfigurationItemId> ServiceIds => Services.Select(CmdbCase.Id);

    public IEnumerable<Outage> OutageValues => Outages.Select(ToOutage);

    public Outage ToOutage(OutageSpec o) => Outage.Create(
        CmdbCase.Id(o.Item),
        From + Duration.FromMinutes(o.StartMinute),
        o.LengthMinutes is { } l ? From + Duration.FromMinutes(o.StartMinute + l) : null,
        o.Planned ? OutageKind.Planned : OutageKind.Unplanned).Value;

    public IReadOnlyList<ServiceAvailability> Measure(IEnumerable<OutageSpec>? outages = null, Interval? period = null, CmdbCase? cmdb = null) =>
        AvailabilityMeasure.Measure(
            cmdb is null ? Snapshot : cmdb.Build().Value,
            Hours,
            period ?? Period,
            (outages ?? Outages).Select(ToOutage),
            ServiceIds).Value;

    /// <summary>
    /// The definition evaluated one minute at a time (every edge is a whole minute, so each minute is
    /// wholly in or out): which outages cover the minute, the naive fixpoint of the impact equations for
    /// those items (planned ones alone, and all), and the minute-walking reference calendar.
    /// </summary>
    public (long Hours, long Planned, long Down, long Degraded, int Outages)[] BruteForce(IReadOnlyList<OutageSpec>? outages = null, int fromMinute = 0, int? toMinute = null)
    {
        outages ??= Outages;
        var reference = new ReferenceCalendar(Calendar);
        var memo = new Dictionary<string, ImpactState[]>();
        ImpactState[] States(IEnumerable<int> failed)
        {
            var set = failed.Distinct().Order().ToArray();
            var key = string.Join(',', set);
            if (!memo.TryGetValue(key, out var states))
            {
                states = Cmdb.Reference(set, excludeMaintenance: false);
                memo[key] = states;
            }

            return states;
        }

        var figures = new (long Hours, long Planned, long Down, long Degraded, int Outages)[Services.Length];
        var inRun = new bool[Services.Length];
        var runHasAgreed = new bool[Services.Length];
        var end = toMinute ?? LengthMinutes;
        for (var m = fromMinute; m <= end; m++)
        {
            var last = m == end;
            var working = !last && reference.IsWorking(From + (Minute * m));
            var covering = last ? [] : outages.Where(o => o.StartMinute <= m && (o.LengthMinutes is not { } l || m < o.StartMinute + l)).ToArray();
            var all = States(covering.Select(o => o.Item));
            var planned = States(covering.Where(o => o.Planned).Select(o => o.Item));
            for (var s = 0; s < Services.Length; s++)
            {
                var v = Services[s];
                var down = !last && (all[v] == ImpactState.Down || planned[v] == ImpactState.Down);
                ref var f = ref figures[s];
                if (working)
                {
                    f.Hours++;
                    if (planned[v] == ImpactState.Down)
                    {
                        f.Planned++;
                    }
                    else if (all[v] == ImpactState.Down)
                    {
                        f.Down++;
                        runHasAgreed[s] = true;
                    }
                    else if (all[v] == ImpactState.Degraded)
                    {
                        f.Degraded++;
                    }
                }

                if (inRun[s] && !down)
                {
                    f.Outages += runHasAgreed[s] ? 1 : 0;
                    runHasAgreed[s] = false;
                }

                inRun[s] = down;
            }
        }

        return figures;
    }

    public override string ToString() =>
        $"CMDB {Cmdb}\n calendar {Calendar}\n period [{From}, {To}) ({LengthMinutes} min)\n outages [{string.Join(", ", Outages.Select(o => $"c{o.Item} {(o.Planned ? "planned" : "unplanned")} +{o.StartMinute}m/{(o.LengthMinutes is { } l ? l + "m" : "ongoing")}"))}]\n services [{string.Join(", ", Services.Select(s => $"c{s}"))}] pick {Pick}";
}
