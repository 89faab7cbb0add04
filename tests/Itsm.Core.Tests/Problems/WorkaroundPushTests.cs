using FsCheck.Xunit;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using Itsm.Core.Tests.Incidents;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using static Itsm.Core.Tests.Problems.ProblemFixture;

namespace Itsm.Core.Tests.Problems;

/// <summary>Pushing a workaround: each open linked incident exactly once, idempotent, nothing closed moved backwards.</summary>
public sealed class WorkaroundPushTests
{
    private static readonly Instant Linked = Monday0900 + Duration.FromMinutes(4);

    [Property]
    public void Push_ReachesEachOpenLinkedIncidentOnce_IsIdempotent_AndNeverMovesAClosedOneBackwards(WorkaroundPushCase push)
    {
        var problem = WithWorkaround();
        var incidents = push.States.Select(state => Drive(problem, state)).ToList();
        var before = incidents.ToDictionary(i => i.Id, i => i.ToSnapshot());
        var open = incidents.Where(i => i.IsOpen).Select(i => i.Id).Order().ToList();
        var at = Monday0900 + Duration.FromHours(1);

        var first = problem.PushWorkaround(Shuffle(incidents, push.Seed), push.Policy, Manager, at);

        Assert.True(first.IsSuccess, string.Join("; ", first.Errors));
        Assert.Equal(open, first.Value.Reached);
        foreach (var incident in incidents)
        {
            var was = before[incident.Id];
            var notes = incident.History.OfType<IncidentWorkaroundApplied>().Where(n => n.Problem == problem.Id && n.Revision == 1).Count();
            if (open.Contains(incident.Id))
            {
                Assert.Equal(1, notes);
                var resolves = push.Policy == WorkaroundPushPolicy.ResolveWhereAllowed && was.State != IncidentState.New;
                Assert.Equal(resolves ? IncidentState.Resolved : was.State, incident.State);
                Assert.Equal(resolves, first.Value.Resolved.Contains(incident.Id));
            }
            else
            {
                Assert.Equal(was, incident.ToSnapshot());
            }
        }

        // Again, the same revision: nobody is reached, nothing changes.
        var afterFirst = incidents.ToDictionary(i => i.Id, i => i.ToSnapshot());
        var problemAfterFirst = problem.ToSnapshot();
        var second = problem.PushWorkaround(incidents, push.Policy, Manager, at + Duration.FromMinutes(push.Seed % 3));
        Assert.True(second.IsSuccess);
        Assert.Empty(second.Value.Reached);
        Assert.Equal(problemAfterFirst, problem.ToSnapshot());
        Assert.All(incidents, i => Assert.Equal(afterFirst[i.Id], i.ToSnapshot()));

        // A new revision reaches those still open, once more.
        Assert.True(problem.RecordWorkaround("Fail over to controller C", Manager, at + Duration.FromMinutes(5)).IsSuccess);
        var stillOpen = incidents.Where(i => i.IsOpen).Select(i => i.Id).Order().ToList();
        var third = problem.PushWorkaround(incidents, WorkaroundPushPolicy.NoteOnly, Manager, at + Duration.FromMinutes(6));
        Assert.Equal(stillOpen, third.Value.Reached);
        Assert.All(incidents.Where(i => stillOpen.Contains(i.Id)), i => Assert.Single(i.History.OfType<IncidentWorkaroundApplied>(), n => n.Revision == 2));
        Assert.True(Problem.Restore(problem.ToSnapshot()).IsSuccess);
        Assert.All(incidents, i => Assert.True(Incident.Restore(i.ToSnapshot()).IsSuccess));
    }

    [Fact]
    public void Push_WithoutAWorkaround_OrWithAnIncidentNotLinked_ChangesNothing()
    {
        var problem = Log();
        Assert.True(problem.Investigate(Manager, Monday0900).IsSuccess);
        var stranger = IncidentFixture.Open();

        Assert.Equal("problem.no-workaround", problem.PushWorkaround([], WorkaroundPushPolicy.NoteOnly, Manager, Monday0900).ErrorCode);
        Assert.True(problem.RecordWorkaround("restart", Manager, Monday0900).IsSuccess);
        var before = stranger.ToSnapshot();
        Assert.Equal("problem.incident-not-linked", problem.PushWorkaround([stranger], WorkaroundPushPolicy.NoteOnly, Manager, Monday0900).ErrorCode);
        Assert.Equal(before, stranger.ToSnapshot());
    }

    [Fact]
    public void Push_BeforeAnIncidentsLatestRecord_IsRefusedAndChangesNoIncident()
    {
        var problem = WithWorkaround();
        var early = Drive(problem, IncidentState.Assigned);
        var late = Drive(problem, IncidentState.New);
        Assert.True(late.Assign(Agent, Agent, Monday0900 + Duration.FromHours(3)).IsSuccess);
        var snapshots = (early.ToSnapshot(), late.ToSnapshot(), problem.ToSnapshot());

        var pushed = problem.PushWorkaround([early, late], WorkaroundPushPolicy.NoteOnly, Manager, Monday0900 + Duration.FromHours(1));

        Assert.Equal(Problem.TimeOrderCode, pushed.ErrorCode);
        Assert.Equal(snapshots, (early.ToSnapshot(), late.ToSnapshot(), problem.ToSnapshot()));
    }

    /// <summary>Opens an incident, links it to <paramref name="problem"/> and drives it to <paramref name="state"/>.</summary>
    private static Incident Drive(Problem problem, IncidentState state)
    {
        var incident = IncidentFixture.Open();
        Assert.True(problem.LinkIncident(incident, Manager, Linked).IsSuccess);
        var at = Linked + Duration.FromMinutes(1);
        var path = state switch
        {
            IncidentState.New => [],
            IncidentState.Assigned => [0],
            IncidentState.InProgress => [0, 1],
            IncidentState.OnHold => [0, 1, 2],
            IncidentState.Resolved => [0, 1, 3],
            IncidentState.Closed => [0, 1, 3, 4],
            _ => new[] { 5 },
        };
        foreach (var op in path)
        {
            var result = op switch
            {
                0 => incident.Assign(Agent, Agent, at),
                1 => incident.StartWork(Agent, at),
                2 => incident.PutOnHold(HoldReason.AwaitingSupplier, Agent, at),
                3 => incident.Resolve("rebooted", Agent, at),
                4 => incident.Close(Caller, at),
                _ => incident.Cancel("duplicate", Agent, at),
            };
            Assert.True(result.IsSuccess);
        }

        Assert.Equal(state, incident.State);
        return incident;
    }

    private static List<Incident> Shuffle(List<Incident> incidents, int seed) =>
        [.. incidents.Select((i, k) => (i, Key: ((k + 1) * 7919 * (seed + 1)) % 104729)).OrderBy(x => x.Key).Select(x => x.i)];
}

/// <summary>Linked incidents in the given states, a push policy and a seed for the order they are given in.</summary>
public sealed record WorkaroundPushCase(IncidentState[] States, WorkaroundPushPolicy Policy, int Seed)
{
    public override string ToString() => $"[{string.Join(", ", States)}] {Policy} seed {Seed}";
}
