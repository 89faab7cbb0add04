using System.Collections.Immutable;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using Itsm.Core.Tests.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Testing;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using static Itsm.Core.Tests.Problems.ProblemFixture;
using Result = Ardalis.Result.Result;

namespace Itsm.Core.Tests.Problems;

/// <summary>The problem transition table, checked against the lifecycle of DOMAIN.md, and random command sequences against the table.</summary>
public sealed class ProblemLifecycleTests
{
    /// <summary>Conformance: the state changes are Logged -> UnderInvestigation -> RootCauseKnown -> KnownError -> Resolved -> Closed, resolve and cancel.</summary>
    [Fact]
    public void Table_StateChanges_AreTheDocumentedLifecycle()
    {
        var changes = ProblemLifecycle.Table.Rules.Where(r => r.From != r.To).Select(r => (r.From, r.To)).Distinct().Order().ToList();

        (ProblemState, ProblemState)[] expected =
        [
            (ProblemState.Logged, ProblemState.UnderInvestigation), (ProblemState.Logged, ProblemState.Resolved), (ProblemState.Logged, ProblemState.Cancelled),
            (ProblemState.UnderInvestigation, ProblemState.RootCauseKnown), (ProblemState.UnderInvestigation, ProblemState.Resolved), (ProblemState.UnderInvestigation, ProblemState.Cancelled),
            (ProblemState.RootCauseKnown, ProblemState.KnownError), (ProblemState.RootCauseKnown, ProblemState.Resolved), (ProblemState.RootCauseKnown, ProblemState.Cancelled),
            (ProblemState.KnownError, ProblemState.Resolved), (ProblemState.KnownError, ProblemState.Cancelled),
            (ProblemState.Resolved, ProblemState.Closed),
        ];
        Assert.Equal(expected.Order(), changes);
        Assert.Equal([ProblemState.Logged, ProblemState.UnderInvestigation, ProblemState.RootCauseKnown, ProblemState.KnownError], ProblemLifecycle.OpenStates.ToArray());
        Assert.True(ProblemLifecycle.Table.IsFinal(ProblemState.Closed));
        Assert.True(ProblemLifecycle.Table.IsFinal(ProblemState.Cancelled));
        Assert.Equal([ProblemState.RootCauseKnown, ProblemState.KnownError], ProblemLifecycle.Table.StatesAllowing(ProblemTransition.ResolveByChange).ToArray());
    }

    [Fact]
    public void Transition_ChecksStateBeforeTimeBeforeInput()
    {
        var problem = Log();
        Assert.True(problem.Investigate(Manager, Monday0900 + Duration.FromHours(1)).IsSuccess);

        Assert.Equal(Problem.IllegalTransitionCode, problem.Close(Manager, Monday0900).ErrorCode);
        Assert.Equal(Problem.TimeOrderCode, problem.RecordRootCause(null, Manager, Monday0900).ErrorCode);
        Assert.Equal("problem.root-cause", problem.RecordRootCause(" ", Manager, Monday0900 + Duration.FromHours(2)).ErrorCode);
    }

    [Fact]
    public void RootCauseAndWorkaround_AreRecordedWithWhoAndWhen_AndTheKnownErrorCarriesThem()
    {
        var problem = WithWorkaround();
        var at = Monday0900 + Duration.FromMinutes(10);

        var published = problem.PublishKnownError(KnownErrorId.New(), "Mail stays in the outbox", "SAN-0x17", null, Manager, at);

        Assert.True(published.IsSuccess);
        Assert.Equal(ProblemState.KnownError, problem.State);
        Assert.Equal(new RecordedFinding("The SAN controller firmware drops writes", Manager, Monday0900 + Duration.FromMinutes(2)), problem.RootCause);
        Assert.Equal(1, problem.WorkaroundRevision);
        var knownError = published.Value;
        Assert.Equal((KnownErrorStatus.Published, at, problem.Id, "Fail over to controller B"), (knownError.Status, knownError.PublishedFrom!.Value, knownError.Problem!.Value, knownError.Workaround!));
        Assert.Equal(problem.KnownError, knownError.Id);
        Assert.True(knownError.AppliesAt(at));
        Assert.False(knownError.AppliesAt(at - Duration.FromTicks(1)));
    }

    [Fact]
    public void ResolveByChange_NeedsAnImplementedChange_AndLinksIt()
    {
        var problem = WithWorkaround();
        var at = Monday0900 + Duration.FromHours(1);

        Assert.Equal("problem.change-not-implemented", problem.ResolveByChange(Implemented(false), null, Manager, at).ErrorCode);
        Assert.True(problem.ResolveByChange(Implemented(), null, Manager, at).IsSuccess);

        Assert.Equal((ProblemState.Resolved, ProblemResolutionCode.Fixed, Implemented().Id), (problem.State, problem.Resolution!.Value, problem.ResolvedByChange!.Value));
        Assert.True(problem.Close(Manager, at).IsSuccess);
        Assert.Equal(problem.ToSnapshot(), Problem.Restore(problem.ToSnapshot()).Value.ToSnapshot());
    }

    [Fact]
    public void LinkIncident_LinksBothSides_AndRefusesASecondLink()
    {
        var problem = Log();
        var incident = IncidentFixture.Open();

        Assert.True(problem.LinkIncident(incident, Manager, Monday0900).IsSuccess);

        Assert.Equal([incident.Id], problem.Incidents);
        Assert.Equal(problem.Id, incident.Problem);
        Assert.Equal("problem.incident-linked", problem.LinkIncident(incident, Manager, Monday0900).ErrorCode);
    }

    [Theory]
    [InlineData("state", "is Closed, but its history")]
    [InlineData("first", "history record 0")]
    [InlineData("illegal", "is not allowed while the problem is Logged")]
    [InlineData("push", "pushes workaround revision 2")]
    public void Restore_HistoryTheTableDoesNotAllow_IsInvalidNamingTheRecord(string broken, string expected)
    {
        var problem = WithWorkaround();
        var snapshot = problem.ToSnapshot();
        var mutated = broken switch
        {
            "state" => snapshot with { State = ProblemState.Closed },
            "first" => snapshot with { LoggedAt = snapshot.LoggedAt - Duration.FromDays(1) },
            "illegal" => snapshot with { History = snapshot.History.RemoveAt(1) },
            _ => snapshot with { History = snapshot.History.Add(new ProblemWorkaroundPushed(Monday0900 + Duration.FromMinutes(5), Manager, 2, [IncidentId.New()])) },
        };

        var restored = Problem.Restore(mutated);

        var error = Assert.Single(restored.ValidationErrors);
        Assert.Equal(ProblemLifecycle.HistoryCode, error.ErrorCode);
        Assert.Contains($"Stored problem {snapshot.Id}", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(expected, error.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// Random command sequences: every accepted command makes a move the table allows and appends one record (a push
    /// that reaches nobody appends none and changes nothing); every refused one changes nothing and says why in the
    /// table's order (state, then time); snapshot-then-restore gives an equal problem.
    /// </summary>
    [Property]
    public void RandomCommands_FollowTheTable_RefusalsChangeNothing_AndRestoreIsEqual(LifecycleScript script)
    {
        var problem = Run(script, started: script.Seed >= 2, check: (before, via, at, result, after) =>
        {
            if (result.IsSuccess)
            {
                Assert.True(ProblemLifecycle.Table.Allows(before.State, via, after.State), $"{before.State} -{via}-> {after.State}");
                var added = after.History.Skip(before.History.Count).ToList();
                if (added.Count == 0)
                {
                    Assert.Equal(ProblemTransition.PushWorkaround, via);
                    Assert.Equal(before, after);
                }
                else
                {
                    var e = Assert.Single(added);
                    Assert.Equal(via, ProblemLifecycle.TransitionOf(e));
                    Assert.Equal(at, e.At);
                }
            }
            else
            {
                LifecycleChecks.Refused(before, after, ProblemLifecycle.Table, before.State, Problem.Restore(before).Value.AllowedTransitions(), via, at, before.History[^1].At, result, Problem.IllegalTransitionCode, Problem.TimeOrderCode);
            }
        });

        var snapshot = problem.ToSnapshot();
        var restored = Problem.Restore(snapshot);
        Assert.True(restored.IsSuccess, restored.ValidationErrors.FirstOrDefault()?.ErrorMessage);
        Assert.Equal(snapshot, restored.Value.ToSnapshot());
        Assert.Equal(Members(problem), Members(restored.Value));
    }

    /// <summary>The table's restore validation refuses a history that was reordered, runs backwards or lost records.</summary>
    [Property]
    public void Restore_RefusesMutatedHistories(LifecycleScript script, HistoryMutation mutation)
    {
        var snapshot = Run(script, (_, _, _, _, _) => { }, started: true).ToSnapshot();

        var restored = Problem.Restore(snapshot with { History = Mutate(snapshot.History, mutation) });

        Assert.Equal(ProblemLifecycle.HistoryCode, Assert.Single(restored.ValidationErrors).ErrorCode);
    }

    /// <summary>The scripts reach every row of the table, or the lifecycle property proves less than it says.</summary>
    [Fact]
    public void Scripts_ReachEveryRowOfTheTable()
    {
        var reached = new HashSet<TransitionRule<ProblemState, ProblemTransition>>();
        foreach (var script in Arbitraries.LifecycleScripts().Generator.Sample(size: 60, seed: new FsCheck.Rnd(20261202UL), numberOfSamples: Math.Max(PropertyRuns.Runs, 1000)))
        {
            Run(script, started: script.Seed >= 2, check: (before, via, _, result, after) =>
            {
                if (result.IsSuccess)
                {
                    reached.Add(new(before.State, via, after.State));
                }
            });
        }

        Assert.Empty(ProblemLifecycle.Table.Rules.Except(reached));
    }

    internal static ImmutableList<ProblemEvent> Mutate(ImmutableList<ProblemEvent> history, HistoryMutation mutation) =>
        HistoryMutations.Apply(history, mutation, e => e.At, (e, at) => e with { At = at }, DropFromLastStateChange);

    /// <summary>Every member a restore must rebuild, as text.</summary>
    private static string Members(Problem p) =>
        $"{p.State} {p.Priority} {p.Assignee} [{string.Join(",", p.Incidents)}] {p.RootCause} {p.Workaround} {p.WorkaroundRevision} {p.KnownError} {p.Resolution} {p.ResolutionNotes} {p.ResolvedByChange} {p.ResolvedAt} "
        + string.Join(",", p.Incidents.Select(i => p.HasReached(i, p.WorkaroundRevision)));

    private static ImmutableList<ProblemEvent> DropFromLastStateChange(ImmutableList<ProblemEvent> history)
    {
        var state = ProblemState.Logged;
        var last = -1;
        for (var k = 1; k < history.Count; k++)
        {
            var to = ProblemLifecycle.Table.TargetsOf(state, ProblemLifecycle.TransitionOf(history[k])!.Value)[0];
            last = to != state ? k : last;
            state = to;
        }

        return history.RemoveRange(last, history.Count - last);
    }

    /// <summary>
    /// Logs a problem, when <paramref name="started"/> starts investigating and assigns it a minute apart (so that every
    /// mutation applies), then runs the script; incidents are opened as the script links them.
    /// </summary>
    internal static Problem Run(LifecycleScript script, Action<ProblemSnapshot, ProblemTransition, Instant, Result, ProblemSnapshot> check, bool started = false)
    {
        var problem = Log();
        var now = Monday0900;
        var incidents = new List<Incident>();
        if (started)
        {
            Assert.True(problem.Investigate(Manager, now += Duration.FromMinutes(1)).IsSuccess);
            Assert.True(problem.Assign(Agent, Manager, now += Duration.FromMinutes(1)).IsSuccess);
        }

        foreach (var step in script.Steps)
        {
            now += Duration.FromMinutes(step.Minutes);
            var at = step.Backwards ? problem.History[^1].At - Duration.FromMinutes(1) : now;
            var before = problem.ToSnapshot();
            var (via, result) = step.Op switch
            {
                0 => (ProblemTransition.Investigate, problem.Investigate(Manager, at)),
                1 => (ProblemTransition.Assign, problem.Assign(step.Level == 4 ? default : UserId.From($"analyst{step.Level}"), Manager, at)),
                2 => (ProblemTransition.LinkIncident, Link(problem, incidents, step.Level, at)),
                3 => (ProblemTransition.ChangePriority, problem.ChangePriority(Decision(Math.Min(step.Level, 3), 2), step.Level == 4 ? null : "more users", Manager, at)),
                4 => (ProblemTransition.RecordRootCause, problem.RecordRootCause(step.Level == 4 ? " " : $"cause {step.Level}", Manager, at)),
                5 => (ProblemTransition.RecordWorkaround, problem.RecordWorkaround(step.Level == 4 ? null : $"workaround {step.Level}", Manager, at)),
                6 => (ProblemTransition.PublishKnownError, Untyped(problem.PublishKnownError(KnownErrorId.New(), step.Level == 4 ? null : "mail stuck", null, null, Manager, at))),
                7 => (ProblemTransition.PushWorkaround, Untyped(problem.PushWorkaround(incidents, step.Level == 1 ? WorkaroundPushPolicy.ResolveWhereAllowed : WorkaroundPushPolicy.NoteOnly, Manager, at))),
                8 => (ProblemTransition.Resolve, problem.Resolve((ProblemResolutionCode)(step.Level - 1), "done", Manager, at)),
                9 => (ProblemTransition.ResolveByChange, problem.ResolveByChange(Implemented(step.Level != 4), null, Manager, at)),
                10 => (ProblemTransition.Close, problem.Close(Manager, at)),
                11 => (ProblemTransition.Cancel, problem.Cancel(step.Level == 4 ? " " : "not a problem", Manager, at)),
                12 => (ProblemTransition.Resolve, problem.Resolve((ProblemResolutionCode)99, "done", Manager, at)),
                _ => (ProblemTransition.Resolve, problem.Resolve(ProblemResolutionCode.Duplicate, null, Manager, at)),
            };
            check(before, via, at, result, problem.ToSnapshot());
        }

        return problem;
    }

    private static Result Untyped<T>(Ardalis.Result.Result<T> result) => result.IsSuccess ? Result.Success() : result.AsFailure();

    /// <summary>Links a new incident (opened at the problem's logging), or the incident already linked for level 4.</summary>
    private static Result Link(Problem problem, List<Incident> incidents, int level, Instant at)
    {
        if (level == 4 && incidents.Count > 0)
        {
            return problem.LinkIncident(incidents[0], Manager, at);
        }

        var incident = IncidentFixture.Open();
        var linked = problem.LinkIncident(incident, Manager, at);
        if (linked.IsSuccess)
        {
            incidents.Add(incident);
        }

        return linked;
    }
}
