using FsCheck.Xunit;
using Itsm.Core.Calendars;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using static Itsm.Core.Tests.Problems.ProblemFixture;

namespace Itsm.Core.Tests.Problems;

/// <summary>One generated incident: opened <see cref="Opened"/> minutes after the start, then resolved, reopened, resolved after the gaps (0 stops).</summary>
/// <param name="Opened">Minutes after <see cref="IncidentFixture.Monday0900"/>.</param>
/// <param name="Gaps">Minutes to the next resolution, reopening, resolution; a 0 stops the story there.</param>
/// <param name="Cancel">Cancel it instead of the first resolution.</param>
public sealed record MeasuredIncident(int Opened, int[] Gaps, bool Cancel);

/// <summary>A problem's incidents and the minute it is measured at.</summary>
/// <param name="Incidents">The incidents.</param>
/// <param name="At">Minutes after <see cref="IncidentFixture.Monday0900"/>.</param>
/// <param name="Seed">Shuffles the incidents given.</param>
public sealed record MeasureCase(MeasuredIncident[] Incidents, int At, int Seed);

/// <summary>The problem measures add up: downtime against a minute-by-minute reference, overlaps counted once, order irrelevant.</summary>
public sealed class ProblemMeasuresTests
{
    private static readonly Instant Start = Monday0900;
    private static readonly BusinessCalendar RoundTheClock = BusinessCalendar.TwentyFourSeven(DateTimeZone.Utc);

    [Property]
    public void Downtime_IsTheBusinessTimeSomeIncidentWasUnresolved_MinuteByMinute_AndNeverExceedsTheIncidentsTotal(MeasureCase measure)
    {
        var (problem, incidents) = Build(measure);
        var at = Start + Duration.FromMinutes(measure.At);

        foreach (var calendar in new[] { RoundTheClock, OfficeHours })
        {
            var measured = ProblemMeasures.Measure(problem, incidents, calendar, at);

            var minutes = Enumerable.Range(0, measure.At).Select(m => Start + Duration.FromMinutes(m)).Where(m => calendar.BusinessTimeBetween(m, m + Duration.FromMinutes(1)) > Duration.Zero).ToList();
            var perIncident = incidents.Select(i => minutes.Count(m => IsUnresolved(i, m))).ToList();
            Assert.Equal(Duration.FromMinutes(minutes.Count(m => incidents.Any(i => IsUnresolved(i, m)))), measured.Downtime);
            Assert.Equal(Duration.FromMinutes(perIncident.Sum()), measured.IncidentDowntime);
            Assert.True(measured.Downtime <= measured.IncidentDowntime);
            Assert.True(measured.Downtime >= Duration.FromMinutes(perIncident.DefaultIfEmpty(0).Max()));
            Assert.Equal((incidents.Count, incidents.Count(i => i.IsOpen)), (measured.Incidents, measured.OpenIncidents));
        }
    }

    [Property]
    public void Measure_DoesNotDependOnTheOrderOfTheIncidents_NorOnIncidentsGivenTwice(MeasureCase measure)
    {
        var (problem, incidents) = Build(measure);
        var at = Start + Duration.FromMinutes(measure.At);
        var random = new Random(measure.Seed);
        var shuffled = incidents.Concat(incidents.Take(2)).OrderBy(_ => random.Next()).ToList();

        Assert.Equal(ProblemMeasures.Measure(problem, incidents, OfficeHours, at), ProblemMeasures.Measure(problem, shuffled, OfficeHours, at));
    }

    [Fact]
    public void Measure_CountsTheWorkaroundsThatHeld_TheRootCauseDelay_AndTheIncidentsSinceTheKnownError()
    {
        var problem = Log();
        var held = Open(at: Start);
        var reopened = Open(at: Start);
        foreach (var incident in new[] { held, reopened })
        {
            Assert.True(incident.Assign(Agent, Agent, Start).IsSuccess);
            Assert.True(problem.LinkIncident(incident, Manager, Start).IsSuccess);
        }

        Assert.True(problem.Investigate(Manager, Start + Duration.FromMinutes(10)).IsSuccess);
        Assert.True(problem.RecordRootCause("Firmware", Manager, Start + Duration.FromMinutes(90)).IsSuccess);
        Assert.True(problem.RecordWorkaround("Fail over", Manager, Start + Duration.FromMinutes(95)).IsSuccess);
        Assert.True(problem.PushWorkaround([held, reopened], WorkaroundPushPolicy.ResolveWhereAllowed, Manager, Start + Duration.FromMinutes(100)).IsSuccess);
        Assert.True(reopened.Reopen("Failed again", Agent, Start + Duration.FromMinutes(120)).IsSuccess);
        Assert.True(problem.PublishKnownError(Itsm.Core.Common.KnownErrorId.New(), "Mail stalls", null, null, Manager, Start + Duration.FromMinutes(130)).IsSuccess);
        var late = Open(at: Start + Duration.FromMinutes(140));
        Assert.True(problem.LinkIncident(late, Manager, Start + Duration.FromMinutes(140)).IsSuccess);

        var measured = ProblemMeasures.Measure(problem, [held, reopened, late], RoundTheClock, Start + Duration.FromMinutes(150));

        Assert.Equal((3, 2, 2, 1, 1), (measured.Incidents, measured.OpenIncidents, measured.ResolvedWithWorkaround, measured.ReopenedAfterWorkaround, measured.IncidentsSinceKnownError));
        Assert.Equal(Duration.FromMinutes(90), measured.TimeToRootCause);
        Assert.Equal(Duration.FromMinutes(150), measured.Age);
        Assert.Equal(Duration.FromMinutes(100 + 130 + 10), measured.IncidentDowntime); // held 0-100, reopened 0-100 and 120-150, late 140-150
        Assert.Equal(Duration.FromMinutes(100 + 30), measured.Downtime);
    }

    [Fact]
    public void Measure_SlaBreachSinceTheKnownError_SumsEachClocksTimePastItsTarget_OnlyForIncidentsOpenedSince()
    {
        var problem = Log(Start);
        var before = Open(at: Start);
        Assert.True(problem.LinkIncident(before, Manager, Start).IsSuccess);
        Assert.True(problem.Investigate(Manager, Start + Duration.FromMinutes(5)).IsSuccess);
        Assert.True(problem.RecordRootCause("Firmware", Manager, Start + Duration.FromMinutes(10)).IsSuccess);
        Assert.True(problem.PublishKnownError(Itsm.Core.Common.KnownErrorId.New(), "Mail stalls", null, null, Manager, Start + Duration.FromMinutes(20)).IsSuccess);
        var opened = Start + Duration.FromMinutes(30); // Monday 09:30 in London
        var answered = Open(at: opened);
        var silent = Open(at: opened);
        Assert.True(answered.Assign(Agent, Agent, opened + Duration.FromMinutes(30)).IsSuccess); // stops its response clock within target
        foreach (var incident in new[] { answered, silent })
        {
            Assert.True(problem.LinkIncident(incident, Manager, opened + Duration.FromMinutes(30)).IsSuccess);
        }

        var at = Start + Duration.FromDays(1) + Duration.FromHours(8); // Tuesday 17:00: 7h30 + 8h of office hours since 09:30 Monday
        var targets = Sla.TargetsFor(answered.Priority.Rank).Value;
        var elapsed = Duration.FromMinutes((7 * 60) + 30 + (8 * 60));
        Duration Past(Duration target) => elapsed > target ? elapsed - target : Duration.Zero;

        var measured = ProblemMeasures.Measure(problem, [before, answered, silent], OfficeHours, at);
        var unpublished = ProblemMeasures.Measure(Log(Start), [before], OfficeHours, at);

        Assert.Equal(2, measured.IncidentsSinceKnownError);
        Assert.Equal(Past(targets.Resolution) + Past(targets.Response) + Past(targets.Resolution), measured.SlaBreachSinceKnownError);
        Assert.True(measured.SlaBreachSinceKnownError > Duration.Zero);
        Assert.Equal(Duration.Zero, unpublished.SlaBreachSinceKnownError);
    }

    /// <summary>The obviously correct reference: the incident's last opening, reopening, resolution or cancellation at or before <paramref name="minute"/> says whether it is unresolved.</summary>
    private static bool IsUnresolved(Incident incident, Instant minute) =>
        incident.History.LastOrDefault(e => e.At <= minute && e is IncidentOpened or IncidentReopened or IncidentResolved or IncidentCancelled) is IncidentOpened or IncidentReopened;

    private static (Problem Problem, List<Incident> Incidents) Build(MeasureCase measure)
    {
        var problem = Log(Start);
        var incidents = new List<Incident>();
        foreach (var spec in measure.Incidents.OrderBy(i => i.Opened))
        {
            var opened = Start + Duration.FromMinutes(spec.Opened);
            var incident = Open(at: opened);
            Assert.True(incident.Assign(Agent, Agent, opened).IsSuccess);
            Assert.True(problem.LinkIncident(incident, Manager, opened).IsSuccess);
            incidents.Add(incident);
        }

        foreach (var (incident, spec) in incidents.Zip(measure.Incidents.OrderBy(i => i.Opened)))
        {
            var at = incident.OpenedAt;
            for (var step = 0; step < spec.Gaps.Length && spec.Gaps[step] > 0; step++)
            {
                at += Duration.FromMinutes(spec.Gaps[step]);
                var done = step switch
                {
                    0 when spec.Cancel => incident.Cancel("Duplicate", Agent, at),
                    0 or 2 => incident.Resolve("Restarted", Agent, at),
                    _ => incident.Reopen("Again", Agent, at),
                };
                Assert.True(done.IsSuccess, string.Join("; ", done.Errors));
                if (incident.State == IncidentState.Cancelled)
                {
                    break;
                }
            }
        }

        return (problem, incidents);
    }
}
