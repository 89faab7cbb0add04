using FsCheck.Xunit;
using Itsm.Core.Incidents;
using NodaTime;
using static Itsm.Core.Tests.Incidents.IncidentFixture;

namespace Itsm.Core.Tests.Incidents;

public class IncidentPropertyTests
{
    private static readonly Dictionary<IncidentState, IncidentState[]> Legal = new()
    {
        [IncidentState.New] = [IncidentState.Assigned, IncidentState.Cancelled],
        [IncidentState.Assigned] = [IncidentState.InProgress, IncidentState.Resolved, IncidentState.Cancelled],
        [IncidentState.InProgress] = [IncidentState.OnHold, IncidentState.Resolved, IncidentState.Cancelled],
        [IncidentState.OnHold] = [IncidentState.InProgress, IncidentState.Resolved, IncidentState.Cancelled],
        [IncidentState.Resolved] = [IncidentState.Closed, IncidentState.InProgress],
        [IncidentState.Closed] = [],
        [IncidentState.Cancelled] = [],
    };

    /// <summary>Random command sequences never throw, only make legal transitions, and keep the clocks consistent.</summary>
    [Property]
    public bool Property_RandomCommandSequencesStayLegalAndClocksConsistent(IncidentScript s)
    {
        var opened = Monday0900 + Duration.FromDays(s.StartDays);
        var incident = Open(s.Impact, s.Urgency, opened);
        var now = opened;
        foreach (var (op, minutes, level) in s.Steps)
        {
            now += Duration.FromMinutes(minutes);
            var before = incident.State;
            var result = op switch
            {
                0 => incident.Assign(Agent, Agent, now),
                1 => incident.StartWork(Agent, now),
                2 => incident.RecordFirstResponse(Agent, now),
                3 => incident.PutOnHold(level == 1 ? HoldReason.AwaitingSupplier : HoldReason.AwaitingCustomer, Agent, now),
                4 => incident.Resume(Agent, now),
                5 => incident.Resolve("done", Agent, now),
                6 => incident.Close(Agent, now),
                7 => incident.Reopen("again", Agent, now),
                8 => incident.Cancel("duplicate", Agent, now),
                9 => incident.ChangePriority(Decision(level, level), "reassessed", Agent, now),
                _ => incident.Assign(Agent, Agent, now - Duration.FromMinutes(1)), // may go back in time: must be refused
            };
            if (incident.State != before && !Legal[before].Contains(incident.State))
            {
                throw new InvalidOperationException($"Illegal transition {before} -> {incident.State} by op {op}.");
            }

            if (!result.IsSuccess && incident.State != before)
            {
                throw new InvalidOperationException($"Failed op {op} ({result.Message}) still changed the state {before} -> {incident.State}.");
            }

            incident.ProjectSla(OfficeHours, now);
        }

        return ClocksAreConsistent(incident, now + Duration.FromHours(1));
    }

    private static bool ClocksAreConsistent(Incident incident, Instant until)
    {
        if (incident.ResolutionClock is null)
        {
            return incident.Priority.Rank == 5 || incident.History.OfType<IncidentSlaNotApplied>().Any();
        }

        // Elapsed is monotone in the evaluation instant and never above wall-clock business time.
        var samples = Enumerable.Range(0, 12).Select(i => incident.OpenedAt + ((until - incident.OpenedAt) * i / 11)).ToList();
        var elapsed = samples.Select(t => incident.ResolutionClock.Evaluate(t, OfficeHours).Elapsed).ToList();
        for (var i = 1; i < elapsed.Count; i++)
        {
            if (elapsed[i] < elapsed[i - 1] || elapsed[i] > OfficeHours.BusinessTimeBetween(incident.OpenedAt, samples[i]))
            {
                throw new InvalidOperationException($"Elapsed not monotone or above business time at {samples[i]}: {string.Join(", ", elapsed)}.");
            }
        }

        // Paused and resolved spans add nothing: elapsed equals business time summed over active spans.
        var actual = incident.ResolutionClock.Evaluate(until, OfficeHours).Elapsed;
        var expected = ReferenceElapsed(incident, until);
        return actual == expected
            ? true
            : throw new InvalidOperationException(
                $"Elapsed {actual} but the active spans hold {expected}. History: {string.Join(" | ", incident.History.Select(e => $"{e.GetType().Name}@{e.At}"))}. Clock: {string.Join(" | ", incident.ResolutionClock.Events)}");
    }

    private static Duration ReferenceElapsed(Incident incident, Instant until)
    {
        var total = Duration.Zero;
        Instant? runningSince = null;
        foreach (var e in incident.History)
        {
            switch (e)
            {
                case IncidentOpened or IncidentResumed or IncidentReopened when runningSince is null:
                    runningSince = e.At;
                    break;
                case IncidentPutOnHold or IncidentResolved or IncidentCancelled when runningSince is { } since:
                    total += OfficeHours.BusinessTimeBetween(since, e.At);
                    runningSince = null;
                    break;
            }
        }

        return runningSince is { } open ? total + OfficeHours.BusinessTimeBetween(open, until) : total;
    }
}
